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

  // per-group scratch for smooth(), stamped per call instead of cleared (no Map on the hot path)
  private s1 = new Float64Array(0);
  private s2 = new Float64Array(0);
  private d1 = new Int32Array(0);
  private stamp = new Uint32Array(0);
  private call = 0;

  /** acc[d] += weight × (best score among d's touched siblings), for every touched d in a usable group. */
  smooth(acc: Float64Array, touched: number[], alive: ArrayLike<number>, weight: number, maxSize: number): void {
    const ng = this.size.length;
    if (ng === 0) return;
    if (this.stamp.length < ng) {
      this.s1 = new Float64Array(ng);
      this.s2 = new Float64Array(ng);
      this.d1 = new Int32Array(ng);
      this.stamp = new Uint32Array(ng);
    }
    const call = ++this.call;
    const { s1, s2, d1, stamp, gidOf: gid, size } = this;
    let any = false;
    for (const d of touched) {
      const g = gid[d] ?? -1;
      if (g < 0 || !alive[d]) continue;
      const n = size[g]!;
      if (n < 2 || n > maxSize) continue;
      const v = acc[d]!;
      any = true;
      if (stamp[g] !== call) { stamp[g] = call; s1[g] = v; d1[g] = d; s2[g] = 0; }
      else if (v > s1[g]!) { s2[g] = s1[g]!; s1[g] = v; d1[g] = d; }
      else if (v > s2[g]!) s2[g] = v;
    }
    if (!any) return;
    // Bonuses are computed from the siblings' own scores first, then applied.
    const add = new Float64Array(touched.length);
    for (let i = 0; i < touched.length; i++) {
      const d = touched[i]!;
      const g = gid[d] ?? -1;
      if (g < 0 || stamp[g] !== call) continue;
      add[i] = weight * (d1[g] === d ? s2[g]! : s1[g]!);
    }
    for (let i = 0; i < touched.length; i++) if (add[i]) acc[touched[i]!]! += add[i]!;
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
