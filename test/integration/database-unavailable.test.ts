/** With Neo4j unreachable, clients get DATABASE_UNAVAILABLE, not a stack trace. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createDriver } from '../../lib/neo4j.ts';
import { listenSubgraph } from '../../subgraphs/shared/server.ts';
import { buildRegulationsSubgraph } from '../../subgraphs/regulations/server.ts';
import { testConfig } from '../support/test-config.ts';

// A port nothing listens on: the driver's connection attempts are refused.
const config = testConfig({ NEO4J_URI: 'bolt://127.0.0.1:1', APP_ENV: 'production', NEO4J_PASSWORD: 'unused-password', SUBGRAPH_SECRET: 's'.repeat(32) });
const driver = createDriver(config.neo4j);
const built = buildRegulationsSubgraph(config, driver);
let url = '';

beforeAll(async () => {
  url = await listenSubgraph(built, '127.0.0.1', 0);
});
afterAll(async () => {
  await built.server.stop();
  await driver.close();
});

describe('database unavailable', () => {
  it('maps connection failures to DATABASE_UNAVAILABLE', async () => {
    const res = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json', 'x-regkg-subgraph-secret': 's'.repeat(32) }, body: JSON.stringify({ query: '{ regulations { id } }' }) });
    const body = (await res.json()) as { errors: { message: string; extensions: Record<string, unknown> }[] };
    expect(body.errors[0]!.extensions.code).toBe('DATABASE_UNAVAILABLE');
    expect(body.errors[0]!.message).toMatch(/unavailable/);
    expect(JSON.stringify(body)).not.toMatch(/stacktrace|ECONNREFUSED/);
  });
});
