/**
 * A query text → weighted terms: its own words (and Korean bigrams), the concept ids the vocabulary
 * recognises in it, and the other variants of those concepts as low-weight expansion terms. Terms the
 * index does not hold are left out (they still count against coverage, in the caller).
 */
import { tokenize, type Token } from './tokenize.ts';
import type { ConceptHit } from './concepts.ts';
import type { IndexView, MatchVia, QueryTerm } from './types.ts';

export interface QueryWeights {
  bigramWeight: number;
  conceptWeight: number;
  expansionWeight: number;
  expansion: boolean;
}

export function analyzeQuery(ix: IndexView, text: string, o: QueryWeights): { terms: QueryTerm[]; hits: ConceptHit[]; tokens: Token[] } {
  const byTerm = new Map<string, QueryTerm>();
  const add = (term: string, weight: number, surface: string, via: MatchVia, original: boolean) => {
    const id = ix.termIds.get(term);
    if (id === undefined) return;
    const q = byTerm.get(term);
    if (q) {
      q.weight += weight;
      if (original && !q.original) Object.assign(q, { original, via, surface });
    } else byTerm.set(term, { id, weight, surface, via, original });
  };
  const tokens = tokenize(text, ix.tok);
  for (const t of tokens) add(t.term, t.term.startsWith('g:') ? o.bigramWeight : 1, t.surface, t.term.startsWith('g:') ? 'bigram' : 'exact', true);
  const hits = o.expansion ? ix.tagger.tag(text, true) : [];
  const seenEntry = new Set<string>();
  for (const h of hits) {
    const via: MatchVia = h.entry.source === 'concept' ? 'concept' : 'thesaurus';
    add('c:' + h.entry.id, o.conceptWeight, h.surface, via, true);
    if (seenEntry.has(h.entry.id)) continue;
    seenEntry.add(h.entry.id);
    if (o.expansionWeight > 0) {
      const variants = [...h.entry.ko, ...h.entry.en].filter((v) => v !== h.variant);
      for (const v of variants) {
        const vt = tokenize(v, ix.tok);
        if (!vt.length) continue;
        const w = o.expansionWeight / Math.sqrt(variants.length);
        for (const t of vt) {
          if (byTerm.get(t.term)?.original) continue;
          add(t.term, ((t.term.startsWith('g:') ? o.bigramWeight : 1) * w) / vt.length, h.surface, via, false);
        }
      }
    }
  }
  return { terms: [...byTerm.values()], hits, tokens };
}
