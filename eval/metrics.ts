/** Ranking metrics: Recall@k, AP@k (MAP@k over queries), reciprocal rank. */
export function recallAt(ranked: string[], relevant: Set<string>, k: number): number {
  if (relevant.size === 0) return 0;
  let hit = 0;
  for (const id of ranked.slice(0, k)) if (relevant.has(id)) hit++;
  return hit / relevant.size;
}

/** AP@k normalised by min(|relevant|, k), as trec_eval's map_cut. */
export function apAt(ranked: string[], relevant: Set<string>, k: number): number {
  let hit = 0;
  let sum = 0;
  ranked.slice(0, k).forEach((id, i) => {
    if (relevant.has(id)) {
      hit++;
      sum += hit / (i + 1);
    }
  });
  return relevant.size ? sum / Math.min(relevant.size, k) : 0;
}

export function reciprocalRank(ranked: string[], relevant: Set<string>): number {
  const i = ranked.findIndex((id) => relevant.has(id));
  return i < 0 ? 0 : 1 / (i + 1);
}
