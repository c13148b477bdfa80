/**
 * The graph's data version, as caches see it. The seed loader bumps `(:DataVersion).version` in the
 * same transaction as every change, so anything derived from the graph stays valid while the token
 * is unchanged. The token also carries the time of the last applied change set, because a graph
 * that is reset and reloaded starts counting versions again.
 */
import type { Executor, Reader } from '../../lib/neo4j.ts';
import { graphChanges } from '../../lib/data-changes.ts';
import { setDataVersion } from '../../lib/metrics.ts';

export const DATA_VERSION_TOKEN = `
OPTIONAL MATCH (d:DataVersion {id: 'current'})
CALL { OPTIONAL MATCH (c:ChangeSet) RETURN max(c.appliedAt) AS lastApplied }
RETURN coalesce(d.version, 0) AS version, toString(lastApplied) AS lastApplied`;

/** The data version alone: the seed loader moves it by one per apply, inside the apply's transaction. */
export const DATA_VERSION_NOW = `OPTIONAL MATCH (v:DataVersion {id: 'current'}) RETURN coalesce(v.version, 0) AS version`;

/** The data version as `reader` sees it (an executor, or an open transaction's reader). */
export async function readDataVersion(reader: Reader): Promise<number> {
  return Number((await reader.read('dataVersionNow', DATA_VERSION_NOW))[0]?.version ?? 0);
}

export class DataVersionWatch {
  private token: { version: number; key: string } | null = null;
  private checkedAt = 0;
  private pending: Promise<{ version: number; key: string }> | null = null;
  /** graphChanges() when the token (or the pending check) was asked for: an apply in this process since makes it stale. */
  private checkedChanges = -1;
  private pendingChanges = -1;

  /** `trustMs`: how long a known version is trusted before asking the graph again. */
  constructor(private readonly trustMs = 1000) {}

  async current(exec: Executor): Promise<{ version: number; key: string }> {
    const changes = graphChanges();
    if (this.token && this.checkedChanges === changes && Date.now() - this.checkedAt < this.trustMs) return this.token;
    // Concurrent requests share one check, unless it was started before an apply of this process.
    if (this.pending && this.pendingChanges === changes) return this.pending;
    this.pendingChanges = changes;
    const pending = exec
      .read('dataVersion', DATA_VERSION_TOKEN)
      .then((rows) => {
        const version = Number(rows[0]?.version ?? 0);
        const token = { version, key: `${version}|${String(rows[0]?.lastApplied ?? '')}` };
        if (this.checkedChanges <= changes) {
          this.token = token;
          this.checkedAt = Date.now();
          this.checkedChanges = changes;
          setDataVersion(version);
        }
        return token;
      })
      .finally(() => {
        if (this.pending === pending) this.pending = null;
      });
    this.pending = pending;
    return pending;
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
