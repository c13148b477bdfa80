/**
 * BM25F's per-field length normalisation, computed once per index state for every slot:
 * W_f / (1 - b_f + b_f · len/avg), NF entries per slot in one array (the scoring loop reads a
 * posting's fields side by side), and the weight of headings shared by many passages scaled down.
 */
import { FIELDS, NF } from './postings.ts';
import type { MatchDocument } from './types.ts';

/** The norms of slots 0..n-1; `avgOut` receives the average length per field. */
export function lengthNorms(n: number, fieldLen: number[][], lenSum: Float64Array, live: number, W: Float64Array, B: Float64Array, avgOut: Float64Array): Float32Array {
  const wn = new Float32Array(n * NF);
  for (let f = 0; f < NF; f++) {
    const avg = live ? lenSum[f]! / live : 0;
    avgOut[f] = avg;
    const lens = fieldLen[f]!;
    const b = B[f]!;
    const wf = W[f]!;
    // 0 for an empty field (no term has a frequency there; with b = 1 the formula would give ∞, and the
    // unrolled scoring loop would multiply it by 0)
    for (let s = 0; s < n; s++) wn[s * NF + f] = avg > 0 && lens[s] ? wf / (1 - b + (b * lens[s]!) / avg) : 0;
  }
  return wn;
}

/**
 * A heading shared by many passages (a whole rulebook's or statute's name) says little about any one
 * of them, yet with a weight of 2 it saturates BM25F on its words for all of them, so the body can no
 * longer tell them apart. Its weight shrinks with the number of live passages sharing the exact
 * heading beyond a section's size (`maxGroupSize`): × √(maxGroupSize / sharers).
 */
export function scaleSharedTitles(wn: Float32Array, docs: readonly (MatchDocument | null)[], max: number): void {
  const tf = FIELDS.indexOf('title');
  const count = new Map<string, number>();
  for (let s = 0; s < docs.length; s++) {
    const t = docs[s]?.fields.title;
    if (t) count.set(t, (count.get(t) ?? 0) + 1);
  }
  for (let s = 0; s < docs.length; s++) {
    const t = docs[s]?.fields.title;
    const n = t ? count.get(t)! : 0;
    if (n > max) wn[s * NF + tf]! *= Math.sqrt(max / n);
  }
}
