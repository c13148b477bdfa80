/**
 * Synthetic corpora for bench/matcher-bench.ts.
 *
 * `varied` (default): obligation-shaped documents as the assistant indexes them
 * (subgraphs/assistant/corpus.ts), every text distinct, from bench/varied-text.ts (clauses of the
 * real statutes in ../shared/laws, English recombined from the rulebook set): per provision a Korean
 * title and text (half with an English text too), 1–3 obligations sharing it (their section), each
 * with its own Korean statement (most with an English one) and 1–3 concept labels. Repeated texts
 * would flatter the matcher (each distinct text is analysed once), which a national corpus does not.
 *
 * `recombined` (the bench's older corpus): passages of three sentences drawn from a pool, title and
 * text only; many texts share sentences, none repeats whole.
 *
 * Both are generated again for each system from the same seed, so the bench holds no copy of the
 * corpus while it measures what an index keeps.
 */
import { readFileSync, existsSync } from 'node:fs';
import type { MatchDocument } from '../matcher/index.ts';
import { loadThesaurus } from '../matcher/index.ts';
import { buildKrCorpus, defaultLawsDir } from '../eval/kr-corpus.ts';
import { VariedText, readLawArticles, englishSentences, LAWS_DIR } from './varied-text.ts';
import { rng } from './workloads.ts';

export type CorpusKind = 'varied' | 'recombined';

const en = readFileSync(new URL('../eval/sets/en-reg-corpus.jsonl', import.meta.url), 'utf8').trim().split('\n').map((l) => JSON.parse(l) as { title: string; text: string });

/** `size` documents, in batches of `batch`, reproducible from `seed`. */
export function* corpus(kind: CorpusKind, size: number, seed: number, batch = 5000): Generator<MatchDocument[]> {
  const gen = kind === 'varied' ? variedDocs(size, seed) : recombinedDocs(size, seed);
  let out: MatchDocument[] = [];
  for (const d of gen) {
    out.push(d);
    if (out.length === batch) (yield out, (out = []));
  }
  if (out.length) yield out;
}

let articles: ReturnType<typeof readLawArticles> | null = null;
const labels = loadThesaurus().flatMap((e) => [...e.ko.slice(0, 1), ...e.en.slice(0, 1)]);

function* variedDocs(size: number, seed: number): Generator<MatchDocument> {
  if (!existsSync(LAWS_DIR)) throw new Error(`--corpus varied needs the statutes in ${LAWS_DIR}`);
  articles ??= readLawArticles();
  const texts = new VariedText(articles, englishSentences(en.map((p) => p.text)), seed);
  texts.startCopy(1);
  const r = rng(seed);
  let n = 0;
  for (let p = 0; n < size; p++) {
    const { titleKo, textKo } = texts.provision();
    const provisionText = r() < 0.5 ? `${textKo}\n${texts.provisionEn()}` : textKo;
    const k = 1 + Math.floor(r() * 3);
    for (let j = 0; j < k && n < size; j++, n++) {
      const statement = r() < 0.8 ? `${texts.statementKo()}\n${texts.statementEn()}` : texts.statementKo();
      const concepts = Array.from({ length: 1 + Math.floor(r() * 3) }, () => labels[Math.floor(r() * labels.length)]!).join('\n');
      yield { id: `obl/${n}`, fields: { title: titleKo, statement, provisionText, concepts }, group: `prov/${p}`, meta: { kind: 'DUTY' } };
    }
  }
}

function* recombinedDocs(size: number, seed: number): Generator<MatchDocument> {
  const r = rng(seed);
  const pick = <T>(a: T[]): T => a[Math.floor(r() * a.length)]!;
  const enSentences = en.map((p) => p.text);
  const enTitles = [...new Set(en.map((p) => p.title))];
  const kr = existsSync(defaultLawsDir()) ? buildKrCorpus() : [];
  const koSentences = kr.flatMap((p) => p.text.split(/\n+/)).map((s) => s.trim()).filter((s) => s.length > 20);
  const koTitles = kr.map((p) => p.title);
  // a vocabulary of made-up defined terms keeps passages distinct (rulebooks have many)
  const made = Array.from({ length: 5000 }, (_, i) => `term${i.toString(36)}`);
  for (let i = 0; i < size; i++) {
    const korean = koSentences.length > 0 && r() < 0.3;
    const src = korean ? koSentences : enSentences;
    const parts = [pick(src), pick(src), pick(src)];
    if (!korean) parts.push(`See ${pick(made)} and ${pick(made)}.`);
    yield { id: `p${i}`, fields: { title: korean ? pick(koTitles) : pick(enTitles), provisionText: parts.join(' ') } };
  }
}

/**
 * Known-item queries: for `varied`, the first 70 % of a document's Korean statement (as
 * bench/scale-structures.ts asks the graph's own statements); for `recombined`, six words of the
 * passage. `n` targets spread over the corpus.
 */
export function queries(kind: CorpusKind, size: number, seed: number, n: number): { text: string; target: string }[] {
  const r = rng(seed + 1);
  const want = new Set(Array.from({ length: n }, () => Math.floor(r() * size)));
  const out: { text: string; target: string }[] = [];
  let i = 0;
  for (const batch of corpus(kind, size, seed)) {
    for (const d of batch) {
      if (want.has(i++)) out.push({ text: queryOf(kind, d, r), target: d.id });
    }
  }
  return out;
}

function queryOf(kind: CorpusKind, d: MatchDocument, r: () => number): string {
  if (kind === 'varied') {
    const t = d.fields.statement!.split('\n')[0]!;
    return t.slice(0, Math.max(12, Math.floor(t.length * 0.7)));
  }
  const words = d.fields.provisionText!.split(/\s+/).filter((w) => w.length > 3);
  return Array.from({ length: Math.min(6, words.length) }, () => words[Math.floor(r() * words.length)]!).join(' ');
}
