/**
 * `npm start` as a user runs it (scripts/start.ts), against the test Neo4j: the graph served by two
 * cluster workers sharing the ports, the assistant held by one of them, a killed worker restarted,
 * and Ctrl-C (SIGTERM) stopping every process; and `--separate`, the six-process topology.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { freePortEnv } from '../../lib/free-port.ts';
import { childrenOf, descendantsOf, isAlive } from '../../lib/process-tree.ts';
import { PROJECT_ROOT } from '../../lib/neo4j-server.ts';
import { testEnv } from '../support/test-config.ts';



async function until<T>(what: string, get: () => T | undefined | null | false, timeoutMs = 60_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const v = get();
    if (v) return v;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

let proc: ChildProcess | null = null;
afterAll(() => {
  if (proc && proc.exitCode === null) proc.kill('SIGKILL');
});

const FLAGSHIP = '{ applicableObligations(serviceType: "svc/face-recognition-payment", context: {sandbox: true}) { results { status obligation { id provisions { citationEn } } } } }';
const MATCH = '{ matchObligations(text: "생체인식정보 별도 동의", limit: 3) { obligation { id } } }';

type Answer = { data?: Record<string, unknown[] | Record<string, unknown[]>>; errors?: unknown[] };

/** Starts `npm start` (scripts/start.ts) on free ports against the test Neo4j; returns its output so far and a client. */
async function startProduct(args: string[], extra: Record<string, string>) {
  const ports = await freePortEnv();
  const gw = ports.GATEWAY_PORT;
  const env = testEnv({
    ...ports,
    IDE_ENABLED: 'false',
    // A cold first answer on a loaded machine may pass the 5 s default; the hang test sets its own.
    SUBGRAPH_TIMEOUT_MS: '30000',
    REQUEST_TIMEOUT_MS: '40000',
    ...extra,
  });
  const state = { out: '' };
  proc = spawn(process.execPath, ['--import', 'tsx', path.join(PROJECT_ROOT, 'scripts/start.ts'), ...args], { cwd: PROJECT_ROOT, env, stdio: ['ignore', 'pipe', 'pipe'] });
  proc.stdout!.on('data', (c: Buffer) => (state.out += c.toString()));
  proc.stderr!.on('data', (c: Buffer) => (state.out += c.toString()));
  await until('the gateway URL', () => state.out.includes('Gateway:'), 120_000);
  const ask = async (query: string): Promise<Answer> => {
    const res = await fetch(`http://127.0.0.1:${gw}/graphql`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ query }) });
    return (await res.json()) as Answer;
  };
  /** Asks both questions a few times (so that every worker answers) and checks the answers. */
  const askBoth = async (times: number) => {
    for (let i = 0; i < times; i++) {
      const [a, m] = await Promise.all([ask(FLAGSHIP), ask(MATCH)]);
      expect(a.errors).toBeUndefined();
      expect((a.data!.applicableObligations as { results: unknown[] }).results.length).toBeGreaterThan(10);
      expect(m.errors).toBeUndefined();
      expect(m.data!.matchObligations).toHaveLength(3);
    }
  };
  return { state, ask, askBoth };
}

async function stopProduct(pids: number[]): Promise<void> {
  proc!.kill('SIGTERM');
  await new Promise((r) => proc!.once('exit', r));
  await until('every serving process to stop', () => pids.every((p) => !isAlive(p)), 15_000);
}

describe('npm start', () => {
  it('serves the graph from two workers, restarts a killed one, and stops everything on SIGTERM', async () => {
    const { state, ask, askBoth } = await startProduct([], { SERVE_WORKERS: '2' });
    const workers = () => [...state.out.matchAll(/worker \d+ \(pid (\d+)\)/g)].map((m) => Number(m[1]));
    const [first, second] = await until('two workers', () => workers().length >= 2 && workers());
    // The assistant lives in the first worker; the other reaches it over HTTP.
    await askBoth(8);

    process.kill(second!, 'SIGKILL');
    await until('the restart', () => /worker \d exited \(SIGKILL\); restart #1/.test(state.out));
    await until('a third worker', () => workers().length >= 3);
    expect((await ask(FLAGSHIP)).errors).toBeUndefined();

    await stopProduct([first!, ...workers().slice(2)]);
  }, 180_000);

  it('--separate: six processes; subgraph ports refuse strangers; a hung or killed subgraph costs one bounded, named error; all stop', async () => {
    const ports = { SUBGRAPH_TIMEOUT_MS: '2000', SUBGRAPH_BREAKER_FAILURES: '100' };
    const { state, ask, askBoth } = await startProduct(['--separate'], ports);
    const serving = childrenOf(proc!.pid!);
    expect(serving).toHaveLength(6);
    await askBoth(2);

    // The subgraph ports answer only the gateway (npm start made one SUBGRAPH_SECRET for the run).
    const subgraphPort = Number(/institutions subgraph ready at http:\/\/[^:]+:(\d+)/.exec(state.out)?.[1]);
    expect(subgraphPort).toBeGreaterThan(0);
    for (const query of ['{ _service { sdl } }', '{ institutions(limit: 1) { id } }']) {
      const res = await fetch(`http://127.0.0.1:${subgraphPort}/`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ query }) });
      expect(res.status, query).toBe(401);
    }

    const institutions = serving.find((pid) => fs.readFileSync(`/proc/${pid}/cmdline`, 'utf8').includes('subgraphs/institutions/index.ts'))!;
    expect(institutions).toBeDefined();
    const BOTH = '{ regulations(limit: 1) { id } institution(id: "inst/fsc") { id } }';
    type Err = { path?: unknown[]; extensions?: Record<string, unknown> };
    // Hung (SIGSTOP): answered within the timeout + 1 s, with the other subgraph's data.
    process.kill(institutions, 'SIGSTOP');
    try {
      const t0 = Date.now();
      const hung = await ask(BOTH);
      expect(Date.now() - t0).toBeLessThan(3000);
      expect((hung.data as { regulations: unknown[] }).regulations).toHaveLength(1);
      expect((hung.errors as Err[])[0]).toMatchObject({ path: ['institution'], extensions: { code: 'SUBGRAPH_TIMEOUT', serviceName: 'institutions' } });
    } finally {
      process.kill(institutions, 'SIGCONT');
    }
    // Killed (SIGKILL): SUBGRAPH_UNAVAILABLE at once, then the supervisor restarts it.
    process.kill(institutions, 'SIGKILL');
    await until('the supervisor to notice', () => /institutions exited \(SIGKILL\)/.test(state.out));
    const t1 = Date.now();
    const down = await ask(BOTH);
    expect(Date.now() - t1).toBeLessThan(3000);
    expect((down.data as { regulations: unknown[] }).regulations).toHaveLength(1);
    expect((down.errors as Err[])[0]).toMatchObject({ path: ['institution'], extensions: { code: 'SUBGRAPH_UNAVAILABLE', serviceName: 'institutions' } });
    await until('institutions back', () => (state.out.match(/institutions subgraph ready/g) ?? []).length >= 2, 60_000);
    await new Promise((r) => setTimeout(r, 300));
    const back = await ask(BOTH);
    expect(back.errors).toBeUndefined();

    await stopProduct(childrenOf(proc!.pid!));
  }, 240_000);

  it('gives up when not ready within START_READY_TIMEOUT_MS: exits 1 and stops every process it started, cluster workers included', async () => {
    const env = testEnv({ ...(await freePortEnv()), IDE_ENABLED: 'false', SERVE_WORKERS: '2', START_READY_TIMEOUT_MS: '1500' });
    let out = '';
    proc = spawn(process.execPath, ['--import', 'tsx', path.join(PROJECT_ROOT, 'scripts/start.ts')], { cwd: PROJECT_ROOT, env, stdio: ['ignore', 'pipe', 'pipe'] });
    proc.stdout!.on('data', (c: Buffer) => (out += c.toString()));
    proc.stderr!.on('data', (c: Buffer) => (out += c.toString()));
    // Every process below the supervisor while it runs (a worker building its index may be one that
    // cannot handle SIGTERM: it must go anyway).
    const seen = new Set<number>();
    const watch = setInterval(() => descendantsOf(proc!.pid!).forEach((p) => seen.add(p)), 25);
    const code = await new Promise<number | null>((r) => proc!.once('exit', (c) => r(c)));
    clearInterval(watch);
    expect(code, out).toBe(1);
    expect(out).toMatch(/did not say ready within 1\.5s/);
    expect(out).toMatch(/stopping the 1 process\(es\) started/);
    expect(seen.size, out).toBeGreaterThanOrEqual(2); // the cluster primary and at least one worker
    await until('every process it started to stop', () => [...seen].every((p) => !isAlive(p)), 10_000);
  }, 180_000);

  it('leaves no server behind when the supervisor itself is killed (SIGKILL)', async () => {
    const { askBoth } = await startProduct([], { SERVE_WORKERS: '2' });
    await askBoth(1);
    const serving = descendantsOf(proc!.pid!);
    expect(serving.length).toBeGreaterThanOrEqual(3); // the cluster primary and two workers
    proc!.kill('SIGKILL');
    await until('every serving process to stop', () => serving.every((p) => !isAlive(p)), 15_000);
  }, 180_000);
});
