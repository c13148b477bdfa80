/**
 * Every term's posting list in one compressed-sparse-row store: three typed arrays for the whole
 * index instead of one object and two typed arrays per term.
 *
 * Why hand-written: a national corpus has hundreds of thousands of distinct terms (Korean words and
 * character bigrams, English stems, concept ids). A `PostingList` object per term with its own
 * `Int32Array` and `Uint8Array` cost ~250 bytes of object and ArrayBuffer headers per term before a
 * single posting, and a growing list per term meant one allocation per term per batch; libraries
 * (minisearch, flexsearch, lunr) keep Maps or objects per term and document, which is what the
 * benchmark measures them at (bench/matcher-bench.ts). Here term t's postings are
 * `docs[start[t] .. start[t+1])` (slots increasing) with NF one-byte field frequencies each in `tf`.
 * A batch of documents (whose slots all follow the existing ones) is merged by one pass that copies
 * each old list and appends the batch's postings behind it.
 */
export const FIELDS = ['title', 'statement', 'provisionText', 'concepts'] as const;
export type Field = (typeof FIELDS)[number];
export const NF = FIELDS.length;

/**
 * A field frequency is kept in one byte: BM25F saturates long before 255 occurrences (with k1 = 1.2
 * a term's contribution at tf 255 is within 0.5 % of its limit), and the byte halves the largest
 * array of the index (2.4 million postings at the benchmark's ×100).
 */
export const MAX_TF = 255;

const MERGE_STEP = 1 << 18;

/** Postings per chunk of a ForwardBatch. */
const CHUNK = 1 << 20;

/**
 * A batch's documents as analysed, in slot order: per document its term ids and NF frequencies each.
 * Kept in chunks of ~1 M postings that never move: one array grown by copying stalled the event loop
 * for ~100 ms per growth at 100,000 documents (28 M postings).
 */
export class ForwardBatch {
  chunks: { terms: Int32Array; tf: Uint8Array; n: number; ends: number[] }[] = [];
  /** postings in all chunks */
  n = 0;
  pushDoc(terms: Int32Array, tf: Uint8Array): void {
    let c = this.chunks[this.chunks.length - 1];
    if (!c || c.n + terms.length > c.terms.length) {
      const cap = Math.max(CHUNK, terms.length);
      this.chunks.push((c = { terms: new Int32Array(cap), tf: new Uint8Array(cap * NF), n: 0, ends: [] }));
    }
    c.terms.set(terms, c.n);
    c.tf.set(tf, c.n * NF);
    c.n += terms.length;
    c.ends.push(c.n);
    this.n += terms.length;
  }
}

export class PostingStore {
  /** term t's postings are [start[t], start[t + 1]) */
  start = new Int32Array(1);
  docs = new Int32Array(0);
  /** NF entries per posting */
  tf = new Uint8Array(0);
  /** number of terms the store has lists for (terms created since have none yet) */
  nTerms = 0;
  /** per term: the postings the last merged batch added (its document frequencies) */
  lastCounts = new Int32Array(0);

  /** Postings of term t (0 for a term created after the last merge). */
  count(t: number): number {
    return t < this.nTerms ? this.start[t + 1]! - this.start[t]! : 0;
  }

  /** Index of `doc`'s posting in term t's list, or -1 (binary search: slots are in increasing order). */
  find(t: number, doc: number): number {
    if (t >= this.nTerms) return -1;
    let lo = this.start[t]!;
    let hi = this.start[t + 1]! - 1;
    const docs = this.docs;
    while (lo <= hi) {
      const mid = (lo + hi) >> 1;
      const v = docs[mid]!;
      if (v === doc) return mid;
      if (v < doc) lo = mid + 1;
      else hi = mid - 1;
    }
    return -1;
  }

  /** Sum of the field frequencies of posting `i`. */
  total(i: number): number {
    let s = 0;
    for (let f = 0; f < NF; f++) s += this.tf[i * NF + f]!;
    return s;
  }

  /**
   * Appends a batch whose documents take slots `firstSlot`, `firstSlot + 1`, … (after every slot
   * already in the store), for a dictionary of `nTerms` terms. One pass: count the batch's postings
   * per term, lay the new arrays out, copy each old list and scatter the batch behind it.
   */
  merge(batch: ForwardBatch, firstSlot: number, nTerms: number): void {
    const steps = this.mergeSteps(batch, firstSlot, nTerms);
    while (!steps.next().done);
  }

  /** `merge`, yielding every MERGE_STEP postings copied or scattered (the matcher's `addAsync` slices its work there). */
  *mergeSteps(batch: ForwardBatch, firstSlot: number, nTerms: number): Generator<void> {
    const extra = new Int32Array(nTerms);
    for (const c of batch.chunks) for (let i = 0; i < c.n; i++) extra[c.terms[i]!]!++;
    this.lastCounts = extra.slice();
    const start = new Int32Array(nTerms + 1);
    for (let t = 0; t < nTerms; t++) start[t + 1] = start[t]! + this.count(t) + extra[t]!;
    const total = start[nTerms]!;
    const docs = new Int32Array(total);
    const tf = new Uint8Array(total * NF);
    // `extra` becomes each term's write position
    let work = 0;
    for (let t = 0; t < nTerms; t++) {
      const n = this.count(t);
      const at = start[t]!;
      if (n) {
        const from = this.start[t]!;
        docs.set(this.docs.subarray(from, from + n), at);
        tf.set(this.tf.subarray(from * NF, (from + n) * NF), at * NF);
      }
      extra[t] = at + n;
      if ((work += n + 1) > MERGE_STEP) (work = 0, yield);
    }
    let slot = firstSlot;
    for (const c of batch.chunks) {
      const bt = c.terms;
      const btf = c.tf;
      let i = 0;
      for (const end of c.ends) {
        work += end - i + 1;
        for (; i < end; i++) {
          const p = extra[bt[i]!]!++;
          docs[p] = slot;
          for (let f = 0; f < NF; f++) tf[p * NF + f] = btf[i * NF + f]!;
        }
        slot++;
        if (work > MERGE_STEP) (work = 0, yield);
      }
    }
    this.start = start;
    this.docs = docs;
    this.tf = tf;
    this.nTerms = nTerms;
  }

  /** Drop postings of dead slots (remap[slot] < 0) and renumber the rest, in place. */
  compact(remap: Int32Array): void {
    let w = 0;
    let r = 0;
    for (let t = 0; t < this.nTerms; t++) {
      const end = this.start[t + 1]!;
      this.start[t] = w;
      for (; r < end; r++) {
        const nd = remap[this.docs[r]!]!;
        if (nd < 0) continue;
        this.docs[w] = nd;
        for (let f = 0; f < NF; f++) this.tf[w * NF + f] = this.tf[r * NF + f]!;
        w++;
      }
    }
    this.start[this.nTerms] = w;
    this.docs = this.docs.slice(0, w);
    this.tf = this.tf.slice(0, w * NF);
  }

  /** Bytes held by the arrays. */
  get bytes(): number {
    return this.start.byteLength + this.docs.byteLength + this.tf.byteLength;
  }
}
