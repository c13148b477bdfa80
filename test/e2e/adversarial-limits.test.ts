/** Hostile requests (issue 12, items 1, 3, 4, 8): refused with a typed error, through the gateway and straight to a subgraph. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startStack, type TestStack } from '../support/stack.ts';

let stack: TestStack;
beforeAll(async () => {
  stack = await startStack({ env: { MAX_RESPONSE_ITEMS: '150' }, overrides: { env: 'production', ideEnabled: false } });
});
afterAll(async () => {
  await stack?.stop();
});

type Body = { data?: Record<string, unknown> | null; errors?: { message: string; extensions?: Record<string, unknown> }[] };
/** Requests straight to a subgraph carry the gateway's secret unless `asStranger` (the side door itself is tested below). */
async function post(url: string, body: string, contentType = 'application/json', asStranger = false): Promise<{ status: number; type: string; body: Body }> {
  const toSubgraph = Object.values(stack.subgraphUrls).includes(url);
  const res = await fetch(url, { method: 'POST', headers: { 'content-type': contentType, ...(toSubgraph && !asStranger ? stack.subgraphHeaders : {}) }, body });
  return { status: res.status, type: res.headers.get('content-type') ?? '', body: (await res.json()) as Body };
}
const gql = (url: string, query: string, variables?: Record<string, unknown>) => post(url, JSON.stringify({ query, variables }));
const targets = () => ({ gateway: stack.graphqlUrl, subgraph: stack.subgraphUrls.regulations });

describe('subgraphs answer only the gateway (SUBGRAPH_SECRET)', () => {
  const stranger = (url: string, query: string, headers: Record<string, string> = {}) =>
    fetch(url, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body: JSON.stringify({ query }) });
  it.each(['{ regulations(limit: 1) { id } }', '{ _service { sdl } }', '{ __schema { types { name } } }', '{ _entities(representations: [{ __typename: "Regulation", id: "kr/pipa" }]) { __typename } }'])(
    'without the secret, %s → 401 on every subgraph',
    async (query) => {
      for (const [name, url] of Object.entries(stack.subgraphUrls)) {
        for (const headers of [{} as Record<string, string>, { 'x-regkg-subgraph-secret': 'guess' }, { 'x-regkg-subgraph-secret': `${stack.subgraphHeaders['x-regkg-subgraph-secret']}x` }]) {
          const res = await stranger(url, query, headers);
          expect(res.status, `${name} ${JSON.stringify(headers)}`).toBe(401);
          const body = (await res.json()) as Body;
          expect(body.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
          expect(JSON.stringify(body)).not.toMatch(/sdl|__schema|kr\/pipa/);
        }
      }
    },
  );
  it('a huge body without the secret is refused before it is read', async () => {
    const res = await post(stack.subgraphUrls.obligations, JSON.stringify({ query: '{ __typename }', v: 'x'.repeat(9 * 1024 * 1024) }), 'application/json', true);
    expect(res.status).toBe(401);
  });
  it('the gateway, holding the secret, still answers across subgraphs', async () => {
    const { body } = await gql(stack.graphqlUrl, '{ regulations(limit: 1) { id } institutions(limit: 1) { id } }');
    expect(body.errors).toBeUndefined();
  });
});

describe('page arguments are validated', () => {
  it.each([
    ['{ regulations(limit: -5) { id } }', 'limit'],
    ['{ regulations(offset: -1) { id } }', 'offset'],
    ['{ regulations(limit: 100000) { id } }', 'limit'],
    ['{ obligations(limit: -1) { id } }', 'limit'],
    ['{ institutions(limit: 201) { id } }', 'limit'],
    ['{ matchObligations(text: "동의", limit: -1) { score } }', 'limit'],
  ])('%s → BAD_USER_INPUT naming %s', async (query, argument) => {
    const { body } = await gql(stack.graphqlUrl, query);
    expect(body.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', argument });
  });

  it('via variables too, and straight at the subgraph', async () => {
    const viaVar = await gql(stack.graphqlUrl, 'query($n: Int) { regulations(limit: $n) { id } }', { n: -2147483648 });
    expect(viaVar.body.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', argument: 'limit' });
    const direct = await gql(stack.subgraphUrls.regulations, '{ regulations(limit: -5) { id } }');
    expect(direct.body.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', argument: 'limit' });
  });

  it('limit 0 is an empty list everywhere, matchObligations included', async () => {
    const { body } = await gql(stack.graphqlUrl, '{ regulations(limit: 0) { id } matchObligations(text: "생체정보 동의", limit: 0) { score } }');
    expect(body.errors).toBeUndefined();
    expect(body.data).toEqual({ regulations: [], matchObligations: [] });
  });

  it('the reported bomb: a negative limit added to an over-cost query is still refused', async () => {
    const { body } = await gql(stack.graphqlUrl, '{ regulations(limit: 200) { provisions(limit: 5000) { id } } x: regulations(limit: -2147483648) { id } }');
    expect(['BAD_USER_INPUT', 'QUERY_TOO_COMPLEX']).toContain(body.errors?.[0]?.extensions?.code);
    expect(body.data ?? null).toBeNull();
  });
});

describe('bombs, through the gateway and straight to a subgraph', () => {
  const aliases = (n: number, field: string) => `{ ${Array.from({ length: n }, (_, i) => `a${i}: ${field}`).join(' ')} }`;
  it.each(['gateway', 'subgraph'] as const)('%s: alias, token, directive and depth bombs are refused with 400', async (which) => {
    const url = targets()[which];
    const typenames = await gql(url, aliases(2000, '__typename'));
    expect(typenames.status).toBe(400);
    expect(typenames.body.errors?.[0]?.extensions?.code).toMatch(/QUERY_TOO_COMPLEX|GRAPHQL_PARSE_FAILED/);
    const cheap = await gql(url, aliases(4000, 'dataVersion'));
    expect(cheap.status).toBe(400);
    const fewAliases = await gql(url, aliases(100, '__typename'));
    expect(fewAliases.status).toBe(400);
    expect(fewAliases.body.errors?.[0]?.extensions).toMatchObject({ code: 'QUERY_TOO_COMPLEX', limit: 'aliases' });
    const tokens = await gql(url, `{ ${'__typename '.repeat(7000)} }`);
    expect(tokens.status).toBe(400);
    expect(tokens.body.errors?.[0]?.message).toMatch(/tokens/);
    const directives = await gql(url, `{ ${'... on Query @skip(if: false) { __typename } '.repeat(120)} }`);
    expect(directives.status).toBe(400);
    expect(directives.body.errors?.[0]?.extensions).toMatchObject({ code: 'QUERY_TOO_COMPLEX', limit: 'directives' });
    const deep = `{ regulations(limit: 1) { ${'provisions(limit: 1) { regulation { '.repeat(10)} id ${'} } '.repeat(10)} } }`;
    const depth = await gql(url, deep);
    expect(depth.status).toBe(400);
    expect(depth.body.errors?.[0]?.extensions).toMatchObject({ code: 'QUERY_TOO_COMPLEX', limit: 'depth' });
  });
});

describe('what the schema does not have', () => {
  it('no field suggestions in production, with introspection off', async () => {
    for (const url of Object.values(targets())) {
      const { body } = await gql(url, '{ regulatio { id } }');
      expect(body.errors?.[0]?.message).toMatch(/Cannot query field "regulatio"/);
      expect(JSON.stringify(body)).not.toMatch(/Did you mean/);
    }
  });

  it('a missing root type is a 400 with a JSON error', async () => {
    for (const [url, op] of [[stack.graphqlUrl, 'subscription { __typename }'], [stack.subgraphUrls['ai-services'], 'mutation { __typename }']] as const) {
      const res = await gql(url, op);
      expect(res.status).toBe(400);
      expect(res.body.errors?.[0]?.extensions?.code).toBe('GRAPHQL_VALIDATION_FAILED');
      expect(res.body.errors?.[0]?.message).toMatch(/no (subscription|mutation) operations/);
    }
  });
});

describe('malformed bodies', () => {
  it.each(['gateway', 'subgraph'] as const)('%s: invalid JSON and an oversized body get JSON 4xx errors', async (which) => {
    const url = targets()[which];
    const bad = await post(url, '{"query": "{ __typename }"');
    expect(bad.status).toBe(400);
    expect(bad.type).toMatch(/json/);
    expect(bad.body.errors?.[0]?.extensions?.code).toBe('BAD_REQUEST');
    const big = await post(url, JSON.stringify({ query: '{ __typename }', variables: { x: 'x'.repeat(9 * 1024 * 1024) } }));
    expect(big.status).toBe(413);
    expect(big.type).toMatch(/json/);
    expect(big.body.errors?.[0]?.extensions?.code).toBe('PAYLOAD_TOO_LARGE');
  });
});

describe('the response cap', () => {
  it('an answer with more list items than MAX_RESPONSE_ITEMS is one RESPONSE_TOO_LARGE error', async () => {
    const { body } = await gql(stack.graphqlUrl, '{ a: regulations(limit: 30) { provisions(limit: 150) { id } } b: regulations(limit: 30) { provisions(limit: 150) { id } } }');
    expect(body.data ?? null).toBeNull();
    expect(body.errors).toHaveLength(1);
    expect(body.errors?.[0]?.extensions?.code).toBe('RESPONSE_TOO_LARGE');
    const small = await gql(stack.graphqlUrl, '{ regulations(limit: 2) { provisions(limit: 10) { id } } }');
    expect(small.body.errors).toBeUndefined();
  });
});
