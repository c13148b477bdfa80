/**
 * Every wait is bounded (issue 12): the institutions subgraph refusing connections, or accepting them
 * and never answering (a hung process), gives partial data plus an error with path, code and
 * serviceName within SUBGRAPH_TIMEOUT_MS + 1 s; after repeated failures the circuit breaker fails fast.
 */
import net from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { freePort } from '../../lib/free-port.ts';
import { startStack, type TestStack } from '../support/stack.ts';

// serviceType's designations come from institutions (a non-null list: serviceType becomes null);
// regulations does not need institutions and is still answered.
const QUERY = '{ regulations(limit: 1) { id } serviceType(id: "svc/face-recognition-payment") { id nameEn designations { id } } }';
const TIMEOUT_MS = 800;

type Err = { message: string; path?: (string | number)[]; extensions?: Record<string, unknown> };

async function stackWithInstitutionsAt(url: string): Promise<TestStack> {
  return startStack({
    env: {
      LOCAL_SUBGRAPHS: 'regulations,obligations,ai-services,assistant',
      INSTITUTIONS_URL: url,
      SUBGRAPH_TIMEOUT_MS: String(TIMEOUT_MS),
      SUBGRAPH_BREAKER_FAILURES: '3',
      SUBGRAPH_BREAKER_RESET_MS: '60000',
    },
    overrides: { env: 'production' },
  });
}

describe('a subgraph that is down or hung', () => {
  let hung: net.Server;
  const sockets: net.Socket[] = [];
  beforeAll(async () => {
    // Accepts connections and never answers: what a SIGSTOPped subgraph looks like to the gateway.
    hung = net.createServer((s) => sockets.push(s));
    await new Promise<void>((r) => hung.listen(0, '127.0.0.1', r));
  });
  afterAll(async () => {
    for (const s of sockets) s.destroy();
    await new Promise((r) => hung.close(r));
  });

  it('refused: partial data and SUBGRAPH_UNAVAILABLE naming institutions, then the breaker fails fast', async () => {
    const stack = await stackWithInstitutionsAt(`http://127.0.0.1:${await freePort()}/`);
    try {
      const r = await stack.gql<{ regulations: unknown[]; serviceType: unknown }>(QUERY);
      expect(r.data?.regulations).toHaveLength(1);
      expect(r.data?.serviceType).toBeNull();
      const err = r.errors?.[0] as Err;
      expect(err.extensions).toMatchObject({ code: 'SUBGRAPH_UNAVAILABLE', serviceName: 'institutions' });
      expect(err.path).toEqual(['serviceType']);
      for (let i = 0; i < 3; i++) await stack.gql(QUERY);
      const again = await stack.gql(QUERY);
      expect((again.errors?.[0] as Err).message).toMatch(/failing fast/);
    } finally {
      await stack.stop();
    }
  });

  it('hung: answered within the timeout + 1 s with SUBGRAPH_TIMEOUT', async () => {
    const addr = hung.address() as net.AddressInfo;
    const stack = await stackWithInstitutionsAt(`http://127.0.0.1:${addr.port}/`);
    try {
      const t0 = Date.now();
      const r = await stack.gql<{ regulations: unknown[]; serviceType: unknown }>(QUERY);
      const ms = Date.now() - t0;
      expect(ms).toBeLessThan(TIMEOUT_MS + 1000);
      expect(r.data?.regulations).toHaveLength(1);
      expect((r.errors?.[0] as Err).extensions).toMatchObject({ code: 'SUBGRAPH_TIMEOUT', serviceName: 'institutions' });
    } finally {
      await stack.stop();
    }
  });
});
