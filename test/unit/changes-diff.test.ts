/**
 * The change feed's diff on hand-made engine rows (no database): which dates are evaluated, how a
 * status pair is named, and what causes and explanations come out.
 */
import { describe, expect, it } from 'vitest';
import type { Candidate, EngineRows, Subject, SubjectCtx } from '../../subgraphs/obligations/applicability.ts';
import { attachDetails, diffReports } from '../../subgraphs/obligations/changes.ts';
import { causeText, changeExplanation } from '../../subgraphs/obligations/changes-wording.ts';
import { compareFeeds } from '../../seed/plan-feed.ts';

const provision = { id: 'kr/t/art-1', citationKo: '시험법 제1조', citationEn: 'Test Act Art. 1', regulationId: 'kr/t', regulationNameKo: '시험법', regulationNameEn: 'Test Act', jurisdiction: 'KR', binding: true, sourceUrl: null, sourceKind: null, applicableFrom: null, versions: [{ validFrom: '2019-01-01', validTo: null }] };
const cand = (id: string, versions: Candidate['versions']): Candidate => ({
  obligation: { id, kind: 'OTHER', sandboxOnly: false, triggerRiskLevels: null, triggerInstitutionTypes: null },
  triggerIds: ['svc/x'],
  triggers: [{ id: 'svc/x', label: 'AIServiceType' }],
  addressees: [],
  versions,
  provisions: [provision],
});
// A Neo4j property that is not stored comes back undefined (an open end), as o1's second version shows.
const o1 = cand('obl/t/one', [
  { id: 'o1@2019', validFrom: '2019-01-01', validTo: '2021-06-01', statementKo: '처음 문구', statementEn: 'first wording' },
  { id: 'o1@2021', validFrom: '2021-06-01', validTo: undefined as unknown as null, statementKo: '바뀐 문구', statementEn: 'new wording', amendmentId: 'amd/t/1' },
]);
const o2 = cand('obl/t/two', [{ id: 'o2@2020', validFrom: '2020-06-01', validTo: '2023-01-01', statementKo: '둘째 의무', statementEn: 'second duty' }]);
const ctx: SubjectCtx = {
  key: 'only',
  service: { id: 'svc/x', nameKo: '시험 서비스', nameEn: 'Test service', riskLevel: null },
  types: [{ id: 'svc/x', nameKo: '시험 서비스', nameEn: 'Test service', chain: ['svc/x'] }],
  capabilities: [],
  dataCategories: [],
  extraDataCategories: [],
  designations: [{
    id: 'sbx/t', nameKo: '시험 지정', nameEn: 'Test designation', designatedOn: '2020-01-01', validFrom: '2020-01-01', validTo: null, periodMonths: 24,
    institutionId: null, institutionNameKo: null, institutionNameEn: null,
    exemptions: [{ effect: 'EXEMPTS', noteKo: null, noteEn: null, provisionId: 'kr/t/art-1', citationKo: '시험법 제1조', citationEn: 'Test Act Art. 1', obligationIds: ['obl/t/one'] }],
  }],
};
const rows: EngineRows = { ctxRows: [ctx], candidates: [o1, o2] };
const subject: Subject = { key: 'only', serviceTypeId: 'svc/x', designationIds: ['sbx/t'], sandbox: true, institutionType: null, extraDataCategoryIds: [] };
const opts = { asOf: '2019-06-01', jurisdictions: ['KR'], includeInactive: true, includeNonBinding: true };

describe('diffReports', () => {
  it('names each change between consecutive evaluations and finds its cause', () => {
    const run = diffReports(rows, [subject], opts, '2019-06-01', '2024-01-01', 100);
    if (run === 'TOO_MANY_DATES') throw new Error('unexpected');
    // Candidate dates: versions' starts and ends, and the designation's start and (24-month) end.
    expect(run.dates).toEqual(['2020-01-01', '2020-06-01', '2021-06-01', '2022-01-01', '2023-01-01']);
    attachDetails(run.changes, { provisionVersions: new Map(), amendments: new Map([['amd/t/1', { id: 'amd/t/1', regulationId: 'kr/t', lawNumber: '123', titleKo: '시험법 일부개정법률', titleEn: 'Test Act amendment' }]]) });
    expect(run.changes.map((c) => [c.on, c.obligationId, c.kind, c.before, c.after, c.causes.map((x) => x.kind)])).toEqual([
      ['2020-01-01', 'obl/t/one', 'EXEMPTION_STARTS', 'APPLIES', 'EXEMPTED_BY_DESIGNATION', ['DESIGNATION_STARTS']],
      // The obligation does not exist the day before (its first version starts on the day): before is null.
      ['2020-06-01', 'obl/t/two', 'NEW_OBLIGATION', null, 'APPLIES', ['LAW_IN_FORCE']],
      ['2021-06-01', 'obl/t/one', 'WORDING_CHANGED', 'EXEMPTED_BY_DESIGNATION', 'EXEMPTED_BY_DESIGNATION', ['AMENDMENT']],
      ['2022-01-01', 'obl/t/one', 'EXEMPTION_ENDS', 'EXEMPTED_BY_DESIGNATION', 'APPLIES', ['DESIGNATION_ENDS']],
      // ... nor from the day it is retired: after is null.
      ['2023-01-01', 'obl/t/two', 'RETIRED', 'APPLIES', null, ['REPEAL']],
    ]);
    const ends = run.changes[3]!;
    expect(ends.causes[0]!.estimated).toBe(false);
    expect(changeExplanation(ends, 'EN')).toBe('From 2022-01-01, the designation\'s exemption of this obligation for Test service ends; it now applies. Obligation: "new wording" (Test Act Art. 1). Because the designation "Test designation" expires.');
    expect(changeExplanation(ends, 'KO')).toBe("2022년 1월 1일부터 시험 서비스에 대한 지정에 따른 면제가 끝나 상태가 '적용'으로 바뀝니다. 대상 의무: \"바뀐 문구\"(시험법 제1조). 원인: 혁신금융서비스 지정 '시험 지정'의 지정기간이 만료됩니다.");
    // A wording change says the status stays, in words (no enum names), with the particle the word takes.
    expect(changeExplanation(run.changes[2]!, 'KO')).toContain("이 의무의 내용이 바뀝니다. 상태는 '지정에 따른 면제' 그대로입니다.");
    expect(causeText(run.changes[2]!.causes[0]!, 'KO')).toBe('「시험법 일부개정법률」(법률 제123호)가 시행됩니다');
  });

  it("a designation's own condition starts with the designation: DESIGNATION_STARTS, not LAW_IN_FORCE", () => {
    // As obl/sbx/shinhan-card-face-pay/*: triggered by the designation only, first version from its start, no amendment.
    const condition: Candidate = {
      ...cand('obl/t/condition', [{ id: 'c@2020', validFrom: '2020-01-01', validTo: null, statementKo: '지정 조건', statementEn: 'designation condition' }]),
      obligation: { id: 'obl/t/condition', kind: 'DESIGNATION_CONDITION', sandboxOnly: true, triggerRiskLevels: null, triggerInstitutionTypes: null },
      triggerIds: ['sbx/t'],
      triggers: [{ id: 'sbx/t', label: 'SandboxDesignation' }],
    };
    const run = diffReports({ ctxRows: [ctx], candidates: [condition] }, [subject], opts, '2019-06-01', '2020-06-01', 100);
    if (run === 'TOO_MANY_DATES') throw new Error('unexpected');
    attachDetails(run.changes, { provisionVersions: new Map(), amendments: new Map() });
    expect(run.changes.map((c) => [c.on, c.kind, c.before, c.after, c.causes.map((x) => x.kind)])).toEqual([['2020-01-01', 'NEW_OBLIGATION', null, 'APPLIES', ['DESIGNATION_STARTS']]]);
  });

  it('reports inactive sides as absent when includeInactive is false, and refuses too many dates', () => {
    const run = diffReports(rows, [subject], { ...opts, includeInactive: false }, '2019-06-01', '2024-01-01', 100);
    if (run === 'TOO_MANY_DATES') throw new Error('unexpected');
    expect(run.changes.find((c) => c.kind === 'NEW_OBLIGATION')).toMatchObject({ before: null, after: 'APPLIES' });
    expect(diffReports(rows, [subject], opts, '2019-06-01', '2024-01-01', 4)).toBe('TOO_MANY_DATES');
  });
});

describe('compareFeeds (seed plan: the feed an apply would cause)', () => {
  // Two subjects of one service type, without an institution type and as a bank, keyed as seed/plan-feed.ts keys them.
  const plain: Subject = { ...subject, key: 'svc|svc/x|' };
  const bank: Subject = { ...subject, key: 'svc|svc/x|BANK', institutionType: 'BANK' };
  const feedOf = (candidates: Candidate[]) => {
    const ctxRows = [plain, bank].map((s) => ({ ...ctx, key: s.key }));
    const run = diffReports({ ctxRows, candidates }, [plain, bank], opts, '2019-06-01', '2024-01-01', 100);
    if (run === 'TOO_MANY_DATES') throw new Error('unexpected');
    attachDetails(run.changes, { provisionVersions: new Map(), amendments: new Map() });
    return run.changes;
  };

  it('lists what only the after side has as CAUSED, once for every institution type, and the reverse as CANCELLED', () => {
    const before = feedOf([o1]);
    const after = feedOf([o1, o2]);
    const caused = compareFeeds(before, after);
    expect(caused.map((c) => [c.effect, c.on, c.kind, c.obligationId, c.before, c.after, c.institutionTypes])).toEqual([
      ['CAUSED', '2020-06-01', 'NEW_OBLIGATION', 'obl/t/two', null, 'APPLIES', []],
      ['CAUSED', '2023-01-01', 'RETIRED', 'obl/t/two', 'APPLIES', null, []],
    ]);
    expect(caused[0]!.explanationEn).toMatch(/^From 2020-06-01, a new obligation applies to Test service/);
    expect(caused[0]!.explanationKo).toMatch(/^2020년 6월 1일부터/);
    expect(compareFeeds(after, before).map((c) => c.effect)).toEqual(['CANCELLED', 'CANCELLED']);
    expect(compareFeeds(after, after)).toEqual([]);
  });
});
