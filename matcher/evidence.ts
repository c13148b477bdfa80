/**
 * What a result is shown with: which query terms matched which words of which field, a one-line
 * explanation, and how close the query's text is to the document's own text. Computed for returned
 * results only: it re-tokenises their texts, which is most of a search's cost when asked for.
 */
import { tokenize, normalize, type Token, type TokenizeOptions } from './tokenize.ts';
import type { ConceptHit } from './concepts.ts';
import { FIELDS, NF, type Field } from './postings.ts';
import type { Confidence, IndexView, MatchEvidence, QueryTerm } from './types.ts';

/** Which query terms matched which words of which field, strongest terms first (at most 24). */
export function evidenceOf(ix: IndexView, slot: number, qterms: QueryTerm[]): MatchEvidence[] {
  const doc = ix.docs[slot]!;
  const out: MatchEvidence[] = [];
  const fieldTokens = new Map<Field, Token[]>();
  const tokensOf = (f: Field) => {
    let t = fieldTokens.get(f);
    if (!t) fieldTokens.set(f, (t = doc.fields[f] ? tokenize(doc.fields[f]!, ix.tok) : []));
    return t;
  };
  const fieldHits = new Map<Field, ConceptHit[]>();
  const hitsOf = (f: Field) => {
    let h = fieldHits.get(f);
    if (!h) fieldHits.set(f, (h = doc.fields[f] ? ix.tagger.tag(doc.fields[f]!) : []));
    return h;
  };
  const ranked = [...qterms].sort((a, b) => b.weight * ix.idf(b.id) - a.weight * ix.idf(a.id));
  const seen = new Set<string>();
  for (const q of ranked) {
    const p = ix.postings;
    const i = p.find(q.id, slot);
    if (i < 0) continue;
    const term = ix.terms[q.id]!;
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

export function explainText(lang: 'ko' | 'en', confidence: Confidence, coverage: number, m: MatchEvidence[]): string {
  const pct = Math.round(coverage * 100);
  const top = m.slice(0, 5).map((e) => (e.queryTerm === e.documentTerm ? `"${e.documentTerm}"` : `"${e.queryTerm}"→"${e.documentTerm}"`) + ` (${e.field}, ${e.via})`);
  return lang === 'ko'
    ? `신뢰도 ${confidence}: 질의 가중치의 ${pct}%가 일치. 주요 일치: ${top.join(', ') || '없음'}`
    : `${confidence} confidence: ${pct}% of the query weight matched. Main matches: ${top.join(', ') || 'none'}`;
}

/** Word terms (English stems, Korean words without particles) with their counts. */
function wordCounts(text: string, tok: TokenizeOptions): Map<string, number> {
  const m = new Map<string, number>();
  for (const t of tokenize(text, tok)) if (t.word) m.set(t.term, (m.get(t.term) ?? 0) + 1);
  return m;
}

/**
 * How much of two texts is the same wording, 0..1: the Dice coefficient of their word multisets
 * (2 × shared occurrences / all occurrences). 1 for the same text up to spacing, particles and
 * inflection; a text quoting half of the other scores about 2/3. Unlike the score or the confidence,
 * it does not depend on the rest of the corpus, so it can say "this is the same text".
 */
export function textSimilarity(a: string, b: string, tok: TokenizeOptions = {}): number {
  const x = wordCounts(a, tok);
  const y = wordCounts(b, tok);
  let nx = 0;
  let ny = 0;
  let shared = 0;
  for (const [t, c] of x) {
    nx += c;
    shared += Math.min(c, y.get(t) ?? 0);
  }
  for (const c of y.values()) ny += c;
  return nx + ny ? (2 * shared) / (nx + ny) : 0;
}

/** The best similarity of `text` to the document's own wording (its provision text, else its statement). */
export function documentSimilarity(ix: IndexView, slot: number, text: string): number {
  const doc = ix.docs[slot];
  if (!doc) return 0;
  let best = 0;
  for (const f of ['provisionText', 'statement'] as const) {
    const t = doc.fields[f];
    if (t) best = Math.max(best, textSimilarity(text, t, ix.tok));
  }
  return best;
}
