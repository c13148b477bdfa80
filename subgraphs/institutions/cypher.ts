/** Named, parameterised Cypher of the institutions subgraph. */

export const INSTITUTIONS_BY_ID = `
UNWIND $ids AS id
MATCH (i:Institution {id: id})
OPTIONAL MATCH (i)-[:PART_OF]->(g:Institution)
RETURN i {.*, groupId: g.id} AS node`;

export const INSTITUTION_LIST = `
MATCH (i:Institution)
WHERE $type IS NULL OR i.type = $type
OPTIONAL MATCH (i)-[:PART_OF]->(g:Institution)
RETURN i {.*, groupId: g.id} AS node
ORDER BY i.id SKIP $offset LIMIT $limit`;

export const MEMBERS_OF = `
UNWIND $ids AS id
MATCH (m:Institution)-[:PART_OF]->(:Institution {id: id})
RETURN id AS key, m.id AS target ORDER BY m.id`;

export const DEPLOYMENTS_BY_ID = `
UNWIND $ids AS id
MATCH (i:Institution)-[:DEPLOYS]->(d:Deployment {id: id})-[:OF_TYPE]->(s:AIServiceType)
OPTIONAL MATCH (z:SandboxDesignation)-[:COVERS]->(d)
RETURN d {.*, institutionId: i.id, serviceTypeId: s.id, designationId: z.id} AS node`;

export const DEPLOYMENTS_OF_INSTITUTIONS = `
UNWIND $ids AS id
MATCH (:Institution {id: id})-[:DEPLOYS]->(d:Deployment)
RETURN id AS key, d.id AS target ORDER BY d.id`;

export const DEPLOYMENTS_OF_SERVICE_TYPES = `
UNWIND $ids AS id
MATCH (d:Deployment)-[:OF_TYPE]->(:AIServiceType {id: id})
RETURN id AS key, d.id AS target ORDER BY d.id`;

export const DESIGNATIONS_BY_ID = `
UNWIND $ids AS id
MATCH (z:SandboxDesignation {id: id})-[:GRANTED_TO]->(i:Institution)
MATCH (z)-[:FOR_SERVICE]->(s:AIServiceType)
OPTIONAL MATCH (z)-[:COVERS]->(d:Deployment)
OPTIONAL MATCH (i)-[:PART_OF]->(g:Institution)
RETURN z {.*, institutionId: i.id, serviceTypeId: s.id, deploymentId: d.id} AS node,
       i {.*, groupId: g.id} AS institution`;

export const DESIGNATION_LIST = `
MATCH (z:SandboxDesignation)
RETURN z.id AS id ORDER BY z.designatedOn, z.id LIMIT $limit`;

/**
 * Every designation's dates, for `designationsExpiring`: the end is computed by the shared lifecycle
 * (subgraphs/shared/designation-lifecycle.ts), not in Cypher, so that it says what `status` says.
 */
export const DESIGNATION_DATES = `
MATCH (z:SandboxDesignation)
RETURN z.id AS id, z.designatedOn AS designatedOn, z.designatedMonth AS designatedMonth,
       z.validFrom AS validFrom, z.validTo AS validTo, z.periodMonths AS periodMonths,
       z.extendedOn AS extendedOn, z.extendedUntil AS extendedUntil,
       z.deemedContinuationFrom AS deemedContinuationFrom, z.deemedContinuationUntil AS deemedContinuationUntil
ORDER BY z.id`;

export const DESIGNATIONS_OF_INSTITUTIONS = `
UNWIND $ids AS id
MATCH (z:SandboxDesignation)-[:GRANTED_TO]->(:Institution {id: id})
RETURN id AS key, z.id AS target ORDER BY z.id`;

export const DESIGNATIONS_OF_SERVICE_TYPES = `
UNWIND $ids AS id
MATCH (z:SandboxDesignation)-[:FOR_SERVICE]->(:AIServiceType {id: id})
RETURN id AS key, z.id AS target ORDER BY z.id`;

export const LEGAL_BASIS_OF = `
UNWIND $ids AS id
MATCH (:SandboxDesignation {id: id})-[:LEGAL_BASIS]->(p:Provision)
RETURN id AS key, p.id AS target ORDER BY p.id`;

export const EXEMPTIONS_OF = `
UNWIND $ids AS id
MATCH (:SandboxDesignation {id: id})-[:HAS_EXEMPTION]->(e:Exemption)-[:FROM_PROVISION]->(p:Provision)
OPTIONAL MATCH (e)-[:AFFECTS]->(o:Obligation)
WITH id, e, p, collect(o.id) AS obligationIds
RETURN id AS key, e {.*, provisionId: p.id, obligationIds: obligationIds} AS exemption
ORDER BY p.id`;
