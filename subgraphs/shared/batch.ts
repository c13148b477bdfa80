import DataLoader from 'dataloader';
import type { Executor } from '../../lib/neo4j.ts';

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

export type Node = { id: string; [k: string]: unknown };

/** Entities by id: `cypher` takes `$ids` and returns one `node` map (with `id`) per found id. */
export function nodesByIdLoader(exec: Executor, name: string, cypher: string) {
  return keyedLoader<string, Node | null>(async (ids) => {
    const rows = await exec.read(name, cypher, { ids });
    return new Map(rows.map((r) => [(r.node as Node).id, r.node as Node]));
  }, null);
}

/** Related ids by id: `cypher` takes `$ids` and returns `key, target` rows in the order wanted. */
export function relatedIdsLoader(exec: Executor, name: string, cypher: string) {
  return keyedLoader<string, string[]>(async (ids) => {
    const rows = await exec.read(name, cypher, { ids });
    return new Map([...groupBy(rows, (r) => r.key as string)].map(([k, list]) => [k, list.map((r) => r.target as string)]));
  }, []);
}
