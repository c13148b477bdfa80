/**
 * Memory and start-up at national scale (issue 16): per data size, the load time, `npm start`'s
 * "ready in", the RSS of each serving process after it said ready and after one flagship question
 * per service type, and the size of each per-process structure (bench/scale-structures.ts). The ×1
 * figures of the same run are the baseline of the growth table.
 *
 *   NEO4J_BOLT_PORT=7801 NEO4J_HOME_DIR=.data/neo4j-scale npx tsx scripts/db.ts start
 *   NEO4J_BOLT_PORT=7801 NEO4J_HOME_DIR=.data/neo4j-scale npx tsx bench/scale-memory.ts [--sizes 1,100,1000] [--budget-min 25] [--sweep 2000] [--no-reset]
 *
 * RESETS the graph it is pointed at (unless --no-reset), then grows it with varied-text copies
 * (bench/varied-text.ts). The largest size is loaded within --budget-min minutes: when the budget
 * runs out the run measures the size reached and says so. Memory and sizes are the figures to trust
 * on a shared machine; times move with its load (the run prints the load average).
 */
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { loadConfig } from '../lib/config.ts';
import { freePortEnv } from '../lib/free-port.ts';
import { createDriver } from '../lib/neo4j.ts';
import { PROJECT_ROOT } from '../lib/neo4j-server.ts';
import { descendantsOf } from '../lib/process-tree.ts';
import { graphSize, prepareSize } from './data.ts';
import { rssOf } from './worst-server.ts';
import { FLAGSHIP_QUERY } from './workloads.ts';

const { values: args } = parseArgs({
  options: {
    sizes: { type: 'string', default: '1,100,1000' },
    'budget-min': { type: 'string', default: '25' },
    sweep: { type: 'string', default: '2000' },
    'no-reset': { type: 'boolean', default: false },
    /** Measure the graph as it is (sizes: one, its label) without loading: for a re-run at a size already loaded. */
    'measure-only': { type: 'boolean', default: false },
  },
});
const MB = 2 ** 20;
const log = (m: string) => console.error(`[scale] ${new Date().toISOString().slice(11, 19)} ${m}`);
const LOG_DIR = path.join(PROJECT_ROOT, '.data', 'bench-logs');
fs.mkdirSync(LOG_DIR, { recursive: true });

interface Served {
  readyS: number | null;
  wallS: number;
  /** RSS MB per process: the cluster primary, then the workers (the first holds the assistant). */
  ready: Record<string, number>;
  afterSweep: Record<string, number>;
  peak: Record<string, number>;
  sweepRequests: number;
  sweepErrors: number;
  exits: string[];
}

const cmdline = (pid: number): string => {
  try {
    return fs.readFileSync(`/proc/${pid}/cmdline`, 'utf8');
  } catch {
    return '';
  }
};

/** The serving processes of a supervisor, named: `primary` (serve-cluster.mjs), `worker1` (assistant), `worker2`, … (by pid order = fork order). */
function serving(supPid: number): Record<string, number> {
  const pids = descendantsOf(supPid).sort((a, b) => a - b);
  const out: Record<string, number> = {};
  let w = 0;
  for (const pid of pids) {
    const c = cmdline(pid);
    if (c.includes('serve-cluster')) out.primary = pid;
    else if (c.includes('start.ts') || c.includes('start.js')) out[`worker${++w}`] = pid;
  }
  return out;
}

const rssMb = (procs: Record<string, number>): Record<string, number> => Object.fromEntries(Object.entries(procs).map(([k, pid]) => [k, Math.round((rssOf(pid) ?? 0) / MB)]));

/** `npm start` (scripts/start.ts) as shipped but for its ports and the IDE; RSS per process after ready and after the flagship sweep. */
async function serve(serviceTypes: string[], label: string): Promise<Served> {
  const env: NodeJS.ProcessEnv = { ...process.env, ...(await freePortEnv()), IDE_ENABLED: 'false' };
  const config = loadConfig(env);
  const errLog = fs.openSync(path.join(LOG_DIR, `scale-start-${label}.log`), 'w');
  const t0 = Date.now();
  const sup = spawn(process.execPath, ['--import', 'tsx', path.join(PROJECT_ROOT, 'scripts/start.ts')], { cwd: PROJECT_ROOT, env, stdio: ['ignore', 'pipe', 'pipe'] });
  const exits: string[] = [];
  let readyS: number | null = null;
  sup.stderr!.on('data', (c: Buffer) => {
    fs.writeSync(errLog, c);
    for (const line of c.toString().split('\n')) {
      const m = /\[start\] ready in ([\d.]+) s/.exec(line);
      if (m) readyS = Number(m[1]);
      if (/\[start\] .* exited|FATAL ERROR|heap out of memory|Reached heap limit|\[start\] error/.test(line)) exits.push(line.trim());
    }
  });
  try {
    await new Promise<void>((resolve, reject) => {
      let buf = '';
      sup.stdout!.on('data', (c: Buffer) => {
        buf += c.toString();
        if (buf.includes('Gateway:')) resolve();
      });
      sup.once('exit', (code) => reject(new Error(`npm start exited with ${code}: ${exits.join(' | ') || 'see its log'}`)));
    });
    const wallS = (Date.now() - t0) / 1000;
    await new Promise((r) => setTimeout(r, 3000));
    const procs = serving(sup.pid!);
    const ready = rssMb(procs);
    log(`  ready in ${readyS} s; RSS ${JSON.stringify(ready)} MB`);
    const peak = { ...ready };
    const sampler = setInterval(() => {
      for (const [k, v] of Object.entries(rssMb(procs))) peak[k] = Math.max(peak[k] ?? 0, v);
    }, 250);
    const n = Math.min(Number(args.sweep), serviceTypes.length);
    const step = serviceTypes.length / n;
    const sweep = Array.from({ length: n }, (_, i) => serviceTypes[Math.floor(i * step)]!);
    const url = `http://127.0.0.1:${config.gatewayPort}/graphql`;
    let next = 0;
    let errors = 0;
    // Four connections: the cluster hands new connections to its workers in turn, so each worker answers its share.
    await Promise.all(
      Array.from({ length: 4 }, async () => {
        while (next < sweep.length) {
          const serviceType = sweep[next++]!;
          try {
            const r = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ query: FLAGSHIP_QUERY, variables: { serviceType, context: { sandbox: true, asOf: '2026-06-01' } } }) });
            const body = (await r.json()) as { errors?: unknown[] };
            if (!r.ok || body.errors?.length) errors++;
          } catch {
            errors++;
          }
        }
      }),
    );
    clearInterval(sampler);
    await new Promise((r) => setTimeout(r, 2000));
    const afterSweep = rssMb(procs);
    log(`  ${n} flagship questions (${errors} errors); RSS ${JSON.stringify(afterSweep)} MB, peak ${JSON.stringify(peak)}`);
    return { readyS, wallS, ready, afterSweep, peak, sweepRequests: n, sweepErrors: errors, exits };
  } finally {
    await new Promise<void>((resolve) => {
      if (sup.exitCode !== null) return resolve();
      const t = setTimeout(() => sup.kill('SIGKILL'), 15_000);
      sup.once('exit', () => (clearTimeout(t), resolve()));
      sup.kill('SIGTERM');
    });
    fs.closeSync(errLog);
  }
}

/** bench/scale-structures.ts in a child of its own (--expose-gc; a heap large enough not to be the limit). */
function structures(label: string): Promise<Record<string, number | null>> {
  return new Promise((resolve, reject) => {
    const errLog = fs.openSync(path.join(LOG_DIR, `scale-structures-${label}.log`), 'w');
    const p = spawn(process.execPath, ['--expose-gc', '--max-old-space-size=4096', '--import', 'tsx', path.join(PROJECT_ROOT, 'bench/scale-structures.ts'), '--sweep', args.sweep!], {
      cwd: PROJECT_ROOT,
      env: { ...process.env, NODE_ENV: 'production', APP_ENV: process.env.APP_ENV ?? 'development', LOG_LEVEL: 'warn', SUBGRAPH_TIMEOUT_MS: '120000', REQUEST_TIMEOUT_MS: '120000', NEO4J_QUERY_TIMEOUT_MS: '120000' },
      stdio: ['ignore', 'pipe', errLog],
    });
    let out = '';
    p.stdout!.on('data', (c: Buffer) => (out += c.toString()));
    p.once('exit', (code) => {
      fs.closeSync(errLog);
      // The child's logger writes JSON lines to stdout too: its own lines are the ones with `serviceTypes`.
      const line = out.trim().split('\n').filter((l) => l.startsWith('{"serviceTypes"')).at(-1) ?? '';
      // A failed later stage still reports the stages before it (the child prints what it has after each).
      if (line.startsWith('{')) resolve({ ...(JSON.parse(line) as Record<string, number | null>), ...(code === 0 ? {} : { exitCode: code }) });
      else reject(new Error(`scale-structures exited with ${code} (see .data/bench-logs/scale-structures-${label}.log)`));
    });
  });
}

interface Row {
  size: string;
  copies: number;
  nodes: number;
  relationships: number;
  loadS: number;
  structures: Record<string, number | null>;
  served: Served | { error: string };
}

const config = loadConfig(process.env);
const driver = createDriver(config.neo4j);
const rows: Row[] = [];
const sizes = args.sizes!.split(',').map(Number);
const started = new Date();
try {
  for (const [i, size] of sizes.entries()) {
    log(`size ×${size}: loading (load average ${os.loadavg().map((l) => l.toFixed(1)).join(' ')})`);
    const last = i === sizes.length - 1;
    const g = args['measure-only']
      ? { ...(await graphSize(driver, config.neo4j.database)), copies: size - 1, loadMs: 0 }
      : await prepareSize(driver, config, size, { reset: i === 0 && !args['no-reset'], log: (m) => log(`  ${m}`), variedText: true, budgetMs: last ? Number(args['budget-min']) * 60_000 : undefined });
    const label = `x${g.copies + 1}`;
    log(`${label}: ${g.nodes} nodes, ${g.relationships} relationships, loaded in ${(g.loadMs / 1000).toFixed(0)} s`);
    const st = await structures(label).catch((err: Error) => (log(`  ${err.message}`), {} as Record<string, number | null>));
    log(`  structures ${JSON.stringify(st)}`);
    const session = driver.session({ database: config.neo4j.database, defaultAccessMode: 'READ' });
    const types = await session.run('MATCH (t:AIServiceType) RETURN t.id AS id ORDER BY id').finally(() => session.close());
    let served: Row['served'];
    try {
      served = await serve(types.records.map((r) => r.get('id') as string), label);
    } catch (err) {
      served = { error: (err as Error).message };
      log(`  npm start failed: ${served.error}`);
    }
    rows.push({ size: label, copies: g.copies, nodes: g.nodes, relationships: g.relationships, loadS: g.loadMs / 1000, structures: st, served });
  }
} finally {
  await driver.close();
}

const f = (n: number | null | undefined, d = 1) => (n === null || n === undefined ? '–' : n.toFixed(d));
const workerKeys = [...new Set(rows.flatMap((r) => ('ready' in r.served ? Object.keys(r.served.ready) : [])))].sort();
const lines = [
  `scale-memory ${started.toISOString()} · ${os.cpus().length} cores, load average at the end ${os.loadavg().map((l) => l.toFixed(1)).join(' ')} · varied-text copies · flagship sweep ≤ ${args.sweep} service types`,
  '',
  `| size | nodes | load s | ready in s | ${workerKeys.map((k) => `${k} RSS MB ready → after sweep (peak)`).join(' | ')} | obligation index MB | subject index MB | matcher MB | matcher build s | matcher p50 ms | engine rows + shared reads MB (sweep) |`,
  `|---|---:|---:|---:|${workerKeys.map(() => '---:|').join('')}---:|---:|---:|---:|---:|---:|`,
];
for (const r of rows) {
  const s = r.structures;
  const served = 'ready' in r.served ? r.served : null;
  const perProc = workerKeys.map((k) => (served ? `${served.ready[k] ?? '–'} → ${served.afterSweep[k] ?? '–'} (${served.peak[k] ?? '–'})` : 'error'));
  lines.push(`| ${r.size} | ${r.nodes} | ${f(r.loadS, 0)} | ${served ? f(served.readyS) : 'failed'} | ${perProc.join(' | ')} | ${f(s.obligationIndexMb)} | ${f(s.subjectIndexMb)} | ${f(s.matcherMb)} | ${f((s.matcherBuildMs ?? 0) / 1000, 2)} | ${f(s.matcherP50Ms, 2)} | ${f(s.rowsAndSharedReadsMb)} |`);
}
const base = rows[0]!;
lines.push('', `Growth against ${base.size} (same run):`, '', '| size | nodes | ready in | largest worker RSS after sweep | obligation index | subject index | matcher | matcher build | engine rows + shared reads |', '|---|---:|---:|---:|---:|---:|---:|---:|---:|');
const maxWorker = (r: Row) => ('afterSweep' in r.served ? Math.max(...Object.entries(r.served.afterSweep).filter(([k]) => k.startsWith('worker')).map(([, v]) => v)) : null);
const ratio = (a: number | null | undefined, b: number | null | undefined) => (a === null || a === undefined || !b ? '–' : `${(a / b).toFixed(1)}×`);
for (const r of rows) {
  const s = r.structures;
  const b = base.structures;
  const readyOf = (x: Row) => ('readyS' in x.served ? x.served.readyS : null);
  lines.push(`| ${r.size} | ${ratio(r.nodes, base.nodes)} | ${ratio(readyOf(r), readyOf(base))} | ${ratio(maxWorker(r), maxWorker(base))} | ${ratio(s.obligationIndexMb, b.obligationIndexMb)} | ${ratio(s.subjectIndexMb, b.subjectIndexMb)} | ${ratio(s.matcherMb, b.matcherMb)} | ${ratio(s.matcherBuildMs, b.matcherBuildMs)} | ${ratio(s.rowsAndSharedReadsMb, b.rowsAndSharedReadsMb)} |`);
}
for (const r of rows) if ('exits' in r.served && r.served.exits.length) lines.push('', `${r.size}: ${r.served.exits.join(' | ')}`);
for (const r of rows) if ('error' in r.served) lines.push('', `${r.size}: npm start failed: ${r.served.error}`);
console.log(lines.join('\n'));
const file = path.join(PROJECT_ROOT, 'bench', 'results', `scale-${started.toISOString().replace(/:/g, '-').slice(0, 19)}.json`);
fs.writeFileSync(file, `${JSON.stringify({ started: started.toISOString(), args, loadavg: os.loadavg(), rows }, null, 1)}\n`);
log(`wrote ${path.relative(PROJECT_ROOT, file)}`);
