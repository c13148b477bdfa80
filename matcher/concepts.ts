/**
 * Bilingual concept vocabulary: the graph's `Concept {labelKo, labelEn, aliasesKo, aliasesEn}` and
 * the built-in domain thesaurus (`thesaurus.json`) share one shape. A `ConceptTagger` finds every
 * label or alias of every entry in a text: Korean by substring on the text with spaces removed (Korean
 * compounds are written with or without spaces), English by Porter-stem sequence.
 */
import { readFileSync } from 'node:fs';
import { normalize, stemEn, EN_STOP_WORDS } from './tokenize.ts';

/** A concept as the graph stores it. */
export interface ConceptEntry {
  id: string;
  labelKo: string;
  labelEn: string;
  aliasesKo?: string[];
  aliasesEn?: string[];
}

/** One synonym set: every variant means the same thing for matching. */
export interface VocabEntry {
  id: string;
  ko: string[];
  en: string[];
  /** `concept` = from the graph, `thesaurus` = built-in domain vocabulary */
  source: 'concept' | 'thesaurus';
  /**
   * Variants that are only recognised in queries (plain words, abbreviations, question phrasing),
   * never used to tag documents or as expansion terms.
   */
  queryOnlyKo?: string[];
  queryOnlyEn?: string[];
}

interface ThesaurusFileEntry {
  id: string;
  ko?: string[];
  en?: string[];
  /** query-side only variants */
  qko?: string[];
  qen?: string[];
}

/**
 * The built-in thesaurus shipped with the matcher (`matcher/thesaurus.json`). `rulebookEn` adds the
 * English sets in one foreign rulebook's style (`thesaurus-rulebook-en.json`, off by default: they were
 * written for the synthetic English sets, not for the product's Korean users).
 */
export function loadThesaurus(opts: { rulebookEn?: boolean } = {}): VocabEntry[] {
  const read = (file: string) => (JSON.parse(readFileSync(new URL(file, import.meta.url), 'utf8')) as { entries: ThesaurusFileEntry[] }).entries;
  const entries = [...read('./thesaurus.json'), ...(opts.rulebookEn ? read('./thesaurus-rulebook-en.json') : [])];
  return entries.map((e) => ({
    id: 'th/' + e.id,
    ko: e.ko ?? [],
    en: e.en ?? [],
    queryOnlyKo: e.qko ?? [],
    queryOnlyEn: e.qen ?? [],
    source: 'thesaurus' as const,
  }));
}

export function conceptToVocab(c: ConceptEntry): VocabEntry {
  return {
    id: c.id,
    ko: [c.labelKo, ...(c.aliasesKo ?? [])].filter((s) => s && s.trim()),
    en: [c.labelEn, ...(c.aliasesEn ?? [])].filter((s) => s && s.trim()),
    source: 'concept',
  };
}

export interface ConceptHit {
  entry: VocabEntry;
  /** the variant as written in the vocabulary */
  variant: string;
  /** the text as it appears where it was found */
  surface: string;
  lang: 'ko' | 'en';
}

interface KoPattern { key: string; entry: VocabEntry; variant: string; queryOnly: boolean }
interface EnPattern { stems: string[]; entry: VocabEntry; variant: string; queryOnly: boolean }

/** Hangul syllables, a-z, 0-9: what the Korean scan keeps (as char codes, not a regular expression per character). */
function isScanned(c: number): boolean {
  return (c >= 0xac00 && c <= 0xd7a3) || (c >= 0x61 && c <= 0x7a) || (c >= 0x30 && c <= 0x39);
}
/** What the Korean scan drops (the complement of isScanned). */
const UNSCANNED = /[^\uAC00-\uD7A3a-z0-9]+/g;
const HANGUL = /[\uAC00-\uD7A3]/;
/** Map key of a pattern's first two characters. */
const pairKey = (s: string, i: number): number => s.charCodeAt(i) * 0x10000 + s.charCodeAt(i + 1);

function compactKo(s: string): string {
  const norm = normalize(s);
  let out = '';
  for (let i = 0; i < norm.length; i++) if (isScanned(norm.charCodeAt(i))) out += norm[i];
  return out;
}
function enStems(s: string): string[] {
  return (normalize(s).match(/[a-z0-9]+/g) ?? []).filter((w) => !EN_STOP_WORDS.has(w)).map((w) => (w.length > 2 ? stemEn(w) : w));
}

export class ConceptTagger {
  private koByPrefix = new Map<number, KoPattern[]>();
  /** 1 for a character some Korean variant starts with */
  private readonly koFirst = new Uint8Array(0x10000);
  private enByFirst = new Map<string, EnPattern[]>();
  readonly entries: VocabEntry[];

  constructor(entries: VocabEntry[]) {
    this.entries = entries;
    for (const entry of entries) {
      const addKo = (v: string, queryOnly: boolean) => {
        const key = compactKo(v);
        if (key.length < 2) return;
        const p = pairKey(key, 0);
        this.koFirst[key.charCodeAt(0)] = 1;
        const list = this.koByPrefix.get(p) ?? [];
        list.push({ key, entry, variant: v, queryOnly });
        this.koByPrefix.set(p, list);
      };
      const addEn = (v: string, queryOnly: boolean) => {
        const stems = enStems(v);
        if (stems.length === 0) return;
        const list = this.enByFirst.get(stems[0]!) ?? [];
        list.push({ stems, entry, variant: v, queryOnly });
        this.enByFirst.set(stems[0]!, list);
      };
      for (const v of entry.ko) addKo(v, false);
      for (const v of entry.queryOnlyKo ?? []) addKo(v, true);
      for (const v of entry.en) (/[\uAC00-\uD7A3]/.test(v) ? addKo : addEn)(v, false);
      for (const v of entry.queryOnlyEn ?? []) addEn(v, true);
    }
    for (const l of this.koByPrefix.values()) l.sort((a, b) => b.key.length - a.key.length);
    for (const l of this.enByFirst.values()) l.sort((a, b) => b.stems.length - a.stems.length);
  }

  /**
   * All vocabulary occurrences in `text`. `query` also recognises query-only variants. Korean
   * matches are leftmost-longest per position; overlapping matches of different entries are all kept
   * (개인신용정보 is both 개인신용정보 and 신용정보).
   */
  tag(text: string, query = false): ConceptHit[] {
    return this.tagNormalized(normalize(text), query);
  }

  /** `tag` of a text already through `normalize`. */
  tagNormalized(norm: string, query = false): ConceptHit[] {
    const hits: ConceptHit[] = [];
    // Korean: scan the text with everything but Hangul, Latin letters and digits removed.
    // compact[i] came from norm[at[i]]: surfaces are reported as written, spaces included
    // (one native replace; the positions in `norm` are only worked out for a text with a hit)
    const compact = norm.replace(UNSCANNED, '');
    let at: Int32Array | null = null;
    const origin = (j: number): number => {
      if (!at) {
        at = new Int32Array(compact.length);
        for (let i = 0, k = 0; i < norm.length; i++) if (isScanned(norm.charCodeAt(i))) at[k++] = i;
      }
      return at[j]!;
    };
    if (HANGUL.test(compact)) {
      const first = this.koFirst;
      for (let i = 0; i + 2 <= compact.length; i++) {
        // most positions start no variant: a bitmap of first characters saves the Map lookup
        if (!first[compact.charCodeAt(i)]) continue;
        const list = this.koByPrefix.get(pairKey(compact, i));
        if (!list) continue;
        const seen = new Set<string>();
        for (const p of list) {
          if (p.queryOnly && !query) continue;
          if (seen.has(p.entry.id)) continue;
          if (compact.startsWith(p.key, i)) {
            seen.add(p.entry.id);
            hits.push({ entry: p.entry, variant: p.variant, surface: norm.slice(origin(i), origin(i + p.key.length - 1) + 1), lang: 'ko' });
          }
        }
      }
    }
    const words = norm.match(/[a-z0-9]+/g);
    if (words) {
      const kept = words.filter((w) => !EN_STOP_WORDS.has(w));
      const stems = kept.map((w) => (w.length > 2 ? stemEn(w) : w));
      for (let i = 0; i < stems.length; i++) {
        const list = this.enByFirst.get(stems[i]!);
        if (!list) continue;
        const seen = new Set<string>();
        for (const p of list) {
          if (p.queryOnly && !query) continue;
          if (seen.has(p.entry.id)) continue;
          let ok = i + p.stems.length <= stems.length;
          for (let j = 1; ok && j < p.stems.length; j++) ok = stems[i + j] === p.stems[j];
          if (ok) {
            seen.add(p.entry.id);
            hits.push({ entry: p.entry, variant: p.variant, surface: kept.slice(i, i + p.stems.length).join(' '), lang: 'en' });
          }
        }
      }
    }
    return hits;
  }
}
