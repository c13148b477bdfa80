/** Evaluation of service types in a context, shared by the resolvers and the per-request loaders. */
import { isIsoDate, today } from '../../lib/dates.ts';
import { appError, badInput, ErrorCode } from '../../lib/errors.ts';
import type { Executor } from '../../lib/neo4j.ts';
import { evaluate, type EvaluationOptions, type Report, type Subject } from './applicability.ts';

export interface ContextInput {
  sandbox?: boolean | null;
  designation?: string | null;
  institutionType?: string | null;
  dataCategories?: string[] | null;
  capabilities?: string[] | null;
  jurisdictions?: string[] | null;
  asOf?: string | null;
  includeInactive?: boolean | null;
  includeNonBinding?: boolean | null;
}

export function optionsOf(c: ContextInput, asOf: string): EvaluationOptions {
  return {
    asOf,
    jurisdictions: c.jurisdictions && c.jurisdictions.length > 0 ? c.jurisdictions : ['KR'],
    includeInactive: c.includeInactive ?? true,
    includeNonBinding: c.includeNonBinding ?? true,
  };
}

export function checkContext(c: ContextInput): void {
  if (c.asOf && !isIsoDate(c.asOf)) throw badInput('asOf must be YYYY-MM-DD', 'context.asOf');
  if ((c.dataCategories?.length ?? 0) > 50) throw badInput('At most 50 extra data categories', 'context.dataCategories');
  if ((c.capabilities?.length ?? 0) > 50) throw badInput('At most 50 extra capabilities', 'context.capabilities');
  if ((c.jurisdictions?.length ?? 0) > 10) throw badInput('At most 10 jurisdictions', 'context.jurisdictions');
}

export function subjectOf(key: string, serviceTypeId: string, c: ContextInput): Subject {
  return {
    key,
    serviceTypeId,
    designationIds: c.designation ? [c.designation] : null,
    sandbox: Boolean(c.sandbox || c.designation),
    institutionType: c.institutionType ?? null,
    extraDataCategoryIds: c.dataCategories ?? [],
    extraCapabilityIds: c.capabilities ?? [],
    deploymentId: null,
  };
}

/** A deployment as the engine's subject: its designations and institution type, unless the context names them. */
export function deploymentSubject(key: string, row: Record<string, unknown>, c: ContextInput): Subject {
  const designationIds = row.designationIds as string[];
  return {
    ...subjectOf(key, row.serviceTypeId as string, c),
    deploymentId: row.deploymentId as string,
    designationIds: c.designation ? [c.designation] : designationIds.length > 0 ? designationIds : c.sandbox ? null : [],
    sandbox: Boolean(c.sandbox || c.designation || designationIds.length > 0),
    institutionType: c.institutionType ?? (row.institutionType as string | null),
  };
}

export function checkReport(report: Report | undefined, subject: Subject, c: ContextInput): Report {
  if (!report) throw appError(ErrorCode.NOT_FOUND, `Service type ${subject.serviceTypeId} not found`, { field: 'serviceType' });
  if (c.designation && !report.designations.some((z) => z.id === c.designation)) {
    throw appError(ErrorCode.NOT_FOUND, `Designation ${c.designation} not found`, { field: 'context.designation' });
  }
  return report;
}

/**
 * Reports for many service types in one context, evaluated together (one engine call per batch):
 * `AIServiceType.applicableObligations` on a list of service types must not cost a query per item.
 */
export async function reportsForServiceTypes(exec: Executor, keys: readonly { serviceTypeId: string; context: ContextInput }[], extra: Pick<EvaluationOptions, 'prime' | 'cache'> = {}): Promise<Map<string, Report | Error>> {
  const out = new Map<string, Report | Error>();
  const byContext = new Map<string, string[]>();
  for (const k of keys) {
    const cj = JSON.stringify(k.context);
    byContext.set(cj, [...(byContext.get(cj) ?? []), k.serviceTypeId]);
  }
  for (const [cj, serviceTypeIds] of byContext) {
    const c = JSON.parse(cj) as ContextInput;
    const subjects = [...new Set(serviceTypeIds)].map((sid) => subjectOf(sid, sid, c));
    const reports = await evaluate(exec, subjects, { ...optionsOf(c, c.asOf ?? today()), ...extra });
    for (const s of subjects) {
      try {
        out.set(`${s.serviceTypeId}|${cj}`, checkReport(reports.get(s.key), s, c));
      } catch (err) {
        out.set(`${s.serviceTypeId}|${cj}`, err as Error);
      }
    }
  }
  return out;
}

