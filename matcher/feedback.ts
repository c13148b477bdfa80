/**
 * Ranking after scoring: the top k of the accumulated scores, and two second-pass signals, both off by default (measured in matcher/README.md): RM3-style pseudo-relevance
 * feedback and a bonus for query words that stand near each other in a document. Both read the
 * per-document forward index the matcher keeps only when one of them is on.
 */
import type { IndexView, QueryTerm } from './types.ts';
import type { Token } from './tokenize.ts';

export interface Ranked { slot: number; score: number }

/** The k best touched slots of `acc`, best first (ties by slot); clears their scores for the next query. */
export function topK(acc: Float64Array, touched: number[], k: number): Ranked[] {
  const heap: Ranked[] = [];
  for (const s of touched) {
    const v = acc[s]!;
    acc[s] = 0;
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

/** RM3-style: the top documents' term distributions, interpolated with the original query. */
export function rm3(ix: IndexView, terms: QueryTerm[], top: Ranked[], o: { prfDocs: number; prfTerms: number; prfLambda: number }): QueryTerm[] {
  const fb = top.slice(0, o.prfDocs);
  if (fb.length === 0) return terms;
  const total = fb.reduce((s, x) => s + x.score, 0) || 1;
  const w = new Map<number, number>();
  for (const { slot, score } of fb) {
    const ts = ix.docTerms[slot]!;
    const tf = Array.from(ts, (id) => ix.postings.total(ix.postings.find(id, slot)));
    let len = 0;
    for (let i = 0; i < tf.length; i++) len += tf[i]!;
    for (let i = 0; i < ts.length; i++) {
      const id = ts[i]!;
      if (ix.terms[id]!.startsWith('g:')) continue;
      w.set(id, (w.get(id) ?? 0) + (score / total) * (tf[i]! / len) * ix.idf(id));
    }
  }
  const exp = [...w.entries()].sort((a, b) => b[1] - a[1]).slice(0, o.prfTerms);
  const expSum = exp.reduce((s, [, v]) => s + v, 0) || 1;
  const origSum = terms.reduce((s, q) => s + q.weight, 0) || 1;
  const lam = o.prfLambda;
  const out = new Map<number, QueryTerm>();
  for (const q of terms) out.set(q.id, { ...q, weight: (lam * q.weight) / origSum });
  for (const [id, v] of exp) {
    const q = out.get(id);
    const add = ((1 - lam) * v) / expSum;
    if (q) q.weight += add;
    else out.set(id, { id, weight: add, surface: ix.terms[id]!.slice(2), via: 'feedback', original: false });
  }
  return [...out.values()];
}

/** Bonus for consecutive query words that appear near each other in the document. */
function proximity(ix: IndexView, slot: number, pairs: [number, number, number][]): number {
  const seq = ix.docWords[slot]!;
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

/** Adds the proximity bonus of adjacent query words to `top` (in place) and re-sorts it. */
export function proximityRerank(ix: IndexView, tokens: Token[], terms: QueryTerm[], top: Ranked[], weight: number): void {
  const words = tokens.filter((t) => t.word).map((t) => ix.termIds.get(t.term));
  const pairs: [number, number, number][] = [];
  for (let i = 0; i + 1 < words.length; i++) {
    const a = words[i];
    const b = words[i + 1];
    if (a === undefined || b === undefined || a === b) continue;
    pairs.push([a, b, weight * Math.min(ix.idf(a), ix.idf(b))]);
  }
  if (!pairs.length) return;
  const scale = top[0]!.score / Math.max(1, terms.filter((q) => q.original).length);
  for (const r of top) r.score += (scale * proximity(ix, r.slot, pairs)) / pairs.length;
  top.sort((a, b) => b.score - a.score || a.slot - b.slot);
}
