/**
 * The flagship question through the gateway, against the real Neo4j loaded with the base data:
 * which rules apply to a face-recognition payment service under sandbox designation, and why.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startStack, type TestStack } from '../support/stack.ts';

const FLAGSHIP = /* GraphQL */ `
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
  }
`;

interface Result {
  status: string;
  binding: boolean;
  obligation: { id: string; kind: string; statement: string | null; provisions: { id: string; citationEn: string; regulation: { id: string; nameEn: string } }[] };
  citations: { provision: { id: string }; citationEn: string; sourceUrl: string | null; inForce: boolean }[];
  reasons: { kind: string; explanation: string; path: { type: string; id: string; name: string; via: string | null }[] }[];
  designationEffect: { effect: string; designation: { id: string } } | null;
}
interface Report {
  asOf: string;
  sandbox: boolean;
  notes: string[];
  designations: { id: string; nameEn: string; institution: { id: string; nameEn: string } }[];
  results: Result[];
}

let stack: TestStack;
beforeAll(async () => {
  stack = await startStack();
});
afterAll(async () => {
  await stack?.stop();
});

async function flagship(serviceType: string, context: Record<string, unknown>): Promise<Report> {
  const body = await stack.gql<{ applicableObligations: Report }>(FLAGSHIP, { serviceType, context });
  expect(body.errors).toBeUndefined();
  return body.data!.applicableObligations;
}

const fromProvision = (r: Report, provisionPrefix: string) =>
  r.results.filter((x) => x.obligation.provisions.some((p) => p.id === provisionPrefix || p.id.startsWith(`${provisionPrefix}-`) || p.id.startsWith(`${provisionPrefix}(`)));

describe('flagship: face-recognition payment under sandbox designation', () => {
  let report: Report;
  beforeAll(async () => {
    report = await flagship('svc/face-recognition-payment', { sandbox: true, asOf: '2021-01-01' });
  });

  it('takes the Shinhan Card designation into account', () => {
    expect(report.sandbox).toBe(true);
    expect(report.designations.map((d) => d.institution.id)).toContain('inst/shinhan-card');
  });

  it('requires separate consent for biometric information (PIPA Art. 23), because the service processes biometric data', () => {
    const consent = fromProvision(report, 'kr/pipa/art-23').find((r) => r.obligation.kind === 'CONSENT');
    expect(consent, 'separate consent obligation').toBeDefined();
    expect(consent!.status).toBe('APPLIES');
    const dataReason = consent!.reasons.find((r) => r.kind === 'DATA_CATEGORY');
    expect(dataReason, 'a data-category reason').toBeDefined();
    expect(dataReason!.path[0]).toMatchObject({ type: 'AIServiceType', id: 'svc/face-recognition-payment' });
    expect(dataReason!.path.some((s) => s.type === 'DataCategory' && /biometric/i.test(s.id))).toBe(true);
    expect(dataReason!.path.at(-1)).toMatchObject({ type: 'Provision' });
    expect(dataReason!.explanation).toMatch(/biometric/i);
  });

  it('marks the access-medium identity check (EFTA Art. 6) as modified or exempted by the designation', () => {
    const idCheck = fromProvision(report, 'kr/efta/art-6');
    expect(idCheck.length).toBeGreaterThan(0);
    for (const r of idCheck) {
      expect(['MODIFIED_BY_DESIGNATION', 'EXEMPTED_BY_DESIGNATION']).toContain(r.status);
      expect(r.designationEffect?.designation.id).toBe(report.designations[0]!.id);
      expect(r.reasons.some((x) => x.kind === 'EXEMPTION')).toBe(true);
    }
  });

  it('lists the sandbox duties: trial notice and consent (Art. 20), reporting (Art. 18), liability insurance (Art. 27)', () => {
    for (const provision of ['kr/fisa/art-20', 'kr/fisa/art-18', 'kr/fisa/art-27']) {
      const found = fromProvision(report, provision);
      expect(found.length, provision).toBeGreaterThan(0);
      expect(found.every((r) => r.reasons.length > 0)).toBe(true);
      expect(found.some((r) => r.status === 'APPLIES')).toBe(true);
    }
    const liability = fromProvision(report, 'kr/fisa/art-27');
    expect(liability.some((r) => r.obligation.kind === 'LIABILITY_INSURANCE')).toBe(true);
  });

  it("lists the designation's own conditions, each tied to the designation", () => {
    const conditions = report.results.filter((r) => r.obligation.kind === 'DESIGNATION_CONDITION');
    expect(conditions.length).toBeGreaterThan(0);
    for (const c of conditions) {
      expect(c.reasons.some((r) => r.kind === 'DESIGNATION_CONDITION' && r.path.some((s) => s.type === 'SandboxDesignation'))).toBe(true);
      expect(c.designationEffect?.effect).toBe('CONDITION');
    }
  });

  it('lists EFTA security duties', () => {
    const security = report.results.filter((r) => r.obligation.provisions.some((p) => p.id.startsWith('kr/efta/art-21')));
    expect(security.length).toBeGreaterThan(0);
  });

  it('cites every result to a provision with its regulation and source', () => {
    for (const r of report.results) {
      expect(r.citations.length).toBeGreaterThan(0);
      for (const c of r.citations) expect(c.citationEn.length).toBeGreaterThan(3);
      expect(r.obligation.provisions[0]!.regulation.nameEn).toBeTruthy();
    }
  });

  it('without the sandbox context, sandbox-only duties disappear and the identity check applies unmodified', async () => {
    const plain = await flagship('svc/face-recognition-payment', { sandbox: false, asOf: '2021-01-01' });
    expect(fromProvision(plain, 'kr/fisa/art-20')).toHaveLength(0);
    expect(plain.results.filter((r) => r.obligation.kind === 'DESIGNATION_CONDITION')).toHaveLength(0);
    for (const r of fromProvision(plain, 'kr/efta/art-6')) expect(r.status).toBe('APPLIES');
  });
});

describe('no N+1 (caches off: READ_CACHE_ENTRIES=0, every request reads Neo4j)', () => {
  let uncached: TestStack;
  beforeAll(async () => {
    uncached = await startStack({ env: { READ_CACHE_ENTRIES: '0' }, reset: false });
  });
  afterAll(async () => {
    await uncached?.stop();
  });

  it('the flagship query causes a small, fixed number of Cypher queries', async () => {
    const { count, byName, body } = await uncached.countQueries(FLAGSHIP, { serviceType: 'svc/face-recognition-payment', context: { sandbox: true } });
    expect(body.errors).toBeUndefined();
    console.info(`flagship query: ${count} Cypher queries ${JSON.stringify(byName)}`);
    expect(count).toBeLessThanOrEqual(8);
  });

  it("the count stays constant as results grow (one service type vs all of them)", async () => {
    const q = /* GraphQL */ `
      query All($limit: Int) {
        serviceTypes(limit: $limit) {
          id
          applicableObligations(context: { sandbox: true }) {
            results { status obligation { id kind statement provisions { citationEn } } }
          }
        }
      }`;
    const one = await uncached.countQueries<{ serviceTypes: unknown[] }>(q, { limit: 1 });
    const all = await uncached.countQueries<{ serviceTypes: { applicableObligations: { results: unknown[] } }[] }>(q, { limit: 40 });
    expect(one.body.errors).toBeUndefined();
    expect(all.body.errors).toBeUndefined();
    const services = all.body.data!.serviceTypes.length;
    const results = all.body.data!.serviceTypes.reduce((n, s) => n + s.applicableObligations.results.length, 0);
    expect(services).toBeGreaterThan(5);
    expect(results).toBeGreaterThan(20);
    // The data-version check runs at most once a second, whatever the request: time-based, not per result.
    const data = (r: { count: number; byName: Record<string, number> }) => r.count - (r.byName.dataVersion ?? 0);
    console.info(`1 service type: ${data(one)} queries; ${services} service types / ${results} results: ${data(all)} queries`);
    expect(data(all)).toBe(data(one));
  });
});
