/**
 * Evaluation harness: `npm run eval:match [-- --set NAME] [--half dev|test] [--ablate] [--laws DIR] [--misses]`.
 * For every labelled set in eval/sets/sets.json and each of its halves (eval/split.ts: tune on `dev`,
 * score `test` at the end): Recall@10, MAP@10 and MRR of the matcher and of a plain BM25 baseline
 * measured in the same run. `--ablate` adds one row per feature switched off or on; `--calibrate`
 * prints precision@1 per confidence tier (eval/calibrate.ts); `--vs-bm25` counts the queries where the
 * matcher's AP@10 is below, equal to or above plain BM25's ("never worse than BM25 on the easy case").
 */
import { readFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { createMatcher, loadThesaurus, type MatcherOptions, type MatchResult } from '../matcher/index.ts';
import { calibrationReport, thresholdFor, type CalibrationSample } from './calibrate.ts';
import { readTextRecords } from '../matcher/jsonl.ts';
import { recordToDocument } from '../matcher/batch.ts';
import { buildKrCorpus, defaultLawsDir, type CorpusPassage } from './kr-corpus.ts';
import { BaselineBM25 } from './baseline-bm25.ts';
import { recallAt, apAt, reciprocalRank } from './metrics.ts';
import { loadSplit, halfOf, type Half } from './split.ts';

interface SetDef { name: string; file: string; corpus: string; description: string }
interface Query { id: string; text: string; relevant: string[]; half: Half }

const { values } = parseArgs({
  options: {
    set: { type: 'string', multiple: true },
    ablate: { type: 'boolean', default: false },
    laws: { type: 'string' },
    misses: { type: 'boolean', default: false },
    json: { type: 'boolean', default: false },
    opts: { type: 'string' },
    half: { type: 'string', multiple: true },
    calibrate: { type: 'boolean', default: false },
    'vs-bm25': { type: 'boolean', default: false },
    worse: { type: 'boolean', default: false },
  },
});

const setsDir = new URL('./sets/', import.meta.url);
const manifest = JSON.parse(readFileSync(new URL('sets.json', setsDir), 'utf8')) as { aliases: Record<string, string>; sets: SetDef[] };

function expand(ref: string): string {
  const m = /^([a-z]+):(.+)$/.exec(ref);
  if (!m || !manifest.aliases[m[1]!]) return ref;
  return `${manifest.aliases[m[1]!]}/art-${m[2]}`;
}

const split = loadSplit();
function loadQueries(set: string, file: string): Query[] {
  const path = new URL(file, setsDir).pathname;
  return readTextRecords(decodeURIComponent(path)).map((r) => {
    const rel = r.extra.relevant;
    if (!Array.isArray(rel) || rel.length === 0) throw new Error(`${file}: query ${r.id} has no "relevant" list`);
    return { id: r.id, text: r.text, relevant: rel.map((x) => expand(String(x))), half: halfOf(split, set, r.id) };
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

interface Row { set: string; half: Half; system: string; n: number; r10: number; map10: number; mrr: number; ms: number }

type Ranker = (text: string) => MatchResult[] | string[];

/** Rank every query once, then score each half from the same ranking. */
function evaluate(setName: string, system: string, queries: Query[], rank: Ranker, misses: boolean, halves: Half[]): Row[] {
  const per: { q: Query; r10: number; ap: number; rr: number }[] = [];
  const t0 = performance.now();
  for (const q of queries) {
    const res = rank(q.text);
    const ranked = res.map((r) => (typeof r === 'string' ? r : r.id));
    if (typeof res[0] === 'object') calibration.push({ set: setName, system, half: q.half, results: res as MatchResult[], relevant: new Set(q.relevant) });
    const rel = new Set(q.relevant);
    per.push({ q, r10: recallAt(ranked, rel, 10), ap: apAt(ranked, rel, 10), rr: reciprocalRank(ranked, rel) });
    apOf.set(`${setName}\0${system}\0${q.id}`, apAt(ranked, rel, 10));
    rankedOf.set(`${setName}\0${system}\0${q.id}`, ranked.slice(0, 10));
    if (misses && q.half === 'dev' && recallAt(ranked, rel, 10) < 1) {
      process.stderr.write(`  miss [${system}] ${q.id} ${q.text.slice(0, 160)}\n    want ${q.relevant.map((x) => `${x}@${ranked.indexOf(x) + 1 || '-'}`).join(' ')}\n    got  ${ranked.slice(0, 3).join(' ')}\n`);
    }
  }
  const ms = (performance.now() - t0) / Math.max(1, queries.length);
  return halves.map((half) => {
    const xs = per.filter((x) => x.q.half === half);
    const n = xs.length || 1;
    const sum = (f: (x: (typeof xs)[number]) => number) => xs.reduce((s, x) => s + f(x), 0) / n;
    return { set: setName, half, system, n: xs.length, r10: sum((x) => x.r10), map10: sum((x) => x.ap), mrr: sum((x) => x.rr), ms };
  });
}

const calibration: CalibrationSample[] = [];
/** AP@10 per set, system and query: the per-query comparison with plain BM25 */
const apOf = new Map<string, number>();
/** top 10 per set, system and query (for `--worse`) */
const rankedOf = new Map<string, string[]>();
const vsBm25: string[] = ['| set | half | queries | matcher AP < BM25 | = | > | mean ΔAP |', '|---|---|---:|---:|---:|---:|---:|'];
const BASE: MatcherOptions = values.opts ? (JSON.parse(values.opts) as MatcherOptions) : {};
/** round 1's English analysis: natural's whole stop list, digits dropped, every heading at full weight */
const ROUND1_ANALYSIS = { keepRelational: false, references: false, titleSpecificity: false };
const VARIANTS: [string, MatcherOptions][] = [
  ['matcher', {}],
];
if (values.ablate) {
  VARIANTS.push(
    // the ranking before issue 15: the rulebook vocabulary loaded, structure, adaptive expansion and the round-2 analysis off
    ['before (issue 15)', { thesaurus: loadThesaurus({ rulebookEn: true }), features: { siblings: false, adaptiveExpansion: false, ...ROUND1_ANALYSIS } }],
    // the ranking after round 1 of issue 15, before round 2's analysis changes
    ['before round 2', { features: ROUND1_ANALYSIS }],
    ['- relational words', { features: { keepRelational: false } }],
    ['- numbers and references', { features: { references: false } }],
    ['- heading specificity', { features: { titleSpecificity: false } }],
    ['+ rulebook thesaurus', { thesaurus: loadThesaurus({ rulebookEn: true }) }],
    ['- expansion', { features: { expansion: false } }],
    ['- particles', { features: { particles: false } }],
    ['- bigrams', { features: { bigrams: false } }],
    ['- stemming', { features: { stem: false } }],
    ['- field weights', { fieldWeights: { title: 1, statement: 1, provisionText: 1, concepts: 1 } }],
    ['+ query weighting', { features: { queryWeighting: true } }],
    ['- siblings', { features: { siblings: false } }],
    ['- adaptive expansion', { features: { adaptiveExpansion: false } }],
    ['+ prf', { features: { prf: true } }],
    ['+ proximity', { features: { proximity: true } }],
  );
}

const halves = (values.half ?? ['dev', 'test']) as Half[];
const rows: Row[] = [];
for (const def of manifest.sets.filter((s) => !values.set || values.set.includes(s.name))) {
  const queries = loadQueries(def.name, def.file).filter((q) => halves.includes(q.half));
  const passages = corpus(def.corpus);
  const base = new BaselineBM25();
  for (const p of passages) base.add(p.id, `${p.title}\n${p.text}`);
  rows.push(...evaluate(def.name, 'BM25 baseline', queries, (t) => base.search(t, 100).map((r) => r.id), values.misses, halves));
  for (const [name, opts] of VARIANTS) {
    const m = createMatcher({ ...BASE, ...opts, features: { ...BASE.features, ...opts.features } });
    m.add(passages.map((p) => recordToDocument(p)));
    rows.push(...evaluate(def.name, name, queries, (t) => m.search(t, { limit: 100, explain: false }), values.misses && name === 'matcher', halves));
  }
  for (const half of halves) {
    const qs = queries.filter((q) => q.half === half);
    const d = qs.map((q) => apOf.get(`${def.name}\0matcher\0${q.id}`)! - apOf.get(`${def.name}\0BM25 baseline\0${q.id}`)!);
    const eps = 1e-9;
    if (values.worse) {
      // dev queries where plain BM25 ranks better than the matcher: what pushed the gold down
      for (const q of qs) {
        const key = (sys: string) => `${def.name}\0${sys}\0${q.id}`;
        if (half !== 'dev' || apOf.get(key('matcher'))! >= apOf.get(key('BM25 baseline'))! - 1e-9) continue;
        const at = (sys: string) => q.relevant.map((x) => `${x}@${rankedOf.get(key(sys))!.indexOf(x) + 1 || '-'}`).join(' ');
        process.stderr.write(`  worse ${q.id} ${q.text.slice(0, 140)}\n    bm25 ${at('BM25 baseline')}  ours ${at('matcher')}  ours top: ${rankedOf.get(key('matcher'))!.slice(0, 3).join(' ')}\n`);
      }
    }
    vsBm25.push(`| ${def.name} | ${half} | ${qs.length} | ${d.filter((x) => x < -eps).length} | ${d.filter((x) => Math.abs(x) <= eps).length} | ${d.filter((x) => x > eps).length} | ${(d.reduce((a, x) => a + x, 0) / Math.max(1, d.length)).toFixed(3)} |`);
  }
}

if (values.json) process.stdout.write(JSON.stringify(rows, null, 2) + '\n');
else {
  const f = (x: number) => x.toFixed(3);
  const lines = ['| set | half | system | queries | Recall@10 | MAP@10 | MRR | ms/query |', '|---|---|---|---:|---:|---:|---:|---:|'];
  for (const r of rows) lines.push(`| ${r.set} | ${r.half} | ${r.system} | ${r.n} | ${f(r.r10)} | ${f(r.map10)} | ${f(r.mrr)} | ${r.ms.toFixed(1)} |`);
  process.stdout.write(lines.join('\n') + '\n');
}
if (values['vs-bm25']) process.stdout.write('\nPer query, matcher vs plain BM25 (AP@10):\n' + vsBm25.join('\n') + '\n');
if (values.calibrate) {
  const mine = calibration.filter((c) => c.system === 'matcher');
  process.stdout.write('\n' + calibrationReport(mine) + '\n');
  const dev = mine.filter((c) => c.half === 'dev');
  if (dev.length) process.stdout.write(`\nconfidenceScore thresholds on dev (all sets pooled): P@1 ≥ 0.9 from ${thresholdFor(dev, 0.9)}, P@1 ≥ 0.75 from ${thresholdFor(dev, 0.75)}, P@1 ≥ 0.8 from ${thresholdFor(dev, 0.8)}\n`);
}
