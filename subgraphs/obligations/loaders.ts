import DataLoader from 'dataloader';
import type { Executor } from '../../lib/neo4j.ts';
import { groupBy, keyedLoader } from '../shared/batch.ts';
import { evaluate, type EngineCache, type ProvisionRef, type EvaluationOptions, type PrimeObligation, type Report, type Subject } from './applicability.ts';
import type { SharedReads } from '../shared/shared-reads.ts';
import * as Q from './cypher.ts';
import type { AddresseeRole } from './addressees.ts';
import { reportsForServiceTypes, type ContextInput } from './reports.ts';

export type Node = { id: string; [k: string]: unknown };
export interface ObligationNode extends Node {
  kind: string;
  sandboxOnly: boolean | null;
  triggers: { id: string | null; label: string | null }[];
  /** What Obligation.provisions @provides: citations and the regulation's names. */
  provisionRefs: ProvisionRef[];
  triggerRiskLevels?: string[] | null;
  triggerStatutoryClasses?: string[] | null;
  triggerInstitutionTypes?: string[] | null;
  addressees?: AddresseeRole[];
}
export interface ObligationVersion {
  id: string;
  validFrom: string;
  validTo: string | null;
  amendmentId: string | null;
  [k: string]: unknown;
}
export interface Hit {
  service: Node;
  trigger: Node;
  kind: string;
}
export type InstitutionKey = { institutionId: string; asOf: string };

export function createLoaders(exec: Executor, defaults: { jurisdictions: string[]; cache?: EngineCache; reads?: SharedReads }) {
  const cache = defaults.cache;
  const reads = defaults.reads;
  const shared = (name: string) => reads && { reads, name };
  const obligation = keyedLoader<string, ObligationNode | null>(async (ids) => {
      const rows = await exec.read('obligationsById', Q.OBLIGATIONS_BY_ID, { ids });
      return new Map(rows.map((r) => [(r.obligation as ObligationNode).id, r.obligation as ObligationNode]));
    }, null, undefined, shared('obligationsById'));
  const versions = keyedLoader<string, ObligationVersion[]>(async (ids) => {
      const rows = await exec.read('obligationVersions', Q.VERSIONS_OF_OBLIGATIONS, { ids });
      return new Map([...groupBy(rows, (r) => r.oid as string)].map(([k, list]) => [k, list.map((r) => r.version as ObligationVersion)]));
    }, [], undefined, shared('obligationVersions'));
  /** An institution's deployments with their service types and designations: the engine's subjects. */
  const institutionSubjects = keyedLoader<string, Record<string, unknown>[]>(
    async (ids) => {
      const rows = await exec.read('institutionSubjects', Q.INSTITUTION_SUBJECTS, { ids });
      return groupBy(rows, (r) => r.iid as string);
    },
    [],
    undefined,
    shared('institutionSubjects'),
  );
  /**
   * The engine already read each candidate obligation (and its versions, unless they came without
   * their texts from the compact obligation index): later field resolvers reuse them.
   */
  const prime: PrimeObligation = (o, vs) => {
    obligation.prime(o.id, o as ObligationNode);
    if (vs) versions.prime(o.id, vs as ObligationVersion[]);
  };
  return {
    exec,
    cache,
    prime,
    obligation,
    versions,
    hits: keyedLoader<string, Hit[]>(async (ids) => {
      const rows = await exec.read('serviceTypesHit', Q.SERVICE_TYPES_HIT, { ids });
      return new Map([...groupBy(rows, (r) => r.oid as string)].map(([k, list]) => [k, list as unknown as Hit[]]));
    }, [], undefined, shared('serviceTypesHit')),
    obligationsOfProvision: keyedLoader<{ provisionId: string; asOf: string | null }, string[]>(
      async (keys) => {
        const out = new Map<{ provisionId: string; asOf: string | null }, string[]>();
        const byDate = groupBy([...keys], (k) => k.asOf ?? '');
        for (const [asOf, list] of byDate) {
          const rows = await exec.read('obligationsOfProvisions', Q.OBLIGATIONS_OF_PROVISIONS, { ids: list.map((k) => k.provisionId), asOf: asOf || null });
          const grouped = groupBy(rows, (r) => r.key as string);
          for (const k of list) out.set(k, (grouped.get(k.provisionId) ?? []).map((r) => r.target as string));
        }
        return out;
      },
      [],
      (k) => `${k.provisionId}|${k.asOf ?? ''}`,
      shared('obligationsOfProvisions'),
    ),
    serviceTypeReport: new DataLoader<{ serviceTypeId: string; context: ContextInput }, Report, string>(
      async (keys) => {
        const found = await reportsForServiceTypes(exec, keys, { prime, ...(cache ? { cache } : {}) });
        return keys.map((k) => found.get(`${k.serviceTypeId}|${JSON.stringify(k.context)}`) ?? new Error(`no report for ${k.serviceTypeId}`));
      },
      { cacheKeyFn: (k) => `${k.serviceTypeId}|${JSON.stringify(k.context)}` },
    ),
    /** All deployments of many institutions evaluated in one engine call per date. */
    institutionReports: keyedLoader<InstitutionKey, Report[]>(
      async (keys) => {
        const out = new Map<InstitutionKey, Report[]>();
        for (const [asOf, list] of groupBy([...keys], (k) => k.asOf)) {
          const rows = (await Promise.all(list.map((k) => institutionSubjects.load(k.institutionId)))).flat();
          const subjects: (Subject & { institutionId: string })[] = rows.map((r) => ({
            key: `${r.iid}|${r.deploymentId}`,
            institutionId: r.iid as string,
            serviceTypeId: r.serviceTypeId as string,
            deploymentId: r.deploymentId as string,
            designationIds: r.designationIds as string[],
            sandbox: (r.designationIds as string[]).length > 0,
            institutionType: (r.institutionType as string) ?? null,
            extraDataCategoryIds: [],
          }));
          const reports = await evaluate(exec, subjects, { asOf, jurisdictions: defaults.jurisdictions, includeInactive: false, includeNonBinding: true, prime, ...(cache ? { cache } : {}) });
          for (const k of list) {
            out.set(k, subjects.filter((s) => s.institutionId === k.institutionId).map((s) => reports.get(s.key)).filter((r): r is Report => Boolean(r)));
          }
        }
        return out;
      },
      [],
      (k) => `${k.institutionId}|${k.asOf}`,
    ),
  };
}
export type ObligationsLoaders = ReturnType<typeof createLoaders>;

export type { EvaluationOptions };
