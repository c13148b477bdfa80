/**
 * The engine's per-data-version cache (see the class comment).
 */
import { observeCache } from '../../lib/metrics.ts';
import type { Executor } from '../../lib/neo4j.ts';
import { StringTable } from '../../lib/string-table.ts';
import { within } from '../../lib/wait.ts';
import type { DataVersionWatch } from '../shared/data-version.ts';
import type { EngineRows } from './engine-types.ts';
import { readObligationIndex, type ObligationIndex } from './obligation-index.ts';
import { startSubjectIndex, type SubjectIndex } from './subject-index.ts';

/**
 * The engine's reads do not depend on the date asked about, and the graph changes only when the
 * seed loader applies a change set (which bumps the data version). So the cache holds, per data
 * version, the obligation index (every obligation with its triggers, versions and provisions: one
 * read in pages), the subject index (service types' contexts, a bounded LRU) and each subject
 * set's rows: no question costs a Cypher query, except one naming a designation or extra data
 * categories (SUBJECT_CONTEXT), the first of a service type the subject index does not hold (above
 * its bound), or one asked while the obligation index is still being read (the candidates query).
 * Everything is dropped as soon as the data version moves. Subject sets are bounded, least
 * recently used first out.
 */
const STRING_TABLE_MAX = 200_000;
/** How long a question waits for the obligation index being read before it asks Cypher instead. */
const INDEX_WAIT_MS = 1000;

export class EngineCache {
  private entries = new Map<string, EngineRows>();
  /** What is read once per data version: the obligation index, the subject index. */
  private indexes = new Map<string, Promise<unknown>>();
  /**
   * One string object per distinct string in the cached subject contexts (questions naming a
   * designation read their own; names and notes recur across them). A new table with each version;
   * it starts over at 200,000 strings.
   */
  private stringTable = new StringTable(STRING_TABLE_MAX);
  private versionKey = '';

  constructor(
    private readonly watch: DataVersionWatch,
    private readonly maxEntries = 2000,
  ) {}

  /** The obligation index of the current data version (read once per version, shared by concurrent callers). */
  obligationIndex(exec: Executor): Promise<ObligationIndex> {
    return this.once(exec, 'obligations', () => readObligationIndex(exec));
  }

  /**
   * The obligation index if it is ready within `waitMs`, else null (its read goes on): the caller
   * then asks Cypher for its candidates. At ×1000 the paged read takes tens of seconds, longer than
   * a question may wait (the gateway's subgraph timeout); at ×1 it is ready well within the wait.
   */
  async obligationIndexWithin(exec: Executor, waitMs = INDEX_WAIT_MS): Promise<ObligationIndex | null> {
    return within(this.obligationIndex(exec), waitMs, null);
  }

  /** Service types' contexts in the current data version (a bounded LRU, subject-index.ts). */
  subjectIndex(exec: Executor): Promise<SubjectIndex | null> {
    return this.once(exec, 'subjects', async () => startSubjectIndex(exec));
  }

  private async once<T>(exec: Executor, name: string, read: () => Promise<T>): Promise<T> {
    const { key: version } = await this.watch.current(exec);
    this.moveTo(version);
    let pending = this.indexes.get(name) as Promise<T> | undefined;
    if (!pending) {
      // A failed read is forgotten, so that the next question tries again.
      const reading = read();
      reading.catch(() => {
        if (this.indexes.get(name) === reading) this.indexes.delete(name);
      });
      this.indexes.set(name, reading);
      pending = reading;
    }
    return pending;
  }

  /** The string table of the current version, for reads whose rows the cache keeps. */
  get strings(): StringTable {
    return this.stringTable;
  }

  private moveTo(version: string): void {
    if (version === this.versionKey) return;
    this.entries.clear();
    this.indexes.clear();
    this.stringTable = new StringTable(STRING_TABLE_MAX);
    this.versionKey = version;
  }

  async rows(exec: Executor, key: string, load: () => Promise<EngineRows>): Promise<EngineRows> {
    const { key: version } = await this.watch.current(exec);
    this.moveTo(version);
    const hit = this.entries.get(key);
    if (hit) {
      this.entries.delete(key);
      this.entries.set(key, hit);
      observeCache('engine', 1, 0);
      return hit;
    }
    observeCache('engine', 0, 1);
    const rows = await load();
    // Rows read by Cypher while the obligation index was being read carry whole candidates with
    // their texts (~1 KB each, 1,000 per question at ×1000): not kept, the index answers next time.
    const fromIndex = rows.candidates.length === 0 || rows.candidates[0]!.textless === true;
    if (this.versionKey === version && fromIndex) {
      this.entries.set(key, rows);
      if (this.entries.size > this.maxEntries) this.entries.delete(this.entries.keys().next().value as string);
    }
    return rows;
  }
}

/** What the engine cache offers loadRows: the indexes of the current data version and its string table. */
export interface EngineIndexes {
  /** null while the index is still being read (the candidates then come from Cypher) */
  obligations: () => Promise<ObligationIndex | null>;
  subjects: () => Promise<SubjectIndex | null>;
  /** strings shared by the rows the cache keeps */
  strings: StringTable;
}
