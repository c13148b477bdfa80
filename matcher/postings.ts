/** Growable posting list: document slots in increasing order, per-field term frequencies. */
export const FIELDS = ['title', 'statement', 'provisionText', 'concepts'] as const;
export type Field = (typeof FIELDS)[number];
export const NF = FIELDS.length;

export class PostingList {
  n = 0;
  docs: Int32Array;
  /** NF entries per posting */
  tf: Uint16Array;
  constructor(cap = 2) {
    this.docs = new Int32Array(cap);
    this.tf = new Uint16Array(cap * NF);
  }
  push(doc: number, tf: ArrayLike<number>): void {
    if (this.n === this.docs.length) {
      const cap = this.docs.length * 2;
      const d = new Int32Array(cap);
      d.set(this.docs);
      this.docs = d;
      const t = new Uint16Array(cap * NF);
      t.set(this.tf);
      this.tf = t;
    }
    this.docs[this.n] = doc;
    const o = this.n * NF;
    for (let f = 0; f < NF; f++) this.tf[o + f] = Math.min(65535, tf[f] ?? 0);
    this.n++;
  }
  /** index of `doc` in this list, or -1 (binary search: slots are appended in increasing order) */
  find(doc: number): number {
    let lo = 0;
    let hi = this.n - 1;
    while (lo <= hi) {
      const mid = (lo + hi) >> 1;
      const v = this.docs[mid]!;
      if (v === doc) return mid;
      if (v < doc) lo = mid + 1;
      else hi = mid - 1;
    }
    return -1;
  }
  /** Gives back the spare capacity that doubling left (after a batch of documents is added). */
  trim(): void {
    if (this.docs.length === this.n) return;
    this.docs = this.docs.slice(0, this.n);
    this.tf = this.tf.slice(0, this.n * NF);
  }
  /** Drop postings of dead slots and renumber the rest. */
  compact(remap: Int32Array): void {
    let w = 0;
    for (let r = 0; r < this.n; r++) {
      const nd = remap[this.docs[r]!]!;
      if (nd < 0) continue;
      this.docs[w] = nd;
      for (let f = 0; f < NF; f++) this.tf[w * NF + f] = this.tf[r * NF + f]!;
      w++;
    }
    this.n = w;
  }
}
