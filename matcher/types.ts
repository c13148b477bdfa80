/**
 * The matcher's public shapes (documents, results, options) and the defaults each option falls back
 * to; kept apart from the index so that the ranking code reads without 150 lines of declarations.
 */
import type { Field, PostingStore } from './postings.ts';
import type { ConceptEntry, ConceptTagger, VocabEntry } from './concepts.ts';
import type { TokenizeOptions } from './tokenize.ts';
import { CALIBRATED } from './calibration.ts';

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
  /** keep relational English words (before, after, below …) that natural's stop list drops */
  keepRelational: boolean;
  /** numbers and references as terms: 2.1.3 and 제15조의2 one term each, single digits kept (tokenize.ts) */
  references: boolean;
  /** a heading shared by more passages than a section holds weighs less (`maxGroupSize`) */
  titleSpecificity: boolean;
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
  /** `add` in slices of about `sliceMs` that yield to the event loop (a large build keeps a server answering). */
  addAsync(docs: MatchDocument[], sliceMs?: number): Promise<void>;
  remove(ids: string[]): void;
  has(id: string): boolean;
  readonly size: number;
  search(text: string, opts?: SearchOptions): MatchResult[];
  /**
   * How much of `text` is the document's own wording (0..1, Dice over word terms; matcher/evidence.ts),
   * independent of the rest of the corpus: 1 = the same text. 0 for an unknown id.
   */
  similarity(id: string, text: string): number;
}

export const DEFAULT_FIELD_WEIGHTS: Record<Field, number> = { title: 2.0, statement: 1.5, provisionText: 1.0, concepts: 1.0 };
export const DEFAULT_FIELD_B: Record<Field, number> = { title: 0.3, statement: 0.75, provisionText: 0.75, concepts: 0.5 };
export const DEFAULT_FEATURES: MatcherFeatures = {
  stem: true, stopWords: true, particles: true, bigrams: true, expansion: true, prf: false, proximity: false, bigramsOfWord: false,
  queryWeighting: false, siblings: true, adaptiveExpansion: true, keepRelational: true, references: true, titleSpecificity: true,
};

/** One weighted term of an analysed query. */
export interface QueryTerm {
  id: number;
  weight: number;
  surface: string;
  via: MatchVia;
  /** an original query term (counts for coverage) rather than an expansion */
  original: boolean;
}

/**
 * What the ranking helpers outside the index class (query analysis, feedback, evidence) read of it.
 * The class implements it; nothing here is part of the public API.
 */
export interface IndexView {
  readonly termIds: ReadonlyMap<string, number>;
  readonly terms: readonly string[];
  readonly postings: PostingStore;
  readonly docs: readonly (MatchDocument | null)[];
  /** per slot: its term ids (only with pseudo-relevance feedback) */
  readonly docTerms: readonly (Int32Array | null)[];
  /** per slot: its word sequence (only with proximity) */
  readonly docWords: readonly (Int32Array | null)[];
  readonly tok: TokenizeOptions;
  readonly tagger: ConceptTagger;
  idf(id: number): number;
}

/** The numeric options with their defaults filled in (matcher/README.md says where each default comes from). */
export type ResolvedOptions = Required<Pick<MatcherOptions, 'bigramWeight' | 'conceptWeight' | 'expansionWeight' | 'prfDocs' | 'prfTerms' | 'prfLambda' | 'proximityWeight' | 'confirmThreshold' | 'highThreshold' | 'mediumThreshold' | 'queryIdfPower' | 'siblingWeight' | 'maxGroupSize' | 'expansionDamping' | 'longQueryWords'>>;

export function resolveOptions(opts: MatcherOptions): ResolvedOptions {
  return {
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
}
