/**
 * Matcher benchmark (not a test): `NODE_OPTIONS=--expose-gc npm run bench:matcher [-- --sizes
 * 10000,100000 --queries 400 --corpus varied|recombined --systems matcher,explain,minisearch --quality no
 * --minisearch-queries 50]`.
 * The corpus (bench/matcher-corpus.ts) is by default obligation-shaped documents with every text
 * distinct, from the real statutes; queries are known items. Measures index build time, the live
 * memory the index holds (heap + external, after a full GC: the postings are typed arrays, outside
 * the heap), query latency p50/p99 and Recall@10/MRR for the matcher and for minisearch in the same run,
 * then (unless `--quality no`) both on the labelled evaluation sets.
 */
import { readFileSync, existsSync } from 'node:fs';
import { parseArgs } from 'node:util';
import MiniSearch from 'minisearch';
import { createMatcher } from '../matcher/index.ts';
import { buildKrCorpus, defaultLawsDir } from '../eval/kr-corpus.ts';
import { corpus, queries, type CorpusKind } from './matcher-corpus.ts';

const { values } = parseArgs({ options: { sizes: { type: 'string', default: '10000,100000' }, queries: { type: 'string', default: '400' }, corpus: { type: 'string', default: 'varied' }, systems: { type: 'string', default: 'matcher,explain,minisearch' }, quality: { type: 'string', default: 'yes' }, 'minisearch-queries': { type: 'string' } } });
const sizes = values.sizes!.split(',').map(Number);
const nQueries = Number(values.queries);
const kind = values.corpus as CorpusKind;
if (kind !== 'varied' && kind !== 'recombined') throw new Error('--corpus varied|recombined');
const only = new Set(values.systems!.split(','));
const gc = (globalThis as { gc?: () => void }).gc;
if (!gc) process.stderr.write('(run with NODE_OPTIONS=--expose-gc for live-memory figures)\n');
/** Live heap + external (typed arrays) after a full collection. */
const live = () => (gc?.(), gc?.(), process.memoryUsage().heapUsed + process.memoryUsage().external);

const pct = (xs: number[], q: number) => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.floor(q * s.length))]!;
};

interface Row { size: number; system: string; stallMs: number; buildS: number; p50: number; p99: number; r10: number; mrr: number; heapMb: number }
const rows: Row[] = [];
type Sys = { search: (q: string) => string[] };

for (const size of sizes) {
  const seed = 42 + size;
  const qs = queries(kind, size, seed, nQueries);
  // As the assistant builds it (subgraphs/assistant/index-cache.ts): all documents in one addAsync,
  // with the longest event-loop stall while building measured by a 1 ms interval.
  const matcher = (explain: boolean) => async (): Promise<Sys> => {
    const m = createMatcher();
    const docs = generate();
    let last = performance.now();
    const tick = setInterval(() => {
      const now = performance.now();
      stall = Math.max(stall, now - last);
      last = now;
    }, 1);
    await m.addAsync(docs);
    clearInterval(tick);
    return { search: (q) => m.search(q, { limit: 10, explain }).map((r) => r.id) };
  };
  let stall = 0;
  // Generating the corpus is not indexing: its time is taken out of the build's (it stays inside the
  // build's memory figure only as what the index keeps of it).
  let genS = 0;
  const generate = () => {
    const t = performance.now();
    const docs = [...corpus(kind, size, seed)].flat();
    genS += (performance.now() - t) / 1000;
    return docs;
  };
  const systems: [string, string, () => Sys | Promise<Sys>][] = [
    ['matcher', 'matcher', matcher(false)],
    ['explain', 'matcher (with explanations)', matcher(true)],
    ['minisearch', 'minisearch 7.2.0', () => {
      type D = { id: string; title: string; text: string };
      const ms = new MiniSearch<D>({ fields: ['title', 'text'], storeFields: [] });
      ms.addAll(generate().map((d) => ({ id: d.id, title: d.fields.title ?? '', text: [d.fields.statement, d.fields.provisionText, d.fields.concepts].filter(Boolean).join('\n') })));
      return { search: (q) => ms.search(q).slice(0, 10).map((r) => String(r.id)) };
    }],
  ];
  let sys: Sys | null = null;
  for (const [key, name, build] of systems) {
    if (!only.has(key)) continue;
    sys = null; // the previous system is garbage before this one is measured
    const h0 = live();
    const t0 = performance.now();
    stall = 0;
    genS = 0;
    sys = await build();
    const buildS = (performance.now() - t0) / 1000 - genS;
    const heapMb = (live() - h0) / 2 ** 20;
    for (const q of qs.slice(0, 20)) sys.search(q.text); // warm-up
    const s = sys;
    const lat: number[] = [];
    let r10 = 0;
    let mrr = 0;
    // minisearch takes seconds a query at 100,000 varied documents (a 400-query run did not end in 15 min)
    const asked = key === 'minisearch' && values['minisearch-queries'] ? qs.slice(0, Number(values['minisearch-queries'])) : qs;
    for (const q of asked) {
      const t = performance.now();
      const ids = s.search(q.text);
      lat.push(performance.now() - t);
      const i = ids.indexOf(q.target);
      if (i >= 0) { r10++; mrr += 1 / (i + 1); }
    }
    rows.push({ size, system: asked === qs ? name : `${name} (${asked.length} queries)`, stallMs: stall, buildS, p50: pct(lat, 0.5), p99: pct(lat, 0.99), r10: r10 / asked.length, mrr: mrr / asked.length, heapMb });
    process.stderr.write(`done ${size} ${name} build ${buildS.toFixed(1)} s, ${heapMb.toFixed(0)} MB, p50 ${pct(lat, 0.5).toFixed(2)} ms\n`);
  }
}

// Quality on the labelled evaluation sets (same corpora and queries for both systems).
const qual: string[] = ['| labelled set | system | Recall@10 | MRR@10 |', '|---|---|---:|---:|'];
const sets = JSON.parse(readFileSync(new URL('../eval/sets/sets.json', import.meta.url), 'utf8')) as { aliases: Record<string, string>; sets: { name: string; file: string; corpus: string }[] };
for (const def of values.quality === 'no' ? [] : sets.sets) {
  if (def.corpus === 'kr' && !existsSync(defaultLawsDir())) continue;
  const corpus = def.corpus === 'kr' ? buildKrCorpus() : readFileSync(new URL(`../eval/sets/${def.corpus}`, import.meta.url), 'utf8').trim().split('\n').map((l) => JSON.parse(l) as { id: string; title: string; text: string });
  const queries = readFileSync(new URL(`../eval/sets/${def.file}`, import.meta.url), 'utf8').trim().split('\n').map((l) => JSON.parse(l) as { text: string; relevant: string[] })
    .map((q) => ({ text: q.text, rel: new Set(q.relevant.map((r) => { const m = /^([a-z]+):(.+)$/.exec(r); return m && sets.aliases[m[1]!] ? `${sets.aliases[m[1]!]}/art-${m[2]}` : r; })) }));
  const m = createMatcher();
  m.add(corpus.map((d) => ({ id: d.id, fields: { title: d.title, provisionText: d.text } })));
  const ms = new MiniSearch<{ id: string; title: string; text: string }>({ fields: ['title', 'text'], storeFields: [] });
  ms.addAll(corpus);
  for (const [name, search] of [['matcher', (q: string) => m.search(q, { limit: 10, explain: false }).map((r) => r.id)], ['minisearch 7.2.0', (q: string) => ms.search(q).slice(0, 10).map((r) => String(r.id))]] as const) {
    let r10 = 0;
    let mrr = 0;
    for (const q of queries) {
      const ids = search(q.text);
      r10 += ids.filter((id) => q.rel.has(id)).length / q.rel.size;
      const i = ids.findIndex((id) => q.rel.has(id));
      if (i >= 0) mrr += 1 / (i + 1);
    }
    qual.push(`| ${def.name} | ${name} | ${(r10 / queries.length).toFixed(3)} | ${(mrr / queries.length).toFixed(3)} |`);
  }
}

const lines = [`corpus: ${kind}`, '', '| documents | system | index build (s) | query p50 (ms) | query p99 (ms) | Recall@10 | MRR@10 | live heap + external (MB) | longest event-loop stall while building (ms) |', '|---:|---|---:|---:|---:|---:|---:|---:|---:|'];
for (const r of rows) lines.push(`| ${r.size} | ${r.system} | ${r.buildS.toFixed(2)} | ${r.p50.toFixed(2)} | ${r.p99.toFixed(2)} | ${r.r10.toFixed(3)} | ${r.mrr.toFixed(3)} | ${r.heapMb.toFixed(0)} | ${r.stallMs ? r.stallMs.toFixed(0) : '–'} |`);
process.stdout.write(lines.join('\n') + '\n\n' + qual.join('\n') + '\n');
