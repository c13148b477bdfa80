/** Named, parameterised Cypher of the ai-services subgraph. */

export const SERVICE_TYPES_BY_ID = `
UNWIND $ids AS id
MATCH (s:AIServiceType {id: id})
OPTIONAL MATCH (s)-[:BROADER]->(b:AIServiceType)
RETURN s {.*, broaderId: b.id} AS node`;

export const SERVICE_TYPE_LIST = `
MATCH (s:AIServiceType)
WHERE ($office IS NULL OR s.office = $office) AND ($riskLevel IS NULL OR s.riskLevel = $riskLevel)
OPTIONAL MATCH (s)-[:BROADER]->(b:AIServiceType)
RETURN s {.*, broaderId: b.id} AS node
ORDER BY s.id SKIP $offset LIMIT $limit`;

export const NARROWER_OF = `
UNWIND $ids AS id
MATCH (n:AIServiceType)-[:BROADER]->(:AIServiceType {id: id})
RETURN id AS key, n.id AS target ORDER BY n.id`;

export const CAPABILITIES_OF = `
UNWIND $ids AS id
MATCH (:AIServiceType {id: id})-[:HAS_CAPABILITY]->(c:Capability)
RETURN id AS key, c.id AS target ORDER BY c.id`;

export const DATA_CATEGORIES_OF = `
UNWIND $ids AS id
MATCH (:AIServiceType {id: id})-[:PROCESSES]->(d:DataCategory)
RETURN id AS key, d.id AS target ORDER BY d.id`;

export const CONCEPTS_OF = `
UNWIND $ids AS id
MATCH (n {id: id})-[:ABOUT]->(c:Concept)
WHERE n:Capability OR n:DataCategory
RETURN id AS key, c.id AS target ORDER BY c.id`;

export const CAPABILITIES_BY_ID = `
UNWIND $ids AS id
MATCH (c:Capability {id: id})
RETURN c {.*} AS node`;

export const DATA_CATEGORIES_BY_ID = `
UNWIND $ids AS id
MATCH (d:DataCategory {id: id})
OPTIONAL MATCH (d)-[:BROADER]->(b:DataCategory)
RETURN d {.*, broaderId: b.id} AS node`;

export const CONCEPTS_BY_ID = `
UNWIND $ids AS id
MATCH (c:Concept {id: id})
OPTIONAL MATCH (c)-[:BROADER]->(b:Concept)
RETURN c {.*, broaderId: b.id} AS node`;

export const CAPABILITY_LIST = `MATCH (c:Capability) RETURN c {.*} AS node ORDER BY c.id LIMIT $limit`;
export const DATA_CATEGORY_LIST = `
MATCH (d:DataCategory) OPTIONAL MATCH (d)-[:BROADER]->(b:DataCategory)
RETURN d {.*, broaderId: b.id} AS node ORDER BY d.id LIMIT $limit`;
export const CONCEPT_LIST = `
MATCH (c:Concept) OPTIONAL MATCH (c)-[:BROADER]->(b:Concept)
RETURN c {.*, broaderId: b.id} AS node ORDER BY c.id LIMIT $limit`;
