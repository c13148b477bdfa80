/**
 * Latency of the flagship query through the gateway (p50/p99 over N sequential runs after a
 * warm-up), with the number of Cypher queries one request causes and the single-Cypher floor
 * measured in the same run. Uses the configured Neo4j (npm run db:start; base data loaded).
 *
 *   npx tsx bench/flagship-latency.ts [runs=100]
 */
import { loadConfig } from '../lib/config.ts';
import { queryStats, resetQueryStats, Executor } from '../lib/neo4j.ts';
import { startNeo4j } from '../lib/neo4j-server.ts';
import { startInProcessStack } from '../lib/stack.ts';
import { configureLogging } from '../lib/logger.ts';
import { ensureBaseData } from '../seed/index.ts';
import { loadRows } from '../subgraphs/obligations/applicability.ts';

const runs = Number(process.argv[2] ?? 100);
// Production error handling, as a deployment would run; the local server keeps its own password.
const config = { ...loadConfig(process.env), env: 'production' as const };
// LOG_LEVEL as a deployment sets it (the request log line is part of what a request costs).
configureLogging(config);
await startNeo4j(config.neo4j, { log: () => {} });
const stack = await startInProcessStack(config);
await ensureBaseData(stack.driver, config, { log: () => {} });

const query = `query Flagship($asOf: Date) {
  applicableObligations(serviceType: "svc/face-recognition-payment", context: { sandbox: true, asOf: $asOf }) {
    designations { id nameEn institution { nameEn } }
    results { status obligation { id kind statement(language: EN) provisions { citationEn regulation { nameEn } } }
      reasons { kind explanation(language: EN) path { type id name via } } citations { citationEn sourceUrl } }
  }
}`;
const dates = ['2019-12-01', '2020-09-01', '2021-06-01', '2023-01-01', '2024-06-01', '2026-02-01', '2026-11-24'];

async function once(i: number): Promise<number> {
  const t = performance.now();
  const res = await fetch(stack.graphqlUrl, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ query, variables: { asOf: dates[i % dates.length] } }),
  });
  const body = (await res.json()) as { errors?: unknown[] };
  if (body.errors) throw new Error(JSON.stringify(body.errors));
  return performance.now() - t;
}

function pct(xs: number[], p: number): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.floor((p / 100) * s.length))]!;
}

// The first request of a fresh process, while the engine's indexes are still being read (at ×1000
// the obligation index takes tens of seconds: the question is answered by Cypher meanwhile).
const cold = await once(0);
for (let i = 1; i < 20; i++) await once(i);
// Warm means the indexes are read: go on warming up (at most 3 minutes) while requests still cause
// Cypher queries (at ×1000 the obligation index is read in ~45 pages, in the background).
for (const until = Date.now() + 180_000; Date.now() < until; ) {
  resetQueryStats();
  await once(0);
  if (queryStats.count === (queryStats.byName.get('dataVersion') ?? 0)) break;
}
resetQueryStats();
await once(0);
const cypherPerRequest = queryStats.count;
const byName = Object.fromEntries(queryStats.byName);

const gateway: number[] = [];
for (let i = 0; i < runs; i++) gateway.push(await once(i));

// The floor: the engine's Cypher queries alone (uncached: subjects, untargeted obligations, candidates), straight through the driver.
const exec = new Executor(stack.driver, config.neo4j.database);
const floor: number[] = [];
for (let i = 0; i < runs + 20; i++) {
  const t = performance.now();
  await loadRows(exec, [{ key: 'k', serviceTypeId: 'svc/face-recognition-payment', designationIds: null, sandbox: true, institutionType: null, extraDataCategoryIds: [] }]);
  if (i >= 20) floor.push(performance.now() - t);
}

const row = (name: string, xs: number[]) => `${name.padEnd(28)} p50 ${pct(xs, 50).toFixed(2).padStart(7)} ms   p99 ${pct(xs, 99).toFixed(2).padStart(7)} ms`;
console.log(`flagship query, ${runs} sequential runs after 20 warm-up runs`);
console.log(`first request of the process (cold indexes): ${cold.toFixed(0)} ms`);
console.log(row('gateway (5 subgraphs)', gateway));
console.log(row('floor (engine Cypher only)', floor));
console.log(`ratio gateway/floor p50: ${(pct(gateway, 50) / pct(floor, 50)).toFixed(2)}x`);
console.log(`Cypher queries per flagship request: ${cypherPerRequest} ${JSON.stringify(byName)}`);
await stack.stop();
