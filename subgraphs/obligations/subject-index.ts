/**
 * Service types' contexts — their broader chain, capabilities and data categories with the paths
 * to them, and the sandbox designations granted for them — held in memory per data version, at most
 * MAX_SUBJECT_CONTEXTS of them, least recently used first out. A question then costs no Cypher query
 * for its context once its service type was read (at the benchmark's ×100, 2,400 service types:
 * ~5 MB, where one question's context read cost ~1 ms of Neo4j and ~2 ms of this process).
 *
 * It starts with the first MAX_SUBJECT_CONTEXTS service types (read in pages), so up to that many
 * every first question is answered from memory; above it (×1000: 24,000 service types) the others
 * are read on first use, one query per question for those it misses. The earlier all-or-nothing cap
 * (no index at all above 20,000 service types) made every first question a query from one service
 * type more on: a cliff, where this is a bound.
 *
 * Questions that name a designation or add data categories or capabilities still read their context with
 * SUBJECT_CONTEXT: those depend on the question, not only on the service type.
 */
import type { Reader } from '../../lib/neo4j.ts';
import { StringTable } from '../../lib/string-table.ts';
import { within } from '../../lib/wait.ts';
import type { Subject, SubjectCtx } from './applicability.ts';
import * as Q from './cypher.ts';

/** Contexts held (~2 KB each at ×100 with shared strings: ~20 MB at most). */
export const MAX_SUBJECT_CONTEXTS = 10_000;
/** Service types per query when the index starts (2,400 in one query took 0.2–0.6 s at ×100). */
const PAGE = 1000;

export class SubjectIndex {
  /** null: the service type does not exist (so an unknown id is not read again). */
  private readonly byServiceType = new Map<string, SubjectCtx | null>();
  private readonly strings = new StringTable(200_000);

  constructor(private readonly max = MAX_SUBJECT_CONTEXTS) {}

  get size(): number {
    return this.byServiceType.size;
  }

  /** Whether the question's context is one the index holds (no designation named, nothing added). */
  private static general(subject: Subject): boolean {
    return subject.designationIds === null && subject.extraDataCategoryIds.length === 0 && (subject.extraCapabilityIds?.length ?? 0) === 0;
  }

  /**
   * What SUBJECT_CONTEXT returns for `subject`: its context, null when the service type does not
   * exist, or undefined when the question needs the query (a named designation, extra data
   * categories or capabilities, or a service type not held: see `fill`).
   */
  contextOf(subject: Subject): SubjectCtx | null | undefined {
    if (!SubjectIndex.general(subject)) return undefined;
    const ctx = this.byServiceType.get(subject.serviceTypeId);
    if (ctx === undefined) return undefined;
    this.byServiceType.delete(subject.serviceTypeId);
    this.byServiceType.set(subject.serviceTypeId, ctx);
    if (!ctx) return null;
    // Outside a sandbox context no designation is in play (as in SUBJECT_CONTEXT).
    return { ...ctx, key: subject.key, designations: subject.sandbox ? ctx.designations : [] };
  }

  /** The preload still running (startSubjectIndex), if any. */
  loading: Promise<void> | null = null;

  /**
   * Reads (one query) the contexts of the subjects' service types not held yet, after waiting at
   * most `waitMs` for a preload still running (at ×1 it ends well within that: no extra query).
   */
  async fill(exec: Reader, subjects: Subject[], waitMs = 1000): Promise<void> {
    if (this.loading) await within(this.loading, waitMs, undefined);
    const missing = [...new Set(subjects.filter((s) => SubjectIndex.general(s) && !this.byServiceType.has(s.serviceTypeId)).map((s) => s.serviceTypeId))];
    if (missing.length) await this.read(exec, missing);
  }

  async read(exec: Reader, ids: string[]): Promise<void> {
    const rows = (await exec.read('subjectIndex', Q.SUBJECT_CONTEXT, {
      subjects: ids.map((id) => ({ key: id, serviceTypeId: id, designationIds: null, sandbox: true, extraDataCategoryIds: [] })),
    }, { shareStrings: this.strings })) as unknown as SubjectCtx[];
    const found = new Map(rows.map((r) => [r.service.id, r]));
    for (const id of ids) this.put(id, found.get(id) ?? null);
  }

  private put(id: string, ctx: SubjectCtx | null): void {
    this.byServiceType.delete(id);
    this.byServiceType.set(id, ctx);
    if (this.byServiceType.size > this.max) this.byServiceType.delete(this.byServiceType.keys().next().value as string);
  }
}

/** The subject index with the first `max` service types read (in pages of PAGE, each its own query). */
export async function readSubjectIndex(exec: Reader, max = MAX_SUBJECT_CONTEXTS): Promise<SubjectIndex> {
  const index = new SubjectIndex(max);
  await preload(exec, index, max);
  return index;
}

/**
 * The subject index at once, its first `max` service types read in the background: at ×1000 the
 * ten pages take ~6 s, longer than a question may wait; meanwhile a question reads (`fill`) the
 * contexts it needs. A failed preload leaves the index to fill on demand.
 */
export function startSubjectIndex(exec: Reader, max = MAX_SUBJECT_CONTEXTS): SubjectIndex {
  const index = new SubjectIndex(max);
  index.loading = preload(exec, index, max)
    .catch(() => {})
    .finally(() => (index.loading = null));
  return index;
}

async function preload(exec: Reader, index: SubjectIndex, max: number): Promise<void> {
  const ids = (await exec.read('subjectIndexIds', Q.SERVICE_TYPE_IDS, { limit: max })).map((r) => r.id as string);
  for (let i = 0; i < ids.length; i += PAGE) await index.read(exec, ids.slice(i, i + PAGE));
}
