/**
 * Document structure as evidence: passages of one section (a rule and its guidance, the paragraphs of
 * one article) are siblings. A question with several gold passages usually has them in one section,
 * and the passage that words the question's topic best pulls its siblings up with it: each passage
 * gains `weight` × its best sibling's score (cluster-based smoothing). Sections larger than
 * `maxSize` (a whole statute, when ids carry no finer structure) say nothing and are skipped.
 */
export class Groups {
  private idOf = new Map<string, number>();
  /** per slot: its group, or -1 */
  private gidOf: number[] = [];
  /** per group: live members */
  private size: number[] = [];

  set(slot: number, key: string | undefined): void {
    const old = this.gidOf[slot];
    if (old !== undefined && old >= 0) this.size[old]!--;
    if (key === undefined || key === '') {
      this.gidOf[slot] = -1;
      return;
    }
    let g = this.idOf.get(key);
    if (g === undefined) {
      g = this.size.length;
      this.idOf.set(key, g);
      this.size.push(0);
    }
    this.gidOf[slot] = g;
    this.size[g]!++;
  }

  compact(remap: Int32Array): void {
    const next: number[] = [];
    for (let s = 0; s < this.gidOf.length; s++) if (remap[s]! >= 0) next[remap[s]!] = this.gidOf[s]!;
    this.gidOf = next;
  }

  /** acc[d] += weight × (best score among d's touched siblings), for every touched d in a usable group. */
  smooth(acc: Float64Array, touched: number[], alive: ArrayLike<number>, weight: number, maxSize: number): void {
    const best = new Map<number, { s1: number; d1: number; s2: number }>();
    const gid = this.gidOf;
    for (const d of touched) {
      const g = gid[d] ?? -1;
      if (g < 0 || !alive[d]) continue;
      const n = this.size[g]!;
      if (n < 2 || n > maxSize) continue;
      const v = acc[d]!;
      const b = best.get(g);
      if (!b) best.set(g, { s1: v, d1: d, s2: 0 });
      else if (v > b.s1) { b.s2 = b.s1; b.s1 = v; b.d1 = d; }
      else if (v > b.s2) b.s2 = v;
    }
    if (best.size === 0) return;
    const add: [number, number][] = [];
    for (const d of touched) {
      const b = best.get(gid[d] ?? -1);
      if (!b) continue;
      const other = b.d1 === d ? b.s2 : b.s1;
      if (other > 0) add.push([d, weight * other]);
    }
    // Applied after the pass: a passage's bonus comes from its siblings' own scores, not from theirs plus bonus.
    for (const [d, x] of add) acc[d]! += x;
  }
}

/**
 * The section of a corpus line: its `section` or `parent` field when given, else its id without the
 * last `.`-separated part (`GEN-2.2.1` → `GEN-2.2`, `FUND-1.G` → `FUND-1`); none for an id without one.
 */
export function groupOf(id: string, extra: Record<string, unknown> = {}): string | undefined {
  for (const k of ['section', 'parent']) if (typeof extra[k] === 'string' && extra[k]) return extra[k] as string;
  const i = id.lastIndexOf('.');
  return i > 0 ? id.slice(0, i) : undefined;
}
