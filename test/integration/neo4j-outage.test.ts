/**
 * Neo4j lost and back, through the gateway (issue 12 item 7): hung (SIGSTOP: connections stay open,
 * nothing is refused) and stopped then restarted. The error must reach the client within about a
 * second and normal answers must come back within 5 s. Bounds here are generous (a loaded CI
 * machine); bench/neo4j-outage.ts prints the exact figures.
 *
 * Skipped against an external NEO4J_URI: it stops the server it runs against.
 */
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PROJECT_ROOT } from '../../lib/project-root.ts';
import { startNeo4j, stopNeo4j } from '../../lib/neo4j-server.ts';
import { startStack, type TestStack } from '../support/stack.ts';
import { testConfig } from '../support/test-config.ts';

const external = Boolean(process.env.NEO4J_URI);
// It can only hang or stop a server this checkout started (its pid file); one that merely answers on
// the test port (another checkout's, left running) is not ours to stop.
const pidFile = path.resolve(PROJECT_ROOT, testConfig().neo4j.homeDir, 'neo4j.pid');
const managed = !external && fs.existsSync(pidFile);
// Every request reads Neo4j (no shared-read cache), and a read waits at most 1 s.
const ENV = { READ_CACHE_ENTRIES: '0', NEO4J_QUERY_TIMEOUT_MS: '1000' };
const QUERY = '{ regulations(limit: 3) { id } }';

let stack: TestStack;
beforeAll(async () => {
  if (managed) stack = await startStack({ env: ENV });
}, 120_000);
afterAll(async () => {
  await stack?.stop();
});

async function timed(): Promise<{ ms: number; code: string | null }> {
  const t0 = performance.now();
  const body = await stack.gql(QUERY);
  return { ms: performance.now() - t0, code: body.errors ? String(body.errors[0]?.extensions?.code) : null };
}

/** Milliseconds until a normal answer (polling); throws with the codes seen after `limitMs`. */
async function recovery(limitMs: number): Promise<number> {
  const t0 = performance.now();
  const seen: string[] = [];
  while (performance.now() - t0 < limitMs) {
    const r = await timed();
    if (r.code === null) return performance.now() - t0;
    seen.push(`${r.code} after ${Math.round(r.ms)} ms`);
    await new Promise((r) => setTimeout(r, 50));
  }
  throw new Error(`no normal answer within ${limitMs} ms: ${[...new Set(seen)].slice(0, 5).join('; ')}`);
}

describe.skipIf(!managed)('Neo4j lost and back', () => {
  it('hung (SIGSTOP): DATABASE_UNAVAILABLE within ~1 s, normal answers within 5 s of SIGCONT', async () => {
    const pid = Number(fs.readFileSync(pidFile, 'utf8').trim());
    expect((await timed()).code).toBeNull();
    process.kill(pid, 'SIGSTOP');
    let lost: { ms: number; code: string | null };
    try {
      lost = await timed();
    } finally {
      process.kill(pid, 'SIGCONT');
    }
    expect(lost.code).toBe('DATABASE_UNAVAILABLE');
    expect(lost.ms).toBeLessThan(2500);
    expect(await recovery(5000)).toBeLessThan(5000);
  }, 60_000);

  it('stopped, then restarted: DATABASE_UNAVAILABLE within ~1 s, normal answers soon after Bolt answers again', async () => {
    const config = testConfig(ENV);
    expect((await timed()).code).toBeNull();
    await stopNeo4j(config.neo4j);
    try {
      const lost = await timed();
      expect(lost.code).toBe('DATABASE_UNAVAILABLE');
      expect(lost.ms).toBeLessThan(2500);
    } finally {
      await startNeo4j(config.neo4j, { log: () => {} });
    }
    // The goal is 5 s; the bound is generous because a just-restarted JVM on a loaded 2-core machine
    // takes seconds to answer its first Bolt handshakes (bench/neo4j-outage.ts gives the figure).
    expect(await recovery(15_000)).toBeLessThan(15_000);
  }, 180_000);
});
