/**
 * Document analysis for indexing: each field text → its distinct term ids with counts, its length, the
 * concepts found in it and (for proximity) its word sequence; a document → its terms with one frequency
 * per field. Texts are memoised per `add` batch: obligations derived from one provision share its text.
 */
import { normalize, tokenizeNormalized, wordPattern, type TokenizeOptions } from './tokenize.ts';
import type { ConceptTagger } from './concepts.ts';
import { FIELDS, MAX_TF, NF } from './postings.ts';
import type { MatchDocument } from './types.ts';

export interface TextAnalysis {
  terms: Int32Array;
  counts: Int32Array;
  length: number;
  /** term ids of the concepts found in the text, one per occurrence */
  concepts: Int32Array;
  words: Int32Array | null;
}
export type AnalysisMemo = Map<string, TextAnalysis>;

export interface Analysed {
  doc: MatchDocument;
  terms: Int32Array;
  /** NF field frequencies per term */
  tf: Uint8Array;
  fieldLen: number[];
  words: Int32Array | null;
}

/** What analysis needs of the index: the term dictionary (growing) and the switches that shape it. */
export interface AnalysisContext {
  tok: TokenizeOptions;
  tagger: ConceptTagger;
  /** the id of a term, created when new */
  termId(term: string): number;
  expansion: boolean;
  proximity: boolean;
  /**
   * The term ids (and word flags) of each run of letters or digits seen (`wordPattern`): a run's
   * tokens do not depend on its neighbours, and a statute corpus repeats its words, so tokenising a
   * run and looking its terms up (a Map lookup of a freshly concatenated string per token) happens
   * once per distinct run instead of once per occurrence (a quarter of the build at 100,000 documents).
   */
  runs: Map<string, { ids: Int32Array; word: Uint8Array }>;
}

/** Distinct runs whose terms are memoised before the memo starts again. */
const RUN_CACHE = 500_000;

/**
 * Per-term scratch, indexed by term id and stamped per use instead of cleared: counting a text's or a
 * document's terms with a Map (and an array per term) was a fifth of the build at 100,000 documents.
 * First-seen order is kept (`order`), as the Maps kept insertion order.
 */
class Scratch {
  stamp = new Uint32Array(1024);
  slot = new Int32Array(1024);
  call = 0;
  order: number[] = [];
  /** starts a count; returns the stamp */
  begin(): number {
    this.order.length = 0;
    return ++this.call;
  }
  /** index of term `id` in this count's `order`, added when new */
  at(id: number): number {
    if (id >= this.stamp.length) {
      const n = Math.max(id + 1, this.stamp.length * 2);
      const st = new Uint32Array(n);
      st.set(this.stamp);
      this.stamp = st;
      const sl = new Int32Array(n);
      sl.set(this.slot);
      this.slot = sl;
    }
    if (this.stamp[id] !== this.call) {
      this.stamp[id] = this.call;
      this.slot[id] = this.order.length;
      this.order.push(id);
    }
    return this.slot[id]!;
  }
}
const textScratch = new Scratch();
const docScratch = new Scratch();

/** One field text: its distinct terms with counts, its length, the concepts in it, its words (for proximity). */
export function analyseText(text: string, cx: AnalysisContext): TextAnalysis {
  const norm = normalize(text);
  const sc = textScratch;
  sc.begin();
  const counts: number[] = [];
  const words: number[] = [];
  let length = 0;
  const re = wordPattern(cx.tok.references ?? false);
  const cache = cx.runs;
  if (cache.size > RUN_CACHE) cache.clear();
  for (let m = re.exec(norm); m; m = re.exec(norm)) {
    let run = cache.get(m[0]);
    if (!run) {
      const tokens = tokenizeNormalized(m[0], cx.tok);
      run = { ids: Int32Array.from(tokens, (t) => cx.termId(t.term)), word: Uint8Array.from(tokens, (t) => (t.word ? 1 : 0)) };
      cache.set(m[0], run);
    }
    length += run.ids.length;
    for (let i = 0; i < run.ids.length; i++) {
      const id = run.ids[i]!;
      const k = sc.at(id);
      counts[k] = (counts[k] ?? 0) + 1;
      if (cx.proximity && run.word[i]) words.push(id);
    }
  }
  return {
    terms: Int32Array.from(sc.order),
    counts: Int32Array.from(counts),
    length,
    concepts: cx.expansion ? Int32Array.from(cx.tagger.tagNormalized(norm), (hit) => cx.termId('c:' + hit.entry.id)) : new Int32Array(0),
    words: cx.proximity ? Int32Array.from(words) : null,
  };
}

/** A document's terms (ids, NF field frequencies each), field lengths and word sequence. */
export function analyseDocument(d: MatchDocument, seen: AnalysisMemo, cx: AnalysisContext): Analysed {
  const sc = docScratch;
  sc.begin();
  // NF frequencies per distinct term, in first-seen order (summed before the one-byte cap)
  const freq: number[] = [];
  const bump = (id: number, f: number, n: number) => {
    const k = sc.at(id) * NF + f;
    for (let i = freq.length; i <= k; i++) freq.push(0);
    freq[k]! += n;
  };
  const cf = FIELDS.indexOf('concepts');
  const words: number[] = [];
  const fieldLen: number[] = new Array(NF).fill(0);
  for (let fi = 0; fi < NF; fi++) {
    const text = d.fields[FIELDS[fi]!];
    if (!text) continue;
    let a = seen.get(text);
    if (!a) seen.set(text, (a = analyseText(text, cx)));
    for (let i = 0; i < a.terms.length; i++) bump(a.terms[i]!, fi, a.counts[i]!);
    fieldLen[fi]! += a.length;
    // Concepts found in any field count in the concepts field.
    for (let i = 0; i < a.concepts.length; i++) bump(a.concepts[i]!, cf, 1);
    fieldLen[cf]! += a.concepts.length;
    if (a.words) for (const w of a.words) words.push(w);
    if (a.words) words.push(-1);
  }
  const terms = Int32Array.from(sc.order);
  const tf = new Uint8Array(terms.length * NF);
  for (let i = 0; i < tf.length; i++) tf[i] = Math.min(MAX_TF, freq[i] ?? 0);
  return { doc: d, terms, tf, fieldLen, words: cx.proximity ? Int32Array.from(words) : null };
}
