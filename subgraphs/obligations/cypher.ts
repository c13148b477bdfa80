/** Named, parameterised Cypher of the obligations subgraph (incl. the applicability engine). */

/**
 * Everything the engine needs to know about the subjects (service types + sandbox context), in one
 * round trip: the service type's broader chain, capabilities and data categories (with the paths
 * that lead to them) and the designations in play with their exemptions.
 */
export const SUBJECT_CONTEXT = `
UNWIND $subjects AS subj
MATCH (s:AIServiceType {id: subj.serviceTypeId})
CALL {
  WITH s
  MATCH p = (s)-[:BROADER*0..6]->(t:AIServiceType)
  RETURN collect({id: t.id, nameKo: t.nameKo, nameEn: t.nameEn, riskLevel: t.riskLevel, statutoryClasses: coalesce(t.statutoryClasses, []), chain: [n IN nodes(p) | n.id]}) AS types
}
CALL {
  WITH s
  MATCH p = (s)-[:BROADER*0..6]->(:AIServiceType)-[:HAS_CAPABILITY]->(c:Capability)
  RETURN collect({id: c.id, nameKo: c.nameKo, nameEn: c.nameEn, chain: [n IN nodes(p) | n.id]}) AS capabilities
}
CALL {
  WITH s
  MATCH p = (s)-[:BROADER*0..6]->(:AIServiceType)-[:PROCESSES]->(:DataCategory)-[:BROADER*0..6]->(d:DataCategory)
  RETURN collect({id: d.id, nameKo: d.nameKo, nameEn: d.nameEn, chain: [n IN nodes(p) | n.id]}) AS dataCategories
}
CALL {
  WITH subj
  UNWIND coalesce(subj.extraDataCategoryIds, []) AS xid
  MATCH p = (:DataCategory {id: xid})-[:BROADER*0..6]->(d:DataCategory)
  RETURN collect({id: d.id, nameKo: d.nameKo, nameEn: d.nameEn, chain: [n IN nodes(p) | n.id]}) AS extraDataCategories
}
CALL {
  WITH subj
  // Capabilities the question adds; unknown ids simply match nothing (as for data categories).
  UNWIND coalesce(subj.extraCapabilityIds, []) AS xid
  MATCH (c:Capability {id: xid})
  RETURN collect(DISTINCT {id: c.id, nameKo: c.nameKo, nameEn: c.nameEn, chain: [c.id]}) AS extraCapabilities
}
CALL {
  WITH s, subj
  // Named designations by id; otherwise, in a sandbox context, those granted for the service type.
  CALL {
    WITH subj
    UNWIND coalesce(subj.designationIds, []) AS zid
    MATCH (z:SandboxDesignation {id: zid})
    RETURN z
    UNION
    WITH s, subj
    MATCH (z:SandboxDesignation)-[:FOR_SERVICE]->(s)
    WHERE subj.designationIds IS NULL AND subj.sandbox
    RETURN z
  }
  OPTIONAL MATCH (z)-[:GRANTED_TO]->(i:Institution)
  CALL {
    WITH z
    MATCH (z)-[:HAS_EXEMPTION]->(e:Exemption)-[:FROM_PROVISION]->(p:Provision)
    OPTIONAL MATCH (e)-[:AFFECTS]->(o:Obligation)
    WITH e, p, collect(o.id) AS obligationIds
    RETURN collect({effect: e.effect, noteKo: e.noteKo, noteEn: e.noteEn, provisionId: p.id,
                    citationKo: p.citationKo, citationEn: p.citationEn, obligationIds: obligationIds}) AS exemptions
  }
  // The dates the lifecycle needs (subgraphs/shared/designation-lifecycle.ts factsOf).
  RETURN collect({id: z.id, nameKo: z.nameKo, nameEn: z.nameEn, designatedOn: z.designatedOn,
                  designatedMonth: z.designatedMonth, validFrom: z.validFrom, validTo: z.validTo,
                  periodMonths: z.periodMonths, extendedOn: z.extendedOn, extendedUntil: z.extendedUntil,
                  deemedContinuationFrom: z.deemedContinuationFrom, deemedContinuationUntil: z.deemedContinuationUntil,
                  institutionId: i.id,
                  institutionNameKo: i.nameKo, institutionNameEn: i.nameEn, exemptions: exemptions}) AS designations
}
RETURN subj.key AS key, s {.id, .nameKo, .nameEn, .riskLevel} AS service,
       types, capabilities, dataCategories, extraDataCategories, extraCapabilities, designations`;

/** Every service type's id (for the subject index), at most $limit. */
export const SERVICE_TYPE_IDS = `
MATCH (s:AIServiceType)
RETURN s.id AS id
ORDER BY s.id
LIMIT $limit`;

/** What the engine needs of each obligation `o`: triggers, versions, provisions (status and citations). */
const CANDIDATE_DETAILS = `
CALL {
  WITH o
  OPTIONAL MATCH (o)-[:TRIGGERED_BY]->(t)
  RETURN collect(t.id) AS triggerIds, collect({id: t.id, label: labels(t)[0]}) AS triggers
}
CALL {
  WITH o
  MATCH (o)-[:HAS_VERSION]->(v:ObligationVersion)
  OPTIONAL MATCH (v)-[:PRODUCED_BY]->(a:Amendment)
  WITH v, a ORDER BY v.validFrom
  RETURN collect(v {.*, amendmentId: coalesce(a.id, v.amendmentId)}) AS versions
}
CALL {
  WITH o
  OPTIONAL MATCH (o)-[:ADDRESSED_TO]->(r:AddresseeRole)
  WITH r ORDER BY r.id
  RETURN collect(r {.id, .nameKo, .nameEn, .institutionTypes, .anyInstitutionType, .definitionKo, .definitionEn}) AS addressees
}
CALL {
  WITH o
  MATCH (o)-[:DERIVED_FROM]->(p:Provision)<-[:HAS_PROVISION]-(r:Regulation)
  OPTIONAL MATCH (p)-[:HAS_VERSION]->(pv:ProvisionVersion)
  WITH p, r, pv ORDER BY pv.validFrom
  WITH p, r, collect({validFrom: pv.validFrom, validTo: pv.validTo}) AS pvs, collect(pv {.sourceUrl, .sourceKind}) AS sources
  // A deterministic order (the first is the result's primary citation): the statute before its
  // decree, then by id. Relationship order is whatever the store returns.
  ORDER BY CASE r.instrumentType WHEN 'STATUTE' THEN 0 WHEN 'EU_REGULATION' THEN 0 WHEN 'ENFORCEMENT_DECREE' THEN 1 ELSE 2 END, p.id
  RETURN collect({id: p.id, citationKo: p.citationKo, citationEn: p.citationEn, regulationId: r.id,
                  regulationNameKo: r.nameKo, regulationNameEn: r.nameEn, jurisdiction: r.jurisdiction,
                  binding: r.binding, sourceUrl: coalesce(last(sources).sourceUrl, r.sourceUrl),
                  sourceKind: CASE WHEN last(sources).sourceUrl IS NULL THEN r.sourceKind ELSE last(sources).sourceKind END,
                  applicableFrom: r.applicableFrom, versions: pvs}) AS provisions
}
// The whole obligation and its versions come back so the resolvers need not fetch them again.
RETURN o {.*, addressees: addressees} AS obligation, triggerIds, triggers, versions, provisions, addressees`;

/**
 * Candidate obligations: those triggered by anything in the subjects' closure, plus those that a
 * designation in play exempts, with their triggers, versions and provisions (for status and citations).
 */
export const CANDIDATE_OBLIGATIONS = `
CALL {
  MATCH (t:AIServiceType)<-[:TRIGGERED_BY]-(o:Obligation) WHERE t.id IN $serviceTypeIds RETURN o
  UNION
  MATCH (t:Capability)<-[:TRIGGERED_BY]-(o:Obligation) WHERE t.id IN $capabilityIds RETURN o
  UNION
  MATCH (t:DataCategory)<-[:TRIGGERED_BY]-(o:Obligation) WHERE t.id IN $dataCategoryIds RETURN o
  UNION
  MATCH (t:SandboxDesignation)<-[:TRIGGERED_BY]-(o:Obligation) WHERE t.id IN $designationIds RETURN o
  UNION
  MATCH (z:SandboxDesignation)-[:HAS_EXEMPTION]->(:Exemption)-[:AFFECTS]->(o:Obligation)
  WHERE z.id IN $designationIds RETURN o
  UNION
  // What no relationship finds (risk-level and institution-type triggers, untriggered sandbox-only
  // duties), chosen in TypeScript from UNTARGETED_OBLIGATIONS: looked up by id, never scanned.
  UNWIND $untargetedIds AS xid
  MATCH (o:Obligation {id: xid})
  RETURN o
}
WITH DISTINCT o
${CANDIDATE_DETAILS}`;

/**
 * Every obligation with what the engine needs, for the in-memory obligation index the engine keeps
 * per data version (obligation-index.ts), one page at a time: the obligations after id $after, in id
 * order (keyset pagination on the unique id's index, so each page is one query well under the query
 * timeout and never rescans the pages before it).
 */
export const CANDIDATES_PAGE = `
MATCH (o:Obligation) WHERE o.id > $after
WITH o ORDER BY o.id LIMIT $limit
${CANDIDATE_DETAILS}`;

/**
 * The obligations no relationship can find: those triggered by a risk level or an institution type
 * (list properties), and sandbox-only duties with no trigger of their own, which bind every service
 * under designation. Without the engine's cache (READ_CACHE_ENTRIES=0) it is read with each question;
 * the few it returns are matched against the question in TypeScript.
 */
export const UNTARGETED_OBLIGATIONS = `
MATCH (o:Obligation)
WITH o, size(coalesce(o.triggerRiskLevels, [])) + size(coalesce(o.triggerInstitutionTypes, [])) + size(coalesce(o.triggerStatutoryClasses, [])) AS listed,
     EXISTS { (o)-[:TRIGGERED_BY]->() } AS related
WHERE listed > 0 OR (NOT related AND (o.sandboxOnly = true OR EXISTS { (o)-[:ADDRESSED_TO]->() }))
RETURN o.id AS id, coalesce(o.triggerRiskLevels, []) AS riskLevels, coalesce(o.triggerInstitutionTypes, []) AS institutionTypes,
       coalesce(o.triggerStatutoryClasses, []) AS statutoryClasses,
       o.sandboxOnly = true AND listed = 0 AND NOT related AS bindsEverySandboxService,
       // AI Basic Act Art. 33(1): an addressee and no trigger binds every service its addressee provides.
       coalesce(o.sandboxOnly, false) = false AND listed = 0 AND NOT related AND EXISTS { (o)-[:ADDRESSED_TO]->() } AS bindsEveryService
ORDER BY id`;

export const INSTITUTION_SUBJECTS = `
UNWIND $ids AS iid
MATCH (i:Institution {id: iid})-[:DEPLOYS]->(d:Deployment)-[:OF_TYPE]->(s:AIServiceType)
OPTIONAL MATCH (z:SandboxDesignation)-[:COVERS]->(d)
RETURN iid, i.type AS institutionType, d.id AS deploymentId, s.id AS serviceTypeId, collect(z.id) AS designationIds
ORDER BY iid, d.id`;

export const DEPLOYMENT_SUBJECT = `
MATCH (i:Institution)-[:DEPLOYS]->(d:Deployment {id: $id})-[:OF_TYPE]->(s:AIServiceType)
OPTIONAL MATCH (z:SandboxDesignation)-[:COVERS]->(d)
RETURN i.type AS institutionType, d.id AS deploymentId, s.id AS serviceTypeId, collect(z.id) AS designationIds`;

export const OBLIGATIONS_BY_ID = `
UNWIND $ids AS id
MATCH (o:Obligation {id: id})
CALL { WITH o OPTIONAL MATCH (o)-[:TRIGGERED_BY]->(t) RETURN collect({id: t.id, label: labels(t)[0]}) AS triggers }
CALL {
  WITH o
  OPTIONAL MATCH (o)-[:ADDRESSED_TO]->(r:AddresseeRole)
  WITH r ORDER BY r.id
  RETURN collect(r {.id, .nameKo, .nameEn, .institutionTypes, .anyInstitutionType, .definitionKo, .definitionEn}) AS addressees
}
CALL {
  WITH o
  MATCH (o)-[:DERIVED_FROM]->(p:Provision)
  OPTIONAL MATCH (r:Regulation)-[:HAS_PROVISION]->(p)
  RETURN collect({id: p.id, citationKo: p.citationKo, citationEn: p.citationEn,
                  regulation: {id: r.id, nameKo: r.nameKo, nameEn: r.nameEn}}) AS provisionRefs
}
RETURN o {.*, triggers: triggers, provisionRefs: provisionRefs, addressees: addressees} AS obligation`;

export const VERSIONS_OF_OBLIGATIONS = `
UNWIND $ids AS oid
MATCH (:Obligation {id: oid})-[:HAS_VERSION]->(v:ObligationVersion)
OPTIONAL MATCH (v)-[:PRODUCED_BY]->(a:Amendment)
RETURN oid, v {.*, amendmentId: coalesce(a.id, v.amendmentId)} AS version
ORDER BY v.validFrom`;

export const OBLIGATION_LIST = `
MATCH (o:Obligation)
WHERE ($kind IS NULL OR o.kind = $kind)
  AND ($asOf IS NULL OR EXISTS {
    MATCH (o)-[:HAS_VERSION]->(v:ObligationVersion)
    WHERE v.validFrom <= date($asOf) AND (v.validTo IS NULL OR date($asOf) < v.validTo)
  })
RETURN o.id AS id ORDER BY o.kind, o.id SKIP $offset LIMIT $limit`;

export const OBLIGATIONS_OF_PROVISIONS = `
UNWIND $ids AS pid
MATCH (o:Obligation)-[:DERIVED_FROM]->(:Provision {id: pid})
WHERE $asOf IS NULL OR EXISTS {
  MATCH (o)-[:HAS_VERSION]->(v:ObligationVersion)
  WHERE v.validFrom <= date($asOf) AND (v.validTo IS NULL OR date($asOf) < v.validTo)
}
RETURN pid AS key, o.id AS target ORDER BY o.id`;

/** Service types an obligation reaches, through which trigger. */
export const SERVICE_TYPES_HIT = `
UNWIND $ids AS oid
MATCH (o:Obligation {id: oid})
CALL {
  WITH o
  MATCH (o)-[:TRIGGERED_BY]->(t:AIServiceType)<-[:BROADER*0..6]-(s:AIServiceType)
  RETURN s, t, 'SERVICE_TYPE' AS kind
  UNION
  WITH o
  MATCH (o)-[:TRIGGERED_BY]->(t:Capability)<-[:HAS_CAPABILITY]-(:AIServiceType)<-[:BROADER*0..6]-(s:AIServiceType)
  RETURN s, t, 'CAPABILITY' AS kind
  UNION
  WITH o
  MATCH (o)-[:TRIGGERED_BY]->(t:DataCategory)<-[:BROADER*0..6]-(:DataCategory)<-[:PROCESSES]-(:AIServiceType)<-[:BROADER*0..6]-(s:AIServiceType)
  RETURN s, t, 'DATA_CATEGORY' AS kind
  UNION
  WITH o
  MATCH (s:AIServiceType) WHERE s.riskLevel IN coalesce(o.triggerRiskLevels, [])
  RETURN s, s AS t, 'RISK_LEVEL' AS kind
  UNION
  WITH o
  MATCH (s:AIServiceType)-[:BROADER*0..6]->(t:AIServiceType)
  WHERE any(c IN coalesce(t.statutoryClasses, []) WHERE c IN coalesce(o.triggerStatutoryClasses, []))
  RETURN s, t, 'STATUTORY_CLASS' AS kind
  UNION
  WITH o
  MATCH (s:AIServiceType)
  WHERE coalesce(o.sandboxOnly, false) = false AND NOT EXISTS { (o)-[:TRIGGERED_BY]->() } AND EXISTS { (o)-[:ADDRESSED_TO]->() }
    AND size(coalesce(o.triggerRiskLevels, [])) + size(coalesce(o.triggerInstitutionTypes, [])) + size(coalesce(o.triggerStatutoryClasses, [])) = 0
  RETURN s, s AS t, 'ADDRESSEE' AS kind
}
RETURN oid, s {.id, .nameKo, .nameEn, .riskLevel} AS service, t {.id, .nameKo, .nameEn} AS trigger, kind
ORDER BY oid, s.id`;

/**
 * What the change feed needs beyond the engine's rows, read only for the changes found: each
 * provision's versions with their text and the amendment behind them, and the amendments named by
 * obligation versions (changes.ts).
 */
export const CHANGE_DETAILS = `
CALL {
  UNWIND $provisionIds AS pid
  MATCH (:Provision {id: pid})-[:HAS_VERSION]->(v:ProvisionVersion)
  OPTIONAL MATCH (v)-[:PRODUCED_BY]->(a:Amendment)
  WITH pid, v, a ORDER BY v.validFrom
  RETURN collect({provisionId: pid, id: v.id, validFrom: v.validFrom, validTo: v.validTo, textKo: v.textKo,
                  amendmentId: coalesce(a.id, v.amendmentId)}) AS versions
}
CALL {
  WITH versions
  UNWIND [x IN versions WHERE x.amendmentId IS NOT NULL | x.amendmentId] + $amendmentIds AS aid
  WITH DISTINCT aid
  MATCH (a:Amendment {id: aid})
  RETURN collect(a {.id, .regulationId, .lawNumber, .titleKo, .titleEn}) AS amendments
}
RETURN versions, amendments`;

/** Every deployment with its service type, institution type and designations (upcomingChanges' subjects). */
export const ALL_DEPLOYMENT_SUBJECTS = `
MATCH (i:Institution)-[:DEPLOYS]->(d:Deployment)-[:OF_TYPE]->(s:AIServiceType)
OPTIONAL MATCH (z:SandboxDesignation)-[:COVERS]->(d)
WITH i, d, s, collect(z.id) AS designationIds
ORDER BY d.id
LIMIT $limit
RETURN i.type AS institutionType, i.id AS institutionId, d.id AS deploymentId, s.id AS serviceTypeId, designationIds`;

export const INSTITUTION_EXISTS = `
MATCH (i:Institution {id: $id})
RETURN i.id AS id`;
