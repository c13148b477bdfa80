import net from 'node:net';
import { SUBGRAPH_NAMES, SUBGRAPH_PORT_VARS } from './config.ts';

/** A TCP port that is free on the loopback right now (for tests and benchmarks that start servers). */
export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = net.createServer();
    srv.once('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const a = srv.address();
      const port = typeof a === 'object' && a ? a.port : 0;
      srv.close(() => resolve(port));
    });
  });
}

/** Distinct free ports for the gateway and each subgraph, as the variables lib/config.ts reads. */
export async function freePortEnv(): Promise<Record<string, string>> {
  const ports: number[] = [];
  while (ports.length < 1 + SUBGRAPH_NAMES.length) {
    const p = await freePort();
    if (!ports.includes(p)) ports.push(p);
  }
  const env: Record<string, string> = { GATEWAY_PORT: String(ports[0]) };
  SUBGRAPH_NAMES.forEach((n, i) => (env[SUBGRAPH_PORT_VARS[n]] = String(ports[i + 1])));
  return env;
}
