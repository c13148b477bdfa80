/**
 * Addressee matching and status wording as pure functions (subgraphs/obligations/addressees.ts,
 * wording.ts), on the roles of seed/data/addressee-roles.yaml.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { conditionOf, matchAddressees, type AddresseeRole } from '../../subgraphs/obligations/addressees.ts';
import type { Candidate, Reason } from '../../subgraphs/obligations/engine-types.ts';
import { endedOn, finishReasons, startsOn } from '../../subgraphs/obligations/wording.ts';

const ROLES = new Map(
  ((parse(readFileSync(new URL('../../seed/data/addressee-roles.yaml', import.meta.url), 'utf8')) as { addresseeRoles: AddresseeRole[] }).addresseeRoles).map((r) => [
    r.id,
    { ...r, institutionTypes: r.institutionTypes ?? [], anyInstitutionType: r.anyInstitutionType ?? false, definitionKo: null, definitionEn: null },
  ]),
);
const roles = (...ids: string[]): AddresseeRole[] => ids.map((id) => ROLES.get(id)!);

describe('matchAddressees', () => {
  // 신용정보법 제26조의3제1항: 검증위원회는 "개인신용평가회사 및 개인사업자신용평가회사 … 의 평가에 사용되는 기초정보"를 심의한다.
  const art26_3 = roles('role/kr/personal-credit-scoring-company', 'role/kr/central-credit-information-body');

  it('drops a duty whose roles do not cover the institution type (CIA Art. 26-3 and a bank)', () => {
    expect(matchAddressees(art26_3, 'BANK').kind).toBe('NOT_ADDRESSED');
    expect(matchAddressees(art26_3, 'CREDIT_BUREAU')).toMatchObject({ kind: 'MATCHED', role: { id: 'role/kr/personal-credit-scoring-company' } });
  });

  it('is conditional when no institution type is given, with the condition in both languages', () => {
    const m = matchAddressees(art26_3, null);
    expect(m.kind).toBe('CONDITIONAL');
    const c = conditionOf(m)!;
    expect(c.ko).toBe('제공자가 개인신용평가회사 또는 종합신용정보집중기관인 경우에만 적용됩니다(해당 기관 유형: 신용정보회사·금융 인프라 기관). 질문에 기관이 지정되지 않았습니다.');
    expect(c.en).toMatch(/^Applies only if the provider is a personal credit-scoring company or central credit-information body/);
  });

  it('binds any provider for roles defined by the activity (개인정보처리자), known type or not', () => {
    const pipa = roles('role/kr/personal-information-controller');
    expect(matchAddressees(pipa, null).kind).toBe('BY_ACTIVITY');
    expect(matchAddressees(pipa, 'AI_VENDOR').kind).toBe('BY_ACTIVITY');
    expect(conditionOf(matchAddressees(pipa, null))).toBeNull();
  });

  it('takes any one of several roles: EFTA "금융회사 또는 전자금융업자"', () => {
    const efta = roles('role/kr/financial-company-efta', 'role/kr/electronic-financial-business-operator');
    expect(matchAddressees(efta, 'CARD_COMPANY').kind).toBe('MATCHED');
    expect(matchAddressees(efta, 'FINTECH').kind).toBe('MATCHED');
    expect(matchAddressees(efta, 'AI_VENDOR').kind).toBe('NOT_ADDRESSED');
    expect(matchAddressees([], 'AI_VENDOR').kind).toBe('UNSTATED');
  });
});

describe('wording by status', () => {
  const cand = {
    obligation: { id: 'o', kind: 'OTHER', sandboxOnly: false, triggerRiskLevels: [], triggerInstitutionTypes: [] },
    triggerIds: [],
    triggers: [],
    addressees: [],
    versions: [{ id: 'v1', validFrom: '2016-09-30', validTo: '2020-08-05', statementKo: null, statementEn: null }],
    provisions: [{ id: 'p', citationKo: '', citationEn: '', regulationId: 'r', regulationNameKo: '', regulationNameEn: '', jurisdiction: 'KR', binding: true, sourceUrl: null, sourceKind: null, applicableFrom: null, versions: [{ validFrom: '2016-09-30', validTo: null }] }],
  } as unknown as Candidate;

  it('finds the start and the end of the period in force', () => {
    expect(startsOn(cand, '2010-01-01')).toBe('2016-09-30');
    expect(startsOn(cand, '2021-01-01')).toBeNull();
    expect(endedOn(cand, '2021-01-01')).toBe('2020-08-05');
  });

  it('appends one verdict per status and drops repeated reasons', () => {
    const r: Reason = { kind: 'CAPABILITY', path: [], factEn: 'Fact.', factKo: '사실입니다.', explanationEn: 'Fact.', explanationKo: '사실입니다.' };
    const early = finishReasons([r, { ...r }], { status: 'NOT_YET_IN_FORCE', asOf: '2010-01-01' }, cand);
    expect(early).toHaveLength(1);
    expect(early[0]!.explanationEn).toBe('Fact. This obligation is not yet in force: it will apply from 2016-09-30.');
    expect(early[0]!.explanationKo).toBe('사실입니다. 이 의무는 아직 시행 전이며, 2016년 9월 30일부터 적용됩니다.');
    const late = finishReasons([r], { status: 'NO_LONGER_IN_FORCE', asOf: '2021-01-01' }, cand);
    expect(late[0]!.explanationKo).toBe('사실입니다. 이 의무는 2020년 8월 5일 전까지 적용되었으며, 현재는 효력이 없습니다.');
    const cond = finishReasons([r], { status: 'APPLIES', asOf: '2018-01-01', condition: { ko: '개인신용평가회사', en: 'personal credit-scoring company' } }, cand);
    expect(cond[0]!.explanationEn).toBe('Fact. This obligation applies only if the provider is a personal credit-scoring company.');
    expect(cond[0]!.explanationKo).toBe('사실입니다. 제공자가 개인신용평가회사인 경우에만 이 의무가 적용됩니다.');
    const exempt = finishReasons([r], { status: 'EXEMPTED_BY_DESIGNATION', asOf: '2018-01-01', designation: { nameKo: '지정', nameEn: 'D' } }, cand);
    expect(exempt[0]!.explanationKo).toBe("사실입니다. 혁신금융서비스 지정 '지정'에 따라 이 의무는 면제됩니다.");
  });
});
