/**
 * `npm run bench`: the benchmark suite (not part of `npm test`). See BENCHMARKS.md.
 *
 * For each data size (base, ×10, ×100; the graph only grows within a run) and each configuration
 * (ours as `npm start` runs it, the same with the gateway pass-through off, ours as six processes, the Cypher floor, the @neo4j/graphql peer,
 * Hive Gateway), and each of the configuration's workloads: a warm-up, then a measurement with
 * autocannon (fixed connections and duration, loopback) while the serving processes' RSS is
 * sampled. Prints a table and writes bench/results/<date>.json.
 *
 *   npm run bench                      full run (~10 min on 2 cores)
 *   npm run bench -- --quick           base and ×10, shorter phases (~4 min)
 *   npm run bench -- --sizes 1,100 --configs ours,peer,floor --workloads flagship --duration 10
 *
 * Neo4j: NEO4J_URI (etc., lib/config.ts) or the bundled server. The graph is RESET at the start
 * (unless --no-reset): point it at a benchmark database, never at one you care about.
 */
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import autocannon from 'autocannon';
import { loadConfig } from '../lib/config.ts';
import { freePortEnv } from '../lib/free-port.ts';
import { newSubgraphSecret } from '../lib/subgraph-secret.ts';
import { createDriver } from '../lib/neo4j.ts';
import { PROJECT_ROOT, startNeo4j } from '../lib/neo4j-server.ts';
import { cpuMsOf, neo4jPids, rssOf, serverConfigs, type ConfigName, type Running } from './configs.ts';
import { prepareSize, type GraphSize } from './data.ts';
import { graphqlRequests, peerRequests, readPools, WORKLOADS, type Pools, type WorkloadName } from './workloads.ts';

export interface Row {
  size: number;
  config: ConfigName;
  workload: WorkloadName;
  requests: number;
  rps: number;
  p50: number;
  p99: number;
  errors: number;
  peakRssMb: number | null;
  /** CPU time of the serving processes per request (robust to other load on a shared machine). */
  cpuMsPerReq: number | null;
  /** CPU time of the Neo4j server per request (when it is the bundled server of this checkout). */
  dbCpuMsPerReq: number | null;
}

const { values: args } = parseArgs({
  options: {
    quick: { type: 'boolean', default: false },
    sizes: { type: 'string' },
    configs: { type: 'string' },
    workloads: { type: 'string' },
    duration: { type: 'string' },
    warmup: { type: 'string' },
    connections: { type: 'string', default: '16' },
    'data-dir': { type: 'string' },
    'no-reset': { type: 'boolean', default: false },
    out: { type: 'string' },
    note: { type: 'string' },
    'cpu-prof': { type: 'boolean', default: false },
  },
});

const quick = args.quick!;
const sizes = (args.sizes ?? (quick ? '1,10' : '1,10,100')).split(',').map(Number);
const configNames = (args.configs ?? 'ours,ours-shaping,ours-separate,floor,peer,hive').split(',') as ConfigName[];
const workloadNames = (args.workloads ?? WORKLOADS.join(',')).split(',') as WorkloadName[];
const durationS = Number(args.duration ?? (quick ? 4 : 6));
const warmupS = Number(args.warmup ?? 2);
const connections = Number(args.connections);
const SEED = 20260911;

const log = (m: string) => console.error(`[bench] ${m}`);
// Every server of a run (ours and the peers) reaches the subgraphs with one secret (lib/subgraph-secret.ts).
process.env.SUBGRAPH_SECRET ??= newSubgraphSecret();
const config = loadConfig(process.env);
const logDir = path.join(PROJECT_ROOT, '.data', 'bench-logs');
fs.mkdirSync(logDir, { recursive: true });
const profDir = path.join(PROJECT_ROOT, '.data', 'bench-prof');
const dbPids = neo4jPids(config.neo4j.homeDir);
const nodeArgs = args['cpu-prof'] ? ['--cpu-prof', `--cpu-prof-dir=${profDir}`] : [];

async function http(url: string, next: () => { query: string; variables: Record<string, unknown> }, seconds: number, pids: () => number[]): Promise<Omit<Row, 'size' | 'config' | 'workload'>> {
  let gqlErrors = 0;
  let peak = 0;
  const sampler = setInterval(() => {
    peak = Math.max(peak, rssOf(pids()));
  }, 250);
  const cpu0 = cpuMsOf(pids());
  const db0 = cpuMsOf(dbPids);
  try {
    const result = await autocannon({
      url,
      connections,
      duration: seconds,
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      requests: [
        {
          setupRequest: (req) => ({ ...req, body: JSON.stringify(next()) }),
          onResponse: (status, body) => {
            if (status === 200 && body.includes('"errors":')) gqlErrors += 1;
          },
        },
      ],
    });
    peak = Math.max(peak, rssOf(pids()));
    const n = Math.max(1, result.requests.total);
    return {
      cpuMsPerReq: (cpuMsOf(pids()) - cpu0) / n,
      dbCpuMsPerReq: dbPids.length ? (cpuMsOf(dbPids) - db0) / n : null,
      requests: result.requests.total,
      rps: result.requests.average,
      p50: result.latency.p50,
      p99: result.latency.p99,
      errors: result.errors + result.timeouts + result.non2xx + gqlErrors,
      peakRssMb: peak / 2 ** 20,
    };
  } finally {
    clearInterval(sampler);
  }
}

/** One probe request before measuring: a configuration that answers with errors is reported, not timed. */
async function probe(url: string, body: { query: string; variables: Record<string, unknown> }): Promise<string | null> {
  const r = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
  const text = await r.text();
  if (r.status !== 200 || text.includes('"errors":')) return `HTTP ${r.status}: ${text.slice(0, 400)}`;
  return null;
}

async function runFloor(pools: Pools, env: Record<string, string | undefined>): Promise<Omit<Row, 'size' | 'config' | 'workload'>> {
  const spec = path.join(logDir, 'floor-spec.json');
  fs.writeFileSync(spec, JSON.stringify({ pools, seed: SEED, connections, durationS, warmupS }));
  const proc = spawn(process.execPath, ['--import', 'tsx', path.join(PROJECT_ROOT, 'bench/floor.ts'), spec], { cwd: PROJECT_ROOT, env, stdio: ['ignore', 'pipe', 'inherit'] });
  let out = '';
  let peak = 0;
  proc.stdout.on('data', (c: Buffer) => (out += c.toString()));
  // The floor reports its own phases; CPU is taken over the whole child (warm-up included) and scaled.
  const sampler = setInterval(() => (peak = Math.max(peak, rssOf([proc.pid!]))), 250);
  const db0 = cpuMsOf(dbPids);
  let cpu = 0;
  const cpuSampler = setInterval(() => (cpu = Math.max(cpu, cpuMsOf([proc.pid!]))), 100);
  const code = await new Promise<number | null>((r) => proc.once('exit', r));
  clearInterval(sampler);
  clearInterval(cpuSampler);
  if (code !== 0) throw new Error(`floor exited with code ${code}`);
  const r = JSON.parse(out.trim().split('\n').at(-1)!) as { requests: number; warmupRequests: number; rps: number; p50: number; p99: number; errors: number };
  const all = Math.max(1, r.requests + r.warmupRequests);
  return { ...r, peakRssMb: peak / 2 ** 20, cpuMsPerReq: cpu / all, dbCpuMsPerReq: dbPids.length ? (cpuMsOf(dbPids) - db0) / all : null };
}

function fmt(rows: Row[]): string {
  const lines = [
    '| size | workload | configuration | req/s | p50 ms | p99 ms | errors | peak RSS MB | CPU ms/req | Neo4j CPU ms/req |',
    '|---|---|---|---:|---:|---:|---:|---:|---:|---:|',
  ];
  const n = (v: number | null, d = 1) => (v === null ? '–' : v.toFixed(d));
  for (const r of rows) {
    lines.push(
      `| ×${r.size} | ${r.workload} | ${r.config} | ${r.rps.toFixed(1)} | ${r.p50.toFixed(1)} | ${r.p99.toFixed(1)} | ${r.errors} | ${n(r.peakRssMb, 0)} | ${n(r.cpuMsPerReq)} | ${n(r.dbCpuMsPerReq)} |`,
    );
  }
  return lines.join('\n');
}

function ratios(rows: Row[]): string[] {
  const get = (size: number, c: ConfigName, w: WorkloadName = 'flagship') => rows.find((r) => r.size === size && r.config === c && r.workload === w);
  const out: string[] = [];
  for (const size of sizes) {
    const ours = get(size, 'ours');
    const inproc = get(size, 'ours-separate');
    const peer = get(size, 'peer');
    const floor = get(size, 'floor');
    const hive = get(size, 'hive');
    const parts: string[] = [];
    const local = get(size, 'ours-local');
    for (const [name, o] of [['ours', ours], ['ours-separate', inproc], ['ours-local', local]] as const) {
      if (!o) continue;
      if (peer) parts.push(`${name}/peer ${(o.rps / peer.rps).toFixed(2)}× (p99 ${o.p99.toFixed(0)} vs ${peer.p99.toFixed(0)} ms)`);
      if (floor) parts.push(`${name}/floor ${(o.rps / floor.rps).toFixed(2)}×`);
      if (hive && name === 'ours') parts.push(`ours/hive ${(o.rps / hive.rps).toFixed(2)}×`);
      if (o.peakRssMb !== null) parts.push(`${name} RSS ${o.peakRssMb.toFixed(0)} MB`);
      const cost = (r: Row) => (r.cpuMsPerReq ?? 0) + (r.dbCpuMsPerReq ?? 0);
      if (peer && o.cpuMsPerReq !== null && peer.cpuMsPerReq !== null) parts.push(`${name} CPU/req incl. Neo4j ${cost(o).toFixed(1)} ms vs peer ${cost(peer).toFixed(1)} ms (${(cost(peer) / cost(o)).toFixed(2)}× efficiency)`);
      if (floor && o.cpuMsPerReq !== null && floor.cpuMsPerReq !== null) parts.push(`vs floor ${cost(floor).toFixed(1)} ms (${(cost(floor) / cost(o)).toFixed(2)}×)`);
    }
    if (parts.length) out.push(`×${size} flagship: ${parts.join('; ')}`);
  }
  const base = get(sizes[0]!, 'ours');
  const big = get(sizes.at(-1)!, 'ours');
  if (base && big && sizes.length > 1) out.push(`flagship p50 growth ×${sizes[0]}→×${sizes.at(-1)}: ${(big.p50 / base.p50).toFixed(2)}× (${base.p50.toFixed(1)} → ${big.p50.toFixed(1)} ms)`);
  return out;
}

async function main(): Promise<void> {
  const t0 = Date.now();
  await startNeo4j(config.neo4j, { log });
  const driver = createDriver(config.neo4j);
  const rows: Row[] = [];
  const graphs: Record<number, GraphSize> = {};
  const failures: string[] = [];
  const configs = serverConfigs(nodeArgs).filter((c) => configNames.includes(c.name));
  try {
    for (const [i, size] of sizes.entries()) {
      const t = Date.now();
      graphs[size] = await prepareSize(driver, config, size, { reset: i === 0 && !args['no-reset'], log, dataDir: args['data-dir'] });
      const pools = await readPools(driver, config.neo4j.database);
      log(`×${size}: ${graphs[size]!.nodes} nodes, ${graphs[size]!.relationships} relationships (ready in ${((Date.now() - t) / 1000).toFixed(0)} s); pools: ${pools.serviceTypes.length} designated service types, ${pools.institutions.length} institutions, ${pools.provisions.length} provisions`);
      for (const c of configs) {
        const workloads = c.workloads.filter((w) => workloadNames.includes(w));
        if (workloads.length === 0) continue;
        if (!c.start) {
          log(`×${size} ${c.name} flagship`);
          rows.push({ size, config: c.name, workload: 'flagship', ...(await runFloor(pools, process.env)) });
          continue;
        }
        const env = { ...process.env, ...(await freePortEnv()) };
        let running: Running;
        try {
          running = await c.start(env, logDir);
        } catch (err) {
          failures.push(`×${size} ${c.name}: ${(err as Error).message}`);
          log(`×${size} ${c.name} failed to start: ${(err as Error).message}`);
          continue;
        }
        try {
          for (const w of workloads) {
            const next = c.name === 'peer' ? peerRequests(pools, SEED) : graphqlRequests(w, pools, SEED);
            const problem = await probe(running.url, next());
            if (problem) {
              failures.push(`×${size} ${c.name} ${w}: ${problem}`);
              log(`×${size} ${c.name} ${w}: probe failed: ${problem}`);
              continue;
            }
            log(`×${size} ${c.name} ${w}: warm-up ${warmupS}s, measure ${durationS}s`);
            await http(running.url, next, warmupS, running.pids);
            const r = { size, config: c.name, workload: w, ...(await http(running.url, next, durationS, running.pids)) };
            rows.push(r);
            log(`  ${r.rps.toFixed(1)} req/s, p50 ${r.p50} ms, p99 ${r.p99} ms, errors ${r.errors}, RSS ${r.peakRssMb?.toFixed(0)} MB, CPU ${r.cpuMsPerReq?.toFixed(1)} ms/req (+ Neo4j ${r.dbCpuMsPerReq?.toFixed(1)})`);
          }
        } finally {
          await running.stop();
        }
      }
    }
  } finally {
    await driver.close();
  }
  rows.sort((a, b) => a.size - b.size || WORKLOADS.indexOf(a.workload) - WORKLOADS.indexOf(b.workload) || configNames.indexOf(a.config) - configNames.indexOf(b.config));
  const summary = ratios(rows);
  const result = {
    date: new Date().toISOString(),
    note: args.note ?? null,
    command: `npm run bench -- ${process.argv.slice(2).join(' ')}`.trim(),
    loadAverage: os.loadavg(),
    machine: { cpus: os.cpus().length, cpuModel: os.cpus()[0]?.model ?? null, memGb: Math.round(os.totalmem() / 2 ** 30), node: process.version },
    params: { sizes, configs: configNames, workloads: workloadNames, durationS, warmupS, connections, seed: SEED },
    graphs,
    rows,
    summary,
    failures,
    elapsedS: Math.round((Date.now() - t0) / 1000),
  };
  const outFile = args.out ?? path.join(PROJECT_ROOT, 'bench', 'results', `${result.date.slice(0, 19).replace(/:/g, '-')}.json`);
  fs.mkdirSync(path.dirname(outFile), { recursive: true });
  fs.writeFileSync(outFile, `${JSON.stringify(result, null, 2)}\n`);
  console.log(`\n${fmt(rows)}\n`);
  for (const s of summary) console.log(s);
  for (const f of failures) console.log(`FAILED ${f}`);
  console.log(`load average (1/5/15 min) at the end: ${os.loadavg().map((x) => x.toFixed(1)).join(' / ')} on ${os.cpus().length} cores`);
  console.log(`\n${connections} connections, ${warmupS}s warm-up + ${durationS}s per measurement; ${result.elapsedS}s in all; written to ${path.relative(PROJECT_ROOT, outFile)}`);
}

await main();
