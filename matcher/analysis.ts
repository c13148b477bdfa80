/**
 * Document analysis for indexing: each field text → its distinct term ids with counts, its length, the
 * concepts found in it and (for proximity) its word sequence; a document → its terms with one frequency
 * per field. Texts are memoised per `add` batch: obligations derived from one provision share its text.
 */
import { tokenize, type TokenizeOptions } from './tokenize.ts';
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
}

/** One field text: its distinct terms with counts, its length, the concepts in it, its words (for proximity). */
export function analyseText(text: string, cx: AnalysisContext): TextAnalysis {
  const tokens = tokenize(text, cx.tok);
  const counts = new Map<number, number>();
  const ids = tokens.map((t) => cx.termId(t.term));
  for (const id of ids) counts.set(id, (counts.get(id) ?? 0) + 1);
  return {
    terms: Int32Array.from(counts.keys()),
    counts: Int32Array.from(counts.values()),
    length: tokens.length,
    concepts: cx.expansion ? Int32Array.from(cx.tagger.tag(text), (hit) => cx.termId('c:' + hit.entry.id)) : new Int32Array(0),
    words: cx.proximity ? Int32Array.from(ids.filter((_, i) => tokens[i]!.word)) : null,
  };
}

/** A document's terms (ids, NF field frequencies each), field lengths and word sequence. */
export function analyseDocument(d: MatchDocument, seen: AnalysisMemo, cx: AnalysisContext): Analysed {
  const tfs = new Map<number, number[]>();
  const bump = (id: number, f: number, n: number) => {
    let a = tfs.get(id);
    if (!a) tfs.set(id, (a = new Array(NF).fill(0)));
    a[f]! += n;
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
    if (a.words) words.push(...a.words, -1);
  }
  const terms = new Int32Array(tfs.size);
  const tf = new Uint8Array(tfs.size * NF);
  let i = 0;
  for (const [id, a] of tfs) {
    terms[i] = id;
    for (let f = 0; f < NF; f++) tf[i * NF + f] = Math.min(MAX_TF, a[f]!);
    i++;
  }
  return { doc: d, terms, tf, fieldLen, words: cx.proximity ? Int32Array.from(words) : null };
}
