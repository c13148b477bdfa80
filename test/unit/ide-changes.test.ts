import { describe, expect, it } from 'vitest';
import { feedGroups, findFeeds, kindCounts, parsePatch } from '../../gateway/ide/app/report/changes-model.ts';
import { apiKeyOf, downloadError, fileNameOf } from '../../gateway/ide/app/report/download.ts';
import { viaLabel } from '../../gateway/ide/app/report/labels.ts';
import { findReports, queryFacts } from '../../gateway/ide/app/report/model.ts';
import { EXAMPLE_OPERATIONS } from '../../gateway/ide/examples.ts';

const changesExample = EXAMPLE_OPERATIONS.find((e) => e.id === 'changes-shinhan-card')!;
const upcomingExample = EXAMPLE_OPERATIONS.find((e) => e.id === 'upcoming-changes')!;

const PATCH = ['===', '--- kr/x/art-1@2016\t', '+++ kr/x/art-1@2020\t', '@@ -1,2 +1,2 @@', '-옛 문구', '+새 문구 <b>x</b>', ' 그대로', '--- 줄', '\\ No newline at end of file', ''].join('\n');

function change(on: string, kind: string, extra: Record<string, unknown> = {}) {
  return {
    on,
    kind,
    before: 'APPLIES',
    after: kind === 'STOPS_APPLYING' ? null : 'APPLIES',
    serviceType: { id: 'svc/a' },
    deployment: { id: 'dep/b' },
    obligation: {
      id: `obl/${kind.toLowerCase()}`,
      statementKo: '의무 문장',
      statementEn: 'duty statement',
      provisions: [
        {
          id: 'kr/x/art-1',
          citationKo: '법 제1조',
          citationEn: 'Act Art. 1',
          versions: [
            { validFrom: '2016-01-01', sourceUrl: 'https://law.go.kr/old' },
            { validFrom: '2020-08-05', sourceUrl: 'https://law.go.kr/new' },
          ],
        },
      ],
    },
    cause: { kind: 'DESIGNATION_ENDS', estimated: true, descriptionKo: '지정 만료', descriptionEn: 'designation ends' },
    explanationKo: '설명',
    explanationEn: 'explanation',
    textDiffs: [],
    ...extra,
  };
}

describe('change-feed view model', () => {
  it('finds `changes` lists and `upcomingChanges` groups by shape, and empty ones by field name', () => {
    const facts = queryFacts(changesExample.query, changesExample.variables);
    const list = [change('2020-08-05', 'WORDING_CHANGED')];
    expect(findFeeds({ changes: list }, facts.fieldNames).map((f) => [f.path, f.grouped])).toEqual([['changes', false]]);
    expect(findFeeds({ upcomingChanges: [{ regulation: { id: 'kr/efta' }, changes: list }] }).map((f) => [f.path, f.grouped])).toEqual([['upcomingChanges', true]]);
    expect(findFeeds({ changes: [] }, facts.fieldNames)).toEqual([{ path: 'changes', grouped: false, raw: [] }]);
    expect(findFeeds({ upcomingChanges: [] }, queryFacts(upcomingExample.query, upcomingExample.variables).fieldNames)[0]?.grouped).toBe(true);
    // Neither is mistaken for the other: a report is not a feed, a feed is not a report.
    expect(findFeeds({ applicableObligations: { results: [{ status: 'APPLIES', obligation: { id: 'x' } }] } })).toEqual([]);
    expect(findReports({ changes: list })).toEqual([]);
    expect(findFeeds({ designationsExpiring: [] })).toEqual([]);
  });

  it('reads rows in date order in the chosen language, with the source in force on the day and the cause', () => {
    const feed = findFeeds({ changes: [change('2023-10-02', 'STOPS_APPLYING'), change('2019-10-02', 'EXEMPTION_STARTS'), change('2019-10-02', 'NEW_OBLIGATION')] })[0]!;
    const [ko] = feedGroups(feed, 'KO');
    expect(ko!.rows.map((r) => [r.on, r.kind, r.index])).toEqual([
      ['2019-10-02', 'EXEMPTION_STARTS', 1],
      ['2019-10-02', 'NEW_OBLIGATION', 2],
      ['2023-10-02', 'STOPS_APPLYING', 0],
    ]);
    const stops = ko!.rows[2]!;
    expect(stops).toMatchObject({ before: 'APPLIES', after: null, statement: '의무 문장', subject: 'dep/b', explanation: '설명', cause: { kind: 'DESIGNATION_ENDS', description: '지정 만료', estimated: true } });
    expect(stops.citations).toEqual([{ text: '법 제1조', url: 'https://law.go.kr/new' }]);
    expect(ko!.rows[0]!.citations[0]!.url).toBe('https://law.go.kr/old');
    const [en] = feedGroups(feed, 'EN');
    expect(en!.rows[2]).toMatchObject({ statement: 'duty statement', explanation: 'explanation', citations: [{ text: 'Act Art. 1' }] });
    expect(kindCounts([ko!])).toEqual([
      { kind: 'NEW_OBLIGATION', count: 1 },
      { kind: 'STOPS_APPLYING', count: 1 },
      { kind: 'EXEMPTION_STARTS', count: 1 },
    ]);
  });

  it('groups upcoming changes by instrument, naming it in the chosen language, and falls back to versionAt for the source', () => {
    const upcoming = change('2026-12-17', 'WORDING_CHANGED', {
      obligation: { id: 'obl/x', provisions: [{ id: 'kr/efta/art-2', citationKo: '전자금융거래법 제2조', citationEn: 'EFTA Art. 2', versionAt: { sourceUrl: 'https://law.go.kr/efta' } }] },
    });
    const feed = findFeeds({ upcomingChanges: [{ regulation: { id: 'kr/efta', nameKo: '전자금융거래법', nameEn: 'Electronic Financial Transactions Act' }, amendments: [{ id: 'amd/1' }], changes: [upcoming] }] })[0]!;
    const [group] = feedGroups(feed, 'EN');
    expect(group).toMatchObject({ regulation: { id: 'kr/efta', name: 'Electronic Financial Transactions Act' }, amendments: ['amd/1'] });
    expect(group!.rows[0]!.citations).toEqual([{ text: 'EFTA Art. 2', url: 'https://law.go.kr/efta' }]);
  });

  it('splits a unified diff into styled lines, keeping markup in the text as text', () => {
    expect(parsePatch(PATCH)).toEqual([
      { kind: 'meta', text: '===' },
      { kind: 'meta', text: '--- kr/x/art-1@2016\t' },
      { kind: 'meta', text: '+++ kr/x/art-1@2020\t' },
      { kind: 'hunk', text: '@@ -1,2 +1,2 @@' },
      { kind: 'del', text: '옛 문구' },
      { kind: 'add', text: '새 문구 <b>x</b>' },
      { kind: 'context', text: '그대로' },
      { kind: 'del', text: '-- 줄' },
      { kind: 'meta', text: '\\ No newline at end of file' },
    ]);
    const feed = findFeeds({ changes: [change('2020-08-05', 'WORDING_CHANGED', { textDiffs: [{ provision: { id: 'kr/x/art-1', citationKo: '법 제1조' }, fromVersion: 'a', toVersion: 'b', patch: PATCH }] })] })[0]!;
    expect(feedGroups(feed, 'KO')[0]!.rows[0]!.diffs[0]).toMatchObject({ provisionId: 'kr/x/art-1', citation: '법 제1조', fromVersion: 'a', toVersion: 'b' });
  });

  it('reads language arguments inside named fragments (the change examples select through them)', () => {
    expect(queryFacts('query Q { changes(from: "2020-01-01", to: "2021-01-01") { ...C } } fragment C on ApplicabilityChange { explanation(language: EN) }', {}).language).toBe('EN');
    expect(queryFacts(changesExample.query, changesExample.variables).language).toBeNull();
    expect(queryFacts(changesExample.query, changesExample.variables).args.get('changes')).toEqual(changesExample.variables);
  });
});

describe('report downloads with the headers pane API key', () => {
  it('takes x-api-key in any letter case, and the file name from Content-Disposition', () => {
    expect(apiKeyOf({ 'X-API-Key': ' k1 ' })).toBe('k1');
    expect(apiKeyOf({ 'x-api-key': '' })).toBeNull();
    expect(apiKeyOf({})).toBeNull();
    expect(fileNameOf('attachment; filename="applicability_dep_x_2026-01-01.csv"', 'f.csv')).toBe('applicability_dep_x_2026-01-01.csv');
    expect(fileNameOf(null, 'f.csv')).toBe('f.csv');
  });

  it('says what to do on 401 and 400', () => {
    const body = JSON.stringify({ errors: [{ message: 'a valid API key is required' }] });
    expect(downloadError(401, body, 'EN', false)).toMatch(/needs an API key.*x-api-key.*\(401: a valid API key is required\)/);
    expect(downloadError(401, body, 'KO', true)).toContain('API 키가 거부되었습니다');
    expect(downloadError(400, JSON.stringify({ errors: [{ message: 'query parameter "language" must be KO or EN' }] }), 'EN', false)).toContain('language');
  });
});

describe('reason path arrows', () => {
  it('name relationships in words in both languages, unknown ones readable', () => {
    expect(viaLabel('DERIVED_FROM', 'EN')).toBe('derived from');
    expect(viaLabel('ADDRESSED_BY', 'KO')).toBe('의무 수범자');
    expect(viaLabel('SOMETHING_NEW', 'EN')).toBe('something new');
  });
});
