import { describe, expect, it } from 'vitest';
import { downloadQuery, findReports, groupRows, queryFacts, rowsOf, type FoundReport } from '../../gateway/ide/app/report/model.ts';
import { wrap } from '../../gateway/ide/app/report/text-wrap.ts';
import { EXAMPLE_OPERATIONS } from '../../gateway/ide/examples.ts';

const flagship = EXAMPLE_OPERATIONS.find((e) => e.id === 'flagship-face-payment-sandbox')!;
const institution = EXAMPLE_OPERATIONS.find((e) => e.id === 'institution-obligations')!;

function result(id: string, status: string, regulationNameKo: string, citationKo: string) {
  return {
    obligation: { id, kind: 'DUTY', statementKo: `${id} 의무`, statementEn: `${id} duty` },
    status,
    binding: true,
    citations: [{ citationKo, citationEn: citationKo.replace('제', 'Art. '), regulationNameKo, regulationNameEn: `${regulationNameKo} (EN)`, sourceUrl: 'https://law.go.kr/x', inForce: true }],
    reasons: [{ kind: 'DATA_CATEGORY', explanationKo: '경로', explanationEn: 'path', path: [{ type: 'AIServiceType', id: 'svc/a', nameKo: '얼굴인식 결제', nameEn: 'Face payment', via: 'PROCESSES' }] }],
    designationEffect: status === 'EXEMPTED_BY_DESIGNATION' ? { effect: 'EXEMPT', noteKo: '면제', noteEn: 'exempt', designation: { id: 'sbx/1' } } : null,
  };
}

describe('report view model', () => {
  it('finds reports wherever they are, by shape, and names the field they came from', () => {
    const report = { asOf: '2026-01-01', results: [result('obl/a', 'APPLIES', '개인정보 보호법', '제15조')] };
    const facts = queryFacts(institution.query, institution.variables);
    const found = findReports({ institution: { obligations: [report, report] }, other: { results: [{ id: 1 }] } }, facts.fieldNames);
    expect(found.map((f) => [f.path, f.field])).toEqual([
      ['institution.obligations.0', 'obligations'],
      ['institution.obligations.1', 'obligations'],
    ]);
    expect(findReports({ designationsExpiring: [{ id: 'x' }] })).toEqual([]);
  });

  it('takes the default language from a language variable before literals, and the flagship asks KO', () => {
    expect(queryFacts(flagship.query, flagship.variables).language).toBe('KO');
    expect(queryFacts(flagship.query, { ...flagship.variables, language: 'EN' }).language).toBe('EN');
    expect(queryFacts('{ a { b(language: EN) c(language: EN) } }', {}).language).toBe('EN');
    expect(queryFacts('{ a { b(language: EN) c(language: KO) } }', {}).language).toBeNull();
    expect(queryFacts('not graphql', {}).language).toBeNull();
  });

  it('builds the download query from the arguments asked, not the sandbox outcome', () => {
    const facts = queryFacts(flagship.query, { serviceType: 'svc/face-recognition-payment', asOf: '2025-06-01' });
    const found: FoundReport = { path: 'applicableObligations', field: 'applicableObligations', report: { asOf: '2025-06-01', sandbox: false, results: [] } };
    expect(downloadQuery(found, facts, 'EN')).toBe('serviceType=svc%2Fface-recognition-payment&asOf=2025-06-01&sandbox=true&language=EN');
    const byDeployment: FoundReport = { path: 'institution.obligations.0', field: 'obligations', report: { asOf: '2026-01-01', deployment: { id: 'dep/x' }, serviceType: { id: 'svc/y' }, results: [] } };
    expect(downloadQuery(byDeployment, queryFacts(institution.query, institution.variables), 'KO')).toBe('deployment=dep%2Fx&asOf=2026-01-01&language=KO');
  });

  it('reads rows in the chosen language, groups them by regulation and sorts within groups', () => {
    const report = {
      results: [
        result('obl/b', 'EXEMPTED_BY_DESIGNATION', '신용정보법', '제32조'),
        result('obl/a', 'APPLIES', '개인정보 보호법', '제23조'),
        result('obl/c', 'NOT_YET_IN_FORCE', '개인정보 보호법', '제15조'),
      ],
    };
    const ko = rowsOf(report, 'KO');
    expect(ko[0]).toMatchObject({ statement: 'obl/b 의무', regulation: '신용정보법', effect: { effect: 'EXEMPT', note: '면제', designation: 'sbx/1' } });
    expect(ko[0]!.reasons[0]!.path[0]!.name).toBe('얼굴인식 결제');
    const en = rowsOf(report, 'EN');
    expect(en[0]!.statement).toBe('obl/b duty');
    expect(en[0]!.reasons[0]!.path[0]!.name).toBe('Face payment');
    const groups = groupRows(ko, 'article', false);
    expect(groups.map((g) => [g.regulation, g.rows.map((r) => r.id)])).toEqual([
      ['개인정보 보호법', ['obl/c', 'obl/a']],
      ['신용정보법', ['obl/b']],
    ]);
    expect(groupRows(ko, 'status', true)[0]!.rows.map((r) => r.id)).toEqual(['obl/c', 'obl/a']);
  });

  it('wraps node names to at most three lines, marking a cut', () => {
    expect(wrap('짧은 이름')).toEqual(['짧은 이름']);
    const lines = wrap('가'.repeat(100));
    expect(lines).toHaveLength(3);
    expect(lines[2]!.endsWith('…')).toBe(true);
  });
});
