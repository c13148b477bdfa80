/**
 * The change feed (issue 17): `changes` and `upcomingChanges` through the gateway, computed by the
 * flagship engine. First on the base data (seed/data), then on the example amendments loaded through
 * the loader on their own older bases (seed/amendments/base), as test/integration/seed-amendments.test.ts
 * loads them — the base data already holds their effect (seed/data/README.md, README "For regulators").
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { applyFiles, resetGraph } from '../../seed/index.ts';
import { CHANGE_EXAMPLES } from '../../gateway/ide/examples/changes.ts';
import { askUntil } from '../support/poll.ts';
import { startStack, type TestStack } from '../support/stack.ts';

const AMENDMENTS = path.resolve(import.meta.dirname, '../../seed/amendments');

let stack: TestStack;
beforeAll(async () => {
  stack = await startStack();
}, 180_000);
afterAll(async () => {
  await stack?.stop();
});

const CHANGES = /* GraphQL */ `
  query Changes($from: Date!, $to: Date!, $serviceType: ID, $deployment: ID, $institution: ID, $context: ApplicabilityContext) {
    changes(from: $from, to: $to, serviceType: $serviceType, deployment: $deployment, institution: $institution, context: $context) {
      on kind before after statementChanged
      obligation { id provisions { id } }
      serviceType { id }
      deployment { id }
      cause { kind estimated regulation { id } amendment { id } designation { id } description(language: EN) ko: description(language: KO) }
      causes { kind amendment { id } }
      textDiffs { provision { id } fromVersion toVersion patch }
      explanation(language: EN)
      ko: explanation(language: KO)
    }
  }
`;
const UPCOMING = /* GraphQL */ `
  query Upcoming($months: Int!, $from: Date) {
    upcomingChanges(months: $months, from: $from) {
      regulation { id nameEn }
      amendments { id }
      changes { on kind before after obligation { id } serviceType { id } deployment { id } cause { kind amendment { id } } textDiffs { patch } }
    }
  }
`;

interface Change {
  on: string;
  kind: string;
  before: string | null;
  after: string | null;
  statementChanged: boolean;
  obligation: { id: string; provisions: { id: string }[] };
  serviceType: { id: string };
  deployment: { id: string } | null;
  cause: { kind: string; estimated: boolean; regulation: { id: string } | null; amendment: { id: string } | null; designation: { id: string } | null; description: string; ko: string } | null;
  causes: { kind: string; amendment: { id: string } | null }[];
  textDiffs: { provision: { id: string }; fromVersion: string | null; toVersion: string | null; patch: string }[];
  explanation: string;
  ko: string;
}
interface Group {
  regulation: { id: string; nameEn: string };
  amendments: { id: string }[];
  changes: (Pick<Change, 'on' | 'kind' | 'before' | 'after' | 'obligation' | 'serviceType' | 'deployment' | 'textDiffs'> & { cause: { kind: string; amendment: { id: string } | null } | null })[];
}

async function changes(vars: Record<string, unknown>): Promise<Change[]> {
  const r = await stack.gql<{ changes: Change[] }>(CHANGES, vars);
  expect(r.errors).toBeUndefined();
  return r.data!.changes;
}
async function upcoming(months: number, from: string): Promise<Group[]> {
  const r = await stack.gql<{ upcomingChanges: Group[] }>(UPCOMING, { months, from });
  expect(r.errors).toBeUndefined();
  return r.data!.upcomingChanges;
}

/** Korean text the house style forbids: the doubled particle and English enum names. */
function expectGoodKorean(ko: string): void {
  expect(ko).not.toMatch(/은\(는\)|이\(가\)|을\(를\)/);
  expect(ko).not.toMatch(/APPLIES|EXEMPTED_BY_DESIGNATION|MODIFIED_BY_DESIGNATION|NOT_YET_IN_FORCE|NO_LONGER_IN_FORCE|EXEMPTION_ENDS|WORDING_CHANGED/);
}

describe('on the base data', () => {
  it('the 2026-12-17 EFTA change is upcoming before its date and a change across it', async () => {
    // Act No. 21205 (promulgated 2025-12-16), 부칙 제1조: "이 법은 공포 후 1년이 경과한 날부터 시행한다" → 2026-12-17.
    // The base data holds its effect on EFTA Art. 2 (the definitions, marked "<개정 … 2025.12.16>"): a
    // version from 2026-12-17, recorded without an Amendment node (seed/data/README.md, dating rule 3).
    const groups = await upcoming(3, '2026-12-01');
    const efta = groups.find((g) => g.regulation.id === 'kr/efta');
    expect(efta).toBeDefined();
    const c = efta!.changes.find((x) => x.obligation.id === 'obl/efta/access-medium-identity-check' && x.serviceType.id === 'svc/biometric-payment' && !x.deployment);
    expect(c).toMatchObject({ on: '2026-12-17', kind: 'WORDING_CHANGED', before: 'APPLIES', after: 'APPLIES' });
    expect(c!.textDiffs[0]!.patch).toContain('2023.9.14, 2025.12.16>');
    // From the day after, it is no longer upcoming.
    const later = await upcoming(3, '2026-12-18');
    expect(later.flatMap((g) => g.changes).some((x) => x.on === '2026-12-17')).toBe(false);

    const across = await changes({ from: '2026-12-01', to: '2027-01-31', serviceType: 'svc/biometric-payment' });
    const w = across.find((x) => x.obligation.id === 'obl/efta/access-medium-identity-check')!;
    expect(w).toMatchObject({ on: '2026-12-17', kind: 'WORDING_CHANGED', statementChanged: false });
    expect(w.textDiffs.map((d) => d.provision.id)).toEqual(['kr/efta/art-2']);
    expect(w.textDiffs[0]).toMatchObject({ fromVersion: 'kr/efta/art-2@2024-09-15', toVersion: 'kr/efta/art-2@2026-12-17' });
    expect(w.cause).toMatchObject({ kind: 'LAW_IN_FORCE', regulation: { id: 'kr/efta' } });
    expect(w.explanation).toContain('From 2026-12-17');
    expect(w.ko).toContain('2026년 12월 17일부터');
    expectGoodKorean(w.ko);
  }, 60_000);

  it("Shinhan Card face pay: the designation's (estimated) end is an exemption ending, and the modified duty applies as written", async () => {
    // FISA Art. 10(1): "그 지정기간을 한 차례만 2년 이하의 범위에서 연장할 수 있다." Designated 2019-10-02 for
    // 2 years (to 2021-10-02), extended on 2021-09-08 "to early October 2023", day not published: the
    // statutory maximum gives the end 2023-10-02 (exclusive), estimated (seed/data/designations.yaml).
    // Art. 9(1): "지정기간이 만료된 경우 혁신금융사업자로서의 지위를 상실한다" — the EFTA Art. 6 특례 ends with it.
    const list = await changes({ from: '2023-09-01', to: '2023-12-31', deployment: 'dep/shinhan-card/face-pay' });
    const c = list.find((x) => x.obligation.id === 'obl/efta/access-medium-identity-check')!;
    expect(c).toMatchObject({ on: '2023-10-02', kind: 'EXEMPTION_ENDS', before: 'MODIFIED_BY_DESIGNATION', after: 'APPLIES', deployment: { id: 'dep/shinhan-card/face-pay' } });
    expect(c.cause).toMatchObject({ kind: 'DESIGNATION_EXTENSION_ENDS', estimated: true, designation: { id: 'sbx/shinhan-card-face-pay' } });
    expect(c.explanation).toMatch(/estimated/);
    expect(c.ko).toContain('추정일');
    expectGoodKorean(c.ko);
    // The trial-period notice (Art. 20(1) "지정기간 중 …") stops applying the same day.
    expect(list.find((x) => x.obligation.id === 'obl/fisa/trial-risk-notice')).toMatchObject({ on: '2023-10-02', kind: 'STOPS_APPLYING', after: 'NO_LONGER_IN_FORCE' });
    // And the designation's start (2019-10-02) is when the 특례 began.
    const start = await changes({ from: '2019-10-02', to: '2019-10-02', deployment: 'dep/shinhan-card/face-pay' });
    expect(start.find((x) => x.obligation.id === 'obl/efta/access-medium-identity-check')).toMatchObject({ kind: 'EXEMPTION_STARTS', before: 'APPLIES', after: 'MODIFIED_BY_DESIGNATION' });
    // The designation's own conditions (FISA Art. 4: 지정 시 부과한 조건) are new duties that start with it, because of it.
    const conditions = start.filter((x) => x.obligation.id.startsWith('obl/sbx/shinhan-card-face-pay/'));
    expect(conditions.map((x) => x.obligation.id).sort()).toEqual(['obl/sbx/shinhan-card-face-pay/staged-expansion-and-reports', 'obl/sbx/shinhan-card-face-pay/user-scope']);
    for (const x of conditions) {
      expect(x, x.obligation.id).toMatchObject({ kind: 'NEW_OBLIGATION', before: null, after: 'APPLIES' });
      expect(x.cause, x.obligation.id).toMatchObject({ kind: 'DESIGNATION_STARTS', designation: { id: 'sbx/shinhan-card-face-pay' } });
      expect(x.causes.map((c) => c.kind), x.obligation.id).not.toContain('LAW_IN_FORCE');
    }
    // The institution's feed has the same change for its deployment.
    const inst = await changes({ from: '2023-10-01', to: '2023-10-03', institution: 'inst/shinhan-card' });
    expect(inst.some((x) => x.kind === 'EXEMPTION_ENDS' && x.deployment?.id === 'dep/shinhan-card/face-pay')).toBe(true);
  }, 60_000);

  it('every change agrees with the flagship on the day before and on the day', async () => {
    const list = await changes({ from: '2019-01-01', to: '2026-12-31', serviceType: 'svc/credit-scoring' });
    expect(list.length).toBeGreaterThan(10);
    const dates = list.map((c) => c.on);
    expect([...dates].sort()).toEqual(dates);
    const status = async (asOf: string, id: string) => {
      const r = await stack.gql<{ applicableObligations: { results: { status: string; obligation: { id: string } }[] } }>(
        `query($asOf: Date) { applicableObligations(serviceType: "svc/credit-scoring", context: { asOf: $asOf }) { results { status obligation { id } } } }`,
        { asOf },
      );
      return r.data!.applicableObligations.results.find((x) => x.obligation.id === id)?.status ?? null;
    };
    const dayBefore = (d: string) => new Date(Date.parse(`${d}T00:00:00Z`) - 86_400_000).toISOString().slice(0, 10);
    for (const c of list.slice(0, 12)) {
      // null: the obligation does not exist on that side, which the flagship shows as not (yet / any more) in force, or not at all.
      const after = await status(c.on, c.obligation.id);
      if (c.after === null) expect([null, 'NO_LONGER_IN_FORCE'], `${c.on} ${c.obligation.id}`).toContain(after);
      else expect(after, `${c.on} ${c.obligation.id}`).toBe(c.after);
      const before = await status(dayBefore(c.on), c.obligation.id);
      if (c.before === null) expect([null, 'NOT_YET_IN_FORCE'], `${c.on} ${c.obligation.id}`).toContain(before);
      else expect(before, `${c.on} ${c.obligation.id}`).toBe(c.before);
      expectGoodKorean(c.ko);
    }
  }, 120_000);

  it("the IDE's change-feed examples run as shipped", async () => {
    const [shinhan, next] = CHANGE_EXAMPLES;
    const a = await stack.gql<{ changes: { kind: string; deployment: { id: string } | null; explanationKo: string }[] }>(shinhan!.query, shinhan!.variables);
    expect(a.errors).toBeUndefined();
    expect(a.data!.changes.some((c) => c.kind === 'EXEMPTION_ENDS' && c.deployment?.id === 'dep/shinhan-card/face-pay')).toBe(true);
    for (const c of a.data!.changes) expectGoodKorean(c.explanationKo);
    // "The next 3 months" from today: no assertion on the content, which moves with the date.
    const b = await stack.gql(next!.query, next!.variables);
    expect(b.errors).toBeUndefined();
  }, 60_000);

  it('refuses bad windows and unknown subjects, naming the argument', async () => {
    const err = async (vars: Record<string, unknown>) => (await stack.gql(CHANGES, vars)).errors?.[0];
    expect(await err({ from: '2024-01-02', to: '2024-01-01', serviceType: 'svc/chatbot' })).toMatchObject({ extensions: { code: 'BAD_USER_INPUT', field: 'to' } });
    expect(await err({ from: '2000-01-01', to: '2021-01-02', serviceType: 'svc/chatbot' })).toMatchObject({ extensions: { code: 'BAD_USER_INPUT', field: 'to' } });
    expect(await err({ from: '2020-01-01', to: '2021-01-01' })).toMatchObject({ extensions: { code: 'BAD_USER_INPUT' } });
    expect(await err({ from: '2020-01-01', to: '2021-01-01', serviceType: 'svc/nope' })).toMatchObject({ extensions: { code: 'NOT_FOUND', field: 'serviceType' } });
    expect(await err({ from: '2020-01-01', to: '2021-01-01', deployment: 'dep/nope' })).toMatchObject({ extensions: { code: 'NOT_FOUND', field: 'deployment' } });
    for (const months of [0, 61]) {
      const r = await stack.gql(UPCOMING, { months });
      expect(r.errors?.[0]).toMatchObject({ extensions: { code: 'BAD_USER_INPUT', field: 'months' } });
    }
  }, 60_000);
});

/** A service type (and, for EFTA, a duty on Art. 25-2) for the example bases, which have none. */
function writeDataset(): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'regkg-changes-'));
  const file = path.join(dir, 'services.yaml');
  fs.writeFileSync(
    file,
    `kind: Dataset
id: changes-test-services
description: service types for the change-feed test
serviceTypes:
  - id: svc/credit-scoring
    nameKo: AI 개인신용평가
    nameEn: AI credit scoring (personal)
    riskLevel: HIGH
  - id: svc/prepaid-wallet
    nameKo: 선불전자지급수단 지갑
    nameEn: Prepaid e-payment wallet
    riskLevel: MINIMAL
obligations:
  - id: obl/test/prepaid-separate-management
    kind: OTHER
    provisions: [kr/efta/art-25-2]
    triggers:
      serviceTypes: [svc/prepaid-wallet]
    versions:
      - validFrom: 2024-09-15
        statementKo: 선불충전금을 별도관리하여야 한다.
        statementEn: Keep prepaid balances separately.
`,
  );
  return file;
}

describe('the example amendments through the loader, on their own older bases', () => {
  beforeAll(async () => {
    await resetGraph(stack.driver);
    await applyFiles(
      stack.driver,
      [path.join(AMENDMENTS, 'base/kr-cia-2016.yaml'), path.join(AMENDMENTS, 'base/kr-efta-2024.yaml'), writeDataset(), path.join(AMENDMENTS, 'kr-cia-2020-02-04-16957.yaml'), path.join(AMENDMENTS, 'kr-efta-2025-12-16-21205.yaml')],
      { by: 'changes-test' },
    );
    // Every cache trusts a known data version for up to a second: wait until the answers follow the new graph.
    await askUntil(
      () => stack.gql<{ changes: unknown[] }>(CHANGES, { from: '2026-12-17', to: '2026-12-17', serviceType: 'svc/prepaid-wallet' }),
      (r) => (r.data?.changes.length ?? 0) > 0,
    );
  }, 120_000);

  it('CIA 2020: for AI credit scoring at a bank, the automated-evaluation duties (Art. 36-2) start on 2020-08-05', async () => {
    // Act No. 16957 (promulgated 2020-02-04), 부칙 제1조: "이 법은 공포 후 6개월이 경과한 날부터 시행한다" → 2020-08-05.
    // Art. 36-2(1): "개인인 신용정보주체는 개인신용평가회사 및 대통령령으로 정하는 신용정보제공ㆍ이용자에 대하여 다음 각
    // 호의 사항을 설명하여 줄 것을 요구할 수 있다. 1. … 자동화평가를 하는지 여부". The amendment's duties are
    // triggered by the institution type (CREDIT_BUREAU, BANK, CARD_COMPANY, INSURER).
    const list = await changes({ from: '2020-01-01', to: '2020-12-31', serviceType: 'svc/credit-scoring', context: { institutionType: 'BANK' } });
    for (const id of ['obl/cia/automated-evaluation-explanation', 'obl/cia/automated-evaluation-objection']) {
      const c = list.find((x) => x.obligation.id === id)!;
      // before is null: the duty did not exist before the amendment (not merely "not yet in force").
      expect(c, id).toMatchObject({ on: '2020-08-05', kind: 'NEW_OBLIGATION', before: null, after: 'APPLIES', obligation: { provisions: [{ id: 'kr/cia/art-36-2' }] } });
      expect(c.cause).toMatchObject({ kind: 'AMENDMENT', amendment: { id: 'amd/kr/cia/2020-02-04-16957' }, regulation: { id: 'kr/cia' } });
      expect(c.ko).toContain('(법률 제16957호)가 시행됩니다');
      expectGoodKorean(c.ko);
    }
    // Without the institution type nothing reaches the service (the base's obligations have no triggers).
    expect(await changes({ from: '2020-01-01', to: '2020-12-31', serviceType: 'svc/credit-scoring' })).toEqual([]);
  }, 60_000);

  it('EFTA 2026: upcoming before 2026-12-17 with its amendment, and a wording change across it', async () => {
    // Act No. 21205, 부칙 제1조: "이 법은 공포 후 1년이 경과한 날부터 시행한다" (promulgated 2025-12-16) → 2026-12-17.
    // Art. 25-2(1) is substituted ("… 선불충전금 … 100분의 50 이상에 해당하는 금액 … <개정 2025.12.16>").
    const groups = await upcoming(1, '2026-12-01');
    const efta = groups.find((g) => g.regulation.id === 'kr/efta')!;
    expect(efta.amendments.map((a) => a.id)).toEqual(['amd/kr/efta/2025-12-16-21205']);
    expect(efta.changes[0]).toMatchObject({ on: '2026-12-17', kind: 'WORDING_CHANGED', obligation: { id: 'obl/test/prepaid-separate-management' }, cause: { kind: 'AMENDMENT' } });

    const list = await changes({ from: '2026-12-17', to: '2027-12-31', serviceType: 'svc/prepaid-wallet' });
    expect(list).toHaveLength(1);
    const c = list[0]!;
    expect(c).toMatchObject({ on: '2026-12-17', kind: 'WORDING_CHANGED', before: 'APPLIES', after: 'APPLIES' });
    expect(c.textDiffs[0]!.provision.id).toBe('kr/efta/art-25-2');
    expect(c.textDiffs[0]!.patch).toMatch(/^\+.*<개정 2025\.12\.16>/m);
    expect(c.ko).toContain('「전자금융거래법 일부개정법률」(법률 제21205호)가 시행됩니다');
    // Just before, nothing has changed yet.
    expect(await changes({ from: '2026-12-01', to: '2026-12-16', serviceType: 'svc/prepaid-wallet' })).toEqual([]);
  }, 60_000);
});
