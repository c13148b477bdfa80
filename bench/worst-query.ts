/**
 * Issue 12, "no single request can take a worker down": the most expensive operations the limits
 * still accept (bench/worst-candidates.ts), against the ×100 data set, sent to the serving stack as
 * `npm start` runs it (scripts/start.ts, SERVE_WORKERS=1, its default SERVE_HEAP_MB) while the
 * serving worker's RSS is sampled every 100 ms. Each candidate: alone, then 20 concurrent copies,
 * then 50 connections for --duration seconds. Reports whether the worker survived (same pid, no
 * restart line from the supervisor). The floor of the same run: the idle worker and the flagship
 * question. See BENCHMARKS.md ("Worst accepted query").
 *
 *   NEO4J_BOLT_PORT=7751 NEO4J_HOME_DIR=.data/neo4j-worst npx tsx bench/worst-query.ts [--duration 10] [--only a,b]
 *
 * Production mode needs a non-default Neo4j password: the bench creates (or replaces) a Neo4j user
 * `regkg_bench` with a random password on the bundled server and serves with it. The graph is NOT
 * reset; the ×100 data is added if missing (point it at a benchmark database).
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import autocannon from 'autocannon';
import { parse } from 'graphql';
import { loadConfig } from '../lib/config.ts';
import { operationCost } from '../lib/graphql-limits.ts';
import { createDriver } from '../lib/neo4j.ts';
import { PROJECT_ROOT, startNeo4j } from '../lib/neo4j-server.ts';
import { newSubgraphSecret } from '../lib/subgraph-secret.ts';
import { prepareSize } from './data.ts';
import { benchUser, rssOf, startServer, watcher, type Server } from './worst-server.ts';
import { apiSchema, candidates, flagship, largestAccepted, readWorstPools, refusal, type Request } from './worst-candidates.ts';

const { values: args } = parseArgs({
  options: {
    concurrency: { type: 'string', default: '20' },
    connections: { type: 'string', default: '50' },
    duration: { type: 'string', default: '20' },
    only: { type: 'string' },
    size: { type: 'string', default: '100' },
  },
});
const CONCURRENCY = Number(args.concurrency);
const CONNECTIONS = Number(args.connections);
const DURATION_S = Number(args.duration);

const log = (m: string) => console.error(`[worst] ${m}`);
process.env.SUBGRAPH_SECRET ??= newSubgraphSecret();
const config = loadConfig(process.env);
const logDir = path.join(PROJECT_ROOT, '.data', 'bench-logs');
fs.mkdirSync(logDir, { recursive: true });
const MB = 2 ** 20;

interface Answer {
  status: number;
  /** The first error's extensions.code, "ok" for data without errors, or the network error. */
  code: string;
  bytes: number;
  ms: number;
}

/** One request; the body is streamed and counted, only its start is kept (to read the error code). */
async function send(url: string, req: Request): Promise<Answer> {
  const t0 = performance.now();
  try {
    const res = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(req), signal: AbortSignal.timeout(180_000) });
    let bytes = 0;
    let head = '';
    let tail = Buffer.alloc(0);
    const dec = new TextDecoder();
    for await (const chunk of res.body as unknown as AsyncIterable<Uint8Array>) {
      bytes += chunk.length;
      if (head.length < 4096) head += dec.decode(chunk, { stream: true });
      tail = Buffer.concat([tail, chunk]).subarray(-8192);
    }
    // Errors may come before or after the data: look at both ends.
    const ends = `${head}${tail.toString('utf8')}`;
    const code = /"code":"([A-Z_]+)"/.exec(ends)?.[1] ?? (ends.includes('"errors"') ? 'ERROR' : res.ok ? 'ok' : `HTTP ${res.status}`);
    return { status: res.status, code, bytes, ms: performance.now() - t0 };
  } catch (err) {
    return { status: 0, code: (err as Error).name === 'TimeoutError' ? 'TIMEOUT' : `NETWORK (${(err as Error).message})`, bytes: 0, ms: performance.now() - t0 };
  }
}

function summarise(answers: Answer[]): string {
  const counts = new Map<string, number>();
  for (const a of answers) counts.set(a.code, (counts.get(a.code) ?? 0) + 1);
  return [...counts].map(([c, n]) => `${n}× ${c}`).join(', ');
}

async function sustained(url: string, req: Request) {
  const r = await autocannon({ url, connections: CONNECTIONS, duration: DURATION_S, timeout: 60, method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(req) });
  return { requests: r.requests.total, non2xx: r.non2xx, errors: r.errors + r.timeouts, p50: r.latency.p50, p99: r.latency.p99, mbPerS: r.throughput.average / MB };
}

interface Row {
  name: string;
  what: string;
  n: number | null;
  cost: number | null;
  nextRefusal: string | null;
  query: Request;
  alone: Answer & { peakMb: number; survived: boolean };
  concurrent: { codes: string; maxMs: number; bytes: number; peakMb: number; survived: boolean };
  sustained: (Awaited<ReturnType<typeof sustained>> & { peakMb: number; survived: boolean }) | null;
  exits: string[];
}

async function measure(server: Server, w: ReturnType<typeof watcher>, name: string, what: string, req: Request, meta: { n: number | null; cost: number | null; nextRefusal: string | null }): Promise<Row> {
  log(`${name}: alone`);
  const alone = await w.phase(() => send(server.url, req));
  log(`  ${alone.value.code}, ${(alone.value.bytes / MB).toFixed(2)} MB, ${alone.value.ms.toFixed(0)} ms, peak RSS ${alone.peakMb.toFixed(0)} MB${alone.survived ? '' : ', WORKER DIED'}`);
  log(`${name}: ${CONCURRENCY} concurrent`);
  const conc = await w.phase(() => Promise.all(Array.from({ length: CONCURRENCY }, () => send(server.url, req))));
  log(`  ${summarise(conc.value)}, peak RSS ${conc.peakMb.toFixed(0)} MB${conc.survived ? '' : ', WORKER DIED'}`);
  log(`${name}: ${CONNECTIONS} connections for ${DURATION_S} s`);
  const sus = DURATION_S > 0 ? await w.phase(() => sustained(server.url, req)) : null;
  if (sus) log(`  ${sus.value.requests} requests, ${sus.value.non2xx} non-2xx, ${sus.value.errors} errors, p99 ${sus.value.p99} ms, peak RSS ${sus.peakMb.toFixed(0)} MB${sus.survived ? '' : ', WORKER DIED'}`);
  return {
    name,
    what,
    ...meta,
    query: req,
    alone: { ...alone.value, peakMb: alone.peakMb, survived: alone.survived },
    concurrent: { codes: summarise(conc.value), maxMs: Math.max(...conc.value.map((a) => a.ms)), bytes: conc.value.reduce((t, a) => t + a.bytes, 0), peakMb: conc.peakMb, survived: conc.survived },
    sustained: sus ? { ...sus.value, peakMb: sus.peakMb, survived: sus.survived } : null,
    exits: [...alone.exits, ...conc.exits, ...(sus?.exits ?? [])],
  };
}

function table(rows: Row[], idleMb: number, heapMb: number): string {
  const yn = (b: boolean) => (b ? 'yes' : '**NO**');
  const lines = [
    `Worker heap limit ${heapMb} MB (--max-old-space-size); idle worker RSS ${idleMb.toFixed(0)} MB.`,
    '',
    `| candidate | n | est. cost | alone: answer | bytes | ms | peak RSS MB | ×${CONCURRENCY}: answers | max ms | peak RSS MB | ${CONNECTIONS} conn ${DURATION_S}s: req | non-2xx/err | p99 ms | peak RSS MB | survived |`,
    '|---|---:|---:|---|---:|---:|---:|---|---:|---:|---:|---:|---:|---:|---|',
  ];
  for (const r of rows) {
    const s = r.sustained;
    const survived = r.alone.survived && r.concurrent.survived && (s?.survived ?? true);
    lines.push(
      `| ${r.name} | ${r.n ?? '–'} | ${r.cost ?? '–'} | ${r.alone.code} | ${(r.alone.bytes / 1024).toFixed(0)} KB | ${r.alone.ms.toFixed(0)} | ${r.alone.peakMb.toFixed(0)} | ${r.concurrent.codes} | ${r.concurrent.maxMs.toFixed(0)} | ${r.concurrent.peakMb.toFixed(0)} | ${s?.requests ?? '–'} | ${s ? `${s.non2xx}/${s.errors}` : '–'} | ${s?.p99 ?? '–'} | ${s ? s.peakMb.toFixed(0) : '–'} | ${yn(survived)} |`,
    );
  }
  return lines.join('\n');
}

async function main(): Promise<void> {
  const t0 = Date.now();
  await startNeo4j(config.neo4j, { log });
  const driver = createDriver(config.neo4j);
  let pools;
  let login;
  try {
    const g = await prepareSize(driver, config, Number(args.size), { log });
    log(`×${args.size}: ${g.nodes} nodes, ${g.relationships} relationships`);
    pools = await readWorstPools(driver, config.neo4j.database);
    login = await benchUser(driver);
  } finally {
    await driver.close();
  }
  const schema = apiSchema();
  const limits = config.limits;
  const only = args.only?.split(',');
  const family = candidates(pools, limits).filter((c) => !only || only.includes(c.name));

  const server = await startServer(login ? { APP_ENV: 'production', ...login } : { APP_ENV: 'development' }, logDir);
  const w = watcher(server);
  const rows: Row[] = [];
  try {
    log(`serving in ${server.mode} mode at ${server.url}, worker pid ${w.pid()}, heap limit ${server.heapMb} MB`);
    await new Promise((r) => setTimeout(r, 3000));
    const idleMb = (rssOf(w.pid()!) ?? 0) / MB;
    log(`idle worker RSS ${idleMb.toFixed(0)} MB; warming up (the matcher's index is built on first use)`);
    for (const req of [flagship(pools), { query: '{ matchObligations(text: "생체정보 동의", limit: 1) { score } }', variables: {} }]) await send(server.url, req);
    const costOf = (req: Request) => operationCost(schema, parse(req.query), null, req.variables, limits);
    const f = flagship(pools);
    rows.push(await measure(server, w, 'flagship (floor)', 'the flagship question, one designated service type, sandbox', f, { n: null, cost: costOf(f), nextRefusal: null }));
    for (const c of family) {
      const { n, next } = largestAccepted(schema, limits, c);
      if (n === 0) {
        log(`${c.name}: refused even at n = 1 (${next?.message})`);
        continue;
      }
      const req = c.build(n);
      const refused = refusal(schema, limits, req);
      if (refused) throw new Error(`${c.name}: the search picked a refused n (${refused.message})`);
      log(`${c.name}: n = ${n} accepted (cost ${costOf(req)}); n = ${n + 1}: ${next?.limit} (${next?.message})`);
      rows.push(await measure(server, w, c.name, c.what, req, { n, cost: costOf(req), nextRefusal: next ? `${next.limit}: ${next.message}` : null }));
      await new Promise((r) => setTimeout(r, 1000));
    }
    const out = table(rows, idleMb, server.heapMb);
    const result = { date: new Date().toISOString(), mode: server.mode, heapMb: server.heapMb, idleMb, size: Number(args.size), concurrency: CONCURRENCY, connections: CONNECTIONS, durationS: DURATION_S, loadAverage: os.loadavg(), rows, elapsedS: Math.round((Date.now() - t0) / 1000) };
    const file = path.join(PROJECT_ROOT, 'bench', 'results', `worst-${result.date.slice(0, 19).replace(/:/g, '-')}.json`);
    fs.mkdirSync(path.dirname(file), { recursive: true });
    fs.writeFileSync(file, `${JSON.stringify(result, null, 2)}\n`);
    console.log(`\n${out}\n`);
    for (const r of rows) console.log(`- ${r.name}: ${r.what}${r.nextRefusal ? `; n + 1 → ${r.nextRefusal}` : ''}${r.exits.length ? `; supervisor: ${r.exits.join(' | ')}` : ''}`);
    console.log(`\n${server.mode} mode, ×${args.size}, load average ${os.loadavg().map((x) => x.toFixed(1)).join(' / ')} on ${os.cpus().length} cores; ${result.elapsedS} s; written to ${path.relative(PROJECT_ROOT, file)}`);
  } finally {
    w.stop();
    await server.stop();
  }
}

await main();
