/**
 * The running product for e2e tests: the test Neo4j reset and loaded with the base data, five
 * subgraphs and the gateway in this process on free ports.
 */
import type { Driver } from 'neo4j-driver';
import type { Config } from '../../lib/config.ts';
import { startInProcessStack, type Stack } from '../../lib/stack.ts';
import { resetQueryStats, queryStats } from '../../lib/neo4j.ts';
import { ensureBaseData, resetGraph } from '../../seed/index.ts';
import { testConfig } from './test-config.ts';
import { configureLogging } from '../../lib/logger.ts';
import { newSubgraphSecret, SUBGRAPH_SECRET_HEADER } from '../../lib/subgraph-secret.ts';

export interface TestStack {
  gatewayUrl: string;
  graphqlUrl: string;
  driver: Driver;
  /** requests the gateway passed through from one subgraph, or executed itself */
  passThrough: Stack['passThrough'];
  /** Where each subgraph listens (for tests that go around the gateway). */
  subgraphUrls: Stack['subgraphUrls'];
  /** OPS_PORT: the operators' port (/healthz, /readyz, /metrics); null when they are on the API ports. */
  opsUrl: Stack['opsUrl'];
  /** The header a request straight to a subgraph needs (SUBGRAPH_SECRET), as the gateway sends it. */
  subgraphHeaders: Record<string, string>;
  stop(): Promise<void>;
  /** POSTs an operation to the gateway; returns the parsed JSON body. */
  gql<T = Record<string, unknown>>(query: string, variables?: Record<string, unknown>, headers?: Record<string, string>): Promise<{ data?: T; errors?: { message: string; extensions?: Record<string, unknown> }[] }>;
  /** Runs an operation and counts the Cypher queries it caused. */
  countQueries<T = Record<string, unknown>>(query: string, variables?: Record<string, unknown>): Promise<{ count: number; byName: Record<string, number>; body: { data?: T; errors?: unknown[] } }>;
}

/**
 * `env` goes through loadConfig like any deployment; `overrides` patch the parsed config, e.g. to run
 * in production mode against the test server, whose password is the development default.
 */
export async function startStack(opts: { env?: Record<string, string | undefined>; overrides?: Partial<Config>; reset?: boolean } = {}): Promise<TestStack> {
  // A secret per stack, as npm start makes one per run (production mode requires one).
  // Behaviour, not latency, is tested here: a cold first answer on a loaded 2-core machine may take
  // longer than the 5 s production default. Tests of the timeouts themselves set their own.
  const base = testConfig({ SUBGRAPH_TIMEOUT_MS: '30000', REQUEST_TIMEOUT_MS: '40000', ...opts.env });
  const config: Config = { ...base, subgraphSecret: base.subgraphSecret ?? newSubgraphSecret(), ...opts.overrides };
  // LOG_LEVEL (silent in tests) as a serving process applies it; tests that check log lines capture them.
  configureLogging(config);
  const stack = await startInProcessStack(config);
  if (opts.reset ?? true) await resetGraph(stack.driver);
  // TEST_SEED_DATA_DIR lets a developer run the tests on a snapshot while seed/data is being edited.
  await ensureBaseData(stack.driver, config, { log: () => {}, ...(process.env.TEST_SEED_DATA_DIR ? { dataDir: process.env.TEST_SEED_DATA_DIR } : {}) });
  const gql: TestStack['gql'] = async (query, variables, headers) => {
    const res = await fetch(stack.graphqlUrl, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...headers },
      body: JSON.stringify({ query, variables }),
    });
    return (await res.json()) as never;
  };
  return {
    gatewayUrl: stack.gatewayUrl,
    subgraphUrls: stack.subgraphUrls,
    subgraphHeaders: { [SUBGRAPH_SECRET_HEADER]: config.subgraphSecret! },
    graphqlUrl: stack.graphqlUrl,
    driver: stack.driver,
    passThrough: stack.passThrough,
    opsUrl: stack.opsUrl,
    stop: stack.stop,
    gql,
    countQueries: async (query, variables) => {
      resetQueryStats();
      const body = await gql(query, variables);
      return { count: queryStats.count, byName: Object.fromEntries(queryStats.byName), body: body as never };
    },
  };
}
