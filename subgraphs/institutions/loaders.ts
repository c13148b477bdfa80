import type { Executor } from '../../lib/neo4j.ts';
import { groupBy, keyedLoader, nodesByIdLoader as nodesById, relatedIdsLoader as relatedIds, type Node } from '../shared/batch.ts';
import type { SharedReads } from '../shared/shared-reads.ts';
import * as Q from './cypher.ts';

export type { Node };

export function createLoaders(exec: Executor, reads?: SharedReads) {
  const institution = nodesById(exec, 'institutionsById', Q.INSTITUTIONS_BY_ID, reads);
  return {
    exec,
    institution,
    deployment: nodesById(exec, 'deploymentsById', Q.DEPLOYMENTS_BY_ID, reads),
    /** Designations come with their institution, primed into the institution loader. */
    designation: keyedLoader<string, Node | null>(async (ids, share) => {
      const rows = await exec.read('designationsById', Q.DESIGNATIONS_BY_ID, { ids });
      for (const r of rows) {
        institution.prime((r.institution as Node).id, r.institution as Node);
        share?.('institutionsById', (r.institution as Node).id, r.institution);
      }
      return new Map(rows.map((r) => [(r.node as Node).id, r.node as Node]));
    }, null, undefined, reads && { reads, name: 'designationsById' }),
    membersOf: relatedIds(exec, 'membersOf', Q.MEMBERS_OF, reads),
    deploymentsOfInstitution: relatedIds(exec, 'deploymentsOfInstitutions', Q.DEPLOYMENTS_OF_INSTITUTIONS, reads),
    deploymentsOfServiceType: relatedIds(exec, 'deploymentsOfServiceTypes', Q.DEPLOYMENTS_OF_SERVICE_TYPES, reads),
    designationsOfInstitution: relatedIds(exec, 'designationsOfInstitutions', Q.DESIGNATIONS_OF_INSTITUTIONS, reads),
    designationsOfServiceType: relatedIds(exec, 'designationsOfServiceTypes', Q.DESIGNATIONS_OF_SERVICE_TYPES, reads),
    legalBasisOf: relatedIds(exec, 'legalBasisOf', Q.LEGAL_BASIS_OF, reads),
    exemptionsOf: keyedLoader<string, Node[]>(async (ids) => {
      const rows = await exec.read('exemptionsOf', Q.EXEMPTIONS_OF, { ids });
      return new Map([...groupBy(rows, (r) => r.key as string)].map(([k, list]) => [k, list.map((r) => r.exemption as Node)]));
    }, [], undefined, reads && { reads, name: 'exemptionsOf' }),
  };
}
export type InstitutionsLoaders = ReturnType<typeof createLoaders>;
