/** Named, parameterised Cypher of the regulations subgraph. Dates are passed as ISO strings. */

export const REGULATIONS_BY_ID = `
UNWIND $ids AS id
MATCH (r:Regulation {id: id})
RETURN r {.*} AS regulation`;

export const REGULATION_LIST = `
MATCH (r:Regulation)
WHERE ($jurisdiction IS NULL OR r.jurisdiction = $jurisdiction)
  AND ($binding IS NULL OR r.binding = $binding)
RETURN r {.*} AS regulation
ORDER BY r.jurisdiction, r.id
SKIP $offset LIMIT $limit`;

/** With its regulation, which clients nearly always ask for next (primed into the regulation loader). */
export const PROVISIONS_BY_ID = `
UNWIND $ids AS id
MATCH (p:Provision {id: id})
OPTIONAL MATCH (r:Regulation)-[:HAS_PROVISION]->(p)
RETURN p {.*} AS provision, r {.*} AS regulation`;

/** Provisions of several regulations at once; with $asOf only those with a version in force then. */
export const PROVISIONS_OF_REGULATIONS = `
UNWIND $ids AS rid
MATCH (:Regulation {id: rid})-[:HAS_PROVISION]->(p:Provision)
WHERE $asOf IS NULL OR EXISTS {
  MATCH (p)-[:HAS_VERSION]->(v:ProvisionVersion)
  WHERE v.validFrom <= date($asOf) AND (v.validTo IS NULL OR date($asOf) < v.validTo)
}
RETURN rid, p {.*} AS provision`;

export const VERSIONS_OF_PROVISIONS = `
UNWIND $ids AS pid
MATCH (:Provision {id: pid})-[:HAS_VERSION]->(v:ProvisionVersion)
OPTIONAL MATCH (v)-[:PRODUCED_BY]->(a:Amendment)
RETURN pid, v {.*, amendmentId: a.id} AS version
ORDER BY v.validFrom`;

export const AMENDMENTS_BY_ID = `
UNWIND $ids AS id
MATCH (a:Amendment {id: id})
RETURN a {.*} AS amendment`;

export const AMENDMENTS_OF_REGULATIONS = `
UNWIND $ids AS rid
MATCH (a:Amendment {regulationId: rid})
RETURN rid, a {.*} AS amendment
ORDER BY a.effectiveOn DESC`;

export const AMENDMENT_LIST = `
MATCH (a:Amendment)
WHERE $regulationId IS NULL OR a.regulationId = $regulationId
RETURN a {.*} AS amendment
ORDER BY a.effectiveOn DESC, a.id
LIMIT $limit`;

