/**
 * The graph's data version, as caches see it. The seed loader bumps `(:DataVersion).version` in the
 * same transaction as every change, so anything derived from the graph stays valid while the token
 * is unchanged. The token also carries the time of the last applied change set, because a graph
 * that is reset and reloaded starts counting versions again.
 */
import type { Executor } from '../../lib/neo4j.ts';
import { setDataVersion } from '../../lib/metrics.ts';

export const DATA_VERSION_TOKEN = `
OPTIONAL MATCH (d:DataVersion {id: 'current'})
CALL { OPTIONAL MATCH (c:ChangeSet) RETURN max(c.appliedAt) AS lastApplied }
RETURN coalesce(d.version, 0) AS version, toString(lastApplied) AS lastApplied`;

export class DataVersionWatch {
  private token: { version: number; key: string } | null = null;
  private checkedAt = 0;
  private pending: Promise<{ version: number; key: string }> | null = null;

  /** `trustMs`: how long a known version is trusted before asking the graph again. */
  constructor(private readonly trustMs = 1000) {}

  async current(exec: Executor): Promise<{ version: number; key: string }> {
    if (this.token && Date.now() - this.checkedAt < this.trustMs) return this.token;
    // Concurrent requests share one check.
    this.pending ??= exec
      .read('dataVersion', DATA_VERSION_TOKEN)
      .then((rows) => {
        const version = Number(rows[0]?.version ?? 0);
        this.token = { version, key: `${version}|${String(rows[0]?.lastApplied ?? '')}` };
        this.checkedAt = Date.now();
        setDataVersion(version);
        return this.token;
      })
      .finally(() => {
        this.pending = null;
      });
    return this.pending;
  }
}

const watches = new WeakMap<object, DataVersionWatch>();

/**
 * One watch per Neo4j driver: every cache in a process that reads through the same driver sees the
 * version move at the same moment, so one request never mixes entities from two versions longer
 * than a single trust window.
 */
export function watchFor(driver: object): DataVersionWatch {
  let w = watches.get(driver);
  if (!w) watches.set(driver, (w = new DataVersionWatch()));
  return w;
}
