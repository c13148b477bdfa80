/**
 * Readiness, metrics and graceful shutdown of the real processes (issue 14): `npm start` prints the
 * URL only once /readyz says ready; its cluster's /metrics counts every worker's requests; on SIGTERM a serving process stops accepting, lets an in-flight request
 * finish, closes the Neo4j driver and exits 0; a request still unfinished after SHUTDOWN_GRACE_MS is
 * cut off and the process exits anyway. The in-flight request is real: its body is sent in two
 * halves, the second after the signal.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import http from 'node:http';
import net from 'node:net';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { freePort, freePortEnv } from '../../lib/free-port.ts';
import { PROJECT_ROOT } from '../../lib/project-root.ts';
import { testEnv } from '../support/test-config.ts';

const procs: ChildProcess[] = [];
afterEach(() => {
  for (const p of procs.splice(0)) if (p.exitCode === null && p.signalCode === null) p.kill('SIGKILL');
});

async function until<T>(what: string, get: () => T | undefined | null | false | Promise<T | undefined | null | false>, timeoutMs = 60_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const v = await get();
    if (v) return v;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

function run(args: string[], env: Record<string, string>) {
  const proc = spawn(process.execPath, ['--import', 'tsx', path.join(PROJECT_ROOT, 'scripts/start.ts'), ...args], { cwd: PROJECT_ROOT, env: testEnv({ IDE_ENABLED: 'false', LOG_LEVEL: 'info', ...env }), stdio: ['ignore', 'pipe', 'pipe'] });
  procs.push(proc);
  const state = { out: '', exit: new Promise<number | null>((r) => proc.once('exit', (code) => r(code))) };
  proc.stdout!.on('data', (c: Buffer) => (state.out += c.toString()));
  proc.stderr!.on('data', (c: Buffer) => (state.out += c.toString()));
  const logLines = () => state.out.split('\n').flatMap((l) => (l.startsWith('{') ? [JSON.parse(l) as Record<string, unknown>] : []));
  return { proc, state, logLines };
}

/** A GraphQL request whose body arrives in two parts: `finish()` sends the rest and resolves with the answer. */
function halfSent(port: number) {
  const body = JSON.stringify({ query: 'query InFlight { __typename }' });
  let sendRest = () => {};
  const answer = new Promise<{ status: number; body: string; requestId: string | undefined }>((resolve, reject) => {
    const req = http.request({ host: '127.0.0.1', port, path: '/graphql', method: 'POST', agent: false, headers: { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body), 'x-request-id': 'in-flight-1' } }, (res) => {
      let text = '';
      res.on('data', (c: Buffer) => (text += c.toString()));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body: text, requestId: res.headers['x-request-id'] as string | undefined }));
      res.on('error', reject);
    });
    req.on('error', reject);
    req.write(body.slice(0, 10));
    sendRest = () => req.end(body.slice(10));
  });
  return { answer, finish: () => sendRest() };
}

const refused = (port: number) =>
  new Promise<boolean>((resolve) => {
    const s = net.connect(port, '127.0.0.1');
    s.once('connect', () => (s.destroy(), resolve(false)));
    s.once('error', () => resolve(true));
  });

describe('readiness and graceful shutdown', () => {
  it('npm start prints the URL once /readyz is ready; SIGTERM lets an in-flight request finish, closes the driver and exits 0', async () => {
    const ports = await freePortEnv();
    const gw = Number(ports.GATEWAY_PORT);
    const { proc, state, logLines } = run([], { ...ports, SERVE_WORKERS: '1', SHUTDOWN_GRACE_MS: '8000' });
    await until('the gateway URL', () => state.out.includes('Gateway:'), 150_000);
    const ready = await fetch(`http://127.0.0.1:${gw}/readyz`);
    expect(ready.status).toBe(200);
    const checks = ((await ready.json()) as { checks: { name: string; ok: boolean }[] }).checks;
    expect(checks.filter((c) => c.ok).map((c) => c.name)).toEqual(['neo4j', 'schema', 'dataVersion', 'assistantIndex']);

    const inFlight = halfSent(gw);
    // The gateway has the request (its headers) before the signal.
    await new Promise((r) => setTimeout(r, 300));
    proc.kill('SIGTERM');
    await until('the gateway to stop accepting', () => refused(gw), 10_000);
    inFlight.finish();
    const answer = await inFlight.answer;
    expect(answer.status).toBe(200);
    expect(JSON.parse(answer.body)).toEqual({ data: { __typename: 'Query' } });
    expect(answer.requestId).toBe('in-flight-1');
    expect(await state.exit).toBe(0);
    const lines = logLines();
    expect(lines.find((l) => l.requestId === 'in-flight-1' && l.service === 'gateway')).toMatchObject({ level: 'info', operation: 'InFlight', outcome: 'ok' });
    const stopping = lines.findIndex((l) => l.msg === 'stopping: no new connections; in-flight requests may finish');
    const request = lines.findIndex((l) => l.requestId === 'in-flight-1');
    const stopped = lines.findIndex((l) => l.msg === 'stopped: requests finished, Neo4j driver closed');
    expect(stopping).toBeGreaterThanOrEqual(0);
    expect([stopping < request, request < stopped], state.out).toEqual([true, true]);
  }, 200_000);

  it('a request unfinished after SHUTDOWN_GRACE_MS is cut off; /readyz says stopping meanwhile; the process still exits 0', async () => {
    const ports = await freePortEnv();
    const gw = Number(ports.GATEWAY_PORT);
    const ops = await freePort();
    // The serving process itself (what `npm start` supervises), with the operators' port.
    const { proc, state, logLines } = run(['--serve-all-in-process'], { ...ports, OPS_PORT: String(ops), SHUTDOWN_GRACE_MS: '1500' });
    await until('the gateway', () => state.out.includes('gateway ready at'), 60_000);
    const inFlight = halfSent(gw);
    inFlight.answer.catch(() => {});
    await new Promise((r) => setTimeout(r, 300));
    const t0 = Date.now();
    proc.kill('SIGTERM');
    await until('the gateway to stop accepting', () => refused(gw), 5_000);
    const readyz = await fetch(`http://127.0.0.1:${ops}/readyz`);
    expect(readyz.status).toBe(503);
    expect(((await readyz.json()) as { status: string }).status).toBe('stopping');
    await expect(inFlight.answer).rejects.toThrow(/socket hang up|ECONNRESET/);
    expect(await state.exit).toBe(0);
    const took = Date.now() - t0;
    expect(took).toBeGreaterThanOrEqual(1400);
    expect(took).toBeLessThan(6000);
    expect(logLines().some((l) => l.msg === 'stopped: requests finished, Neo4j driver closed')).toBe(true);
  }, 120_000);

  it("the cluster's /metrics is every worker's, whichever worker is scraped", async () => {
    const ports = await freePortEnv();
    const gw = Number(ports.GATEWAY_PORT);
    const { proc, state } = run([], { ...ports, SERVE_WORKERS: '2', LOG_LEVEL: 'warn' });
    await until('the gateway URL', () => state.out.includes('Gateway:'), 150_000);
    // New connections, which the cluster primary hands to the workers in turn.
    const ask = (path: string, body?: string) =>
      new Promise<{ status: number; text: string }>((resolve, reject) => {
        const req = http.request({ host: '127.0.0.1', port: gw, path, method: body ? 'POST' : 'GET', agent: false, headers: body ? { 'content-type': 'application/json' } : {} }, (res) => {
          let text = '';
          res.on('data', (c: Buffer) => (text += c.toString()));
          res.on('end', () => resolve({ status: res.statusCode ?? 0, text }));
        });
        req.on('error', reject);
        req.end(body);
      });
    const pids = new Set<number>();
    for (let i = 0; i < 12; i++) {
      const r = await ask('/graphql', JSON.stringify({ query: 'query Counted { __typename }' }));
      expect(r.status).toBe(200);
      // Two more requests per question: round-robin over two workers then sends the next question to the other one.
      for (let j = 0; j < 2; j++) pids.add((JSON.parse((await ask('/healthz')).text) as { pid: number }).pid);
    }
    expect(pids.size).toBe(2);
    for (let i = 0; i < 4; i++) {
      const m = await ask('/metrics');
      expect(m.status).toBe(200);
      expect(m.text).toMatch(/^regkg_graphql_requests_total\{service="gateway",operation="Counted",outcome="ok"\} 12$/m);
    }
    proc.kill('SIGTERM');
    expect(await state.exit).toBe(0);
  }, 200_000);
});
