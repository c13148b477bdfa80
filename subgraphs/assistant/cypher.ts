/** Named, parameterised Cypher of the assistant subgraph. */

/** Every obligation's id, in order (the corpus is read in pages of these). */
export const OBLIGATION_IDS = `MATCH (o:Obligation) RETURN o.id AS id ORDER BY o.id`;

/** The obligations $ids with the text the matcher indexes: statements, provision titles and texts, concepts; their provisions' ids (the matcher's sections). */
export const OBLIGATION_CORPUS = `
UNWIND $ids AS oid
MATCH (o:Obligation {id: oid})
CALL {
  WITH o
  MATCH (o)-[:HAS_VERSION]->(v:ObligationVersion)
  WHERE v.validFrom <= date($asOf) AND (v.validTo IS NULL OR date($asOf) < v.validTo)
  RETURN v ORDER BY v.validFrom DESC LIMIT 1
}
CALL {
  WITH o
  OPTIONAL MATCH (o)-[:DERIVED_FROM]->(p:Provision)
  OPTIONAL MATCH (p)-[:HAS_VERSION]->(pv:ProvisionVersion)
  WHERE pv.validFrom <= date($asOf) AND (pv.validTo IS NULL OR date($asOf) < pv.validTo)
  RETURN collect(DISTINCT coalesce(p.citationKo, '') + ' ' + coalesce(p.titleKo, '') + ' ' + coalesce(p.citationEn, '') + ' ' + coalesce(p.titleEn, '')) AS titles,
         collect(DISTINCT coalesce(pv.textKo, '') + ' ' + coalesce(pv.textEn, '')) AS texts,
         collect(DISTINCT p.id) AS provisionIds
}
CALL {
  WITH o
  OPTIONAL MATCH (o)-[:TRIGGERED_BY]->(t)
  OPTIONAL MATCH (t)-[:ABOUT]->(c:Concept)
  RETURN collect(DISTINCT coalesce(t.nameKo, '') + ' ' + coalesce(t.nameEn, '')) AS triggerNames,
         collect(DISTINCT c.labelKo + ' ' + c.labelEn) AS conceptLabels
}
RETURN o.id AS id, o.kind AS kind, v.statementKo AS statementKo, v.statementEn AS statementEn,
       titles, texts, triggerNames, conceptLabels, provisionIds
ORDER BY o.id`;

export const CONCEPTS = `
MATCH (c:Concept)
RETURN c.id AS id, c.labelKo AS labelKo, c.labelEn AS labelEn,
       coalesce(c.aliasesKo, []) AS aliasesKo, coalesce(c.aliasesEn, []) AS aliasesEn
ORDER BY c.id`;

/** From matched obligations, through the graph, to what they touch. */
export const IMPACT = `
CALL {
  UNWIND $ids AS oid
  MATCH (:Obligation {id: oid})-[:DERIVED_FROM]->(p:Provision)
  RETURN collect(DISTINCT p.id) AS provisionIds
}
CALL {
  UNWIND $ids AS oid
  MATCH (o:Obligation {id: oid})-[:TRIGGERED_BY]->(t)
  CALL {
    WITH t
    MATCH (s:AIServiceType)-[:BROADER*0..6]->(t:AIServiceType) RETURN s
    UNION
    WITH t
    MATCH (s:AIServiceType)-[:BROADER*0..6]->(:AIServiceType)-[:HAS_CAPABILITY]->(t:Capability) RETURN s
    UNION
    WITH t
    MATCH (s:AIServiceType)-[:BROADER*0..6]->(:AIServiceType)-[:PROCESSES]->(:DataCategory)-[:BROADER*0..6]->(t:DataCategory) RETURN s
    UNION
    WITH t
    MATCH (t:SandboxDesignation)-[:FOR_SERVICE]->(s:AIServiceType) RETURN s
  }
  RETURN collect(DISTINCT s.id) AS serviceTypeIds
}
CALL {
  WITH serviceTypeIds
  UNWIND serviceTypeIds AS sid
  MATCH (i:Institution)-[:DEPLOYS]->(:Deployment)-[:OF_TYPE]->(:AIServiceType {id: sid})
  RETURN collect(DISTINCT i.id) AS institutionIds
}
CALL {
  WITH serviceTypeIds
  OPTIONAL MATCH (z:SandboxDesignation)-[:FOR_SERVICE]->(s:AIServiceType)
  WHERE s.id IN serviceTypeIds
  RETURN collect(DISTINCT z.id) AS byService
}
CALL {
  OPTIONAL MATCH (z:SandboxDesignation)<-[:TRIGGERED_BY]-(o:Obligation)
  WHERE o.id IN $ids
  RETURN collect(DISTINCT z.id) AS byCondition
}
CALL {
  OPTIONAL MATCH (z:SandboxDesignation)-[:HAS_EXEMPTION]->(:Exemption)-[:AFFECTS]->(o:Obligation)
  WHERE o.id IN $ids
  RETURN collect(DISTINCT z.id) AS byExemption
}
RETURN provisionIds, serviceTypeIds, institutionIds, byService + byCondition + byExemption AS designationIds`;
