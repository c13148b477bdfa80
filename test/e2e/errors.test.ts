/** Errors clients see: typed codes, limits, no stack traces outside development. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startStack, type TestStack } from '../support/stack.ts';

let stack: TestStack;
beforeAll(async () => {
  stack = await startStack({ env: { MAX_QUERY_DEPTH: '6', MAX_QUERY_COST: '2000' }, overrides: { env: 'production', ideEnabled: false } });
});
afterAll(async () => {
  await stack?.stop();
});

describe('errors through the gateway (production mode)', () => {
  it('rejects a bad date with BAD_USER_INPUT naming the problem', async () => {
    const body = await stack.gql(`{ applicableObligations(serviceType: "svc/face-recognition-payment", context: { asOf: "2021-02-30" }) { asOf } }`);
    expect(body.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    expect(body.errors?.[0]?.message).toMatch(/asOf.*YYYY-MM-DD.*2021-02-30/);
  });

  it('rejects a bad date in variables, naming the variable path', async () => {
    const body = await stack.gql(`query($c: ApplicabilityContext) { applicableObligations(serviceType: "svc/robo-advisor", context: $c) { asOf } }`, { c: { asOf: '20-1-1' } });
    expect(body.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    expect(body.errors?.[0]?.message).toMatch(/\$c\.asOf/);
  });

  it('answers NOT_FOUND for an unknown service type', async () => {
    const body = await stack.gql(`{ applicableObligations(serviceType: "svc/does-not-exist") { asOf } }`);
    expect(body.errors?.[0]?.extensions?.code).toBe('NOT_FOUND');
  });

  it('refuses queries deeper than the limit', async () => {
    const body = await stack.gql(`{ serviceTypes { broader { broader { broader { broader { broader { broader { id } } } } } } } }`);
    expect(body.errors?.[0]?.extensions?.code).toBe('QUERY_TOO_COMPLEX');
    expect(body.errors?.[0]?.message).toMatch(/depth/);
  });

  it('refuses queries costlier than the limit', async () => {
    const body = await stack.gql(`{ regulations(limit: 100) { provisions(limit: 500) { id } } }`);
    expect(body.errors?.[0]?.extensions?.code).toBe('QUERY_TOO_COMPLEX');
    expect(body.errors?.[0]?.message).toMatch(/cost/);
  });

  it('never sends stack traces', async () => {
    const body = await stack.gql(`{ applicableObligations(serviceType: "svc/does-not-exist") { asOf } }`);
    expect(JSON.stringify(body)).not.toMatch(/stacktrace|at .*\.ts:\d+/);
  });

  it('rejects oversized assistant input', async () => {
    const body = await stack.gql(`query($t: String!) { matchObligations(text: $t) { score } }`, { t: 'x'.repeat(25_000) });
    expect(body.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    expect(body.errors?.[0]?.message).toMatch(/limit/);
  });
});
