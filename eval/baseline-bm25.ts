/**
 * The plain BM25 baseline measured beside the matcher: one field (title + text), Lucene-style
 * English analysis (lowercase, stop words, Porter stem) and Korean character bigrams, k1 = 1.2,
 * b = 0.75. No particles, no fields, no expansion.
 */
import { normalize, stemEn, EN_STOP_WORDS } from '../matcher/tokenize.ts';

export function baselineTokens(text: string): string[] {
  const out: string[] = [];
  const norm = normalize(text);
  for (const m of norm.matchAll(/[\uAC00-\uD7A3]+|[a-z0-9]+/g)) {
    const w = m[0];
    if (/[\uAC00-\uD7A3]/.test(w[0]!)) {
      if (w.length === 1) out.push(w);
      for (let i = 0; i + 2 <= w.length; i++) out.push(w.slice(i, i + 2));
    } else if (!EN_STOP_WORDS.has(w)) out.push(stemEn(w));
  }
  return out;
}

export class BaselineBM25 {
  private post = new Map<string, { doc: number; tf: number }[]>();
  private lens: number[] = [];
  private ids: string[] = [];
  constructor(private k1 = 1.2, private b = 0.75) {}
  add(id: string, text: string): void {
    const d = this.ids.length;
    this.ids.push(id);
    const toks = baselineTokens(text);
    this.lens.push(toks.length);
    const tf = new Map<string, number>();
    for (const t of toks) tf.set(t, (tf.get(t) ?? 0) + 1);
    for (const [t, n] of tf) (this.post.get(t) ?? this.post.set(t, []).get(t)!).push({ doc: d, tf: n });
  }
  search(text: string, limit: number): { id: string; score: number }[] {
    const N = this.ids.length;
    const avg = this.lens.reduce((s, x) => s + x, 0) / Math.max(1, N);
    const acc = new Map<number, number>();
    const qtf = new Map<string, number>();
    for (const t of baselineTokens(text)) qtf.set(t, (qtf.get(t) ?? 0) + 1);
    for (const [t, q] of qtf) {
      const p = this.post.get(t);
      if (!p) continue;
      const idf = Math.log(1 + (N - p.length + 0.5) / (p.length + 0.5));
      for (const { doc, tf } of p) {
        const s = (idf * tf * (this.k1 + 1)) / (tf + this.k1 * (1 - this.b + (this.b * this.lens[doc]!) / avg));
        acc.set(doc, (acc.get(doc) ?? 0) + q * s);
      }
    }
    return [...acc.entries()]
      .sort((a, b) => b[1] - a[1] || a[0] - b[0])
      .slice(0, limit)
      .map(([d, score]) => ({ id: this.ids[d]!, score }));
  }
}
