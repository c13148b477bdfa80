/**
 * The server side of bench/worst-query.ts: `npm start` as a child (scripts/start.ts), its serving
 * worker found in the process tree, and a 100 ms VmRSS sampler that tells whether the worker lived
 * through each phase (same pid, no exit line from the supervisor).
 */
import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import type { Driver } from 'neo4j-driver';
import { loadConfig } from '../lib/config.ts';
import { freePortEnv } from '../lib/free-port.ts';
import { PROJECT_ROOT } from '../lib/neo4j-server.ts';
import { descendantsOf } from '../lib/process-tree.ts';

const log = (m: string) => console.error(`[worst] ${m}`);
const MB = 2 ** 20;

/** A production login for the bundled server (whose own password is the development default, refused in production). */
export async function benchUser(driver: Driver): Promise<{ NEO4J_USERNAME: string; NEO4J_PASSWORD: string } | null> {
  const password = randomBytes(18).toString('base64url');
  const s = driver.session({ database: 'system' });
  try {
    await s.run('CREATE OR REPLACE USER regkg_bench SET PLAINTEXT PASSWORD $password CHANGE NOT REQUIRED', { password });
    return { NEO4J_USERNAME: 'regkg_bench', NEO4J_PASSWORD: password };
  } catch (err) {
    log(`cannot create a Neo4j user for production mode (${(err as Error).message}); serving in development mode`);
    return null;
  } finally {
    await s.close();
  }
}

export function rssOf(pid: number): number | null {
  try {
    const m = /VmRSS:\s+(\d+) kB/.exec(fs.readFileSync(`/proc/${pid}/status`, 'utf8'));
    return m ? Number(m[1]) * 1024 : null;
  } catch {
    return null;
  }
}

const isWorker = (pid: number) => {
  try {
    return fs.readFileSync(`/proc/${pid}/cmdline`, 'utf8').includes('--serve-all-in-process');
  } catch {
    return false;
  }
};

export interface Server {
  url: string;
  heapMb: number;
  mode: string;
  worker: () => number | null;
  /** Supervisor stderr lines saying a child exited, and heap failures, since the start. */
  exits: string[];
  stop: () => Promise<void>;
}

export async function startServer(extraEnv: Record<string, string>, logDir: string): Promise<Server> {
  const env: NodeJS.ProcessEnv = { ...process.env, ...(await freePortEnv()), SERVE_WORKERS: '1', IDE_ENABLED: 'false', ...extraEnv };
  delete env.SERVE_HEAP_MB; // the default, as `npm start` runs
  const served = loadConfig(env);
  const out = fs.openSync(path.join(logDir, 'worst-start.log'), 'w');
  const sup = spawn(process.execPath, ['--import', 'tsx', path.join(PROJECT_ROOT, 'scripts/start.ts')], { cwd: PROJECT_ROOT, env, stdio: ['ignore', 'pipe', 'pipe'] });
  const exits: string[] = [];
  sup.stderr!.on('data', (c: Buffer) => {
    fs.writeSync(out, c);
    for (const line of c.toString().split('\n')) if (/\[start\] .* exited|FATAL ERROR|heap out of memory|Reached heap limit/.test(line)) exits.push(line.trim());
  });
  await new Promise<void>((resolve, reject) => {
    let buf = '';
    const t = setTimeout(() => reject(new Error('npm start did not print its Gateway line within 180 s (see .data/bench-logs/worst-start.log)')), 180_000);
    sup.stdout!.on('data', (c: Buffer) => {
      buf += c.toString();
      if (buf.includes('Gateway:')) (clearTimeout(t), resolve());
    });
    sup.once('exit', (code) => (clearTimeout(t), reject(new Error(`npm start exited with ${code}`))));
  });
  return {
    url: `http://127.0.0.1:${served.gatewayPort}/graphql`,
    heapMb: served.serveHeapMb,
    mode: served.env,
    worker: () => descendantsOf(sup.pid!).find(isWorker) ?? null,
    exits,
    stop: () =>
      new Promise((resolve) => {
        const t = setTimeout(() => sup.kill('SIGKILL'), 10_000);
        sup.once('exit', () => (clearTimeout(t), fs.closeSync(out), resolve()));
        sup.kill('SIGTERM');
      }),
  };
}

/** Samples the worker's RSS every 100 ms; `phase()` runs `fn` and reports its peak and whether the worker lived through it. */
export function watcher(server: Server) {
  let pid = server.worker();
  let peak = 0;
  let gone = false;
  const timer = setInterval(() => {
    const r = pid === null ? null : rssOf(pid);
    if (r === null) gone = true;
    else peak = Math.max(peak, r);
  }, 100);
  return {
    pid: () => pid,
    async phase<T>(fn: () => Promise<T>): Promise<{ value: T; peakMb: number; survived: boolean; pidBefore: number | null; exits: string[] }> {
      const pidBefore = pid;
      const exits0 = server.exits.length;
      peak = (pid && rssOf(pid)) || 0;
      gone = false;
      const value = await fn();
      await settle(server.url);
      const exits = server.exits.slice(exits0);
      const now = server.worker();
      const survived = !gone && exits.length === 0 && now === pidBefore;
      if (!survived) {
        // The supervisor restarts the worker: wait for the new one to answer before the next phase.
        for (let i = 0; i < 600 && (server.worker() === null || server.worker() === pidBefore || !(await answers(server.url))); i++) await new Promise((r) => setTimeout(r, 500));
        pid = server.worker();
      }
      return { value, peakMb: peak / MB, survived, pidBefore, exits };
    },
    stop: () => clearInterval(timer),
  };
}

/**
 * Waits until the worker answers a trivial request within a second (requests a client gave up on —
 * autocannon's at the end of a phase — are still being served), so each phase starts idle.
 */
export async function settle(url: string): Promise<void> {
  for (let i = 0; i < 120; i++) {
    const t = performance.now();
    if ((await answers(url)) && performance.now() - t < 1000) break;
    await new Promise((r) => setTimeout(r, 500));
  }
  await new Promise((r) => setTimeout(r, 500));
}

export async function answers(url: string): Promise<boolean> {
  try {
    return (await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{"query":"{ __typename }"}' })).ok;
  } catch {
    return false;
  }
}
