/**
 * The webhook settings (WEBHOOK_*), parsed by loadConfig with every other setting so that all
 * problems are reported together. Defaults are safe: outside production only loopback receivers are
 * allowed; in production nothing is, until WEBHOOK_ALLOWED_HOSTS names the vendors' hosts.
 */
import { parseApiKeys, type ApiKey } from './api-keys.ts';

/** Shorter signing secrets are refused: every subscription's HMAC key is derived from it. */
export const MIN_WEBHOOK_SECRET_LENGTH = 32;
/** Documented development secret (like the dev Neo4j password): stable across restarts, refused in production. */
export const DEV_WEBHOOK_SECRET = 'regkg-dev-webhook-signing-secret-not-for-production';
/** Receivers development and tests may use without configuration. */
export const LOOPBACK_HOSTS = ['127.0.0.1', 'localhost', '::1'];

export interface WebhookConfig {
  /**
   * WEBHOOKS_ENABLED: subscriptions can be made, and the outbox and delivery worker run in the processes
   * serving the obligations subgraph. Default on; in production on only when WEBHOOK_SIGNING_SECRET is set.
   */
  enabled: boolean;
  /** WEBHOOK_SIGNING_SECRET: each subscription's HMAC key is HMAC(secret, subscription id), so Neo4j holds no secret. */
  signingSecret: string;
  /** WEBHOOK_ALLOWED_HOSTS: exact host names / IPs, or `*.example.com` (https only in production). */
  allowedHosts: readonly string[];
  /** Keys with the `subscribe` scope (WEBHOOK_API_KEYS); write keys have it too. */
  keys: readonly ApiKey[];
  timeoutMs: number;
  maxAttempts: number;
  retryBaseMs: number;
  retryMaxMs: number;
  pollMs: number;
  maxSubscriptionsPerKey: number;
  maxUrlLength: number;
  maxPayloadBytes: number;
  /** How far ahead a subscription watches announced changes (months). */
  horizonMonths: number;
  /** Today as YYYY-MM-DD; tests set it to move the calendar (never parsed from the environment). */
  clock?: () => string;
}

type Int = (name: string, fallback: number, min?: number, max?: number) => number;
type Bool = (name: string, fallback: boolean) => boolean;

const HOST_ENTRY = /^(\*\.)?[a-z0-9]([a-z0-9.-]{0,251}[a-z0-9])?$|^\[?[0-9a-f:]+\]?$/i;

export function parseWebhookConfig(env: Record<string, string | undefined>, production: boolean, int: Int, bool: Bool, problems: string[], warnings: string[]): WebhookConfig {
  const rawSecret = env.WEBHOOK_SIGNING_SECRET?.trim() ?? '';
  // In production webhooks are on when their secret is set: a deployment that does not use them
  // starts as before, and one that asks for them (WEBHOOKS_ENABLED=true) must give the secret.
  const enabled = bool('WEBHOOKS_ENABLED', production ? rawSecret !== '' : true);
  let signingSecret = rawSecret;
  if (!rawSecret) {
    if (production && enabled) problems.push(`WEBHOOK_SIGNING_SECRET must be set in production when WEBHOOKS_ENABLED is on (${MIN_WEBHOOK_SECRET_LENGTH}+ characters, the same value on every process; e.g. openssl rand -base64 32)`);
    signingSecret = DEV_WEBHOOK_SECRET;
  } else if (rawSecret.length < MIN_WEBHOOK_SECRET_LENGTH) {
    problems.push(`WEBHOOK_SIGNING_SECRET must be at least ${MIN_WEBHOOK_SECRET_LENGTH} characters, got ${rawSecret.length}`);
  }
  const rawHosts = env.WEBHOOK_ALLOWED_HOSTS?.trim();
  const allowedHosts = rawHosts === undefined || rawHosts === '' ? (production ? [] : LOOPBACK_HOSTS) : rawHosts.split(',').map((h) => h.trim().toLowerCase().replace(/^\[|\]$/g, '')).filter(Boolean);
  for (const h of allowedHosts) if (!HOST_ENTRY.test(h) || h === '*') problems.push(`WEBHOOK_ALLOWED_HOSTS entries are host names, IP addresses or *.domain, got "${h}"`);
  const parsed = parseApiKeys(env.WEBHOOK_API_KEYS?.trim() ?? '', 'WEBHOOK_API_KEYS', 'subscribe', production);
  problems.push(...parsed.problems);
  warnings.push(...parsed.warnings);
  const retryBaseMs = int('WEBHOOK_RETRY_BASE_MS', 10_000, 10, 3_600_000);
  return {
    enabled,
    signingSecret,
    allowedHosts,
    keys: parsed.keys,
    timeoutMs: int('WEBHOOK_TIMEOUT_MS', 5_000, 100, 60_000),
    maxAttempts: int('WEBHOOK_MAX_ATTEMPTS', 8, 1, 50),
    retryBaseMs,
    retryMaxMs: Math.max(retryBaseMs, int('WEBHOOK_RETRY_MAX_MS', 3_600_000, 10, 86_400_000)),
    pollMs: int('WEBHOOK_POLL_MS', 1_000, 50, 600_000),
    maxSubscriptionsPerKey: int('WEBHOOK_MAX_SUBSCRIPTIONS_PER_KEY', 20, 1, 10_000),
    maxUrlLength: int('WEBHOOK_MAX_URL_LENGTH', 2048, 20, 8192),
    maxPayloadBytes: int('WEBHOOK_MAX_PAYLOAD_BYTES', 256 * 1024, 1024, 16 * 1024 * 1024),
    horizonMonths: int('WEBHOOK_HORIZON_MONTHS', 24, 1, 60),
  };
}
