/**
 * Every service type's context — its broader chain, capabilities and data categories with the
 * paths to them, and the sandbox designations granted for it — held in memory per data version.
 * A question asked for the first time then costs no Cypher query either (at the benchmark's ×100,
 * 2,400 service types: ~9 MB, read in 0.2–0.6 s once per version, where one question's context
 * read cost ~1 ms of Neo4j and ~2 ms of this process).
 *
 * Questions that name a designation or add data categories or capabilities still read their context with
 * SUBJECT_CONTEXT: those depend on the question, not only on the service type.
 */
import type { Reader } from '../../lib/neo4j.ts';
import type { Subject, SubjectCtx } from './applicability.ts';
import * as Q from './cypher.ts';

/** Above this many service types the index is not built and every question reads its own context. */
export const MAX_INDEXED_SERVICE_TYPES = 20_000;

export class SubjectIndex {
  constructor(private readonly byServiceType: Map<string, SubjectCtx>) {}

  /**
   * What SUBJECT_CONTEXT returns for `subject`: its context, null when the service type does not
   * exist, or undefined when the question needs the query (a named designation, extra data categories or capabilities).
   */
  contextOf(subject: Subject): SubjectCtx | null | undefined {
    if (subject.designationIds !== null || subject.extraDataCategoryIds.length > 0 || (subject.extraCapabilityIds?.length ?? 0) > 0) return undefined;
    const ctx = this.byServiceType.get(subject.serviceTypeId);
    if (!ctx) return null;
    // Outside a sandbox context no designation is in play (as in SUBJECT_CONTEXT).
    return { ...ctx, key: subject.key, designations: subject.sandbox ? ctx.designations : [] };
  }
}

export async function readSubjectIndex(exec: Reader): Promise<SubjectIndex | null> {
  const ids = (await exec.read('subjectIndexIds', Q.SERVICE_TYPE_IDS, { limit: MAX_INDEXED_SERVICE_TYPES + 1 })).map((r) => r.id as string);
  if (ids.length > MAX_INDEXED_SERVICE_TYPES) return null;
  const rows = (await exec.read('subjectIndex', Q.SUBJECT_CONTEXT, {
    subjects: ids.map((id) => ({ key: id, serviceTypeId: id, designationIds: null, sandbox: true, extraDataCategoryIds: [] })),
  }, { shareStrings: true })) as unknown as SubjectCtx[];
  return new SubjectIndex(new Map(rows.map((r) => [r.service.id, r])));
}
