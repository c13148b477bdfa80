/**
 * The engine's designation rules on their own (subgraphs/obligations/designations.ts): which sandbox
 * duties survive expiry under FISA Art. 9(1)'s proviso, and what an exemption does on each date.
 */
import { describe, expect, it } from 'vitest';
import { afterExpiry, designationStates, exemptionNotInForce, findExemption, sandboxDutyOn } from '../../subgraphs/obligations/designations.ts';
import { designationNote } from '../../subgraphs/obligations/designation-wording.ts';
import type { Candidate, DesignationCtx } from '../../subgraphs/obligations/engine-types.ts';

function cand(id: string, kind: string, provisions: string[], triggerIds: string[] = []): Candidate {
  return {
    obligation: { id, kind, sandboxOnly: true, triggerRiskLevels: null, triggerInstitutionTypes: null },
    triggerIds,
    triggers: [],
    addressees: [],
    versions: [{ id: `${id}@2019-04-01`, validFrom: '2019-04-01', validTo: null, statementKo: null, statementEn: null }],
    provisions: provisions.map((p) => ({
      id: p, citationKo: `금융혁신지원 특별법 ${p}`, citationEn: `FISA ${p}`, regulationId: 'kr/fisa', regulationNameKo: '금융혁신지원 특별법',
      regulationNameEn: 'FISA', jurisdiction: 'KR', binding: true, sourceUrl: null, sourceKind: null, applicableFrom: null, versions: [{ validFrom: '2019-04-01', validTo: null }],
    })),
  };
}
const SHINHAN: DesignationCtx = {
  id: 'sbx/shinhan-card-face-pay', nameKo: '신한카드 얼굴인식 결제 혁신금융서비스', nameEn: 'Shinhan Card face pay',
  designatedOn: '2019-10-02', validFrom: '2019-10-02', validTo: null, periodMonths: 24, extendedOn: '2021-09-08',
  institutionId: null, institutionNameKo: null, institutionNameEn: null,
  exemptions: [{ effect: 'MODIFIES', noteKo: null, noteEn: null, provisionId: 'kr/efta/art-6', citationKo: '전자금융거래법 제6조', citationEn: 'EFTA Art. 6', obligationIds: ['obl/efta/access-medium-identity-check'] }],
};

describe('FISA Art. 9(1) proviso: what continues after expiry', () => {
  it('consumer-protection and supervision duties continue; Art. 20 and designation conditions lapse', () => {
    for (const p of ['kr/fisa/art-18', 'kr/fisa/art-19', 'kr/fisa/art-27', 'kr/fisa/art-28']) expect(afterExpiry(cand('o', 'OTHER', [p]))).toBe('CONTINUES');
    expect(afterExpiry(cand('o', 'PRIOR_NOTICE', ['kr/fisa/art-20']))).toBe('LAPSES');
    // A condition cites Arts. 4 and 18 but governs how the ended service is run: it lapses.
    expect(afterExpiry(cand('o', 'DESIGNATION_CONDITION', ['kr/fisa/art-4', 'kr/fisa/art-18']))).toBe('LAPSES');
  });
});

describe('sandbox duties and exemptions on each date', () => {
  const notice = cand('obl/fisa/trial-risk-notice', 'PRIOR_NOTICE', ['kr/fisa/art-20']);
  const reports = cand('obl/fisa/operation-reports', 'REPORTING', ['kr/fisa/art-18']);
  const idCheck = { ...cand('obl/efta/access-medium-identity-check', 'IDENTITY_VERIFICATION', ['kr/efta/art-6']), obligation: { id: 'obl/efta/access-medium-identity-check', kind: 'IDENTITY_VERIFICATION', sandboxOnly: false, triggerRiskLevels: null, triggerInstitutionTypes: null } };
  it('before, during and after the Shinhan designation', () => {
    const before = designationStates([SHINHAN], '2019-10-01');
    expect(sandboxDutyOn(before, notice)?.status).toBe('NOT_YET_IN_FORCE');
    expect(exemptionNotInForce(findExemption(before, idCheck)!, idCheck)?.kind).toBe('DESIGNATION_NOT_YET_IN_FORCE');

    const extended = designationStates([SHINHAN], '2022-06-01');
    expect(extended[0]!.status).toBe('EXTENDED');
    expect(sandboxDutyOn(extended, notice)).toBeNull();
    expect(exemptionNotInForce(findExemption(extended, idCheck)!, idCheck)).toBeNull();

    const after = designationStates([SHINHAN], '2026-11-24');
    expect(sandboxDutyOn(after, notice)?.status).toBe('NO_LONGER_IN_FORCE');
    const continues = sandboxDutyOn(after, reports)!;
    expect(continues.status).toBeNull();
    expect(continues.reason.explanationEn).toMatch(/until 2023-10-01 \(estimated.*until 2025-04-01 at the latest/);
    expect(exemptionNotInForce(findExemption(after, idCheck)!, idCheck)?.kind).toBe('DESIGNATION_EXPIRED');
    expect(designationNote(after[0]!, '2026-11-24').en).toMatch(/had to end the service at once/);
  });
  it('a published deemed continuation keeps the designation in force (Art. 10-2(6)), then it expires', () => {
    const z: DesignationCtx = { ...SHINHAN, deemedContinuationFrom: '2023-10-02', deemedContinuationUntil: '2024-04-02' };
    expect(designationStates([z], '2024-01-01')[0]!.status).toBe('DEEMED_CONTINUING');
    expect(sandboxDutyOn(designationStates([z], '2024-01-01'), notice)).toBeNull();
    expect(designationNote(designationStates([z], '2024-01-01')[0]!, '2024-01-01').en).toMatch(/deemed not to have expired .* until 2024-04-01/);
    expect(sandboxDutyOn(designationStates([z], '2024-04-02'), notice)?.status).toBe('NO_LONGER_IN_FORCE');
  });
  it('no date at all: UNKNOWN, the exemption is not applied', () => {
    const z: DesignationCtx = { ...SHINHAN, designatedOn: null, validFrom: null, periodMonths: null, extendedOn: null };
    const s = designationStates([z], '2020-01-01');
    expect(s[0]!.status).toBe('UNKNOWN');
    expect(exemptionNotInForce(findExemption(s, idCheck)!, idCheck)?.kind).toBe('DESIGNATION_DATES_UNKNOWN');
    expect(designationNote(s[0]!, '2020-01-01').ko).not.toMatch(/UNKNOWN|\((은|는|이|가)\)/);
  });
});
