import type { Executor } from '../../lib/neo4j.ts';
import { groupBy, keyedLoader, nodesByIdLoader as nodesById, relatedIdsLoader as relatedIds, type Node } from '../shared/batch.ts';
import * as Q from './cypher.ts';

export type { Node };

export function createLoaders(exec: Executor) {
  const institution = nodesById(exec, 'institutionsById', Q.INSTITUTIONS_BY_ID);
  return {
    exec,
    institution,
    deployment: nodesById(exec, 'deploymentsById', Q.DEPLOYMENTS_BY_ID),
    /** Designations come with their institution, primed into the institution loader. */
    designation: keyedLoader<string, Node | null>(async (ids) => {
      const rows = await exec.read('designationsById', Q.DESIGNATIONS_BY_ID, { ids });
      for (const r of rows) institution.prime((r.institution as Node).id, r.institution as Node);
      return new Map(rows.map((r) => [(r.node as Node).id, r.node as Node]));
    }, null),
    membersOf: relatedIds(exec, 'membersOf', Q.MEMBERS_OF),
    deploymentsOfInstitution: relatedIds(exec, 'deploymentsOfInstitutions', Q.DEPLOYMENTS_OF_INSTITUTIONS),
    deploymentsOfServiceType: relatedIds(exec, 'deploymentsOfServiceTypes', Q.DEPLOYMENTS_OF_SERVICE_TYPES),
    designationsOfInstitution: relatedIds(exec, 'designationsOfInstitutions', Q.DESIGNATIONS_OF_INSTITUTIONS),
    designationsOfServiceType: relatedIds(exec, 'designationsOfServiceTypes', Q.DESIGNATIONS_OF_SERVICE_TYPES),
    legalBasisOf: relatedIds(exec, 'legalBasisOf', Q.LEGAL_BASIS_OF),
    exemptionsOf: keyedLoader<string, Node[]>(async (ids) => {
      const rows = await exec.read('exemptionsOf', Q.EXEMPTIONS_OF, { ids });
      return new Map([...groupBy(rows, (r) => r.key as string)].map(([k, list]) => [k, list.map((r) => r.exemption as Node)]));
    }, []),
  };
}
export type InstitutionsLoaders = ReturnType<typeof createLoaders>;
