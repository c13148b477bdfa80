/**
 * The child of bench/scale-memory.ts that sizes the per-process structures (run with --expose-gc, so
 * that each figure is the live memory a structure holds after a full collection, not garbage):
 *
 * - the engine's obligation index and subject index (subgraphs/obligations/engine-cache.ts reads them
 *   once per data version with these same functions), each with the strings it shares;
 * - the assistant's matcher index (subgraphs/assistant/index-cache.ts: corpus read + build), with
 *   its build time;
 * - what requests leave behind in an in-process stack (lib/stack.ts, transport `local`, the
 *   default's serving process): the engine's per-question rows and the shared entity reads
 *   (subgraphs/shared/shared-reads.ts), each with its string table, after one flagship question per
 *   service type (at most `--sweep`, spread over the list; the engine keeps 2,000 subject sets, so
 *   beyond that its rows stop growing).
 *
 * Prints one JSON line. Sizes are heap + external (the matcher's postings are typed arrays) deltas.
 * bench/scale-memory.ts runs it with timeouts of 2 minutes (SUBGRAPH_TIMEOUT_MS, REQUEST_TIMEOUT_MS,
 * NEO4J_QUERY_TIMEOUT_MS), so that a slow index read is measured rather than cut off; the `npm
 * start` half of that bench keeps the shipped timeouts.
 */
import { parseArgs } from 'node:util';
import { loadConfig } from '../lib/config.ts';
import { createDriver, Executor } from '../lib/neo4j.ts';
import { startInProcessStack } from '../lib/stack.ts';
import { readObligationIndex } from '../subgraphs/obligations/obligation-index.ts';
import { readSubjectIndex } from '../subgraphs/obligations/subject-index.ts';
import { IndexCache } from '../subgraphs/assistant/index-cache.ts';
import { FLAGSHIP_QUERY } from './workloads.ts';

const gc = (globalThis as { gc?: () => void }).gc;
if (!gc) throw new Error('run with node --expose-gc');

// --engine-only: the engine's two indexes alone (no matcher, no sweep): a before/after of the engine in a minute.
const { values } = parseArgs({ options: { sweep: { type: 'string', default: '2000' }, concurrency: { type: 'string', default: '4' }, 'engine-only': { type: 'boolean', default: false } } });
const MB = 2 ** 20;

function live(): number {
  gc!();
  gc!();
  const m = process.memoryUsage();
  return m.heapUsed + m.external;
}

/** Live memory `build()`'s result holds (it is kept until the measurement is taken) and the time it took. */
async function sized<T>(build: () => Promise<T>): Promise<{ mb: number; ms: number; value: T }> {
  const before = live();
  const t0 = performance.now();
  const value = await build();
  const ms = performance.now() - t0;
  const mb = (live() - before) / MB;
  return { mb, ms, value };
}

const config = loadConfig(process.env);
const driver = createDriver(config.neo4j);
const exec = new Executor(driver, config.neo4j.database, config.neo4j.queryTimeoutMs);
const out: Record<string, number | string | null> = {};
try {
  const serviceTypes = (await exec.read('scaleServiceTypes', 'MATCH (t:AIServiceType) RETURN t.id AS id ORDER BY id')).map((r) => r.id as string);
  out.serviceTypes = serviceTypes.length;

  // The longest single query of each index read (each must stay under NEO4J_QUERY_TIMEOUT_MS).
  const longest = new Map<string, { n: number; maxMs: number }>();
  const timed = Object.create(exec) as Executor;
  timed.read = async (name, ...rest) => {
    const t0 = performance.now();
    const rows = await exec.read(name, ...rest);
    const q = longest.get(name) ?? { n: 0, maxMs: 0 };
    longest.set(name, { n: q.n + 1, maxMs: Math.max(q.maxMs, performance.now() - t0) });
    return rows;
  };
  const obligations = await sized(() => readObligationIndex(timed));
  out.obligationIndexMb = obligations.mb;
  out.obligationIndexMs = obligations.ms;
  const subjects = await sized(() => readSubjectIndex(timed));
  out.subjectIndexMb = subjects.value === null ? null : subjects.mb;
  out.subjectIndexMs = subjects.ms;
  for (const [name, q] of longest) out[`${name}Queries`] = q.n, out[`${name}MaxMs`] = Math.round(q.maxMs);
  if (values['engine-only']) {
    console.log(JSON.stringify(out));
    process.exit(0);
  }
  const matcher = await sized(() => new IndexCache().get(exec));
  out.matcherMb = matcher.mb;
  out.matcherBuildMs = matcher.ms;
  out.matcherDocuments = matcher.value.size;
  // Matcher p50 on texts of the graph (the engine-free half of the matcher goal).
  const texts = (await exec.read('scaleTexts', 'MATCH (v:ObligationVersion) WITH v ORDER BY v.id LIMIT 200 RETURN v.statementKo AS t')).map((r) => r.t as string);
  const lat: number[] = [];
  for (const t of texts) {
    const t0 = performance.now();
    matcher.value.matcher.search(t.slice(0, Math.max(12, Math.floor(t.length * 0.7))), { limit: 10 });
    lat.push(performance.now() - t0);
  }
  lat.sort((a, b) => a - b);
  out.matcherP50Ms = lat[Math.floor(lat.length / 2)] ?? null;
  // What is known so far (the parent reads the last line, also when a later stage fails).
  console.log(JSON.stringify(out));

  // What requests leave in a serving process: indexes first (one question), then one question per service type.
  const stack = await startInProcessStack(config, { ports: 'ephemeral', transport: 'local' });
  try {
    let errors = 0;
    let firstError: string | null = null;
    const ask = async (serviceType: string) => {
      try {
        const r = await fetch(stack.graphqlUrl, {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify({ query: FLAGSHIP_QUERY, variables: { serviceType, context: { sandbox: true, asOf: '2026-06-01' } } }),
        });
        const body = (await r.json()) as { errors?: { message: string }[] };
        if (body.errors?.length) (errors++, (firstError ??= `flagship ${serviceType}: ${body.errors[0]!.message}`));
      } catch (err) {
        errors++;
        firstError ??= `flagship ${serviceType}: ${(err as Error).message} (${String((err as { cause?: unknown }).cause ?? '')})`;
      }
    };
    const before = live();
    await ask(serviceTypes[0]!);
    out.firstFlagshipMb = (live() - before) / MB;
    const n = Math.min(Number(values.sweep), serviceTypes.length);
    const step = serviceTypes.length / n;
    const sweep = Array.from({ length: n }, (_, i) => serviceTypes[Math.floor(i * step)]!);
    const afterFirst = live();
    const t0 = performance.now();
    let next = 0;
    await Promise.all(
      Array.from({ length: Number(values.concurrency) }, async () => {
        while (next < sweep.length) await ask(sweep[next++]!);
      }),
    );
    out.sweepRequests = n;
    out.sweepMs = performance.now() - t0;
    out.rowsAndSharedReadsMb = (live() - afterFirst) / MB;
    out.flagshipErrors = errors;
    out.firstError = firstError;
  } finally {
    await stack.stop();
  }
  console.log(JSON.stringify(out));
} finally {
  await driver.close();
}
