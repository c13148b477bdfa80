/**
 * What operators get (issue 14): /healthz and /readyz on the gateway and every subgraph port (or,
 * with OPS_PORT, on a port of their own), outside the API key; Prometheus /metrics; one JSON log
 * line per request with the request id, which the gateway forwards to the subgraphs.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { migrate, migrationStatements } from '../../db/migrate.ts';
import { freePort } from '../../lib/free-port.ts';
import { captureLogs } from '../../lib/logger.ts';
import { SUBGRAPH_NAMES } from '../../lib/config.ts';
import { startStack, type TestStack } from '../support/stack.ts';

const FLAGSHIP = 'query Flagship { applicableObligations(serviceType: "svc/face-recognition-payment", context: { sandbox: true }) { results { status obligation { id } } } }';

type Readyz = { status: string; pid: number; checks: { name: string; ok: boolean; [k: string]: unknown }[] };

async function getJson<T>(url: string): Promise<{ status: number; body: T }> {
  const res = await fetch(url);
  return { status: res.status, body: (await res.json()) as T };
}

/** The value of one series of the exposition text (first match), or undefined. */
function sample(text: string, name: string, labels: Record<string, string> = {}): number | undefined {
  for (const line of text.split('\n')) {
    if (!line.startsWith(`${name}{`) && !line.startsWith(`${name} `)) continue;
    if (Object.entries(labels).every(([k, v]) => line.includes(`${k}="${v}"`))) return Number(line.slice(line.lastIndexOf(' ') + 1));
  }
  return undefined;
}

describe('health, readiness, metrics and request logs', () => {
  let stack: TestStack;
  beforeAll(async () => {
    stack = await startStack({ env: { REQUIRE_READ_KEY: 'true', READ_API_KEYS: 'ops-test:ops-test-read-key' } });
  });
  afterAll(async () => {
    await stack?.stop();
  });
  const key = { 'x-api-key': 'ops-test-read-key' };

  it('/healthz and /readyz answer on the gateway and on every subgraph port, without an API key', async () => {
    const graphql = await fetch(stack.graphqlUrl, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{"query":"{ __typename }"}' });
    expect(graphql.status).toBe(401);
    for (const base of [stack.gatewayUrl, ...SUBGRAPH_NAMES.map((n) => stack.subgraphUrls[n])]) {
      const health = await getJson<{ status: string }>(`${base}healthz`);
      expect([base, health.status, health.body.status]).toEqual([base, 200, 'ok']);
    }
    // The assistant's index is built in the background after the base data is loaded.
    let ready = await getJson<Readyz>(`${stack.gatewayUrl}readyz`);
    for (let i = 0; i < 40 && ready.status !== 200; i++) {
      await new Promise((r) => setTimeout(r, 250));
      ready = await getJson<Readyz>(`${stack.gatewayUrl}readyz`);
    }
    expect(ready.status).toBe(200);
    expect(ready.body.status).toBe('ready');
    const byName = Object.fromEntries(ready.body.checks.map((c) => [c.name, c]));
    expect(byName.neo4j?.ok).toBe(true);
    expect(byName.schema).toMatchObject({ ok: true, objects: migrationStatements().length });
    expect(byName.dataVersion?.ok).toBe(true);
    expect(byName.dataVersion?.version).toBeGreaterThan(0);
    expect(byName.assistantIndex?.ok).toBe(true);
    expect(byName.assistantIndex?.documents).toBeGreaterThan(50);

    const assistant = await getJson<Readyz>(`${stack.subgraphUrls.assistant}readyz`);
    expect(assistant.status).toBe(200);
    expect(assistant.body.checks.map((c) => c.name)).toEqual(['neo4j', 'schema', 'dataVersion', 'assistantIndex']);
    const regulations = await getJson<Readyz>(`${stack.subgraphUrls.regulations}readyz`);
    expect(regulations.body.checks.map((c) => c.name)).toEqual(['neo4j', 'schema', 'dataVersion']);
  });

  it('/readyz is 503 naming what is missing while the schema is not migrated', async () => {
    const session = stack.driver.session();
    try {
      await session.run('DROP CONSTRAINT regulation_id_unique');
    } finally {
      await session.close();
    }
    try {
      // Database verdicts are trusted for a second.
      await new Promise((r) => setTimeout(r, 1100));
      const notReady = await getJson<Readyz>(`${stack.subgraphUrls.regulations}readyz`);
      expect(notReady.status).toBe(503);
      expect(notReady.body.status).toBe('not_ready');
      expect(notReady.body.checks.find((c) => c.name === 'schema')).toMatchObject({ ok: false, missing: ['regulation_id_unique'] });
      const gateway = await getJson<Readyz>(`${stack.gatewayUrl}readyz`);
      expect(gateway.status).toBe(503);
      expect(gateway.body.checks.find((c) => c.name === 'schema')).toMatchObject({ ok: false, missing: ['regulation_id_unique'] });
    } finally {
      await migrate(stack.driver);
    }
    await new Promise((r) => setTimeout(r, 1100));
    expect((await getJson<Readyz>(`${stack.subgraphUrls.regulations}readyz`)).status).toBe(200);
  });

  it('/metrics counts requests by operation, errors by code, subgraph fetches, Cypher, caches, the data version and the matcher index', async () => {
    for (let i = 0; i < 2; i++) expect((await stack.gql(FLAGSHIP, undefined, key)).errors).toBeUndefined();
    const bad = await stack.gql('query Bad { regulations(limit: -1) { id } }', undefined, key);
    expect(bad.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    await stack.gql('query Broken { noSuchField }', undefined, key);
    for (let i = 0; i < 2; i++) await stack.gql('query Svc { serviceType(id: "svc/face-recognition-payment") { id nameEn } }', undefined, key);
    const match = await stack.gql('query Match { matchObligations(text: "생체인식정보 별도 동의", limit: 2) { obligation { id } } }', undefined, key);
    expect(match.errors).toBeUndefined();

    const res = await fetch(`${stack.gatewayUrl}metrics`);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/^text\/plain; version=0\.0\.4/);
    const text = await res.text();
    expect(sample(text, 'regkg_graphql_requests_total', { service: 'gateway', operation: 'Flagship', outcome: 'ok' })).toBe(2);
    expect(sample(text, 'regkg_graphql_request_duration_seconds_count', { service: 'gateway', operation: 'Flagship' })).toBe(2);
    expect(sample(text, 'regkg_graphql_requests_total', { service: 'gateway', operation: 'Bad', outcome: 'client_error' })).toBe(1);
    expect(sample(text, 'regkg_graphql_errors_total', { service: 'gateway', code: 'BAD_USER_INPUT' })).toBeGreaterThanOrEqual(1);
    expect(sample(text, 'regkg_graphql_errors_total', { service: 'gateway', code: 'GRAPHQL_VALIDATION_FAILED' })).toBe(1);
    expect(sample(text, 'regkg_graphql_requests_total', { service: 'gateway', operation: 'Broken', outcome: 'client_error' })).toBe(1);
    // The subgraphs count their own requests (the gateway's fetches), named by the gateway's plan.
    expect(sample(text, 'regkg_graphql_requests_total', { service: 'obligations', outcome: 'ok' })).toBeGreaterThanOrEqual(2);
    expect(sample(text, 'regkg_subgraph_fetch_duration_seconds_count', { subgraph: 'obligations' })).toBeGreaterThanOrEqual(2);
    expect(sample(text, 'regkg_cypher_query_duration_seconds_count', { query: 'dataVersion', mode: 'READ', outcome: 'ok' })).toBeGreaterThan(0);
    expect(sample(text, 'regkg_cache_lookups_total', { cache: 'shared_reads', result: 'hit' })).toBeGreaterThan(0);
    // The flagship asked twice: the engine's rows are read once and then served from its cache.
    expect(sample(text, 'regkg_cache_lookups_total', { cache: 'engine', result: 'hit' })).toBeGreaterThanOrEqual(1);
    expect(sample(text, 'regkg_data_version')).toBeGreaterThan(0);
    expect(sample(text, 'regkg_matcher_index_documents')).toBeGreaterThan(50);
    expect(sample(text, 'regkg_process_resident_memory_bytes')).toBeGreaterThan(0);
    // Every port of the process answers with the same registry.
    expect(await (await fetch(`${stack.subgraphUrls.assistant}metrics`)).text()).toContain('regkg_matcher_index_documents');
  });

  it('logs one JSON line per request with the request id, forwarded to the subgraphs; client errors warn without a stack', async () => {
    const captured = captureLogs('info');
    let echoed: string | null;
    let generated: string | null;
    try {
      const res = await fetch(stack.graphqlUrl, { method: 'POST', headers: { 'content-type': 'application/json', 'x-request-id': 'ops-test-1', ...key }, body: JSON.stringify({ query: FLAGSHIP }) });
      echoed = res.headers.get('x-request-id');
      expect(res.status).toBe(200);
      const bad = await fetch(stack.graphqlUrl, { method: 'POST', headers: { 'content-type': 'application/json', 'x-request-id': 'has spaces "and quotes"', ...key }, body: JSON.stringify({ query: 'query Bad { regulations(limit: -1) { id } }' }) });
      generated = bad.headers.get('x-request-id');
      await bad.json();
      const keyless = await fetch(stack.graphqlUrl, { method: 'POST', headers: { 'content-type': 'application/json', 'x-request-id': 'ops-test-401' }, body: JSON.stringify({ query: FLAGSHIP }) });
      expect(keyless.status).toBe(401);
    } finally {
      captured.restore();
    }
    expect(echoed).toBe('ops-test-1');
    expect(generated).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/);
    const lines = captured.lines.filter((l) => l.requestId === 'ops-test-1');
    const gateway = lines.find((l) => l.service === 'gateway');
    expect(gateway).toMatchObject({ level: 'info', msg: 'request', operation: 'Flagship', outcome: 'ok', status: 200 });
    expect(gateway?.durationMs).toBeGreaterThan(0);
    expect(lines.find((l) => l.service === 'obligations')).toMatchObject({ level: 'info', outcome: 'ok' });
    const refused = captured.lines.filter((l) => l.requestId === generated);
    expect(refused.find((l) => l.service === 'gateway')).toMatchObject({ level: 'warn', operation: 'Bad', outcome: 'client_error', code: 'BAD_USER_INPUT' });
    for (const l of refused) expect(l).not.toHaveProperty('err');
    // Refused before GraphQL (REQUIRE_READ_KEY): still one line.
    expect(captured.lines.filter((l) => l.requestId === 'ops-test-401')).toEqual([expect.objectContaining({ level: 'warn', service: 'gateway', status: 401, code: 'UNAUTHENTICATED' })]);
  });
});

describe('OPS_PORT', () => {
  it("moves /healthz, /readyz and /metrics to the operators' port", async () => {
    const stack = await startStack({ reset: false, overrides: { opsPort: await freePort() } });
    try {
      expect(stack.opsUrl).not.toBeNull();
      expect((await fetch(`${stack.gatewayUrl}readyz`)).status).toBe(404);
      expect((await fetch(`${stack.subgraphUrls.regulations}metrics`)).status).not.toBe(200);
      expect((await getJson<{ status: string }>(`${stack.opsUrl}healthz`)).body.status).toBe('ok');
      const ready = await getJson<Readyz>(`${stack.opsUrl}readyz`);
      expect(ready.body.checks.map((c) => c.name)).toEqual(expect.arrayContaining(['neo4j', 'schema', 'dataVersion', 'assistantIndex']));
      expect(await (await fetch(`${stack.opsUrl}metrics`)).text()).toContain('regkg_graphql_requests_total');
    } finally {
      await stack.stop();
    }
  });
});

describe('a gateway whose subgraph is down', () => {
  it('is not ready, and says which subgraph', async () => {
    const down = `http://127.0.0.1:${await freePort()}/`;
    const stack = await startStack({ reset: false, env: { LOCAL_SUBGRAPHS: 'regulations,obligations,ai-services,assistant', INSTITUTIONS_URL: down } });
    try {
      const ready = await getJson<Readyz>(`${stack.gatewayUrl}readyz`);
      expect(ready.status).toBe(503);
      expect(ready.body.status).toBe('not_ready');
      expect(ready.body.checks.find((c) => c.name === 'subgraph:institutions')).toMatchObject({ ok: false, url: `${down}readyz` });
      expect(ready.body.checks.find((c) => c.name === 'neo4j')).toMatchObject({ ok: true });
    } finally {
      await stack.stop();
    }
  });
});
