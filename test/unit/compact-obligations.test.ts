/**
 * The compact obligation store (subgraphs/obligations/compact-obligations.ts) gives back what it was
 * given, minus the statement texts: nulls, absent properties, empty and shared lists, ranges at the
 * ends of its columns; and the obligation index built on it finds the same candidates. The rows are
 * shaped as CANDIDATES_PAGE returns them (the obligation carries its addressees).
 */
import { describe, expect, it } from 'vitest';
import type { Candidate } from '../../subgraphs/obligations/engine-types.ts';
import { ObligationIndex } from '../../subgraphs/obligations/obligation-index.ts';

const provision = (id: string, extra: Partial<Candidate['provisions'][number]> = {}): Candidate['provisions'][number] => ({
  id,
  citationKo: `${id} 조`,
  citationEn: `${id} Art.`,
  regulationId: 'reg/a',
  regulationNameKo: '법',
  regulationNameEn: 'Act',
  jurisdiction: 'KR',
  binding: true,
  sourceUrl: null,
  sourceKind: null,
  applicableFrom: null,
  versions: [{ validFrom: '2020-01-01', validTo: null }],
  ...extra,
});
const role = { id: 'role/x', nameKo: '역할', nameEn: 'Role', institutionTypes: ['BANK'], anyInstitutionType: null, definitionKo: '정의', definitionEn: null };

const rows: Candidate[] = [
  {
    obligation: { id: 'obl/a', kind: 'CONSENT', sandboxOnly: false, triggerRiskLevels: [], triggerStatutoryClasses: [], triggerInstitutionTypes: [], addressees: [role] },
    triggerIds: ['svc/x', 'cap/y'],
    triggers: [{ id: 'svc/x', label: 'AIServiceType' }, { id: 'cap/y', label: 'Capability' }],
    addressees: [role],
    versions: [
      { id: 'obl/a@1', validFrom: '2019-01-01', validTo: '2021-01-01', statementKo: '첫 문구', statementEn: 'first', amendmentId: null },
      { id: 'obl/a@2', validFrom: '2021-01-01', validTo: null, statementKo: '긴 문구 '.repeat(20), statementEn: 'second', amendmentId: 'amd/1' },
    ],
    provisions: [provision('p/1', { sourceUrl: 'https://law.go.kr/1', sourceKind: 'PRIMARY' }), provision('p/2', { binding: false, applicableFrom: '2022-01-01', versions: [{ validFrom: null, validTo: null }] })],
  },
  {
    // Untriggered, sandbox-only, no addressee, a risk-level list: untargeted.
    obligation: { id: 'obl/b', kind: 'REPORT', sandboxOnly: true, triggerRiskLevels: ['HIGH'], triggerInstitutionTypes: null, addressees: [] },
    triggerIds: [],
    triggers: [{ id: null, label: null }],
    addressees: [],
    versions: [{ id: 'obl/b@1', validFrom: '2020-06-01', validTo: null, statementKo: null, statementEn: null }],
    provisions: [provision('p/3')],
  },
  {
    obligation: { id: 'obl/c', kind: 'CONSENT', sandboxOnly: null, triggerRiskLevels: [], triggerInstitutionTypes: [], triggerStatutoryClasses: ['HIGH_IMPACT'], extra: 'kept', addressees: [role] },
    triggerIds: ['svc/x'],
    triggers: [{ id: 'svc/x', label: 'AIServiceType' }],
    addressees: [role],
    versions: [],
    provisions: [],
  },
];

/** What the store keeps of a row: everything but the statements (and the path name it derives from them). */
function withoutTexts(c: Candidate) {
  return { ...c, versions: c.versions.map((v) => ({ id: v.id, validFrom: v.validFrom, validTo: v.validTo, amendmentId: v.amendmentId ?? null, statementKo: null, statementEn: null })) };
}

describe('compact obligation store', () => {
  const index = ObligationIndex.of(structuredClone(rows));
  const all = index.candidates({ triggerIds: ['svc/x'], exemptedIds: ['obl/b'], riskLevels: new Set(), statutoryClasses: new Set(), institutionTypes: new Set(), sandbox: false });

  it('gives back every row as it was read, without statement texts, in id order', () => {
    expect(all.map((c) => c.obligation.id)).toEqual(['obl/a', 'obl/b', 'obl/c']);
    for (const [i, c] of all.entries()) {
      const { textless, pathName, ...rest } = c;
      expect(textless).toBe(true);
      expect(pathName).toBeDefined();
      expect(rest).toEqual(withoutTexts(rows[i]!));
    }
  });

  it('keeps the path name of the latest statement, shortened, else the id', () => {
    expect(all[0]!.pathName).toEqual({ ko: `${'긴 문구 '.repeat(20).slice(0, 59)}…`, en: 'second' });
    expect(all[1]!.pathName).toEqual({ ko: 'obl/b', en: 'obl/b' });
    expect(all[2]!.pathName).toEqual({ ko: 'obl/c', en: 'obl/c' });
  });

  it('finds untargeted obligations and shares one object per obligation between questions', () => {
    const keys = { triggerIds: [], exemptedIds: [], riskLevels: new Set(['HIGH']), statutoryClasses: new Set(['HIGH_IMPACT']), institutionTypes: new Set<string>(), sandbox: true };
    const found = index.candidates(keys);
    expect(found.map((c) => c.obligation.id)).toEqual(['obl/b', 'obl/c']);
    expect(found[0]).toBe(all[1]);
  });
});
