/**
 * The change feed against the flagship: `changes` over a 7-year window for one service type, and a
 * single flagship evaluation of the same service type, both through the gateway (p50/p99 over N
 * sequential runs after a warm-up), with the ratio and the engine's own share (in-process, on cached
 * rows). Goal (issue 17): `changes` under 100 ms at base size.
 *
 *   npx tsx bench/changes.ts [--runs 50] [--size 1|10|100] [--reset]
 *
 * Neo4j: NEO4J_URI (etc., lib/config.ts) or the bundled server. With --size above 1 or --reset the graph is
 * RESET and grown with synthetic copies (bench/data.ts): point it at a benchmark database.
 */
import { parseArgs } from 'node:util';
import { loadConfig } from '../lib/config.ts';
import { Executor, queryStats, resetQueryStats } from '../lib/neo4j.ts';
import { startNeo4j } from '../lib/neo4j-server.ts';
import { startInProcessStack } from '../lib/stack.ts';
import { newSubgraphSecret } from '../lib/subgraph-secret.ts';
import { ensureBaseData } from '../seed/index.ts';
import { loadRows, evaluateOnRows } from '../subgraphs/obligations/applicability.ts';
import { diffReports } from '../subgraphs/obligations/changes.ts';
import { prepareSize } from './data.ts';

const { values } = parseArgs({ options: { runs: { type: 'string', default: '50' }, size: { type: 'string', default: '1' }, reset: { type: 'boolean', default: false } } });
const runs = Number(values.runs);
const size = Number(values.size);
// Production error handling, as a deployment runs (with its own subgraph secret, as npm start makes one per run).
const base = loadConfig(process.env);
const config = { ...base, env: 'production' as const, subgraphSecret: base.subgraphSecret ?? newSubgraphSecret() };
await startNeo4j(config.neo4j, { log: () => {} });
const stack = await startInProcessStack(config);
if (size > 1 || values.reset) await prepareSize(stack.driver, config, size, { reset: true, log: (m) => console.log(m) });
else await ensureBaseData(stack.driver, config, { log: () => {} });

const SERVICE = 'svc/credit-scoring';
const FROM = '2019-12-01';
const TO = '2026-11-30';
const flagship = `query($asOf: Date) {
  applicableObligations(serviceType: "${SERVICE}", context: { asOf: $asOf }) {
    results { status obligation { id kind statement(language: EN) provisions { citationEn } } reasons { kind explanation(language: EN) } }
  }
}`;
const changes = `query($from: Date!, $to: Date!) {
  changes(from: $from, to: $to, serviceType: "${SERVICE}") {
    on kind before after obligation { id kind statement(language: EN) provisions { citationEn } }
    cause { kind description(language: EN) } textDiffs { patch } explanation(language: EN)
  }
}`;

async function post(query: string, variables: Record<string, unknown>): Promise<number> {
  const res = await fetch(stack.graphqlUrl, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ query, variables }) });
  const body = (await res.json()) as { errors?: unknown[]; data?: { changes?: unknown[] } };
  if (body.errors) throw new Error(JSON.stringify(body.errors));
  return body.data?.changes?.length ?? 0;
}

async function timed(query: string, variables: Record<string, unknown>): Promise<number[]> {
  // The first question of a data version builds the engine's indexes (seconds at ×100, past the
  // gateway's subgraph timeout): the warm-up retries until the indexes are there.
  for (let i = 0, ok = 0; ok < 10; i++) {
    try {
      await post(query, variables);
      ok++;
    } catch (err) {
      if (i > 30) throw err;
      await new Promise((r) => setTimeout(r, 1000));
    }
  }
  const out: number[] = [];
  for (let i = 0; i < runs; i++) {
    const t = performance.now();
    await post(query, variables);
    out.push(performance.now() - t);
  }
  return out;
}

const pct = (xs: number[], p: number) => [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor((p / 100) * xs.length))]!;
const row = (name: string, xs: number[]) => `${name.padEnd(36)} p50 ${pct(xs, 50).toFixed(2).padStart(8)} ms   p99 ${pct(xs, 99).toFixed(2).padStart(8)} ms`;

const single = await timed(flagship, { asOf: '2024-06-01' });
const feed = await timed(changes, { from: FROM, to: TO });
const count = await post(changes, { from: FROM, to: TO });
resetQueryStats();
await post(changes, { from: FROM, to: TO });
const cypher = { count: queryStats.count, byName: Object.fromEntries(queryStats.byName) };

// The dashboard question: every service type and deployment, the next 3 months from 2026-12-01 (the EFTA change).
const upcoming = `query { upcomingChanges(months: 3, from: "2026-12-01") { regulation { id } amendments { id } changes { on kind obligation { id } serviceType { id } deployment { id } explanation(language: EN) } } }`;
const dashboard = await timed(upcoming, {});

// The engine's share, in-process on rows already read: one evaluation against the whole 7-year diff.
const exec = new Executor(stack.driver, config.neo4j.database);
const subject = { key: 'only', serviceTypeId: SERVICE, designationIds: null, sandbox: false, institutionType: null, extraDataCategoryIds: [], extraCapabilityIds: [], deploymentId: null };
const rows = await loadRows(exec, [subject]);
const opts = { asOf: '2024-06-01', jurisdictions: ['KR'], includeInactive: true, includeNonBinding: true };
const engineOne: number[] = [];
const engineFeed: number[] = [];
let dates = 0;
for (let i = 0; i < runs + 10; i++) {
  let t = performance.now();
  evaluateOnRows(rows, [subject], opts);
  if (i >= 10) engineOne.push(performance.now() - t);
  t = performance.now();
  const run = diffReports(rows, [subject], opts, FROM, TO, 1000);
  if (i >= 10) engineFeed.push(performance.now() - t);
  if (run !== 'TOO_MANY_DATES') dates = run.dates.length;
}

console.log(`changes ${FROM}..${TO} for ${SERVICE} at ×${size}: ${count} changes over ${dates} evaluated dates (+ the day before), ${runs} sequential runs after 10 warm-up runs`);
console.log(row('gateway: applicableObligations', single));
console.log(row('gateway: changes (7 years)', feed));
console.log(`ratio changes/flagship p50: ${(pct(feed, 50) / pct(single, 50)).toFixed(2)}x   goal: changes p50 < 100 ms: ${pct(feed, 50) < 100 ? 'met' : 'NOT met'}`);
console.log(row('gateway: upcomingChanges (3 months)', dashboard));
console.log(row('engine: one evaluation', engineOne));
console.log(row('engine: 7-year diff', engineFeed));
console.log(`Cypher queries per changes request: ${cypher.count} ${JSON.stringify(cypher.byName)}`);
await stack.stop();
