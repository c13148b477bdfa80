/**
 * The text-matching core of the RegTech assistant: an in-memory BM25F index over obligations or
 * provisions, Korean and English, with concept/thesaurus expansion across the two languages,
 * pseudo-relevance feedback and a proximity signal. No database: feed it documents, ask it texts.
 *
 * See matcher/README.md for the API and for the measurements behind each default.
 */
import { detectLanguage, type TokenizeOptions } from './tokenize.ts';
import { ConceptTagger, conceptToVocab, loadThesaurus, type VocabEntry } from './concepts.ts';
import { PostingStore, ForwardBatch, FIELDS, NF } from './postings.ts';
import { analyseDocument, type AnalysisContext, type AnalysisMemo, type Analysed } from './analysis.ts';
import { topK } from './feedback.ts';
import { analyzeQuery } from './query.ts';
import { rm3, proximityRerank } from './feedback.ts';
import { evidenceOf, explainText, documentSimilarity } from './evidence.ts';
import { DEFAULT_FEATURES, DEFAULT_FIELD_B, DEFAULT_FIELD_WEIGHTS, type Confidence, type IndexView, type Matcher, type MatchDocument, type MatcherFeatures, type MatcherOptions, type MatchResult, type QueryTerm, type SearchOptions, type ResolvedOptions, resolveOptions } from './types.ts';
import { Groups } from './groups.ts';
import { lengthNorms, scaleSharedTitles } from './norms.ts';
import { confidenceOf, marginOf } from './calibration.ts';

export { FIELDS, type Field } from './postings.ts';
export * from './types.ts';
export type { ConceptEntry, VocabEntry } from './concepts.ts';
export { loadThesaurus } from './concepts.ts';

/** Distinct texts whose analyses one `add` keeps for the documents after (see addSteps). */
const MEMO_TEXTS = 20_000;
const EMPTY_TERMS = new Int32Array(0);
const EMPTY_TF = new Uint8Array(0);

/** Create an empty matcher. */
export function createMatcher(opts: MatcherOptions = {}): Matcher {
  return new BM25FMatcher(opts);
}

class BM25FMatcher implements Matcher, IndexView {
  private readonly W: Float64Array;
  private readonly B: Float64Array;
  private readonly k1: number;
  private readonly f: MatcherFeatures;
  readonly tok: TokenizeOptions;
  readonly tagger: ConceptTagger;
  private readonly o: ResolvedOptions;
  private readonly analysisContext: AnalysisContext;
  private readonly groups = new Groups();
  /** the idf power of the query being searched (0 for short queries) */
  private queryPower = 0;

  // terms
  termIds = new Map<string, number>();
  terms: string[] = [];
  readonly postings = new PostingStore();
  private df: number[] = [];

  // documents, by slot
  private ids: string[] = [];
  private slotOf = new Map<string, number>();
  docs: (MatchDocument | null)[] = [];
  private alive: number[] = [];
  private fieldLen: number[][] = FIELDS.map(() => []);
  /** per slot: its term ids (only with pseudo-relevance feedback) */
  docTerms: (Int32Array | null)[] = [];
  /** per slot: its word sequence (only with proximity) */
  docWords: (Int32Array | null)[] = [];
  private liveCount = 0;
  private deadCount = 0;
  private lenSum = new Float64Array(NF);

  // lazily recomputed per-field weight × length normalisation, per slot
  private wn: Float32Array = new Float32Array(0);
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
    this.tok = { stem: this.f.stem, stopWords: this.f.stopWords, stripParticles: this.f.particles, bigrams: this.f.bigrams, bigramsOfWord: this.f.bigramsOfWord, keepRelational: this.f.keepRelational, references: this.f.references };
    this.o = resolveOptions(opts);
    const vocab: VocabEntry[] = [];
    if (opts.thesaurus === undefined || opts.thesaurus === true) vocab.push(...loadThesaurus());
    else if (Array.isArray(opts.thesaurus)) vocab.push(...opts.thesaurus);
    for (const c of opts.concepts ?? []) vocab.push(conceptToVocab(c));
    this.tagger = new ConceptTagger(vocab);
    this.analysisContext = { tok: this.tok, tagger: this.tagger, termId: (t) => this.termId(t), expansion: this.f.expansion, proximity: this.f.proximity, runs: new Map() };
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
      this.df.push(0);
    }
    return id;
  }

  add(docs: MatchDocument[]): void {
    const steps = this.addSteps(docs);
    while (!steps.next().done);
  }

  /**
   * `add` in slices of about `sliceMs` of work, yielding to the event loop between them
   * (setImmediate), so that a process building a large index still answers its health checks and
   * signals. The index is unchanged until the last slice: searches meanwhile see the previous state.
   */
  async addAsync(docs: MatchDocument[], sliceMs = 20): Promise<void> {
    const steps = this.addSteps(docs);
    let t0 = performance.now();
    while (!steps.next().done) {
      if (performance.now() - t0 < sliceMs) continue;
      await new Promise((r) => setImmediate(r));
      t0 = performance.now();
    }
  }

  /** The work of `add`, one document (or one bulk step) per iteration. */
  private *addSteps(docs: MatchDocument[]): Generator<void> {
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
    // Each document is analysed once into a flat forward buffer (its term ids and frequencies, 8
    // bytes a posting), then the buffer is merged into the posting store in one pass. The analyses
    // of the batch's distinct texts are memoised (a provision's text and title are shared by its
    // obligations) but not beyond MEMO_TEXTS: at ×1000 they were the whole forward index again.
    const forward = new ForwardBatch();
    const analysed: Analysed[] = [];
    for (const d of byId.values()) {
      if (seen.size > MEMO_TEXTS) seen.clear();
      const a = analyseDocument(d, seen, this.analysisContext);
      forward.pushDoc(a.terms, a.tf);
      // the terms are in the forward buffer: a document keeps its own only for feedback
      analysed.push({ ...a, terms: this.f.prf ? a.terms : EMPTY_TERMS, tf: EMPTY_TF });
      yield;
    }
    seen.clear();
    this.analysisContext.runs.clear();
    const first = this.ids.length;
    yield* this.postings.mergeSteps(forward, first, this.terms.length);
    // from here to the end in one step: searches between slices see the index before the batch
    const added = this.postings.lastCounts;
    for (let t = 0; t < added.length; t++) this.df[t]! += added[t]!;
    for (const a of analysed) this.addAnalysed(a);
  }

  private addAnalysed(a: Analysed): void {
    const slot = this.ids.length;
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
      const { start, docs, nTerms } = this.postings;
      for (let t = 0; t < nTerms; t++) for (let i = start[t]!, end = start[t + 1]!; i < end; i++) if (gone[docs[i]!]) this.df[t]!--;
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
    this.postings.compact(remap);
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

  /** W_f / (1 - b_f + b_f · len/avg), per field and slot (norms.ts); recomputed after the index changed. */
  private ensureNorms(): void {
    const n = this.ids.length;
    if (this.wnFor === n) return;
    this.wn = lengthNorms(n, this.fieldLen, this.lenSum, this.liveCount, this.W, this.B, this.wnAvg);
    if (this.f.titleSpecificity) scaleSharedTitles(this.wn, this.docs, this.o.maxGroupSize);
    this.wnFor = n;
    if (this.acc.length < n) this.acc = new Float64Array(Math.max(n, this.acc.length * 2));
  }

  idf(id: number): number {
    const df = this.df[id]!;
    return Math.log(1 + (this.liveCount - df + 0.5) / (df + 0.5));
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
      if (best >= 0 && this.postings.find(q.id, best) >= 0) covered += w;
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
    const { docs, tf, start } = this.postings;
    for (const q of terms) {
      if (this.df[q.id]! <= 0) continue;
      const qw = this.termWeight(q);
      for (let i = start[q.id]!, end = start[q.id + 1]!; i < end; i++) {
        const d = docs[i]!;
        if (!alive[d]) continue;
        const o = i * NF;
        const w = d * NF;
        // the four fields unrolled, without a branch per field: a field the term is absent from adds
        // 0 × its weight = +0, which leaves the sum exactly as skipping it did (same order, same rounding)
        const t = tf[o]! * wn[w]! + tf[o + 1]! * wn[w + 1]! + tf[o + 2]! * wn[w + 2]! + tf[o + 3]! * wn[w + 3]!;
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

  search(text: string, opts: SearchOptions = {}): MatchResult[] {
    const limit = Math.max(1, opts.limit ?? 10);
    if (this.liveCount === 0 || !text.trim()) return [];
    this.ensureNorms();
    const { terms, tokens } = analyzeQuery(this, text, { ...this.o, expansion: this.f.expansion });
    const maxIdf = Math.log(1 + (this.liveCount + 0.5) / 0.5);
    // Only long questions are reweighted: in a short one every word is the topic.
    const nWords = tokens.reduce((n, t) => n + (t.word ? 1 : 0), 0);
    this.queryPower = this.f.queryWeighting && nWords >= this.o.longQueryWords ? this.o.queryIdfPower : 0;
    let unknownWeight = 0;
    for (const t of tokens) if (!this.termIds.has(t.term) || this.df[this.termIds.get(t.term)!]! <= 0) unknownWeight += (t.term.startsWith('g:') ? this.o.bigramWeight : 1) * maxIdf;
    if (terms.length === 0) return [];
    let qterms = terms;
    const depth = Math.max(limit, 2, this.f.proximity ? 50 : 0, this.f.prf ? this.o.prfDocs : 0);
    let top = topK(this.acc, this.rescore(this.scoreAdaptive(qterms, unknownWeight)), depth);
    if (this.f.prf && top.length) {
      qterms = rm3(this, terms, top, this.o);
      top = topK(this.acc, this.rescore(this.scoreAdaptive(qterms, unknownWeight)), depth);
    }
    if (this.f.proximity && top.length > 1) proximityRerank(this, tokens, terms, top, this.o.proximityWeight);
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
      for (const q of terms) if (q.original && this.postings.find(q.id, slot) >= 0) covered += q.weight * this.idf(q.id);
      const coverage = Math.min(1, covered / origWeight);
      // never above the result ranked before it
      const confidenceScore = (prevConfidence = Math.min(prevConfidence, confidenceOf(rank, coverage, score / best, margin)));
      const confidence: Confidence = confidenceScore >= this.o.highThreshold ? 'HIGH' : confidenceScore >= this.o.mediumThreshold ? 'MEDIUM' : 'LOW';
      const doc = this.docs[slot]!;
      const matches = explain ? evidenceOf(this, slot, qterms) : [];
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

  similarity(id: string, text: string): number {
    const slot = this.slotOf.get(id);
    return slot === undefined ? 0 : documentSimilarity(this, slot, text);
  }
}
