/** The gateway with the IDE switched off, as production runs by default (IDE_ENABLED=false). */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startStack, type TestStack } from '../support/stack.ts';

let stack: TestStack;

beforeAll(async () => {
  // Its own base graph: the file before it may have left another (changes.test.ts loads older bases).
  stack = await startStack({ env: { IDE_ENABLED: 'false' } });
}, 240_000);

afterAll(async () => {
  await stack?.stop();
});

describe('gateway with the IDE disabled', () => {
  it('answers the root URL with a short JSON note instead of the IDE', async () => {
    const res = await fetch(stack.gatewayUrl);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/^application\/json/);
    expect(await res.json()).toEqual({ service: 'regkg gateway', graphql: '/graphql', ide: 'disabled' });
  });

  it('serves none of the IDE files', async () => {
    const res = await fetch(new URL('ide-assets/index.js', stack.gatewayUrl));
    expect(res.status).toBe(404);
    expect(await res.text()).not.toContain('GraphiQL');
  });

  it('still serves GraphQL', async () => {
    const body = await stack.gql<{ serviceType: { id: string } | null }>('query { serviceType(id: "svc/face-recognition-payment") { id } }');
    expect(body.errors).toBeUndefined();
    expect(body.data?.serviceType?.id).toBe('svc/face-recognition-payment');
  });
});
