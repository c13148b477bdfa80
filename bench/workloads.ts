/**
 * The benchmark's questions. Each workload draws its variables from pools read from the graph at
 * the current size (service types, institutions, provisions, texts) and a date in 2019–2026, with a
 * seeded generator, so consecutive requests differ and no layer can answer from one cached response.
 *
 * - `flagship`: the e2e flagship query (applicability of a service type under sandbox designation).
 * - `institution`: an institution's obligations across its deployed services.
 * - `provision`: a provision with its version history (and the obligations derived from it).
 * - `match`: the assistant's `matchObligations` on a pasted regulatory text.
 *
 * `floorCypher` is the best single Cypher query we could write for the same question (the floor);
 * `peer` is the closest query the @neo4j/graphql peer's generated API allows (see BENCHMARKS.md).
 */
import type { Driver } from 'neo4j-driver';

export type WorkloadName = 'flagship' | 'institution' | 'provision' | 'match';
export const WORKLOADS: WorkloadName[] = ['flagship', 'institution', 'provision', 'match'];

export interface Pools {
  serviceTypes: string[];
  institutions: string[];
  provisions: string[];
  texts: string[];
}

/** Reads the variable pools from the graph (one read; ids sorted so runs are reproducible). */
export async function readPools(driver: Driver, database: string): Promise<Pools> {
  const s = driver.session({ database, defaultAccessMode: 'READ' });
  try {
    const r = await s.run(`
      CALL () { MATCH (:SandboxDesignation)-[:FOR_SERVICE]->(t:AIServiceType) WITH DISTINCT t.id AS id ORDER BY id RETURN collect(id) AS serviceTypes }
      CALL () { MATCH (i:Institution) WHERE EXISTS { (i)-[:DEPLOYS]->() } WITH i.id AS id ORDER BY id RETURN collect(id) AS institutions }
      CALL () { MATCH (p:Provision)-[:HAS_VERSION]->(v) WITH p, count(v) AS n WITH p.id AS id, n ORDER BY n DESC, id RETURN collect(id) AS provisions }
      CALL () {
        MATCH (v:ObligationVersion) WHERE NOT v.obligationId =~ '[a-z]+/x[0-9]{2}-.*'
        WITH v ORDER BY v.id
        RETURN collect(v.statementKo)[0..40] + collect(v.statementEn)[0..40] AS texts
      }
      RETURN serviceTypes, institutions, provisions, texts`);
    const rec = r.records[0]!;
    const pools: Pools = {
      serviceTypes: rec.get('serviceTypes') as string[],
      institutions: rec.get('institutions') as string[],
      provisions: rec.get('provisions') as string[],
      texts: (rec.get('texts') as (string | null)[]).filter((t): t is string => Boolean(t && t.trim())),
    };
    for (const [k, v] of Object.entries(pools)) if (v.length === 0) throw new Error(`benchmark pool "${k}" is empty: is the graph loaded?`);
    return pools;
  } finally {
    await s.close();
  }
}

/** mulberry32: a small seeded PRNG so that every configuration sees the same request sequence. */
export function rng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const DAY0 = Date.UTC(2019, 0, 1);
const DAYS = 8 * 365;
export const pick = <T>(r: () => number, xs: T[]): T => xs[Math.floor(r() * xs.length)]!;
export const randomDate = (r: () => number): string => new Date(DAY0 + Math.floor(r() * DAYS) * 86_400_000).toISOString().slice(0, 10);

export const FLAGSHIP_QUERY = /* GraphQL */ `
  query Flagship($serviceType: ID!, $context: ApplicabilityContext) {
    applicableObligations(serviceType: $serviceType, context: $context) {
      asOf
      sandbox
      notes
      designations { id nameEn institution { id nameEn } }
      results {
        status
        binding
        obligation { id kind statement(language: EN) provisions { id citationEn regulation { id nameEn } } }
        citations { provision { id } citationKo citationEn regulationNameEn sourceUrl inForce }
        reasons { kind explanation(language: EN) path { type id name(language: EN) via } }
        designationEffect { effect designation { id } }
      }
    }
  }`;

export const INSTITUTION_QUERY = /* GraphQL */ `
  query InstitutionObligations($id: ID!, $asOf: Date) {
    institution(id: $id) {
      id
      nameEn
      obligations(asOf: $asOf) {
        serviceType { id nameEn }
        deployment { id nameEn }
        sandbox
        results { status obligation { id kind statement(language: EN) } citations { citationEn inForce } designationEffect { effect } }
      }
    }
  }`;

export const PROVISION_QUERY = /* GraphQL */ `
  query ProvisionHistory($id: ID!, $asOf: Date) {
    provision(id: $id) {
      id
      citationEn
      titleEn
      regulation { id nameEn }
      inForce(asOf: $asOf)
      versions { id validFrom validTo textKo textEn sourceUrl amendment { id titleEn effectiveOn } }
      obligations(asOf: $asOf) { id kind }
    }
  }`;

export const MATCH_QUERY = /* GraphQL */ `
  query Match($text: String!) {
    matchObligations(text: $text, limit: 10) {
      score
      confidence
      suggestion
      obligation { id kind statement(language: EN) }
    }
  }`;

export interface GraphqlRequest {
  query: string;
  variables: Record<string, unknown>;
}

/** A generator of GraphQL requests for a workload (our API; Hive serves the same supergraph). */
export function graphqlRequests(w: WorkloadName, pools: Pools, seed: number): () => GraphqlRequest {
  const r = rng(seed);
  switch (w) {
    case 'flagship':
      return () => ({ query: FLAGSHIP_QUERY, variables: { serviceType: pick(r, pools.serviceTypes), context: { sandbox: true, asOf: randomDate(r) } } });
    case 'institution':
      return () => ({ query: INSTITUTION_QUERY, variables: { id: pick(r, pools.institutions), asOf: randomDate(r) } });
    case 'provision':
      return () => ({ query: PROVISION_QUERY, variables: { id: pick(r, pools.provisions.slice(0, Math.max(50, Math.ceil(pools.provisions.length / 4)))), asOf: randomDate(r) } });
    case 'match': {
      // A text of the graph, cut at a random point so that each request's text differs.
      return () => {
        const t = pick(r, pools.texts);
        const cut = Math.max(12, Math.floor(t.length * (0.5 + r() / 2)));
        return { query: MATCH_QUERY, variables: { text: t.slice(0, cut) } };
      };
    }
  }
}

/**
 * The floor: one Cypher query answering the flagship question — the obligations reached through the
 * service type's closure (broader types, capabilities, data categories, risk level) and its sandbox
 * designations (conditions, exemptions), each with the statement and provisions in force on asOf and
 * the reasons (kind + the node that triggers it). It does not build the reason paths' names or the
 * explanation texts (the engine does that in TypeScript).
 */
export const FLOOR_FLAGSHIP_CYPHER = `
MATCH (s:AIServiceType {id: $serviceType})
OPTIONAL MATCH (z:SandboxDesignation)-[:FOR_SERVICE]->(s) WHERE $sandbox
WITH s, collect(z) AS zs
CALL (s, zs) {
  MATCH (s)-[:BROADER*0..6]->(t:AIServiceType)<-[:TRIGGERED_BY]-(o:Obligation) RETURN o, 'SERVICE_TYPE' AS kind, t.id AS via
  UNION
  MATCH (s)-[:BROADER*0..6]->(:AIServiceType)-[:HAS_CAPABILITY]->(c:Capability)<-[:TRIGGERED_BY]-(o:Obligation) RETURN o, 'CAPABILITY' AS kind, c.id AS via
  UNION
  MATCH (s)-[:BROADER*0..6]->(:AIServiceType)-[:PROCESSES]->(:DataCategory)-[:BROADER*0..6]->(d:DataCategory)<-[:TRIGGERED_BY]-(o:Obligation) RETURN o, 'DATA_CATEGORY' AS kind, d.id AS via
  UNION
  MATCH (s)-[:BROADER*0..6]->(t:AIServiceType) WHERE t.riskLevel IS NOT NULL
  MATCH (o:Obligation) WHERE t.riskLevel IN coalesce(o.triggerRiskLevels, []) RETURN o, 'RISK_LEVEL' AS kind, t.riskLevel AS via
  UNION
  UNWIND zs AS z MATCH (z)<-[:TRIGGERED_BY]-(o:Obligation) RETURN o, 'DESIGNATION_CONDITION' AS kind, z.id AS via
  UNION
  UNWIND zs AS z MATCH (z)-[:HAS_EXEMPTION]->(e:Exemption)-[:AFFECTS]->(o:Obligation) RETURN o, 'EXEMPTION_' + e.effect AS kind, z.id AS via
}
WITH o, collect({kind: kind, via: via}) AS reasons
WHERE $sandbox OR NOT coalesce(o.sandboxOnly, false)
CALL (o) {
  OPTIONAL MATCH (o)-[:HAS_VERSION]->(v:ObligationVersion)
  WHERE v.validFrom <= date($asOf) AND (v.validTo IS NULL OR date($asOf) < v.validTo)
  RETURN v.statementEn AS statement LIMIT 1
}
CALL (o) {
  MATCH (o)-[:DERIVED_FROM]->(p:Provision)<-[:HAS_PROVISION]-(r:Regulation)
  RETURN collect({id: p.id, citationEn: p.citationEn, regulationId: r.id, regulationNameEn: r.nameEn, binding: r.binding,
                  inForce: EXISTS { MATCH (p)-[:HAS_VERSION]->(pv:ProvisionVersion)
                                    WHERE pv.validFrom <= date($asOf) AND (pv.validTo IS NULL OR date($asOf) < pv.validTo) }}) AS provisions
}
RETURN o.id AS id, o.kind AS kind, statement, reasons, provisions
ORDER BY kind, id`;

export function floorParams(pools: Pools, seed: number): () => Record<string, unknown> {
  const r = rng(seed);
  return () => ({ serviceType: pick(r, pools.serviceTypes), sandbox: true, asOf: randomDate(r) });
}

/**
 * The peer's (@neo4j/graphql) closest query: the same facts by nested relationship fields — the
 * service type and two levels of broader types, their capabilities and data categories (two
 * levels of broader categories), the obligations each triggers, and the sandbox designations with
 * their conditions and exemptions; obligation versions filtered to those started by asOf.
 * @neo4j/graphql turns it into one Cypher query. It returns facts, not statuses or reasons.
 */
export const PEER_FLAGSHIP_QUERY = /* GraphQL */ `
  query PeerFlagship($id: ID!, $asOf: Date!) {
    aiServiceTypes(where: { id: { eq: $id } }) {
      id nameEn riskLevel
      obligations { ...Obl }
      capabilities { id nameEn obligations { ...Obl } }
      dataCategories { ...Data }
      broader {
        id nameEn riskLevel
        obligations { ...Obl }
        capabilities { id nameEn obligations { ...Obl } }
        dataCategories { ...Data }
        broader { id nameEn riskLevel obligations { ...Obl } capabilities { id nameEn obligations { ...Obl } } dataCategories { ...Data } }
      }
      designations {
        id nameEn validFrom validTo
        institution { id nameEn }
        conditions { ...Obl }
        exemptions { effect noteEn provision { id citationEn } obligations { ...Obl } }
      }
    }
  }
  fragment Data on DataCategory {
    id nameEn obligations { ...Obl }
    broader { id nameEn obligations { ...Obl } broader { id nameEn obligations { ...Obl } } }
  }
  fragment Obl on Obligation {
    id kind sandboxOnly
    versions(where: { validFrom: { lte: $asOf } }) { validFrom validTo statementEn }
    provisions { id citationEn regulation { id nameEn binding jurisdiction } versions { validFrom validTo sourceUrl } }
  }`;

export function peerRequests(pools: Pools, seed: number): () => GraphqlRequest {
  const r = rng(seed);
  return () => ({ query: PEER_FLAGSHIP_QUERY, variables: { id: pick(r, pools.serviceTypes), asOf: randomDate(r) } });
}
