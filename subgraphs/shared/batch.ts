import DataLoader from 'dataloader';
import type { Executor } from '../../lib/neo4j.ts';
import { observeCache } from '../../lib/metrics.ts';
import type { ShareRead, SharedReads, SharedSlot } from './shared-reads.ts';

/**
 * A per-request DataLoader whose batch function runs one query for all keys and returns results
 * in key order, with `fallback` (null or []) for keys the query did not return. With `shared`, keys
 * another request already read under the current data version are answered from the shared cache
 * (subgraphs/shared/shared-reads.ts) and only the others are queried.
 */
export function keyedLoader<K, V>(
  fetch: (keys: readonly K[], share?: ShareRead) => Promise<Map<K, V>>,
  fallback: V,
  keyOf?: (k: K) => string,
  shared?: SharedSlot,
): DataLoader<K, V, string> {
  const cacheKeyFn = keyOf ?? ((k: K) => String(k));
  const fetchAll = async (keys: readonly K[], share?: ShareRead): Promise<V[]> => {
    const found = await fetch(keys, share);
    return keys.map((k) => (found.has(k) ? (found.get(k) as V) : fallback));
  };
  const batch =
    shared && shared.reads.enabled
      ? async (keys: readonly K[]): Promise<V[]> => {
          const { version, slot } = await shared.reads.open(shared.name);
          const out = new Array<V>(keys.length);
          const missing: number[] = [];
          keys.forEach((k, i) => {
            const hit = slot.get(cacheKeyFn(k));
            if (hit === undefined) missing.push(i);
            else out[i] = ownCopy(hit as V);
          });
          observeCache('shared_reads', keys.length - missing.length, missing.length);
          if (missing.length === 0) return out;
          // A copy: the original may also be primed into this request's loaders, unfrozen.
          const share: ShareRead = (name, key, value) => shared.reads.store(version, name, key, ownCopy(value));
          const values = await fetchAll(
            missing.map((i) => keys[i]!),
            share,
          );
          missing.forEach((i, j) => {
            shared.reads.store(version, shared.name, cacheKeyFn(keys[i]!), values[j]);
            out[i] = ownCopy(values[j]!);
          });
          return out;
        }
      : (keys: readonly K[]) => fetchAll(keys);
  return new DataLoader<K, V, string>(batch, { cacheKeyFn, maxBatchSize: 1000 });
}

/**
 * A shared entity is handed to each request as its own shallow copy: GraphQL libraries annotate the
 * objects they are given (@apollo/subgraph defines `__typename` on every resolved entity), and
 * that must not touch the shared (frozen) original. Nested values stay shared.
 */
function ownCopy<V>(value: V): V {
  return value !== null && typeof value === 'object' && !Array.isArray(value) ? ({ ...value } as V) : value;
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

export type Node = { id: string; [k: string]: unknown };

/** Entities by id: `cypher` takes `$ids` and returns one `node` map (with `id`) per found id. */
export function nodesByIdLoader(exec: Executor, name: string, cypher: string, reads?: SharedReads) {
  return keyedLoader<string, Node | null>(
    async (ids) => {
      const rows = await exec.read(name, cypher, { ids });
      return new Map(rows.map((r) => [(r.node as Node).id, r.node as Node]));
    },
    null,
    undefined,
    reads && { reads, name },
  );
}

/** Related ids by id: `cypher` takes `$ids` and returns `key, target` rows in the order wanted. */
export function relatedIdsLoader(exec: Executor, name: string, cypher: string, reads?: SharedReads) {
  return keyedLoader<string, string[]>(
    async (ids) => {
      const rows = await exec.read(name, cypher, { ids });
      return new Map([...groupBy(rows, (r) => r.key as string)].map(([k, list]) => [k, list.map((r) => r.target as string)]));
    },
    [],
    undefined,
    reads && { reads, name },
  );
}
