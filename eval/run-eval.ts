/**
 * Evaluation harness: `npm run eval:match [-- --set NAME] [--ablate] [--laws DIR] [--misses]`.
 * For every labelled set in eval/sets/sets.json: Recall@10, MAP@10 and MRR of the matcher and of a
 * plain BM25 baseline measured in the same run. `--ablate` adds one row per feature switched off or on.
 */
import { readFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { createMatcher, type MatcherOptions } from '../matcher/index.ts';
import { readTextRecords } from '../matcher/jsonl.ts';
import { recordToDocument } from '../matcher/batch.ts';
import { buildKrCorpus, defaultLawsDir, type CorpusPassage } from './kr-corpus.ts';
import { BaselineBM25 } from './baseline-bm25.ts';
import { recallAt, apAt, reciprocalRank } from './metrics.ts';

interface SetDef { name: string; file: string; corpus: string; description: string }
interface Query { id: string; text: string; relevant: string[] }

const { values } = parseArgs({
  options: {
    set: { type: 'string', multiple: true },
    ablate: { type: 'boolean', default: false },
    laws: { type: 'string' },
    misses: { type: 'boolean', default: false },
    json: { type: 'boolean', default: false },
    opts: { type: 'string' },
  },
});

const setsDir = new URL('./sets/', import.meta.url);
const manifest = JSON.parse(readFileSync(new URL('sets.json', setsDir), 'utf8')) as { aliases: Record<string, string>; sets: SetDef[] };

function expand(ref: string): string {
  const m = /^([a-z]+):(.+)$/.exec(ref);
  if (!m || !manifest.aliases[m[1]!]) return ref;
  return `${manifest.aliases[m[1]!]}/art-${m[2]}`;
}

function loadQueries(file: string): Query[] {
  const path = new URL(file, setsDir).pathname;
  return readTextRecords(decodeURIComponent(path)).map((r) => {
    const rel = r.extra.relevant;
    if (!Array.isArray(rel) || rel.length === 0) throw new Error(`${file}: query ${r.id} has no "relevant" list`);
    return { id: r.id, text: r.text, relevant: rel.map((x) => expand(String(x))) };
  });
}

const corpora = new Map<string, CorpusPassage[]>();
function corpus(name: string): CorpusPassage[] {
  let c = corpora.get(name);
  if (!c) {
    c = name === 'kr'
      ? buildKrCorpus(values.laws ?? defaultLawsDir())
      : readTextRecords(decodeURIComponent(new URL(name, setsDir).pathname)).map((r) => ({ id: r.id, title: r.title ?? '', text: r.text }));
    corpora.set(name, c);
  }
  return c;
}

interface Row { set: string; system: string; n: number; r10: number; map10: number; mrr: number; ms: number }

type Ranker = (text: string) => string[];

function evaluate(setName: string, system: string, queries: Query[], rank: Ranker, misses: boolean): Row {
  let r10 = 0, map = 0, mrr = 0;
  const t0 = performance.now();
  for (const q of queries) {
    const ranked = rank(q.text);
    const rel = new Set(q.relevant);
    r10 += recallAt(ranked, rel, 10);
    map += apAt(ranked, rel, 10);
    mrr += reciprocalRank(ranked, rel);
    if (misses && recallAt(ranked, rel, 10) < 1) {
      process.stderr.write(`  miss [${system}] ${q.id} ${q.text}\n    want ${q.relevant.map((x) => `${x}@${ranked.indexOf(x) + 1 || '-'}`).join(' ')}\n    got  ${ranked.slice(0, 3).join(' ')}\n`);
    }
  }
  const n = queries.length;
  return { set: setName, system, n, r10: r10 / n, map10: map / n, mrr: mrr / n, ms: (performance.now() - t0) / n };
}

const BASE: MatcherOptions = values.opts ? (JSON.parse(values.opts) as MatcherOptions) : {};
const VARIANTS: [string, MatcherOptions][] = [
  ['matcher', {}],
];
if (values.ablate) {
  VARIANTS.push(
    ['- expansion', { features: { expansion: false } }],
    ['- particles', { features: { particles: false } }],
    ['- bigrams', { features: { bigrams: false } }],
    ['- stemming', { features: { stem: false } }],
    ['- field weights', { fieldWeights: { title: 1, statement: 1, provisionText: 1, concepts: 1 } }],
    ['+ prf', { features: { prf: true } }],
    ['+ proximity', { features: { proximity: true } }],
  );
}

const rows: Row[] = [];
for (const def of manifest.sets.filter((s) => !values.set || values.set.includes(s.name))) {
  const queries = loadQueries(def.file);
  const passages = corpus(def.corpus);
  const base = new BaselineBM25();
  for (const p of passages) base.add(p.id, `${p.title}\n${p.text}`);
  rows.push(evaluate(def.name, 'BM25 baseline', queries, (t) => base.search(t, 100).map((r) => r.id), values.misses));
  for (const [name, opts] of VARIANTS) {
    const m = createMatcher({ ...BASE, ...opts, features: { ...BASE.features, ...opts.features } });
    m.add(passages.map((p) => recordToDocument(p)));
    rows.push(evaluate(def.name, name, queries, (t) => m.search(t, { limit: 100, explain: false }).map((r) => r.id), values.misses && name === 'matcher'));
  }
}

if (values.json) process.stdout.write(JSON.stringify(rows, null, 2) + '\n');
else {
  const f = (x: number) => x.toFixed(3);
  const lines = ['| set | system | queries | Recall@10 | MAP@10 | MRR | ms/query |', '|---|---|---:|---:|---:|---:|---:|'];
  for (const r of rows) lines.push(`| ${r.set} | ${r.system} | ${r.n} | ${f(r.r10)} | ${f(r.map10)} | ${f(r.mrr)} | ${r.ms.toFixed(1)} |`);
  process.stdout.write(lines.join('\n') + '\n');
}
