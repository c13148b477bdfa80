/**
 * Commits this process makes to the graph (the seed loader's apply), counted. Caches that trust a
 * known data version for a while (subgraphs/shared/data-version.ts) ask again as soon as the count
 * moves, so a question asked in the same process right after an apply sees the new graph at once.
 * Other processes (other SERVE_WORKERS, a CLI apply) are seen within the trust window, as before.
 */
let commits = 0;

/** Called after a transaction that changed the graph has committed. */
export function graphChanged(): void {
  commits += 1;
}

/** How many changes this process has committed so far. */
export function graphChanges(): number {
  return commits;
}
