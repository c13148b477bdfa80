/**
 * The applicability engine's other answers, each one query through the gateway: the other three
 * designated services, a non-sandbox robo-advisor and an AI credit-scoring service, dates, and
 * the compliance officer's other questions.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { applyObligationAmendment } from '../support/amendments.ts';
import { startStack, type TestStack } from '../support/stack.ts';
import { askUntil } from '../support/poll.ts';

const REPORT = /* GraphQL */ `
  query Report($serviceType: ID, $deployment: ID, $context: ApplicabilityContext) {
    applicableObligations(serviceType: $serviceType, deployment: $deployment, context: $context) {
      sandbox
      designations { id }
      results {
        status
        obligation { id kind provisions { id } }
        reasons { kind path { type id } }
        designationEffect { effect designation { id } }
      }
    }
  }
`;
interface Result {
  status: string;
  obligation: { id: string; kind: string; provisions: { id: string }[] };
  reasons: { kind: string; path: { type: string; id: string }[] }[];
  designationEffect: { effect: string; designation: { id: string } } | null;
}
interface Report {
  sandbox: boolean;
  designations: { id: string }[];
  results: Result[];
}

let stack: TestStack;
beforeAll(async () => {
  stack = await startStack();
});
afterAll(async () => {
  await stack?.stop();
});

async function report(vars: Record<string, unknown>): Promise<Report> {
  const body = await stack.gql<{ applicableObligations: Report }>(REPORT, vars);
  expect(body.errors, JSON.stringify(body.errors)).toBeUndefined();
  return body.data!.applicableObligations;
}
const onProvision = (r: Report, prefix: string) => r.results.filter((x) => x.obligation.provisions.some((p) => p.id === prefix || p.id.startsWith(`${prefix}-`)));
const statusOf = (r: Report, prefix: string) => [...new Set(onProvision(r, prefix).map((x) => x.status))];

describe('the other designated services, each under its own designation', () => {
  it.each([
    ['sbx/nh-bank-ai-banker', 'svc/ai-banker'],
    ['sbx/persona-ai-insurance-sales', 'svc/ai-insurance-sales'],
    ['sbx/douzone-bizon-corporate-credit', 'svc/corporate-credit-model'],
  ])('%s: sandbox duties and the designation in play', async (designation, serviceType) => {
    const r = await report({ serviceType, context: { designation, asOf: '2021-01-01' } });
    expect(r.sandbox).toBe(true);
    expect(r.designations.map((d) => d.id)).toEqual([designation]);
    expect(onProvision(r, 'kr/fisa/art-20').length, 'trial notice and consent').toBeGreaterThan(0);
    expect(onProvision(r, 'kr/fisa/art-27').length, 'liability').toBeGreaterThan(0);
    for (const x of r.results) expect(x.reasons.length).toBeGreaterThan(0);
  });

  it("Persona's AI insurance sales: the solicitation limit of the Insurance Business Act is exempted or modified", async () => {
    const r = await report({ serviceType: 'svc/ai-insurance-sales', context: { designation: 'sbx/persona-ai-insurance-sales', asOf: '2021-01-01' } });
    const statuses = statusOf(r, 'kr/iba/art-83');
    expect(statuses.length).toBeGreaterThan(0);
    expect(statuses.every((s) => s === 'EXEMPTED_BY_DESIGNATION' || s === 'MODIFIED_BY_DESIGNATION')).toBe(true);
    const conditions = r.results.filter((x) => x.obligation.kind === 'DESIGNATION_CONDITION');
    expect(conditions.length, 'conditions: DB Insurance partner, call monitoring, 10,000 contracts').toBeGreaterThan(0);
  });
});

describe('services outside the sandbox', () => {
  it('a robo-advisor: suitability (FCPA Art. 17) and the duty to explain (Art. 19) apply; no sandbox duties', async () => {
    const r = await report({ serviceType: 'svc/robo-advisor', context: { asOf: '2022-01-01' } });
    expect(r.sandbox).toBe(false);
    expect(statusOf(r, 'kr/fcpa/art-17')).toContain('APPLIES');
    expect(statusOf(r, 'kr/fcpa/art-19')).toContain('APPLIES');
    expect(r.results.some((x) => x.obligation.provisions.some((p) => p.id.startsWith('kr/fisa/')))).toBe(false);
    expect(r.results.some((x) => x.obligation.kind === 'SUITABILITY')).toBe(true);
  });

  it('the FCPA (in force 2021-03-25) does not yet bind a robo-advisor in 2020', async () => {
    const r = await report({ serviceType: 'svc/robo-advisor', context: { asOf: '2020-06-01' } });
    for (const s of statusOf(r, 'kr/fcpa/art-17')) expect(s).toBe('NOT_YET_IN_FORCE');
  });

  it('AI credit scoring: the Credit Information Act Art. 36-2 explanation right applies from 2020-08-05, not before', async () => {
    const before = await report({ serviceType: 'svc/credit-scoring', context: { asOf: '2020-08-04' } });
    const after = await report({ serviceType: 'svc/credit-scoring', context: { asOf: '2020-08-05' } });
    expect(statusOf(before, 'kr/cia/art-36-2').length).toBeGreaterThan(0);
    expect(statusOf(before, 'kr/cia/art-36-2')).not.toContain('APPLIES');
    expect(statusOf(after, 'kr/cia/art-36-2')).toContain('APPLIES');
    const explanation = onProvision(after, 'kr/cia/art-36-2').find((x) => x.obligation.kind === 'EXPLANATION');
    expect(explanation, 'an explanation duty from Art. 36-2').toBeDefined();
  });

  it('AI credit scoring: the Framework Act on AI binds from 2026-01-22, not before', async () => {
    const before = await report({ serviceType: 'svc/credit-scoring', context: { asOf: '2026-01-21' } });
    const after = await report({ serviceType: 'svc/credit-scoring', context: { asOf: '2026-01-22' } });
    expect(statusOf(after, 'kr/aiba/art-34')).toContain('APPLIES');
    expect(statusOf(before, 'kr/aiba/art-34')).not.toContain('APPLIES');
    expect(statusOf(before, 'kr/aiba/art-34')).toContain('NOT_YET_IN_FORCE');
  });

  it('with includeInactive: false, only obligations in force are reported', async () => {
    const r = await report({ serviceType: 'svc/credit-scoring', context: { asOf: '2020-01-01', includeInactive: false } });
    for (const x of r.results) expect(['APPLIES', 'MODIFIED_BY_DESIGNATION', 'EXEMPTED_BY_DESIGNATION']).toContain(x.status);
  });
});

describe("a compliance officer's other questions", () => {
  it("all obligations of an institution across its deployed services (Shinhan Card)", async () => {
    const body = await stack.gql<{ institution: { nameEn: string; obligations: { deployment: { id: string } | null; designations: { id: string }[]; results: { status: string }[] }[] } }>(`
      { institution(id: "inst/shinhan-card") { nameEn obligations(asOf: "2021-01-01") { deployment { id } designations { id } results { status } } } }`);
    expect(body.errors).toBeUndefined();
    const reports = body.data!.institution.obligations;
    expect(reports.length).toBeGreaterThan(0);
    const facePay = reports.find((r) => r.designations.some((d) => d.id === 'sbx/shinhan-card-face-pay'));
    expect(facePay, 'the face-pay deployment, evaluated under its designation').toBeDefined();
    expect(facePay!.results.length).toBeGreaterThan(3);
  });

  it('which services an obligation hits', async () => {
    const r = await report({ serviceType: 'svc/face-recognition-payment', context: { asOf: '2021-01-01' } });
    const consent = onProvision(r, 'kr/pipa/art-23')[0]!;
    const body = await stack.gql<{ obligation: { affectedServiceTypes: { serviceType: { id: string }; reasons: { kind: string }[] }[] } }>(
      `query($id: ID!) { obligation(id: $id) { affectedServiceTypes { serviceType { id nameEn } reasons { kind explanation } } } }`,
      { id: consent.obligation.id },
    );
    expect(body.errors).toBeUndefined();
    const hits = body.data!.obligation.affectedServiceTypes;
    expect(hits.map((h) => h.serviceType.id)).toContain('svc/face-recognition-payment');
    expect(hits.every((h) => h.reasons.length > 0)).toBe(true);
  });

  it('sandbox designations expiring within N months', async () => {
    const all = await stack.gql<{ designations: { id: string; periodEnd: string | null; periodEndEstimated: boolean; validTo: string | null }[] }>(`{ designations { id validTo periodEnd periodEndEstimated } }`);
    const withEnd = all.data!.designations.filter((d) => d.periodEnd).sort((a, b) => a.periodEnd!.localeCompare(b.periodEnd!));
    expect(withEnd.length).toBeGreaterThan(0);
    for (const d of all.data!.designations) expect(d.periodEndEstimated).toBe(d.validTo === null);
    const first = withEnd[0]!;
    const from = `${Number(first.periodEnd!.slice(0, 4)) - 1}${first.periodEnd!.slice(4)}`;
    const body = await stack.gql<{ designationsExpiring: { id: string; periodEnd: string }[] }>(
      `query($from: Date) { designationsExpiring(months: 12, from: $from) { id periodEnd status(asOf: $from) } }`,
      { from },
    );
    expect(body.errors).toBeUndefined();
    expect(body.data!.designationsExpiring.map((d) => d.id)).toContain(first.id);
    const none = await stack.gql<{ designationsExpiring: unknown[] }>(`{ designationsExpiring(months: 1, from: "2000-01-01") { id } }`);
    expect(none.data!.designationsExpiring).toEqual([]);
  });

  it('obligations of one kind across laws (explanation duties)', async () => {
    const body = await stack.gql<{ obligations: { id: string; kind: string; provisions: { regulation: { id: string } }[] }[] }>(
      `{ obligations(kind: EXPLANATION, limit: 100) { id kind provisions { regulation { id } } } }`,
    );
    expect(body.errors).toBeUndefined();
    const obligations = body.data!.obligations;
    expect(obligations.every((o) => o.kind === 'EXPLANATION')).toBe(true);
    const regulations = new Set(obligations.flatMap((o) => o.provisions.map((p) => p.regulation.id)));
    expect(regulations.size).toBeGreaterThanOrEqual(2);
  });

  it('a provision answers as the law stood on a date', async () => {
    const q = `query($asOf: Date) { provision(id: "kr/cia/art-36-2") { citationEn inForce(asOf: $asOf) text(asOf: $asOf) versions { validFrom validTo } } }`;
    const before = await stack.gql<{ provision: { inForce: boolean; text: string | null } }>(q, { asOf: '2020-08-04' });
    const after = await stack.gql<{ provision: { inForce: boolean; text: string | null } }>(q, { asOf: '2020-08-05' });
    expect(before.data!.provision.inForce).toBe(false);
    expect(before.data!.provision.text).toBeNull();
    expect(after.data!.provision.inForce).toBe(true);
    expect(after.data!.provision.text).toMatch(/자동화평가/);
  });
});

describe('answers follow the graph', () => {
  it('an applied amendment changes the answer without a restart (the engine cache follows the data version)', async () => {
    const ask = () => report({ serviceType: 'svc/robo-advisor', context: { asOf: '2026-06-01' } });
    const before = await ask();
    expect(before.results.map((r) => r.obligation.id)).not.toContain('obl/fcpa/robo-advice-log-test');
    await applyObligationAmendment(stack.driver, {
      amendmentId: 'amd/test/fcpa-robo-advice-log',
      regulation: 'kr/fcpa',
      obligation: 'obl/fcpa/robo-advice-log-test',
      kind: 'RECORD_KEEPING',
      provisions: ['kr/fcpa/art-17'],
      triggers: { serviceTypes: ['svc/robo-advisor'] },
      statementKo: '로보어드바이저의 자문 근거를 기록하고 보관하여야 한다.',
      statementEn: 'Record and keep the grounds of each robo-advice.',
      effectiveOn: '2026-02-01',
    });
    const after = await askUntil(ask, (a) => a.results.some((r) => r.obligation.id === 'obl/fcpa/robo-advice-log-test'));
    const added = after.results.find((r) => r.obligation.id === 'obl/fcpa/robo-advice-log-test');
    expect(added?.status).toBe('APPLIES');
    const earlier = await report({ serviceType: 'svc/robo-advisor', context: { asOf: '2026-01-15' } });
    expect(earlier.results.find((r) => r.obligation.id === 'obl/fcpa/robo-advice-log-test')?.status ?? 'NOT_YET_IN_FORCE').toBe('NOT_YET_IN_FORCE');
  });
});
