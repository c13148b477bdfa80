/**
 * The candidates of bench/worst-query.ts: the most expensive operations the gateway's limits
 * (lib/graphql-limits.ts: depth, cost, aliases, directives, tokens; lib/pagination.ts: page sizes)
 * still accept. Each is a family `build(n)` — n aliases or a page size — and the runner takes the
 * largest n the limits accept, checked locally with the gateway's own `checkOperation` on the API
 * schema (so the search sends nothing), then confirmed by the server.
 *
 * Where they aim: the cost model charges a leaf 1 whatever its length, and a list without a page
 * argument DEFAULT_LIST_SIZE (10) items whatever it really holds. So the heavy candidates pick the
 * longest texts (provision `textKo`, up to 7,402 characters in the base data) under the lists whose
 * real size most exceeds 10 at ×100: `designationsExpiring` (before it had a page: every
 * designation, 400), an applicability report's `results` (~40), an obligation's
 * `affectedServiceTypes`; and the matcher, whose work grows with its text.
 */
import fs from 'node:fs';
import { printSchema as printFederationSchema, Supergraph } from '@apollo/federation-internals';
import { buildSchema, GraphQLError, parse, type GraphQLSchema } from 'graphql';
import type { Driver } from 'neo4j-driver';
import type { Config } from '../lib/config.ts';
import type { QueryLimits } from '../lib/graphql-limits.ts';
import { checkOperation } from '../lib/graphql-limits.ts';
import { PROJECT_ROOT } from '../lib/neo4j-server.ts';
import { FLAGSHIP_QUERY } from './workloads.ts';

export interface Request {
  query: string;
  variables: Record<string, unknown>;
}

export interface Candidate {
  name: string;
  what: string;
  /** The request for parameter n (1 ≤ n ≤ max). */
  build: (n: number) => Request;
  max: number;
}

export interface WorstPools {
  /** Designated service types (sandbox reports have designations, exemptions and conditions). */
  serviceTypes: string[];
  /** The obligations with the most triggers (the most service types reached). */
  widestObligations: string[];
  /** Korean obligation statements, joined into the longest text the matcher accepts. */
  koTexts: string[];
}

export async function readWorstPools(driver: Driver, database: string): Promise<WorstPools> {
  const s = driver.session({ database, defaultAccessMode: 'READ' });
  try {
    const r = await s.run(`
      CALL () { MATCH (:SandboxDesignation)-[:FOR_SERVICE]->(t:AIServiceType) WITH DISTINCT t.id AS id ORDER BY id RETURN collect(id) AS serviceTypes }
      CALL () { MATCH (o:Obligation)-[:TRIGGERED_BY]->() WITH o.id AS id, count(*) AS n ORDER BY n DESC, id LIMIT 30 RETURN collect(id) AS widest }
      CALL () { MATCH (v:ObligationVersion) WHERE v.statementKo IS NOT NULL WITH v ORDER BY v.id RETURN collect(v.statementKo)[0..400] AS texts }
      RETURN serviceTypes, widest, texts`);
    const rec = r.records[0]!;
    return { serviceTypes: rec.get('serviceTypes') as string[], widestObligations: rec.get('widest') as string[], koTexts: rec.get('texts') as string[] };
  } finally {
    await s.close();
  }
}

/** The schema clients see through the gateway, rebuilt from SDL (federation-internals holds another graphql-js copy). */
export function apiSchema(): GraphQLSchema {
  const sdl = fs.readFileSync(`${PROJECT_ROOT}/schema/supergraph.graphql`, 'utf8');
  return buildSchema(printFederationSchema(Supergraph.build(sdl).apiSchema()));
}

/** null when the gateway's limits accept `req`; otherwise which limit refuses it and why. */
export function refusal(schema: GraphQLSchema, limits: QueryLimits, req: Request): { limit: string; message: string } | null {
  try {
    const doc = parse(req.query, { maxTokens: limits.maxTokens });
    checkOperation(schema, doc, null, req.variables, limits);
    return null;
  } catch (err) {
    const e = err as GraphQLError;
    return { limit: String(e.extensions?.limit ?? e.extensions?.code ?? (/token/i.test(e.message) ? 'tokens' : 'other')), message: e.message };
  }
}

/** The largest n in [1, max] the limits accept (acceptance is monotone in n for every family here). */
export function largestAccepted(schema: GraphQLSchema, limits: QueryLimits, c: Candidate): { n: number; next: { limit: string; message: string } | null } {
  if (refusal(schema, limits, c.build(1))) return { n: 0, next: refusal(schema, limits, c.build(1)) };
  let lo = 1;
  let hi = c.max;
  while (lo < hi) {
    const mid = Math.ceil((lo + hi) / 2);
    if (refusal(schema, limits, c.build(mid))) hi = mid - 1;
    else lo = mid;
  }
  return { n: lo, next: lo < c.max ? refusal(schema, limits, c.build(lo + 1)) : { limit: 'family maximum', message: `n = ${c.max} is this family's largest` } };
}

const aliases = (n: number, body: (i: number) => string) => Array.from({ length: n }, (_, i) => `a${i}: ${body(i)}`).join('\n');

/** The longest matcher text allowed: Korean obligation statements joined up to `maxTextLength` characters. */
function longestText(texts: string[], maxTextLength: number): string {
  let t = '';
  for (let i = 0; t.length < maxTextLength; i++) t += `${texts[i % texts.length]} `;
  return t.slice(0, maxTextLength);
}

/** The flagship question (the floor: a normal request), for one designated service type. */
export function flagship(p: WorstPools): Request {
  return { query: FLAGSHIP_QUERY, variables: { serviceType: p.serviceTypes[0], context: { sandbox: true } } };
}

export function candidates(p: WorstPools, limits: Config['limits']): Candidate[] {
  const text = longestText(p.koTexts, limits.maxTextLength);
  const types = (n: number) => Array.from({ length: n }, (_, i) => p.serviceTypes[i % p.serviceTypes.length]!);
  return [
    {
      name: 'reports-per-type',
      what: 'n aliases of applicableObligations (one designated service type each, sandbox) with statements, citations + provision text, reason paths',
      max: limits.maxAliases + 1,
      build: (n) => ({
        query: `query R { ${aliases(n, (i) => `applicableObligations(serviceType: "${types(n)[i]}", context: { sandbox: true }) {
          designations { id nameKo exemptions { effect obligations { id } } }
          results { status obligation { id statement } citations { citationKo provision { text } } reasons { explanation(language: KO) path { id name(language: KO) } } } }`)} }`,
        variables: {},
      }),
    },
    {
      name: 'match-longest',
      what: `n aliases of matchObligations(text: ${limits.maxTextLength} Korean characters, limit: 100) with terms, explanation, suggestion, statement`,
      max: limits.maxAliases + 1,
      build: (n) => ({
        query: `query M($t: String!) { ${aliases(n, () => `matchObligations(text: $t, limit: 100) { score explanation suggestion matchedTerms { queryTerm documentTerm } obligation { id statement } }`)} }`,
        variables: { t: text },
      }),
    },
    {
      name: 'analyze-longest',
      what: `n aliases of analyzeAmendment(text: ${limits.maxTextLength} characters, limit: 100): matches and the impact (provisions with text, service types, institutions, designations)`,
      max: limits.maxAliases + 1,
      build: (n) => ({
        query: `query A($t: String!) { ${aliases(n, () => `analyzeAmendment(text: $t, limit: 100) { summary matches { score obligation { id } } provisions { id text } serviceTypes { id nameKo } institutions { id nameKo } designations { id nameKo } }`)} }`,
        variables: { t: text },
      }),
    },
    {
      name: 'designation-chain',
      what: 'designations(limit: n) → exemptions → obligations (versions) → provisions (text), and legal basis with every version text',
      max: limits.maxListLimit,
      build: (n) => ({
        query: `query D { designations(limit: ${n}) { id notesKo
          exemptions { effect provision { text } obligations { statement versions { statementKo conditionsKo } provisions { id citationKo } } }
          legalBasis { text versions { textKo textEn } } } }`,
        variables: {},
      }),
    },
    {
      name: 'expiring-texts',
      what: 'n aliases of designationsExpiring(months: 600, limit: 200) with notes and the legal basis text (before the fix: no page, all 400 designations costed as 10)',
      max: limits.maxAliases + 1,
      build: (n) => ({
        query: `query E { ${aliases(n, () => `designationsExpiring(months: 600, from: "2019-01-01", limit: 200) { id notesKo legalBasis { text } }`)} }`,
        variables: {},
      }),
    },
    {
      name: 'affected-types',
      what: 'n aliases of obligation(id) { affectedServiceTypes } for the obligations with the most triggers, with reason paths',
      max: limits.maxAliases + 1,
      build: (n) => ({
        query: `query T { ${aliases(n, (i) => `obligation(id: "${p.widestObligations[i % p.widestObligations.length]}") { id affectedServiceTypes { serviceType { id nameKo descriptionKo } reasons { explanation(language: KO) path { id name(language: KO) } } } }`)} }`,
        variables: {},
      }),
    },
    {
      name: 'widest-lists',
      what: 'regulations(limit: 200) { provisions(limit: n) { text (KO), text (EN) } }: the widest root list, each provision with both texts',
      max: 5000,
      build: (n) => ({ query: `query W { regulations(limit: 200) { id provisions(limit: ${n}) { id text en: text(language: EN) } } }`, variables: {} }),
    },
  ];
}
