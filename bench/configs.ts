/**
 * The configurations under test, each started as child processes so that the load generator (this
 * process) never shares a process with a server, and so that the serving processes' RSS can be
 * read from /proc. Every configuration talks to the same Neo4j with the same data.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { SUBGRAPH_NAMES, SUBGRAPH_PORT_VARS } from '../lib/config.ts';
import { descendantsOf } from '../lib/process-tree.ts';
import { PROJECT_ROOT } from '../lib/neo4j-server.ts';
import { SUBGRAPH_SECRET_HEADER } from '../lib/subgraph-secret.ts';
import type { WorkloadName } from './workloads.ts';

export type ConfigName = 'ours' | 'ours-shaping' | 'ours-separate' | 'ours-inproc' | 'ours-local' | 'floor' | 'peer' | 'hive';

export interface Running {
  /** GraphQL endpoint (HTTP configurations). */
  url: string;
  /** The serving processes (gateway + subgraphs, or the peer server), read at each RSS sample. */
  pids: () => number[];
  stop: () => Promise<void>;
}

export interface ServerConfig {
  name: ConfigName;
  label: string;
  workloads: WorkloadName[];
  /** Undefined for the floor (run by bench/floor.ts, no server). */
  start?: (env: Record<string, string | undefined>, logDir: string) => Promise<Running>;
}

function spawnNode(script: string, args: string[], env: Record<string, string | undefined>, logFile: string, nodeArgs: string[] = []): ChildProcess {
  const log = fs.openSync(logFile, 'a');
  return spawn(process.execPath, [...nodeArgs, '--import', 'tsx', path.join(PROJECT_ROOT, script), ...args], {
    cwd: PROJECT_ROOT,
    // Every server runs its libraries in production mode (graphql-js, Express), as a deployment
    // would; the application's own mode stays APP_ENV (development unless set: the local password).
    env: { ...env, NODE_ENV: 'production', APP_ENV: env.APP_ENV ?? 'development' },
    stdio: ['ignore', 'pipe', log],
  });
}

/** Resolves with the first stdout line that matches (or rejects when the process exits first). */
function waitForLine(proc: ChildProcess, re: RegExp, timeoutMs: number, what: string): Promise<string> {
  return new Promise((resolve, reject) => {
    let buf = '';
    const timer = setTimeout(() => reject(new Error(`${what} did not start within ${timeoutMs / 1000}s`)), timeoutMs);
    proc.stdout!.on('data', (c: Buffer) => {
      buf += c.toString();
      const m = buf.split('\n').find((l) => re.test(l));
      if (m) {
        clearTimeout(timer);
        resolve(m);
      }
    });
    proc.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`${what} exited with code ${code} before it was ready (see its log)`));
    });
  });
}

async function waitForGraphql(url: string, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    try {
      const secret = process.env.SUBGRAPH_SECRET ?? '';
      const r = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json', [SUBGRAPH_SECRET_HEADER]: secret }, body: JSON.stringify({ query: '{ __typename }' }) });
      if (r.ok) return;
    } catch {
      /* not yet */
    }
    await new Promise((r) => setTimeout(r, 200));
  }
  throw new Error(`${url} did not answer within ${timeoutMs / 1000}s`);
}

async function stopProc(proc: ChildProcess): Promise<void> {
  if (proc.exitCode !== null || proc.signalCode !== null) return;
  await new Promise<void>((resolve) => {
    const t = setTimeout(() => {
      proc.kill('SIGKILL');
    }, 8000);
    proc.once('exit', () => {
      clearTimeout(t);
      resolve();
    });
    proc.kill('SIGTERM');
  });
}

/** The five subgraphs as separate processes (for Hive). */
async function startSubgraphs(env: Record<string, string | undefined>, logDir: string, nodeArgs: string[]): Promise<ChildProcess[]> {
  const procs = SUBGRAPH_NAMES.map((n) => spawnNode(`subgraphs/${n}/index.ts`, [], env, path.join(logDir, `${n}.log`), nodeArgs));
  await Promise.all(SUBGRAPH_NAMES.map((n) => waitForGraphql(`http://127.0.0.1:${env[SUBGRAPH_PORT_VARS[n]]}/`, 60_000)));
  return procs;
}

export const ALL_WORKLOADS: WorkloadName[] = ['flagship', 'institution', 'provision', 'match'];

/** `npm start` with these arguments and extra environment, logging to `logName`. */
function startOurs(args: string[], extraEnv: Record<string, string>, logName: string): NonNullable<ServerConfig['start']> {
  return async (env, logDir) => {
    const proc = spawnNode('scripts/start.ts', args, { ...env, IDE_ENABLED: 'false', ...extraEnv }, path.join(logDir, logName));
    await waitForLine(proc, /Gateway:/, 120_000, ['npm start', ...args].join(' '));
    const url = `http://127.0.0.1:${env.GATEWAY_PORT}/graphql`;
    return { url, pids: () => descendantsOf(proc.pid!), stop: () => stopProc(proc) };
  };
}

export function serverConfigs(nodeArgs: string[] = []): ServerConfig[] {
  return [
    {
      name: 'ours',
      label: 'Ours as `npm start` runs it (SERVE_WORKERS cluster workers, each 5 subgraphs + gateway, in-process calls)',
      workloads: ALL_WORKLOADS,
      // scripts/start.ts exactly as `npm start` runs it (the supervisor is not counted in RSS).
      start: startOurs([], {}, 'start.log'),
    },
    {
      name: 'ours-shaping',
      label: 'Ours as `npm start` runs it, with the single-fetch pass-through off (GATEWAY_PASS_THROUGH=0): every answer shaped by Apollo Gateway',
      workloads: ['flagship'],
      start: startOurs([], { GATEWAY_PASS_THROUGH: '0' }, 'start-shaping.log'),
    },
    {
      name: 'ours-separate',
      label: 'Ours as `npm start -- --separate` runs it (gateway + 5 subgraph processes over HTTP)',
      workloads: ALL_WORKLOADS,
      start: startOurs(['--separate'], {}, 'start-separate.log'),
    },
    {
      name: 'ours-inproc',
      label: 'Ours in one process, gateway reaches the subgraphs over loopback HTTP (lib/stack.ts transport http)',
      workloads: ALL_WORKLOADS,
      start: async (env, logDir) => {
        const proc = spawnNode('bench/servers/inproc.ts', [], { ...env, IDE_ENABLED: 'false' }, path.join(logDir, 'inproc.log'), nodeArgs);
        const line = await waitForLine(proc, /"url"/, 120_000, 'in-process stack');
        return { url: (JSON.parse(line) as { url: string }).url, pids: () => [proc.pid!], stop: () => stopProc(proc) };
      },
    },
    {
      name: 'ours-local',
      label: 'Ours in one process, gateway calls subgraphs in-process (no HTTP hop)',
      workloads: ALL_WORKLOADS,
      start: async (env, logDir) => {
        const proc = spawnNode('bench/servers/inproc.ts', ['local'], { ...env, IDE_ENABLED: 'false' }, path.join(logDir, 'local.log'), nodeArgs);
        const line = await waitForLine(proc, /"url"/, 120_000, 'in-process stack (local transport)');
        return { url: (JSON.parse(line) as { url: string }).url, pids: () => [proc.pid!], stop: () => stopProc(proc) };
      },
    },
    { name: 'floor', label: 'Floor (one Cypher query, neo4j-driver, no GraphQL)', workloads: ['flagship'] },
    {
      name: 'peer',
      label: 'Peer (@neo4j/graphql 7.6.3, one server)',
      workloads: ['flagship'],
      start: async (env, logDir) => {
        const proc = spawnNode('bench/servers/peer.ts', [env.GATEWAY_PORT!], env, path.join(logDir, 'peer.log'), nodeArgs);
        const line = await waitForLine(proc, /"url"/, 120_000, '@neo4j/graphql peer');
        return { url: (JSON.parse(line) as { url: string }).url, pids: () => [proc.pid!], stop: () => stopProc(proc) };
      },
    },
    {
      name: 'hive',
      label: 'Hive Gateway 2.12 + Rust planner, same 5 subgraph processes',
      workloads: ALL_WORKLOADS,
      start: async (env, logDir) => {
        const subs = await startSubgraphs(env, logDir, nodeArgs);
        const proc = spawnNode('bench/servers/hive.ts', [env.GATEWAY_PORT!], env, path.join(logDir, 'hive.log'), nodeArgs);
        try {
          const line = await waitForLine(proc, /"url"/, 120_000, 'Hive Gateway');
          return {
            url: (JSON.parse(line) as { url: string }).url,
            pids: () => [proc.pid!, ...subs.map((s) => s.pid!)],
            stop: async () => {
              await stopProc(proc);
              await Promise.all(subs.map(stopProc));
            },
          };
        } catch (err) {
          await Promise.all([proc, ...subs].map(stopProc));
          throw err;
        }
      },
    },
  ];
}

/** Sum of VmRSS (bytes) of the given processes. */
export function rssOf(pids: number[]): number {
  let total = 0;
  for (const pid of pids) {
    try {
      const m = /VmRSS:\s+(\d+) kB/.exec(fs.readFileSync(`/proc/${pid}/status`, 'utf8'));
      if (m) total += Number(m[1]) * 1024;
    } catch {
      /* exited */
    }
  }
  return total;
}

/** CPU time (ms, user + system) the given processes have used so far. */
export function cpuMsOf(pids: number[]): number {
  let ticks = 0;
  for (const pid of pids) {
    try {
      const stat = fs.readFileSync(`/proc/${pid}/stat`, 'utf8');
      const f = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
      ticks += Number(f[11]) + Number(f[12]);
    } catch {
      /* exited */
    }
  }
  return ticks * 10; // USER_HZ is 100 on Linux
}

/** The bundled Neo4j server of `homeDir` (its neo4j.pid), if it runs on this machine. */
export function neo4jPids(homeDir: string): number[] {
  try {
    const pid = Number(fs.readFileSync(path.resolve(PROJECT_ROOT, homeDir, 'neo4j.pid'), 'utf8').trim());
    return pid > 0 && fs.existsSync(`/proc/${pid}/stat`) ? [pid] : [];
  } catch {
    return [];
  }
}
