/** Posting list: document slots in increasing order, per-field term frequencies. */
export const FIELDS = ['title', 'statement', 'provisionText', 'concepts'] as const;
export type Field = (typeof FIELDS)[number];
export const NF = FIELDS.length;

/**
 * A field frequency is kept in one byte: BM25F saturates long before 255 occurrences (with k1 = 1.2
 * a term's contribution at tf 255 is within 0.5 % of its limit), and the byte halves the largest
 * array of the index (2.4 million postings at the benchmark's ×100).
 */
export const MAX_TF = 255;

export class PostingList {
  n = 0;
  docs: Int32Array;
  /** NF entries per posting */
  tf: Uint8Array;
  constructor(cap = 0) {
    this.docs = new Int32Array(cap);
    this.tf = new Uint8Array(cap * NF);
  }
  /**
   * Room for `extra` more postings, allocated once at the exact size. The matcher counts a batch's
   * postings per term before adding them: growing by doubling instead left freed buffers behind
   * that the allocator did not give back (measured: +50 MB of RSS when the ×100 index was built).
   */
  reserve(extra: number): void {
    const cap = this.n + extra;
    if (cap <= this.docs.length) return;
    const d = new Int32Array(cap);
    d.set(this.docs.subarray(0, this.n));
    this.docs = d;
    const t = new Uint8Array(cap * NF);
    t.set(this.tf.subarray(0, this.n * NF));
    this.tf = t;
  }
  /** Appends a posting; `tf` holds NF field frequencies starting at `at`. */
  push(doc: number, tf: ArrayLike<number>, at = 0): void {
    if (this.n === this.docs.length) this.reserve(Math.max(2, this.n));
    this.docs[this.n] = doc;
    const o = this.n * NF;
    for (let f = 0; f < NF; f++) this.tf[o + f] = Math.min(MAX_TF, tf[at + f] ?? 0);
    this.n++;
  }
  /** Sum of the field frequencies of posting `i`. */
  total(i: number): number {
    let s = 0;
    for (let f = 0; f < NF; f++) s += this.tf[i * NF + f]!;
    return s;
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
