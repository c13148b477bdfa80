/**
 * The text-matching core of the RegTech assistant: an in-memory BM25F index over obligations or
 * provisions, Korean and English, with concept/thesaurus expansion across the two languages,
 * pseudo-relevance feedback and a proximity signal. No database: feed it documents, ask it texts.
 *
 * See matcher/README.md for the API and for the measurements behind each default.
 */
import { tokenize, detectLanguage, normalize, type Token, type TokenizeOptions } from './tokenize.ts';
import { ConceptTagger, conceptToVocab, loadThesaurus, type ConceptEntry, type VocabEntry, type ConceptHit } from './concepts.ts';
import { PostingList, FIELDS, MAX_TF, NF, type Field } from './postings.ts';
import { Groups } from './groups.ts';
import { CALIBRATED, confidenceOf, marginOf } from './calibration.ts';

export { FIELDS, type Field } from './postings.ts';
export type { ConceptEntry, VocabEntry } from './concepts.ts';
export { loadThesaurus } from './concepts.ts';

export interface MatchDocument {
  id: string;
  fields: Partial<Record<Field, string>>;
  /**
   * The section the passage belongs to (its parent heading or id), shared by its siblings: a rule
   * and its guidance, the paragraphs of one article. Used by sibling-aware scoring (`siblings`).
   */
  group?: string;
  meta?: unknown;
}

export type MatchVia = 'exact' | 'stem' | 'bigram' | 'concept' | 'thesaurus' | 'feedback';

export interface MatchEvidence {
  field: Field;
  queryTerm: string;
  documentTerm: string;
  via: MatchVia;
}

export type Confidence = 'HIGH' | 'MEDIUM' | 'LOW';

export interface MatchResult {
  id: string;
  score: number;
  /** 0..1: share of the query's weight the document covers, blended with its score relative to the best */
  confidenceScore: number;
  confidence: Confidence;
  needsHumanConfirmation: boolean;
  matches: MatchEvidence[];
  explanation: string;
  meta?: unknown;
}

export interface SearchOptions {
  limit?: number;
  language?: 'ko' | 'en' | 'auto';
  /** skip explanations (batch evaluation, benchmarks) */
  explain?: boolean;
}

/** Switches for every ranking feature, so each can be measured on and off. */
export interface MatcherFeatures {
  stem: boolean;
  stopWords: boolean;
  particles: boolean;
  bigrams: boolean;
  expansion: boolean;
  prf: boolean;
  proximity: boolean;
  /** Korean bigrams over the whole word, particle included */
  bigramsOfWord: boolean;
  /** query terms weighted by informativeness beyond BM25's idf (`queryIdfPower`) */
  queryWeighting: boolean;
  /** a passage gains a share of its best sibling's score (`siblingWeight`; documents' `group`) */
  siblings: boolean;
  /** expansion weighed down by how well the query's own words already match (`expansionDamping`) */
  adaptiveExpansion: boolean;
}

export interface MatcherOptions {
  /** concepts from the graph (bilingual labels) */
  concepts?: ConceptEntry[];
  /** the built-in thesaurus (default), another vocabulary, or none */
  thesaurus?: boolean | VocabEntry[];
  fieldWeights?: Partial<Record<Field, number>>;
  /** BM25F length-normalisation strength per field */
  fieldB?: Partial<Record<Field, number>>;
  k1?: number;
  features?: Partial<MatcherFeatures>;
  /** query weight of a Korean character bigram relative to a word */
  bigramWeight?: number;
  /** query weight of a concept id matched through the vocabulary */
  conceptWeight?: number;
  /** query weight of the tokens of other variants of a matched concept */
  expansionWeight?: number;
  prfDocs?: number;
  prfTerms?: number;
  /** RM3 interpolation: weight kept by the original query */
  prfLambda?: number;
  proximityWeight?: number;
  /** results whose confidenceScore is below this need a human to confirm them (default: the HIGH threshold) */
  confirmThreshold?: number;
  /** confidenceScore from which a result is HIGH / MEDIUM (defaults measured on dev data: matcher/README.md) */
  highThreshold?: number;
  mediumThreshold?: number;
  /** exponent on a query term's normalised idf (idf / log(1+N)) multiplying its weight */
  queryIdfPower?: number;
  /** queries of at least this many words are long: `queryIdfPower` applies to them only */
  longQueryWords?: number;
  /** share of the best sibling's score a passage gains */
  siblingWeight?: number;
  /** closeness of the best literal match (share of the query's word weight it contains) above which expansion fades out linearly, to 0 at 1 */
  expansionDamping?: number;
  /** groups larger than this are sections too coarse to say anything (a whole statute) and are ignored */
  maxGroupSize?: number;
}

export interface Matcher {
  add(docs: MatchDocument[]): void;
  remove(ids: string[]): void;
  has(id: string): boolean;
  readonly size: number;
  search(text: string, opts?: SearchOptions): MatchResult[];
}

export const DEFAULT_FIELD_WEIGHTS: Record<Field, number> = { title: 2.0, statement: 1.5, provisionText: 1.0, concepts: 1.0 };
export const DEFAULT_FIELD_B: Record<Field, number> = { title: 0.3, statement: 0.75, provisionText: 0.75, concepts: 0.5 };
export const DEFAULT_FEATURES: MatcherFeatures = {
  stem: true, stopWords: true, particles: true, bigrams: true, expansion: true, prf: false, proximity: false, bigramsOfWord: false,
  queryWeighting: false, siblings: true, adaptiveExpansion: true,
};

interface TextAnalysis {
  terms: Int32Array;
  counts: Int32Array;
  length: number;
  /** term ids of the concepts found in the text, one per occurrence */
  concepts: Int32Array;
  words: Int32Array | null;
}
type AnalysisMemo = Map<string, TextAnalysis>;

interface Analysed {
  doc: MatchDocument;
  terms: Int32Array;
  /** NF field frequencies per term */
  tf: Uint8Array;
  fieldLen: number[];
  words: Int32Array | null;
}

interface QueryTerm {
  id: number;
  weight: number;
  surface: string;
  via: MatchVia;
  /** an original query term (counts for coverage) rather than an expansion */
  original: boolean;
}

/** Create an empty matcher. */
export function createMatcher(opts: MatcherOptions = {}): Matcher {
  return new BM25FMatcher(opts);
}

class BM25FMatcher implements Matcher {
  private readonly W: Float64Array;
  private readonly B: Float64Array;
  private readonly k1: number;
  private readonly f: MatcherFeatures;
  private readonly tok: TokenizeOptions;
  private readonly tagger: ConceptTagger;
  private readonly o: Required<Pick<MatcherOptions, 'bigramWeight' | 'conceptWeight' | 'expansionWeight' | 'prfDocs' | 'prfTerms' | 'prfLambda' | 'proximityWeight' | 'confirmThreshold' | 'highThreshold' | 'mediumThreshold' | 'queryIdfPower' | 'siblingWeight' | 'maxGroupSize' | 'expansionDamping' | 'longQueryWords'>>;
  private readonly groups = new Groups();
  /** the idf power of the query being searched (0 for short queries) */
  private queryPower = 0;

  // terms
  private termIds = new Map<string, number>();
  private terms: string[] = [];
  private postings: PostingList[] = [];
  private df: number[] = [];

  // documents, by slot
  private ids: string[] = [];
  private slotOf = new Map<string, number>();
  private docs: (MatchDocument | null)[] = [];
  private alive: number[] = [];
  private fieldLen: number[][] = FIELDS.map(() => []);
  /** per slot: its term ids (only with pseudo-relevance feedback) */
  private docTerms: (Int32Array | null)[] = [];
  /** per slot: its word sequence (only with proximity) */
  private docWords: (Int32Array | null)[] = [];
  private liveCount = 0;
  private deadCount = 0;
  private lenSum = new Float64Array(NF);

  // lazily recomputed per-field weight × length normalisation, per slot
  private wn: Float32Array[] = [];
  private wnFor = -1;
  private wnAvg = new Float64Array(NF);
  private acc = new Float64Array(0);

  constructor(opts: MatcherOptions) {
    const fw = { ...DEFAULT_FIELD_WEIGHTS, ...opts.fieldWeights };
    const fb = { ...DEFAULT_FIELD_B, ...opts.fieldB };
    this.W = Float64Array.from(FIELDS.map((f) => fw[f]));
    this.B = Float64Array.from(FIELDS.map((f) => fb[f]));
    this.k1 = opts.k1 ?? 1.2;
    this.f = { ...DEFAULT_FEATURES, ...opts.features };
    this.tok = { stem: this.f.stem, stopWords: this.f.stopWords, stripParticles: this.f.particles, bigrams: this.f.bigrams, bigramsOfWord: this.f.bigramsOfWord };
    this.o = {
      bigramWeight: opts.bigramWeight ?? 1.0,
      conceptWeight: opts.conceptWeight ?? 1.0,
      expansionWeight: opts.expansionWeight ?? 0.3,
      prfDocs: opts.prfDocs ?? 5,
      prfTerms: opts.prfTerms ?? 10,
      prfLambda: opts.prfLambda ?? 0.7,
      proximityWeight: opts.proximityWeight ?? 0.3,
      highThreshold: opts.highThreshold ?? CALIBRATED.high,
      mediumThreshold: opts.mediumThreshold ?? CALIBRATED.medium,
      confirmThreshold: opts.confirmThreshold ?? opts.highThreshold ?? CALIBRATED.high,
      queryIdfPower: opts.queryIdfPower ?? 0.5,
      siblingWeight: opts.siblingWeight ?? 0.3,
      maxGroupSize: opts.maxGroupSize ?? 12,
      expansionDamping: opts.expansionDamping ?? 0.6,
      longQueryWords: opts.longQueryWords ?? 10,
    };
    const vocab: VocabEntry[] = [];
    if (opts.thesaurus === undefined || opts.thesaurus === true) vocab.push(...loadThesaurus());
    else if (Array.isArray(opts.thesaurus)) vocab.push(...opts.thesaurus);
    for (const c of opts.concepts ?? []) vocab.push(conceptToVocab(c));
    this.tagger = new ConceptTagger(vocab);
  }

  get size(): number {
    return this.liveCount;
  }

  has(id: string): boolean {
    return this.slotOf.has(id);
  }

  private termId(t: string): number {
    let id = this.termIds.get(t);
    if (id === undefined) {
      id = this.terms.length;
      this.termIds.set(t, id);
      this.terms.push(t);
      this.postings.push(new PostingList());
      this.df.push(0);
    }
    return id;
  }

  add(docs: MatchDocument[]): void {
    // The last of several documents with one id wins, as if they were added one by one.
    const byId = new Map<string, MatchDocument>();
    for (const d of docs) {
      if (!d || typeof d.id !== 'string' || d.id === '') throw new TypeError('MatchDocument.id must be a non-empty string');
      byId.delete(d.id);
      byId.set(d.id, d);
    }
    this.remove([...byId.keys()].filter((id) => this.slotOf.has(id)));
    // Obligations derived from one provision share its text: each distinct text is analysed once per batch.
    const seen: AnalysisMemo = new Map();
    const batch = [...byId.values()];
    // Each list grows once per batch, to its exact size: a first pass counts the postings per term.
    // Documents are analysed again in the second pass rather than kept (their texts' analyses are
    // memoised): holding every document's terms until the end was 19 MB more at ×100.
    const extra = new Map<number, number>();
    for (const d of batch) for (const id of this.analyse(d, seen).terms) extra.set(id, (extra.get(id) ?? 0) + 1);
    for (const [id, n] of extra) this.postings[id]!.reserve(n);
    for (const d of batch) this.addAnalysed(this.analyse(d, seen));
  }

  /** A document's terms (ids, NF field frequencies each), field lengths and word sequence. */
  private analyse(d: MatchDocument, seen: AnalysisMemo): Analysed {
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
      if (!a) seen.set(text, (a = this.analyseText(text)));
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
    return { doc: d, terms, tf, fieldLen, words: this.f.proximity ? Int32Array.from(words) : null };
  }

  /** One field text: its distinct terms with counts, its length, the concepts in it, its words (for proximity). */
  private analyseText(text: string): TextAnalysis {
    const tokens = tokenize(text, this.tok);
    const counts = new Map<number, number>();
    for (const t of tokens) {
      const id = this.termId(t.term);
      counts.set(id, (counts.get(id) ?? 0) + 1);
    }
    return {
      terms: Int32Array.from(counts.keys()),
      counts: Int32Array.from(counts.values()),
      length: tokens.length,
      concepts: this.f.expansion ? Int32Array.from(this.tagger.tag(text), (hit) => this.termId('c:' + hit.entry.id)) : new Int32Array(0),
      words: this.f.proximity ? Int32Array.from(tokens.filter((t) => t.word), (t) => this.termIds.get(t.term)!) : null,
    };
  }

  private addAnalysed(a: Analysed): void {
    const slot = this.ids.length;
    for (let i = 0; i < a.terms.length; i++) {
      const id = a.terms[i]!;
      this.postings[id]!.push(slot, a.tf, i * NF);
      this.df[id]!++;
    }
    for (let f = 0; f < NF; f++) {
      this.fieldLen[f]![slot] = a.fieldLen[f]!;
      this.lenSum[f]! += a.fieldLen[f]!;
    }
    this.ids.push(a.doc.id);
    this.groups.set(slot, a.doc.group);
    this.slotOf.set(a.doc.id, slot);
    this.docs.push(a.doc);
    this.alive.push(1);
    // The forward index is kept only for the features that read it (both off by default): at ×100
    // it would be 27 MB next to 18 MB of postings.
    this.docTerms.push(this.f.prf ? a.terms : null);
    this.docWords.push(a.words);
    this.liveCount++;
    this.wnFor = -1;
  }

  remove(ids: string[]): void {
    // Slots whose terms are not kept: their document frequencies are taken back in one pass over the postings.
    const unlisted: number[] = [];
    for (const id of ids) {
      const slot = this.slotOf.get(id);
      if (slot === undefined) continue;
      this.slotOf.delete(id);
      this.alive[slot] = 0;
      const terms = this.docTerms[slot];
      if (terms) for (const t of terms) this.df[t]!--;
      else unlisted.push(slot);
      for (let f = 0; f < NF; f++) this.lenSum[f]! -= this.fieldLen[f]![slot]!;
      this.groups.set(slot, undefined);
      this.docs[slot] = null;
      this.docTerms[slot] = null;
      this.docWords[slot] = null;
      this.liveCount--;
      this.deadCount++;
    }
    if (unlisted.length) {
      const gone = new Uint8Array(this.ids.length);
      for (const s of unlisted) gone[s] = 1;
      for (let t = 0; t < this.postings.length; t++) {
        const p = this.postings[t]!;
        for (let i = 0; i < p.n; i++) if (gone[p.docs[i]!]) this.df[t]!--;
      }
    }
    this.wnFor = -1;
    if (this.deadCount > 1000 && this.deadCount > this.liveCount / 3) this.compact();
  }

  /** Renumber slots without the removed documents (amortised: runs when a third are dead). */
  private compact(): void {
    const n = this.ids.length;
    const remap = new Int32Array(n).fill(-1);
    let w = 0;
    for (let s = 0; s < n; s++) if (this.alive[s]) remap[s] = w++;
    for (const p of this.postings) p.compact(remap);
    this.groups.compact(remap);
    const keep = <T>(arr: T[]): T[] => arr.filter((_, s) => this.alive[s]);
    this.ids = keep(this.ids);
    this.docs = keep(this.docs);
    this.docTerms = keep(this.docTerms);
    this.docWords = keep(this.docWords);
    this.fieldLen = this.fieldLen.map((a) => keep(a));
    this.alive = new Array(w).fill(1);
    this.slotOf = new Map(this.ids.map((id, s) => [id, s]));
    this.deadCount = 0;
    this.wnFor = -1;
  }

  /** W_f / (1 - b_f + b_f · len/avg), per field and slot; recomputed after the index changed. */
  private ensureNorms(): void {
    const n = this.ids.length;
    if (this.wnFor === n && this.wn.length === NF) return;
    this.wn = [];
    for (let f = 0; f < NF; f++) {
      const avg = this.liveCount ? this.lenSum[f]! / this.liveCount : 0;
      this.wnAvg[f] = avg;
      const arr = new Float32Array(n);
      const lens = this.fieldLen[f]!;
      const b = this.B[f]!;
      const wf = this.W[f]!;
      for (let s = 0; s < n; s++) arr[s] = avg > 0 ? wf / (1 - b + (b * (lens[s] ?? 0)) / avg) : 0;
      this.wn.push(arr);
    }
    this.wnFor = n;
    if (this.acc.length < n) this.acc = new Float64Array(Math.max(n, this.acc.length * 2));
  }

  private idf(id: number): number {
    const df = this.df[id]!;
    return Math.log(1 + (this.liveCount - df + 0.5) / (df + 0.5));
  }

  /** The weighted query: original terms, concept ids and their expansions. */
  private analyzeQuery(text: string): { terms: QueryTerm[]; hits: ConceptHit[]; tokens: Token[] } {
    const byTerm = new Map<string, QueryTerm>();
    const add = (term: string, weight: number, surface: string, via: MatchVia, original: boolean) => {
      const id = this.termIds.get(term);
      if (id === undefined) return;
      const q = byTerm.get(term);
      if (q) {
        q.weight += weight;
        if (original && !q.original) Object.assign(q, { original, via, surface });
      } else byTerm.set(term, { id, weight, surface, via, original });
    };
    const tokens = tokenize(text, this.tok);
    for (const t of tokens) add(t.term, t.term.startsWith('g:') ? this.o.bigramWeight : 1, t.surface, t.term.startsWith('g:') ? 'bigram' : 'exact', true);
    const hits = this.f.expansion ? this.tagger.tag(text, true) : [];
    const seenEntry = new Set<string>();
    for (const h of hits) {
      const via: MatchVia = h.entry.source === 'concept' ? 'concept' : 'thesaurus';
      add('c:' + h.entry.id, this.o.conceptWeight, h.surface, via, true);
      if (seenEntry.has(h.entry.id)) continue;
      seenEntry.add(h.entry.id);
      if (this.o.expansionWeight > 0) {
        const variants = [...h.entry.ko, ...h.entry.en].filter((v) => v !== h.variant);
        for (const v of variants) {
          const vt = tokenize(v, this.tok);
          if (!vt.length) continue;
          const w = this.o.expansionWeight / Math.sqrt(variants.length);
          for (const t of vt) {
            if (byTerm.get(t.term)?.original) continue;
            add(t.term, (t.term.startsWith('g:') ? this.o.bigramWeight : 1) * w / vt.length, h.surface, via, false);
          }
        }
      }
    }
    return { terms: [...byTerm.values()], hits, tokens };
  }

  /**
   * A query term's weight: its query weight × idf × informativeness. Informativeness is idf relative
   * to the largest possible, raised to `queryIdfPower`: BM25 weighs a term by idf once per occurrence,
   * so a long question ("what must a firm do when …") spends most of its weight on words every
   * passage shares; the power makes rare terms count more than linearly.
   */
  private termWeight(q: QueryTerm): number {
    const idf = this.idf(q.id);
    const pw = this.queryPower;
    return q.weight * idf * (pw ? Math.pow(idf / Math.log(1 + (this.liveCount + 0.5) / 0.5), pw) : 1);
  }

  /**
   * Score the words of the query first, then its concept and thesaurus expansion scaled by how far the
   * best literal match is from a full one. A clause close to a passage's text (the easy case) is then
   * ranked by its own words, as plain BM25 would, and expansion only reorders when the words alone
   * did not find a strong match (plain questions, the other language).
   */
  private scoreAdaptive(qterms: QueryTerm[], unknownWeight: number): number[] {
    if (!this.f.adaptiveExpansion) return this.score(qterms);
    const isLexical = (q: QueryTerm) => q.original && !this.terms[q.id]!.startsWith('c:');
    const lexical = qterms.filter(isLexical);
    const expansion = qterms.filter((q) => !isLexical(q));
    const touched = this.score(lexical);
    if (expansion.length === 0) return touched;
    let best = -1;
    for (const d of touched) if (best < 0 || this.acc[d]! > this.acc[best]!) best = d;
    // Closeness: the share of the query's word weight (idf-weighted; words the corpus lacks count at
    // the largest idf) that the best literal match contains.
    let all = unknownWeight;
    let covered = 0;
    for (const q of lexical) {
      const w = this.termWeight(q);
      all += w;
      if (best >= 0 && this.postings[q.id]!.find(best) >= 0) covered += w;
    }
    const closeness = all > 0 ? covered / all : 0;
    const c0 = this.o.expansionDamping;
    const scale = closeness <= c0 ? 1 : Math.max(0, (1 - closeness) / (1 - c0));
    if (scale <= 0) return touched;
    return this.score(expansion.map((q) => ({ ...q, weight: q.weight * scale })), touched);
  }

  /** Accumulate BM25F scores of `terms` into this.acc; returns touched slots (appended to `touched`). */
  private score(terms: QueryTerm[], touched: number[] = []): number[] {
    const acc = this.acc;
    const k1 = this.k1;
    const wn = this.wn;
    const alive = this.alive;
    for (const q of terms) {
      const p = this.postings[q.id]!;
      if (this.df[q.id]! <= 0) continue;
      const qw = this.termWeight(q);
      const docs = p.docs;
      const tf = p.tf;
      for (let i = 0; i < p.n; i++) {
        const d = docs[i]!;
        if (!alive[d]) continue;
        const o = i * NF;
        let t = 0;
        for (let f = 0; f < NF; f++) {
          const x = tf[o + f]!;
          if (x) t += x * wn[f]![d]!;
        }
        if (t === 0) continue;
        if (acc[d] === 0) touched.push(d);
        acc[d]! += (qw * t * (k1 + 1)) / (t + k1);
      }
    }
    return touched;
  }

  /** Scores that depend on other documents' scores: siblings (structure as evidence). */
  private rescore(touched: number[]): number[] {
    if (this.f.siblings && this.o.siblingWeight > 0) this.groups.smooth(this.acc, touched, this.alive, this.o.siblingWeight, this.o.maxGroupSize);
    return touched;
  }

  private topK(touched: number[], k: number, clear = true): { slot: number; score: number }[] {
    const acc = this.acc;
    const heap: { slot: number; score: number }[] = [];
    for (const s of touched) {
      const v = acc[s]!;
      if (clear) acc[s] = 0;
      if (heap.length < k) {
        heap.push({ slot: s, score: v });
        if (heap.length === k) heap.sort((a, b) => a.score - b.score);
      } else if (v > heap[0]!.score) {
        // insert keeping ascending order (k is small)
        let i = 1;
        while (i < k && heap[i]!.score < v) i++;
        heap.splice(i, 0, { slot: s, score: v });
        heap.shift();
      }
    }
    return heap.sort((a, b) => b.score - a.score || a.slot - b.slot);
  }

  /** RM3-style: top documents' term distributions, interpolated with the original query. */
  private feedback(terms: QueryTerm[], top: { slot: number; score: number }[]): QueryTerm[] {
    const fb = top.slice(0, this.o.prfDocs);
    if (fb.length === 0) return terms;
    const total = fb.reduce((s, x) => s + x.score, 0) || 1;
    const w = new Map<number, number>();
    for (const { slot, score } of fb) {
      const ts = this.docTerms[slot]!;
      const tf = Array.from(ts, (id) => { const p = this.postings[id]!; return p.total(p.find(slot)); });
      let len = 0;
      for (let i = 0; i < tf.length; i++) len += tf[i]!;
      for (let i = 0; i < ts.length; i++) {
        const id = ts[i]!;
        const term = this.terms[id]!;
        if (term.startsWith('g:')) continue;
        w.set(id, (w.get(id) ?? 0) + (score / total) * (tf[i]! / len) * this.idf(id));
      }
    }
    const exp = [...w.entries()].sort((a, b) => b[1] - a[1]).slice(0, this.o.prfTerms);
    const expSum = exp.reduce((s, [, v]) => s + v, 0) || 1;
    const origSum = terms.reduce((s, q) => s + q.weight, 0) || 1;
    const lam = this.o.prfLambda;
    const out = new Map<number, QueryTerm>();
    for (const q of terms) out.set(q.id, { ...q, weight: (lam * q.weight) / origSum });
    for (const [id, v] of exp) {
      const q = out.get(id);
      const add = ((1 - lam) * v) / expSum;
      if (q) q.weight += add;
      else out.set(id, { id, weight: add, surface: this.terms[id]!.slice(2), via: 'feedback', original: false });
    }
    return [...out.values()];
  }

  /** Bonus for consecutive query words that appear near each other in the document. */
  private proximity(slot: number, pairs: [number, number, number][]): number {
    const seq = this.docWords[slot]!;
    const want = new Set<number>();
    for (const [a, b] of pairs) { want.add(a); want.add(b); }
    const pos = new Map<number, number[]>();
    for (let i = 0; i < seq.length; i++) {
      const t = seq[i]!;
      if (want.has(t)) (pos.get(t) ?? pos.set(t, []).get(t)!).push(i);
    }
    let bonus = 0;
    for (const [a, b, w] of pairs) {
      const pa = pos.get(a);
      const pb = pos.get(b);
      if (!pa || !pb) continue;
      let best = Infinity;
      let i = 0;
      let j = 0;
      while (i < pa.length && j < pb.length) {
        const dd = pa[i]! - pb[j]!;
        best = Math.min(best, Math.abs(dd));
        if (dd < 0) i++;
        else j++;
      }
      if (best <= 3) bonus += w / best;
    }
    return bonus;
  }

  search(text: string, opts: SearchOptions = {}): MatchResult[] {
    const limit = Math.max(1, opts.limit ?? 10);
    if (this.liveCount === 0 || !text.trim()) return [];
    this.ensureNorms();
    const { terms, tokens } = this.analyzeQuery(text);
    const maxIdf = Math.log(1 + (this.liveCount + 0.5) / 0.5);
    // Only long questions are reweighted: in a short one every word is the topic.
    const nWords = tokens.reduce((n, t) => n + (t.word ? 1 : 0), 0);
    this.queryPower = this.f.queryWeighting && nWords >= this.o.longQueryWords ? this.o.queryIdfPower : 0;
    let unknownWeight = 0;
    for (const t of tokens) if (!this.termIds.has(t.term) || this.df[this.termIds.get(t.term)!]! <= 0) unknownWeight += (t.term.startsWith('g:') ? this.o.bigramWeight : 1) * maxIdf;
    if (terms.length === 0) return [];
    let qterms = terms;
    const depth = Math.max(limit, 2, this.f.proximity ? 50 : 0, this.f.prf ? this.o.prfDocs : 0);
    let top = this.topK(this.rescore(this.scoreAdaptive(qterms, unknownWeight)), depth);
    if (this.f.prf && top.length) {
      qterms = this.feedback(terms, top);
      top = this.topK(this.rescore(this.scoreAdaptive(qterms, unknownWeight)), depth);
    }
    if (this.f.proximity && top.length > 1) {
      const words = tokens.filter((t) => t.word).map((t) => this.termIds.get(t.term));
      const pairs: [number, number, number][] = [];
      for (let i = 0; i + 1 < words.length; i++) {
        const a = words[i];
        const b = words[i + 1];
        if (a === undefined || b === undefined || a === b) continue;
        pairs.push([a, b, this.o.proximityWeight * Math.min(this.idf(a), this.idf(b))]);
      }
      if (pairs.length) {
        const scale = top[0]!.score / Math.max(1, terms.filter((q) => q.original).length);
        for (const r of top) r.score += scale * this.proximity(r.slot, pairs) / Math.max(1, pairs.length) * pairs.length / Math.max(1, pairs.length);
        top.sort((a, b) => b.score - a.score || a.slot - b.slot);
      }
    }
    const second = top[1]?.score ?? 0;
    top = top.slice(0, limit);
    const explain = opts.explain ?? true;
    const lang = opts.language && opts.language !== 'auto' ? opts.language : detectLanguage(text);
    // Words the corpus lacks count against coverage (at the largest idf): an off-topic text is not
    // "fully covered" because only its one known word matched.
    const origWeight = terms.filter((q) => q.original).reduce((s, q) => s + q.weight * this.idf(q.id), 0) + unknownWeight || 1;
    let prevConfidence = 1;
    const best = top[0]?.score ?? 1;
    const margin = marginOf(best, second);
    return top.map(({ slot, score }, rank) => {
      let covered = 0;
      for (const q of terms) if (q.original && this.postings[q.id]!.find(slot) >= 0) covered += q.weight * this.idf(q.id);
      const coverage = Math.min(1, covered / origWeight);
      // never above the result ranked before it
      const confidenceScore = (prevConfidence = Math.min(prevConfidence, confidenceOf(rank, coverage, score / best, margin)));
      const confidence: Confidence = confidenceScore >= this.o.highThreshold ? 'HIGH' : confidenceScore >= this.o.mediumThreshold ? 'MEDIUM' : 'LOW';
      const doc = this.docs[slot]!;
      const matches = explain ? this.evidence(slot, qterms) : [];
      return {
        id: this.ids[slot]!,
        score: Math.round(score * 10000) / 10000,
        confidenceScore,
        confidence,
        needsHumanConfirmation: confidenceScore < this.o.confirmThreshold,
        matches,
        explanation: explain ? explainText(lang, confidence, coverage, matches) : '',
        meta: doc.meta,
      };
    });
  }

  /** Which query terms matched which words of which field (computed for returned results only). */
  private evidence(slot: number, qterms: QueryTerm[]): MatchEvidence[] {
    const doc = this.docs[slot]!;
    const out: MatchEvidence[] = [];
    const fieldTokens = new Map<Field, Token[]>();
    const tokensOf = (f: Field) => {
      let t = fieldTokens.get(f);
      if (!t) fieldTokens.set(f, (t = doc.fields[f] ? tokenize(doc.fields[f]!, this.tok) : []));
      return t;
    };
    const fieldHits = new Map<Field, ConceptHit[]>();
    const hitsOf = (f: Field) => {
      let h = fieldHits.get(f);
      if (!h) fieldHits.set(f, (h = doc.fields[f] ? this.tagger.tag(doc.fields[f]!) : []));
      return h;
    };
    const ranked = [...qterms].sort((a, b) => b.weight * this.idf(b.id) - a.weight * this.idf(a.id));
    const seen = new Set<string>();
    for (const q of ranked) {
      const p = this.postings[q.id]!;
      const i = p.find(slot);
      if (i < 0) continue;
      const term = this.terms[q.id]!;
      for (let f = 0; f < NF; f++) {
        if (!p.tf[i * NF + f]) continue;
        const field = FIELDS[f]!;
        let documentTerm = term.slice(2);
        let via = q.via;
        if (term.startsWith('c:')) {
          const hit = FIELDS.map((ff) => hitsOf(ff).find((h) => 'c:' + h.entry.id === term)).find(Boolean);
          documentTerm = hit?.surface ?? documentTerm;
        } else {
          const tk = tokensOf(field).find((t) => t.term === term);
          if (tk) documentTerm = tk.surface;
          if (via === 'exact' && normalize(q.surface) !== normalize(documentTerm) && !term.startsWith('g:')) via = 'stem';
        }
        const key = `${field}|${q.surface}|${documentTerm}|${via}`;
        if (seen.has(key)) continue;
        seen.add(key);
        out.push({ field, queryTerm: q.surface, documentTerm, via });
      }
      if (out.length >= 24) break;
    }
    return out;
  }
}

function explainText(lang: 'ko' | 'en', confidence: Confidence, coverage: number, m: MatchEvidence[]): string {
  const pct = Math.round(coverage * 100);
  const top = m.slice(0, 5).map((e) => (e.queryTerm === e.documentTerm ? `"${e.documentTerm}"` : `"${e.queryTerm}"→"${e.documentTerm}"`) + ` (${e.field}, ${e.via})`);
  return lang === 'ko'
    ? `신뢰도 ${confidence}: 질의 가중치의 ${pct}%가 일치. 주요 일치: ${top.join(', ') || '없음'}`
    : `${confidence} confidence: ${pct}% of the query weight matched. Main matches: ${top.join(', ') || 'none'}`;
}
