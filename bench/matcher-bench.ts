/**
 * Matcher benchmark (not a test): `npm run bench:matcher [-- --sizes 10000,100000 --queries 400]`.
 * Synthetic passages are recombined from real sentences (the English rulebook in eval/sets and the
 * Korean statutes when ../shared is present), so term statistics look like regulatory text; each query
 * is six words drawn from one passage (known item). Measures index build time, query latency p50/p99
 * and Recall@10/MRR for the matcher and for minisearch in the same run.
 */
import { readFileSync, existsSync } from 'node:fs';
import { parseArgs } from 'node:util';
import MiniSearch from 'minisearch';
import { createMatcher } from '../matcher/index.ts';
import { buildKrCorpus, defaultLawsDir } from '../eval/kr-corpus.ts';

const { values } = parseArgs({ options: { sizes: { type: 'string', default: '10000,100000' }, queries: { type: 'string', default: '400' } } });
const sizes = values.sizes!.split(',').map(Number);
const nQueries = Number(values.queries);

// deterministic PRNG
let seed = 42;
const rnd = () => ((seed = (seed * 1103515245 + 12345) >>> 0) / 4294967296);
const pick = <T>(a: T[]): T => a[Math.floor(rnd() * a.length)]!;

const en = readFileSync(new URL('../eval/sets/en-reg-corpus.jsonl', import.meta.url), 'utf8').trim().split('\n').map((l) => JSON.parse(l) as { title: string; text: string });
const enSentences = en.map((p) => p.text);
const enTitles = [...new Set(en.map((p) => p.title))];
let koSentences: string[] = [];
let koTitles: string[] = [];
if (existsSync(defaultLawsDir())) {
  const kr = buildKrCorpus();
  koSentences = kr.flatMap((p) => p.text.split(/\n+/)).map((s) => s.trim()).filter((s) => s.length > 20);
  koTitles = kr.map((p) => p.title);
}
// a vocabulary of made-up defined terms keeps passages distinct (rulebooks have many)
const made = Array.from({ length: 5000 }, (_, i) => `term${i.toString(36)}`);

function passage(i: number): { id: string; title: string; text: string } {
  const korean = koSentences.length > 0 && rnd() < 0.3;
  const src = korean ? koSentences : enSentences;
  const parts = [pick(src), pick(src), pick(src)];
  if (!korean) parts.push(`See ${pick(made)} and ${pick(made)}.`);
  return { id: `p${i}`, title: korean ? pick(koTitles) : pick(enTitles), text: parts.join(' ') };
}

function queryFor(p: { text: string }): string {
  const words = p.text.split(/\s+/).filter((w) => w.length > 3);
  const out: string[] = [];
  for (let i = 0; i < 6 && words.length; i++) out.push(pick(words));
  return out.join(' ');
}

const pct = (xs: number[], q: number) => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.floor(q * s.length))]!;
};

interface Row { size: number; system: string; buildS: number; p50: number; p99: number; r10: number; mrr: number; heapMb: number }
const rows: Row[] = [];

for (const size of sizes) {
  seed = 42 + size;
  const docs = Array.from({ length: size }, (_, i) => passage(i));
  const qs = Array.from({ length: nQueries }, () => {
    const target = docs[Math.floor(rnd() * docs.length)]!;
    return { text: queryFor(target), target: target.id };
  });

  const systems: [string, () => { search: (q: string) => string[] }][] = [
    ['matcher', () => {
      const m = createMatcher();
      m.add(docs.map((d) => ({ id: d.id, fields: { title: d.title, provisionText: d.text } })));
      return { search: (q) => m.search(q, { limit: 10, explain: false }).map((r) => r.id) };
    }],
    ['matcher (with explanations)', () => {
      const m = createMatcher();
      m.add(docs.map((d) => ({ id: d.id, fields: { title: d.title, provisionText: d.text } })));
      return { search: (q) => m.search(q, { limit: 10 }).map((r) => r.id) };
    }],
    ['minisearch 7.2.0', () => {
      const ms = new MiniSearch<{ id: string; title: string; text: string }>({ fields: ['title', 'text'], storeFields: [] });
      ms.addAll(docs);
      return { search: (q) => ms.search(q).slice(0, 10).map((r) => String(r.id)) };
    }],
  ];
  for (const [name, build] of systems) {
    globalThis.gc?.();
    const h0 = process.memoryUsage().heapUsed;
    const t0 = performance.now();
    const sys = build();
    const buildS = (performance.now() - t0) / 1000;
    const heapMb = (process.memoryUsage().heapUsed - h0) / 2 ** 20;
    for (const q of qs.slice(0, 20)) sys.search(q.text); // warm-up
    const lat: number[] = [];
    let r10 = 0;
    let mrr = 0;
    for (const q of qs) {
      const t = performance.now();
      const ids = sys.search(q.text);
      lat.push(performance.now() - t);
      const i = ids.indexOf(q.target);
      if (i >= 0) { r10++; mrr += 1 / (i + 1); }
    }
    rows.push({ size, system: name, buildS, p50: pct(lat, 0.5), p99: pct(lat, 0.99), r10: r10 / qs.length, mrr: mrr / qs.length, heapMb });
    process.stderr.write(`done ${size} ${name}\n`);
  }
}

// Quality on the labelled evaluation sets (same corpora and queries for both systems).
const qual: string[] = ['| labelled set | system | Recall@10 | MRR@10 |', '|---|---|---:|---:|'];
const sets = JSON.parse(readFileSync(new URL('../eval/sets/sets.json', import.meta.url), 'utf8')) as { aliases: Record<string, string>; sets: { name: string; file: string; corpus: string }[] };
for (const def of sets.sets) {
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

const lines = ['| passages | system | index build (s) | query p50 (ms) | query p99 (ms) | Recall@10 | MRR@10 | heap (MB) |', '|---:|---|---:|---:|---:|---:|---:|---:|'];
for (const r of rows) lines.push(`| ${r.size} | ${r.system} | ${r.buildS.toFixed(2)} | ${r.p50.toFixed(2)} | ${r.p99.toFixed(2)} | ${r.r10.toFixed(3)} | ${r.mrr.toFixed(3)} | ${r.heapMb.toFixed(0)} |`);
process.stdout.write(lines.join('\n') + '\n\n' + qual.join('\n') + '\n');
