/**
 * The flagship question for each designated service across its designation's life (issue 13 item 1):
 * before designation, in the initial period, in the extension, the day after the (estimated) end,
 * after the latest possible deemed end, and 2026-11-24. Dates are the seed's (seed/data/designations.yaml),
 * counted by subgraphs/shared/designation-lifecycle.ts; ends are exclusive, so "the day after the last
 * day" is the lifecycle's end itself.
 *
 * Statute (금융혁신지원 특별법, /work/shared/laws/kr/금융혁신지원특별법/법률.md):
 *   Art. 4(1) "2년의 범위 내에서 혁신금융서비스를 지정할 수 있다."
 *   Art. 9(1) "지정기간이 만료된 경우 혁신금융사업자로서의 지위를 상실한다. 다만, … 금융소비자 보호, … 감독ㆍ검사
 *             등을 위해 필요한 경우에는 그 필요한 범위 내에서 혁신금융사업자로서 의무를 준수하여야 한다."
 *   Art. 9(2) "지정기간이 만료된 경우 혁신금융사업자는 즉시 혁신금융서비스의 운영을 종료하여야 한다."
 *   Art. 10(1) "그 지정기간을 한 차례만 2년 이하의 범위에서 연장할 수 있다."
 *   Art. 10-2(7) "제6항에 따른 기간은 … 만료된 날부터 6개월을 초과할 수 없다. 다만, … 2회에 한정하여 각각 6개월의
 *             범위에서 그 기간을 연장할 수 있다."
 *   Art. 20(1) "혁신금융사업자는 지정기간 중 혁신금융서비스를 제공함에 있어 사전에 이용자에게 … 고지하여야 한다."
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startStack, type TestStack } from '../support/stack.ts';

const Q = /* GraphQL */ `
  query Scenario($serviceType: ID!, $context: ApplicabilityContext) {
    applicableObligations(serviceType: $serviceType, context: $context) {
      sandbox
      notes(language: EN)
      notesKo: notes(language: KO)
      designations { id }
      results {
        status
        obligation { id provisions { id } }
        reasons { kind explanation(language: EN) ko: explanation(language: KO) path { id } }
        designationEffect { effect designation { id } }
      }
    }
  }
`;
interface Result {
  status: string;
  obligation: { id: string; provisions: { id: string }[] };
  reasons: { kind: string; explanation: string; ko: string; path: { id: string }[] }[];
  designationEffect: { effect: string; designation: { id: string } } | null;
}
interface Report { sandbox: boolean; notes: string[]; notesKo: string[]; designations: { id: string }[]; results: Result[] }

let stack: TestStack;
beforeAll(async () => {
  stack = await startStack();
});
afterAll(async () => {
  await stack?.stop();
});

it('FISA Art. 9 (expiry) is in the graph, verbatim', async () => {
  // 제9조(지정기간의 만료) ② 지정기간이 만료된 경우 혁신금융사업자는 즉시 혁신금융서비스의 운영을 종료하여야 한다.
  const body = await stack.gql<{ provision: { citationKo: string; versions: { textKo: string }[] } }>('{ provision(id: "kr/fisa/art-9") { citationKo versions { textKo } } }');
  expect(body.data?.provision.citationKo).toContain('제9조');
  expect(body.data?.provision.versions[0]!.textKo).toContain('즉시 혁신금융서비스의 운영을 종료하여야 한다');
});

async function ask(serviceType: string, asOf: string): Promise<Report> {
  const body = await stack.gql<{ applicableObligations: Report }>(Q, { serviceType, context: { sandbox: true, asOf } });
  expect(body.errors, JSON.stringify(body.errors)).toBeUndefined();
  return body.data!.applicableObligations;
}
const byId = (r: Report, id: string) => {
  const x = r.results.find((y) => y.obligation.id === id);
  expect(x, `${id} in the report`).toBeDefined();
  return x!;
};
const status = (r: Report, id: string) => byId(r, id).status;
/**
 * Korean a reader does not stumble on, in the notes and the designation reasons: no "(는)"-style
 * particle pairs, no Latin enum names. (The other reason kinds' wording is issue 13 item 4.)
 */
const DESIGNATION_REASONS = new Set(['DESIGNATION_EXPIRED', 'DESIGNATION_NOT_YET_IN_FORCE', 'DESIGNATION_DATES_UNKNOWN', 'SANDBOX', 'EXEMPTION']);
function expectKorean(r: Report) {
  const ko = [...r.notesKo, ...r.results.flatMap((x) => x.reasons.filter((y) => DESIGNATION_REASONS.has(y.kind)).map((y) => y.ko))].join('\n');
  expect(ko).not.toMatch(/\((은|는|이|가|을|를|으로|로)\)/);
  expect(ko).not.toMatch(/\b(EXPIRED|ACTIVE|EXTENDED|DEEMED_CONTINUING|NOT_YET_DESIGNATED|UNKNOWN|APPLIES)\b/);
}

// The duties every designated service owes (seed/data/obligations-kr-sandbox.yaml).
const REPORTS = 'obl/fisa/operation-reports'; // Art. 18: supervision — continues after expiry (Art. 9(1) proviso)
const RISK_PLAN = 'obl/fisa/consumer-protection-risk-plan'; // Art. 19: consumer protection — continues
const LIABILITY = 'obl/fisa/liability-insurance'; // Art. 27 "제공 및 중단 등으로 인하여 … 배상할 책임" — continues
const DISPUTES = 'obl/fisa/dispute-procedure'; // Art. 28: complaints and disputes — continues
const RISK_NOTICE = 'obl/fisa/trial-risk-notice'; // Art. 20(1) "지정기간 중" — lapses
const CONSENT = 'obl/fisa/trial-consent'; // Art. 20(2) — lapses
const CONTINUING = [REPORTS, RISK_PLAN, LIABILITY, DISPUTES];
const LAPSING = [RISK_NOTICE, CONSENT];

/** Before designation: not an innovative financial business operator yet (Art. 4(1)), no exemption. */
function expectBefore(r: Report) {
  expect(r.sandbox).toBe(false);
  for (const id of [...CONTINUING, ...LAPSING]) expect(status(r, id)).toBe('NOT_YET_IN_FORCE');
  expect(byId(r, REPORTS).reasons[0]!.kind).toBe('DESIGNATION_NOT_YET_IN_FORCE');
  expectKorean(r);
}
/** In force: the sandbox duties bind (Arts. 18-20, 27, 28 "혁신금융사업자는 …"). */
function expectInForce(r: Report) {
  expect(r.sandbox).toBe(true);
  for (const id of [...CONTINUING, ...LAPSING]) expect(status(r, id)).toBe('APPLIES');
  expectKorean(r);
}
/** Expired: status lost, service ended (Art. 9(1)-(2)); only consumer-protection and supervision duties continue. */
function expectExpired(r: Report, lastDay: string) {
  expect(r.sandbox).toBe(false);
  for (const id of CONTINUING) expect(status(r, id)).toBe('APPLIES');
  for (const id of LAPSING) expect(status(r, id)).toBe('NO_LONGER_IN_FORCE');
  const reason = byId(r, REPORTS).reasons[0]!;
  expect(reason.kind).toBe('DESIGNATION_EXPIRED');
  expect(reason.explanation).toContain(lastDay);
  expect(reason.explanation).toMatch(/Art\. 9\(1\) proviso/);
  // The article that decides it is on the reason's path (and is a provision of the graph: below).
  expect(reason.path.map((p) => p.id)).toContain('kr/fisa/art-9');
  expect(byId(r, RISK_NOTICE).reasons.some((x) => x.kind === 'SANDBOX')).toBe(false);
  expect(r.notes.join(' ')).toMatch(/had to end the service at once \(FISA Art\. 9\(1\)-\(2\)\)/);
  expect(r.notesKo.join(' ')).toContain('즉시 서비스 운영을 종료하여야');
  expectKorean(r);
}

describe('Shinhan Card face pay: designated 2019-10-02 for 2 years, extended 2021-09-08 (end not published)', () => {
  const SVC = 'svc/face-recognition-payment';
  const ID_CHECK = 'obl/efta/access-medium-identity-check';
  const CONDITIONS = ['obl/sbx/shinhan-card-face-pay/user-scope', 'obl/sbx/shinhan-card-face-pay/staged-expansion-and-reports'];

  it('2019-10-01, the day before designation: EFTA Art. 6 applies unmodified, no sandbox duty binds yet', async () => {
    const r = await ask(SVC, '2019-10-01');
    expectBefore(r);
    // EFTA Art. 6(2) real-name check applies as written: the exemption starts with the designation.
    expect(status(r, ID_CHECK)).toBe('APPLIES');
    expect(byId(r, ID_CHECK).designationEffect).toBeNull();
    expect(byId(r, ID_CHECK).reasons.map((x) => x.kind)).toContain('DESIGNATION_NOT_YET_IN_FORCE');
  });

  it('2020-06-01, initial period: the Art. 6 exemption modifies the identity check; conditions apply', async () => {
    const r = await ask(SVC, '2020-06-01');
    expectInForce(r);
    // Art. 4(2)5 "금융관련법령 중 적용이 배제되는 규정 등 규제 적용의 특례" holds during the period.
    expect(status(r, ID_CHECK)).toBe('MODIFIED_BY_DESIGNATION');
    // Art. 4(3) conditions, complied with under Art. 18(1)2.
    for (const id of CONDITIONS) expect(status(r, id)).toBe('APPLIES');
    expect(r.notes.join(' ')).toMatch(/initial period runs until 2021-10-01/);
  });

  it('2022-06-01, extended period (Art. 10(1)): still in force, the note says the end is estimated', async () => {
    const r = await ask(SVC, '2022-06-01');
    expectInForce(r);
    expect(status(r, ID_CHECK)).toBe('MODIFIED_BY_DESIGNATION');
    // Art. 10(1) "한 차례만 2년 이하": extended end 2023-10-01 (last day), estimated — not published.
    expect(r.notes.join(' ')).toMatch(/extended on 2021-09-08 .* until 2023-10-01 \(estimated/);
  });

  for (const asOf of ['2023-10-02', '2025-04-02', '2026-11-24']) {
    it(`${asOf}: expired (day after the estimated end 2023-10-01; after the latest deemed end 2025-04-01; today)`, async () => {
      const r = await ask(SVC, asOf);
      expectExpired(r, '2023-10-01');
      // The exemption ended with the designation: Art. 6 applies as written again (Art. 9(1)).
      const idCheck = byId(r, ID_CHECK);
      expect(idCheck.status).toBe('APPLIES');
      expect(idCheck.designationEffect).toBeNull();
      const ended = idCheck.reasons.find((x) => x.kind === 'DESIGNATION_EXPIRED')!;
      expect(ended.explanation).toMatch(/until 2023-10-01 \(estimated/);
      // Art. 10-2(7): 6 + 6 + 6 months after 2023-10-02 at most; none is recorded, so both are said.
      expect(ended.explanation).toMatch(/until 2025-04-01 at the latest, but none is recorded/);
      expect(ended.ko).toContain('2023년 10월 1일까지');
      // Art. 4(3) conditions govern the running service, which had to end (Art. 9(2)).
      for (const id of CONDITIONS) expect(status(r, id)).toBe('NO_LONGER_IN_FORCE');
    });
  }
});

describe('NH NongHyup Bank AI banker: designated December 2019 (day not published), no extension recorded', () => {
  const SVC = 'svc/ai-banker';
  const CONDITION = 'obl/sbx/nh-bank-ai-banker/insurance-ad-scope';
  it('2019-12-30: before the estimated start 2019-12-31 (last day of the month)', async () => {
    expectBefore(await ask(SVC, '2019-12-30'));
  });
  it('2020-06-01, initial period: duties and the advertising condition apply', async () => {
    const r = await ask(SVC, '2020-06-01');
    expectInForce(r);
    expect(status(r, CONDITION)).toBe('APPLIES');
    // Art. 4(1) "2년의 범위": counted from 2019-12-31, the end 2021-12-30 is estimated.
    expect(r.notes.join(' ')).toMatch(/until 2021-12-30 \(estimated: only the month of designation is published/);
  });
  for (const asOf of ['2021-12-31', '2023-07-01', '2026-11-24']) {
    it(`${asOf}: expired (day after the estimated end; after the latest deemed end 2023-06-30; today)`, async () => {
      const r = await ask(SVC, asOf);
      expectExpired(r, '2021-12-30');
      expect(status(r, CONDITION)).toBe('NO_LONGER_IN_FORCE');
      // Art. 10-2 was in force (2021-07-21) before this end: a deemed continuation was possible.
      expect(byId(r, REPORTS).reasons[0]!.explanation).toMatch(/until 2023-06-30 at the latest/);
    });
  }
});

describe('Persona AI insurance robo-teller: designated 2019-05-15, end and extension not published', () => {
  const SVC = 'svc/ai-insurance-sales';
  const SOLICITORS = 'obl/iba/qualified-solicitors';
  it('2019-05-14: the Insurance Business Act Art. 83(1) limit applies unmodified', async () => {
    const r = await ask(SVC, '2019-05-14');
    expectBefore(r);
    expect(status(r, SOLICITORS)).toBe('APPLIES');
  });
  it('2020-06-01, initial period: the Art. 83(1) exemption modifies who may solicit', async () => {
    const r = await ask(SVC, '2020-06-01');
    expectInForce(r);
    expect(status(r, SOLICITORS)).toBe('MODIFIED_BY_DESIGNATION');
  });
  for (const asOf of ['2021-05-15', '2026-11-24']) {
    it(`${asOf}: expired at the statutory maximum (no deemed continuation possible before Art. 10-2 took effect)`, async () => {
      const r = await ask(SVC, asOf);
      expectExpired(r, '2021-05-14');
      expect(status(r, SOLICITORS)).toBe('APPLIES');
      const ended = byId(r, SOLICITORS).reasons.find((x) => x.kind === 'DESIGNATION_EXPIRED')!;
      expect(ended.explanation).toMatch(/until 2021-05-14 \(estimated: no end is published/);
      // Art. 10-2 (신설 2021.4.20, in force 2021-07-21) came after this end: no latest possible deemed end.
      expect(ended.explanation).not.toMatch(/at the latest/);
      for (const id of r.results.filter((x) => x.obligation.id.startsWith('obl/sbx/persona')).map((x) => x.obligation.id)) expect(status(r, id)).toBe('NO_LONGER_IN_FORCE');
    });
  }
});

describe('Douzone Bizon corporate credit model: designated May 2019 (day not published)', () => {
  const SVC = 'svc/corporate-credit-model';
  it('2019-05-30: before the estimated start 2019-05-31', async () => {
    expectBefore(await ask(SVC, '2019-05-30'));
  });
  it('2020-06-01: in force', async () => {
    expectInForce(await ask(SVC, '2020-06-01'));
  });
  for (const asOf of ['2021-05-31', '2026-11-24']) {
    it(`${asOf}: expired at the estimated end 2021-05-30`, async () => {
      expectExpired(await ask(SVC, asOf), '2021-05-30');
    });
  }
});

describe('SandboxDesignation dates and status', () => {
  it('Shinhan: EXPIRED on 2024-01-01 with periodEnd 2023-10-02 (issue 13: it used to say UNKNOWN)', async () => {
    const body = await stack.gql<{ designation: Record<string, unknown> }>(`{ designation(id: "sbx/shinhan-card-face-pay") {
      start startEstimated periodEnd periodEndEstimated latestPossibleEnd end
      before: status(asOf: "2019-10-01") initial: status(asOf: "2020-06-01") extended: status(asOf: "2022-06-01")
      after: status(asOf: "2024-01-01") inForce(asOf: "2026-11-24") } }`);
    expect(body.errors).toBeUndefined();
    expect(body.data!.designation).toEqual({
      start: '2019-10-02', startEstimated: false, periodEnd: '2023-10-02', periodEndEstimated: true, latestPossibleEnd: '2025-04-02', end: '2023-10-02',
      before: 'NOT_YET_DESIGNATED', initial: 'ACTIVE', extended: 'EXTENDED', after: 'EXPIRED', inForce: false,
    });
  });
  it('designationsExpiring follows the same ends: NH (2021-12-31) within 12 months of 2021-06-01, Shinhan not', async () => {
    const body = await stack.gql<{ designationsExpiring: { id: string; end: string }[] }>(`{ designationsExpiring(months: 12, from: "2021-06-01") { id end } }`);
    expect(body.errors).toBeUndefined();
    expect(body.data!.designationsExpiring).toEqual([{ id: 'sbx/nh-bank-ai-banker', end: '2021-12-31' }]);
  });
});
