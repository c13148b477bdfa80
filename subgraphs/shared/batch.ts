import DataLoader from 'dataloader';

/**
 * A per-request DataLoader whose batch function runs one query for all keys and returns results
 * in key order, with `fallback` (null or []) for keys the query did not return.
 */
export function keyedLoader<K, V>(fetch: (keys: readonly K[]) => Promise<Map<K, V>>, fallback: V, keyOf?: (k: K) => string): DataLoader<K, V, string> {
  return new DataLoader<K, V, string>(
    async (keys) => {
      const found = await fetch(keys);
      return keys.map((k) => (found.has(k) ? (found.get(k) as V) : fallback));
    },
    { cacheKeyFn: keyOf ?? ((k: K) => String(k)), maxBatchSize: 1000 },
  );
}

/** Groups rows by a key column into a Map of arrays. */
export function groupBy<T>(rows: T[], key: (row: T) => string): Map<string, T[]> {
  const out = new Map<string, T[]>();
  for (const row of rows) {
    const k = key(row);
    const list = out.get(k);
    if (list) list.push(row);
    else out.set(k, [row]);
  }
  return out;
}

/** Clamps a client-supplied page size to [0, max]. */
export function clampLimit(limit: number | null | undefined, max: number, fallback = 100): number {
  const n = limit ?? fallback;
  return Math.max(0, Math.min(n, max));
}
