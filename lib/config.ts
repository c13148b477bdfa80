/**
 * The one place that reads configuration. `loadConfig(env)` parses every setting, reports all
 * problems together, and returns a frozen object that is passed down; nothing else reads
 * `process.env`.
 */

import os from 'node:os';
import { LOG_LEVELS, type LogLevel } from './logger.ts';
import { DEV_WRITE_KEY_ENTRY, parseApiKeys, type ApiKey } from './api-keys.ts';
import { parseWebhookConfig, type WebhookConfig } from './webhook-config.ts';

/** Shorter SUBGRAPH_SECRETs are refused: it is the only thing standing between a subgraph port and the graph. */
export const MIN_SUBGRAPH_SECRET_LENGTH = 32;

export type AppEnv = 'development' | 'test' | 'production';

export const SUBGRAPH_NAMES = ['regulations', 'obligations', 'ai-services', 'institutions', 'assistant'] as const;
export type SubgraphName = (typeof SUBGRAPH_NAMES)[number];

/** The variable that sets each subgraph's port (and, with `_URL` for `_PORT`, its URL for the gateway). */
export const SUBGRAPH_PORT_VARS: Record<SubgraphName, string> = {
  regulations: 'REGULATIONS_PORT',
  obligations: 'OBLIGATIONS_PORT',
  'ai-services': 'AI_SERVICES_PORT',
  institutions: 'INSTITUTIONS_PORT',
  assistant: 'ASSISTANT_PORT',
};

export interface Neo4jConfig {
  /** Bolt URI of the server; when `managed` is true the project starts it itself. */
  uri: string;
  username: string;
  password: string;
  database: string;
  /** True when NEO4J_URI was not given: `db:start` runs the bundled Neo4j Community server. */
  managed: boolean;
  boltPort: number;
  homeDir: string;
  heap: string;
  pageCacheMb: number;
  /** Transaction timeout of every Cypher query (NEO4J_QUERY_TIMEOUT_MS). */
  queryTimeoutMs: number;
}

export interface Config {
  env: AppEnv;
  host: string;
  gatewayPort: number;
  subgraphPorts: Record<SubgraphName, number>;
  /**
   * Where the standalone gateway finds each subgraph (REGULATIONS_URL, …): a load balancer in front
   * of several instances, on other hosts. Null = `http://HOST:<subgraph port>/`.
   */
  subgraphUrls: Record<SubgraphName, string | null>;
  neo4j: Neo4jConfig;
  /**
   * The Neo4j user of the write path (applySeed, the seed CLI's direct mode, start-up's base load):
   * NEO4J_WRITE_USERNAME / NEO4J_WRITE_PASSWORD, default the NEO4J_USERNAME / NEO4J_PASSWORD of reads.
   */
  neo4jWrite: { username: string; password: string };
  /** API keys as sha256 hashes with scopes: WRITE_API_KEYS (write + read) and READ_API_KEYS (lib/api-keys.ts). */
  apiKeys: readonly ApiKey[];
  /** REQUIRE_READ_KEY: every GraphQL request needs a valid read or write key (401 otherwise). */
  requireReadKey: boolean;
  /** The seed mutations: per-key rate limit (WRITE_RATE_LIMIT, "10/minute") and size caps (MAX_SEED_BYTES, MAX_SEED_FILES). */
  writeApi: { rateLimit: { points: number; durationSec: number }; maxSeedBytes: number; maxSeedFiles: number };
  /** Settings accepted with a warning (plaintext API keys outside production). */
  warnings: readonly string[];
  ideEnabled: boolean;
  /**
   * Per-operation limits (lib/graphql-limits.ts), at the gateway and, with room for the gateway's own
   * query plans, on every subgraph; `maxResponseItems` caps the list items one response produces
   * (lib/response-cap.ts).
   */
  limits: {
    maxDepth: number;
    maxCost: number;
    maxAliases: number;
    maxDirectives: number;
    maxTokens: number;
    maxResponseItems: number;
    maxTextLength: number;
    maxListLimit: number;
  };
  /**
   * Graph reads kept between requests until the data version moves (subgraphs/shared/shared-reads.ts):
   * entries per loader; 0 turns the shared cache off (every request reads Neo4j).
   */
  readCacheEntries: number;
  /** Answer single-fetch plans with the subgraph's data, without Apollo's result shaping (GATEWAY_PASS_THROUGH; gateway/single-fetch.ts). */
  gatewayPassThrough: boolean;
  /**
   * V8 old-space budget of each serving process `npm start` launches (MB, SERVE_HEAP_MB). Without
   * one V8 lets the heap grow to several times the live data under load (measured: 900 MB RSS for
   * ~140 MB of live objects at ×100); with it the same run stays near 250 MB (525 MB with the ×100
   * matcher index). Raise it for much larger graphs.
   */
  serveHeapMb: number;
  /**
   * Worker processes of the default `npm start` (SERVE_WORKERS): each runs the five subgraphs and the
   * gateway, and they share the ports (node:cluster). One Node process uses one core; the default is
   * the machine's cores, at most 4 (each worker is ~250 MB of RSS).
   */
  serveWorkers: number;
  /**
   * Subgraphs the in-process stack builds itself (LOCAL_SUBGRAPHS, comma-separated; default all);
   * the gateway reaches the others over HTTP at their `*_URL` or port. `npm start` gives every
   * cluster worker but the first all but the assistant, so the matcher index is held once.
   */
  localSubgraphs: SubgraphName[];
  /** Level of the JSON log (LOG_LEVEL: fatal, error, warn, info, debug, trace, silent; lib/logger.ts). */
  logLevel: LogLevel;
  /**
   * Port of /healthz, /readyz and /metrics (OPS_PORT), for operators who keep them off the API port.
   * Null: each process answers them on its own gateway and subgraph ports.
   */
  opsPort: number | null;
  /** On SIGTERM, how long in-flight requests may take before the process closes anyway (SHUTDOWN_GRACE_MS). */
  shutdownGraceMs: number;
  /** How long `npm start` waits for every serving process to say ready before it gives up and stops them (START_READY_TIMEOUT_MS). */
  startReadyTimeoutMs: number;
  /**
   * Bounded waits at the gateway (gateway/subgraph-resilience.ts): one subgraph fetch
   * (SUBGRAPH_TIMEOUT_MS), one whole request (REQUEST_TIMEOUT_MS), and the circuit breaker per
   * subgraph: open after SUBGRAPH_BREAKER_FAILURES failures in a row, one trial after SUBGRAPH_BREAKER_RESET_MS.
   */
  resilience: { subgraphTimeoutMs: number; requestTimeoutMs: number; breakerFailures: number; breakerResetMs: number };
  /**
   * SUBGRAPH_SECRET: the gateway sends it with every subgraph request and subgraphs refuse requests
   * without it (lib/subgraph-secret.ts). Required in production; elsewhere null means that whoever
   * starts the graph (npm start, the in-process stack) makes one for the run.
   */
  subgraphSecret: string | null;
  /** Webhook notifications of the change feed (lib/webhook-config.ts, README "Webhooks"). */
  webhooks: WebhookConfig;
}

export class ConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(`Invalid configuration:\n  - ${problems.join('\n  - ')}`);
    this.name = 'ConfigError';
  }
}

/** Documented local default; production refuses to start with it. */
export const DEV_NEO4J_PASSWORD = 'regkg-dev-password';

type Env = Record<string, string | undefined>;

export function loadConfig(env: Env = process.env): Config {
  const problems: string[] = [];
  const str = (name: string, fallback: string): string => {
    const v = env[name];
    return v === undefined || v.trim() === '' ? fallback : v.trim();
  };
  const int = (name: string, fallback: number, min = 1, max = 1_000_000): number => {
    const raw = env[name];
    if (raw === undefined || raw.trim() === '') return fallback;
    const n = Number(raw);
    if (!Number.isInteger(n) || n < min || n > max) {
      problems.push(`${name} must be an integer between ${min} and ${max}, got "${raw}"`);
      return fallback;
    }
    return n;
  };
  const bool = (name: string, fallback: boolean): boolean => {
    const raw = env[name]?.trim().toLowerCase();
    if (raw === undefined || raw === '') return fallback;
    if (['1', 'true', 'yes', 'on'].includes(raw)) return true;
    if (['0', 'false', 'no', 'off'].includes(raw)) return false;
    problems.push(`${name} must be true or false, got "${env[name]}"`);
    return fallback;
  };

  const oneOf = <T extends string>(name: string, allowed: readonly T[], fallback: T): T => {
    const raw = env[name]?.trim().toLowerCase();
    if (raw === undefined || raw === '') return fallback;
    if ((allowed as readonly string[]).includes(raw)) return raw as T;
    problems.push(`${name} must be one of ${allowed.join(', ')}, got "${env[name]}"`);
    return fallback;
  };

  const url = (name: string): string | null => {
    const raw = env[name]?.trim();
    if (!raw) return null;
    try {
      const u = new URL(raw);
      if (u.protocol === 'http:' || u.protocol === 'https:') return u.href;
    } catch {
      /* reported below */
    }
    problems.push(`${name} must be an http(s) URL, got "${raw}"`);
    return null;
  };

  const subgraphList = (name: string): SubgraphName[] => {
    const raw = env[name]?.trim();
    if (!raw) return [...SUBGRAPH_NAMES];
    const names = raw.split(',').map((x) => x.trim()).filter(Boolean);
    const unknown = names.filter((n) => !(SUBGRAPH_NAMES as readonly string[]).includes(n));
    if (unknown.length) problems.push(`${name} lists unknown subgraphs: ${unknown.join(', ')} (known: ${SUBGRAPH_NAMES.join(', ')})`);
    return SUBGRAPH_NAMES.filter((n) => names.includes(n));
  };

  const bySubgraph = <T>(value: (name: SubgraphName, index: number) => T): Record<SubgraphName, T> =>
    Object.fromEntries(SUBGRAPH_NAMES.map((n, i) => [n, value(n, i)])) as Record<SubgraphName, T>;

  const rawEnv = str('APP_ENV', str('NODE_ENV', 'development'));
  const appEnv: AppEnv = rawEnv === 'production' || rawEnv === 'test' ? rawEnv : 'development';

  const externalUri = env.NEO4J_URI?.trim();
  const boltPort = int('NEO4J_BOLT_PORT', 7687, 1, 65535);
  const password = str('NEO4J_PASSWORD', DEV_NEO4J_PASSWORD);
  if (appEnv === 'production' && password === DEV_NEO4J_PASSWORD) {
    problems.push('NEO4J_PASSWORD must be set in production (the development default is refused)');
  }
  if (!externalUri && password.length < 8) problems.push('NEO4J_PASSWORD must be at least 8 characters');

  const writeKeys = parseApiKeys(str('WRITE_API_KEYS', appEnv === 'production' ? '' : DEV_WRITE_KEY_ENTRY), 'WRITE_API_KEYS', 'write', appEnv === 'production');
  const readKeys = parseApiKeys(str('READ_API_KEYS', ''), 'READ_API_KEYS', 'read', appEnv === 'production');
  problems.push(...writeKeys.problems, ...readKeys.problems);
  const webhookWarnings: string[] = [];
  const webhooks = parseWebhookConfig(env, appEnv === 'production', int, bool, problems, webhookWarnings);
  const rateLimit = ((raw: string) => {
    const m = /^(\d+)\s*\/\s*(second|minute|hour|(\d+)s)$/.exec(raw);
    const points = m ? Number(m[1]) : 0;
    if (!m || points < 1) {
      problems.push(`WRITE_RATE_LIMIT must look like 10/minute (N/second, N/minute, N/hour or N/<seconds>s), got "${raw}"`);
      return { points: 10, durationSec: 60 };
    }
    return { points, durationSec: m[3] ? Math.max(1, Number(m[3])) : m[2] === 'second' ? 1 : m[2] === 'minute' ? 60 : 3600 };
  })(str('WRITE_RATE_LIMIT', '10/minute'));

  const config: Config = {
    env: appEnv,
    host: str('HOST', '127.0.0.1'),
    gatewayPort: int('GATEWAY_PORT', 4000, 1, 65535),
    // Ports 4001–4005 in SUBGRAPH_NAMES order.
    subgraphPorts: bySubgraph((n, i) => int(SUBGRAPH_PORT_VARS[n], 4001 + i, 1, 65535)),
    subgraphUrls: bySubgraph((n) => url(SUBGRAPH_PORT_VARS[n].replace(/_PORT$/, '_URL'))),
    neo4j: {
      uri: externalUri || `bolt://127.0.0.1:${boltPort}`,
      username: str('NEO4J_USERNAME', 'neo4j'),
      password,
      database: str('NEO4J_DATABASE', 'neo4j'),
      managed: !externalUri,
      boltPort,
      homeDir: str('NEO4J_HOME_DIR', '.data/neo4j'),
      heap: str('NEO4J_HEAP', '1g'),
      pageCacheMb: int('NEO4J_PAGECACHE_MB', 256, 16, 65536),
      queryTimeoutMs: int('NEO4J_QUERY_TIMEOUT_MS', 10_000, 100, 600_000),
    },
    neo4jWrite: { username: str('NEO4J_WRITE_USERNAME', str('NEO4J_USERNAME', 'neo4j')), password: str('NEO4J_WRITE_PASSWORD', password) },
    apiKeys: [...writeKeys.keys, ...readKeys.keys, ...webhooks.keys],
    requireReadKey: bool('REQUIRE_READ_KEY', false),
    writeApi: { rateLimit, maxSeedBytes: int('MAX_SEED_BYTES', 2 * 1024 * 1024, 1024, 64 * 1024 * 1024), maxSeedFiles: int('MAX_SEED_FILES', 100, 1, 10_000) },
    warnings: [...writeKeys.warnings, ...readKeys.warnings, ...webhookWarnings],
    ideEnabled: bool('IDE_ENABLED', appEnv !== 'production'),
    limits: {
      maxDepth: int('MAX_QUERY_DEPTH', 12, 2, 100),
      maxCost: int('MAX_QUERY_COST', 20000, 10, 10_000_000),
      maxAliases: int('MAX_QUERY_ALIASES', 30, 0, 10_000),
      maxDirectives: int('MAX_QUERY_DIRECTIVES', 50, 0, 10_000),
      maxTokens: int('MAX_QUERY_TOKENS', 2000, 100, 1_000_000),
      maxResponseItems: int('MAX_RESPONSE_ITEMS', 50_000, 100, 100_000_000),
      maxTextLength: int('MAX_TEXT_LENGTH', 20000, 100, 10_000_000),
      maxListLimit: int('MAX_LIST_LIMIT', 200, 1, 100_000),
    },
    readCacheEntries: int('READ_CACHE_ENTRIES', 20_000, 0, 10_000_000),
    gatewayPassThrough: bool('GATEWAY_PASS_THROUGH', true),
    serveHeapMb: int('SERVE_HEAP_MB', 512, 128, 65_536),
    serveWorkers: int('SERVE_WORKERS', Math.max(1, Math.min(4, os.availableParallelism())), 1, 256),
    localSubgraphs: subgraphList('LOCAL_SUBGRAPHS'),
    resilience: {
      subgraphTimeoutMs: int('SUBGRAPH_TIMEOUT_MS', 5_000, 50, 600_000),
      requestTimeoutMs: int('REQUEST_TIMEOUT_MS', 10_000, 100, 600_000),
      breakerFailures: int('SUBGRAPH_BREAKER_FAILURES', 5, 1, 1000),
      breakerResetMs: int('SUBGRAPH_BREAKER_RESET_MS', 5_000, 100, 600_000),
    },
    logLevel: oneOf('LOG_LEVEL', LOG_LEVELS, 'info'),
    opsPort: env.OPS_PORT?.trim() ? int('OPS_PORT', 0, 1, 65535) : null,
    shutdownGraceMs: int('SHUTDOWN_GRACE_MS', 10_000, 0, 600_000),
    startReadyTimeoutMs: int('START_READY_TIMEOUT_MS', 120_000, 100, 3_600_000),
    subgraphSecret: ((raw: string) => {
      if (!raw) {
        if (appEnv === 'production') problems.push(`SUBGRAPH_SECRET must be set in production (${MIN_SUBGRAPH_SECRET_LENGTH}+ characters, the same value for the gateway and every subgraph; e.g. openssl rand -base64 32)`);
        return null;
      }
      if (raw.length < MIN_SUBGRAPH_SECRET_LENGTH) problems.push(`SUBGRAPH_SECRET must be at least ${MIN_SUBGRAPH_SECRET_LENGTH} characters, got ${raw.length}`);
      return raw;
    })(str('SUBGRAPH_SECRET', '')),
    webhooks,
  };
  if (problems.length) throw new ConfigError(problems);
  return Object.freeze(config);
}
