/**
 * What the slowest flagship requests wait on, at N concurrent connections (issue 16's p99 ≤ 3× p50):
 * one serving process (lib/stack.ts, transport `local`, without the assistant so that its index
 * build does not share the event loop), the `flagship` workload's requests (bench/workloads.ts),
 * every pool service type asked once first (so that no request is a first read), then per request
 * its latency and answer size, and over the run the event loop's delay and the GC pauses.
 *
 *   LOCAL_SUBGRAPHS=regulations,obligations,ai-services,institutions SUBGRAPH_SECRET=… \
 *     npx tsx bench/flagship-tail.ts [--connections 16] [--seconds 10]
 */
import { monitorEventLoopDelay, PerformanceObserver } from 'node:perf_hooks';
import { parseArgs } from 'node:util';
import { loadConfig } from '../lib/config.ts';
import { startInProcessStack } from '../lib/stack.ts';
import { graphqlRequests, readPools, FLAGSHIP_QUERY } from './workloads.ts';

const { values } = parseArgs({ options: { connections: { type: 'string', default: '16' }, seconds: { type: 'string', default: '10' } } });
// Production error handling and no deep-freezing of shared reads, as a deployment runs (flagship-latency.ts does the same).
const config = { ...loadConfig(process.env), env: 'production' as const };
const stack = await startInProcessStack(config, { ports: 'ephemeral', transport: 'local' });
const pools = await readPools(stack.driver, config.neo4j.database);
const post = async (body: unknown) => {
  const t = performance.now();
  const res = await fetch(stack.graphqlUrl, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
  const text = await res.text();
  if (text.includes('"errors":')) throw new Error(text.slice(0, 300));
  return { ms: performance.now() - t, bytes: text.length };
};
for (const serviceType of pools.serviceTypes) await post({ query: FLAGSHIP_QUERY, variables: { serviceType, context: { sandbox: true, asOf: '2024-01-01' } } });

const loop = monitorEventLoopDelay({ resolution: 5 });
const gcs: number[] = [];
const obs = new PerformanceObserver((list) => list.getEntries().forEach((e) => gcs.push(e.duration)));
obs.observe({ entryTypes: ['gc'] });
loop.enable();
const next = graphqlRequests('flagship', pools, 20260911);
const done: { ms: number; bytes: number }[] = [];
const until = performance.now() + Number(values.seconds) * 1000;
await Promise.all(
  Array.from({ length: Number(values.connections) }, async () => {
    while (performance.now() < until) done.push(await post(next()));
  }),
);
loop.disable();
obs.disconnect();

const pct = (xs: number[], p: number) => [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor((p / 100) * xs.length))]!;
const ms = done.map((d) => d.ms);
const p50 = pct(ms, 50);
const p99 = pct(ms, 99);
const slow = done.filter((d) => d.ms >= p99);
const kb = (xs: number[]) => (pct(xs, 50) / 1024).toFixed(0);
console.log(`${done.length} requests, ${values.connections} connections, ${values.seconds} s: p50 ${p50.toFixed(0)} ms, p99 ${p99.toFixed(0)} ms (${(p99 / p50).toFixed(1)}×)`);
console.log(`answer size: median ${kb(done.map((d) => d.bytes))} KB, median of the slowest 1 % ${kb(slow.map((d) => d.bytes))} KB, largest ${(Math.max(...done.map((d) => d.bytes)) / 1024).toFixed(0)} KB`);
console.log(`event loop delay: p50 ${(loop.percentile(50) / 1e6).toFixed(0)} ms, p99 ${(loop.percentile(99) / 1e6).toFixed(0)} ms, max ${(loop.max / 1e6).toFixed(0)} ms`);
console.log(`GC: ${gcs.length} pauses, ${gcs.reduce((a, b) => a + b, 0).toFixed(0)} ms in all (${((gcs.reduce((a, b) => a + b, 0) / (Number(values.seconds) * 1000)) * 100).toFixed(0)} % of the run), longest ${Math.max(0, ...gcs).toFixed(0)} ms`);
await stack.stop();
