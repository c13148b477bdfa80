/** Issue 15: sibling-aware scoring, adaptive expansion, calibrated confidence, gated vocabulary, halves. */
import { describe, it, expect } from 'vitest';
import { createMatcher, loadThesaurus, type MatchDocument } from '../../matcher/index.ts';
import { groupOf } from '../../matcher/groups.ts';
import { recordToDocument } from '../../matcher/batch.ts';
import { CALIBRATED, confidenceOf, marginOf } from '../../matcher/calibration.ts';
import { hashHalf, loadSplit } from '../../eval/split.ts';

const doc = (id: string, provisionText: string, group?: string): MatchDocument => ({ id, fields: { provisionText }, ...(group ? { group } : {}) });

describe('structure as evidence', () => {
  it('derives a passage section from its id or from a section/parent field', () => {
    expect(groupOf('GEN-2.2.1')).toBe('GEN-2.2');
    expect(groupOf('FUND-1.G')).toBe('FUND-1');
    expect(groupOf('kr/cia/법률/art-36-2')).toBeUndefined();
    expect(groupOf('x.1', { section: 'S1' })).toBe('S1');
    expect(recordToDocument({ id: 'A-1.2', text: 't', extra: {} }).group).toBe('A-1');
  });

  // The guidance passage shares only one word with the question; its rule shares all of them.
  const docs = [
    doc('R-1.1', 'A firm must keep complaint records for five years.', 'R-1'),
    doc('R-1.G', 'Guidance on the records above: an electronic copy may be kept in place of the paper one.', 'R-1'),
    doc('S-2.1', 'Records of the board must be kept on paper in a safe place.', 'S-2'),
    doc('S-2.2', 'The board meets quarterly.', 'S-2'),
  ];
  const q = 'how long must complaint records be kept';

  it('lifts the sibling of the best passage above a passage of another section that scored about as well', () => {
    const off = createMatcher({ thesaurus: false, features: { siblings: false } });
    const on = createMatcher({ thesaurus: false });
    off.add(docs);
    on.add(docs);
    const rank = (m: typeof on) => m.search(q, { limit: 4, explain: false }).map((r) => r.id);
    expect(rank(off)[0]).toBe('R-1.1');
    expect(rank(off).indexOf('S-2.1')).toBeLessThan(rank(off).indexOf('R-1.G'));
    expect(rank(on)[0]).toBe('R-1.1');
    expect(rank(on).indexOf('R-1.G')).toBeLessThan(rank(on).indexOf('S-2.1'));
  });

  it('ignores sections larger than maxGroupSize', () => {
    const big = docs.map((d) => ({ ...d, group: 'all' }));
    const a = createMatcher({ thesaurus: false, maxGroupSize: 3 });
    const b = createMatcher({ thesaurus: false, features: { siblings: false } });
    a.add(big);
    b.add(big);
    expect(a.search(q, { explain: false }).map((r) => [r.id, r.score])).toEqual(b.search(q, { explain: false }).map((r) => [r.id, r.score]));
  });

  it('forgets a removed passage as a sibling', () => {
    const m = createMatcher({ thesaurus: false });
    m.add(docs);
    m.remove(['R-1.1']);
    const fresh = createMatcher({ thesaurus: false });
    fresh.add(docs.filter((d) => d.id !== 'R-1.1'));
    expect(m.search(q, { explain: false }).map((r) => [r.id, r.score])).toEqual(fresh.search(q, { explain: false }).map((r) => [r.id, r.score]));
  });
});

describe('adaptive expansion', () => {
  it('keeps the expansion for a plain question and drops it for a clause quoting a passage', () => {
    const concepts = [{ id: 'c/biometric', labelKo: '생체정보', labelEn: 'biometric information', aliasesKo: ['얼굴인식'] }];
    const docs = [doc('bio', '생체정보를 처리하려면 별도로 동의를 받아야 한다.'), doc('other', '개인정보처리자는 개인정보를 안전하게 보관하여야 한다.')];
    const m = createMatcher({ concepts, thesaurus: false });
    m.add(docs);
    // plain question: only the concept links 얼굴인식 to the passage
    expect(m.search('얼굴인식 쓰려면?')[0]!.id).toBe('bio');
    // the clause itself: with and without the feature the passage is first; the expansion adds nothing
    const clause = '생체정보를 처리하려면 별도로 동의를 받아야 한다.';
    const off = createMatcher({ concepts, thesaurus: false, features: { expansion: false } });
    off.add(docs);
    expect(m.search(clause, { explain: false })[0]!.score).toBeCloseTo(off.search(clause, { explain: false })[0]!.score, 4);
  });
});

describe('calibrated confidence', () => {
  it('needs both a lead over the runner-up and coverage of the query', () => {
    expect(marginOf(10, 10)).toBe(0);
    expect(marginOf(10, 4)).toBe(1);
    expect(confidenceOf(0, 1, 1, 1)).toBe(1);
    expect(confidenceOf(0, 0.05, 1, 1)).toBeLessThan(CALIBRATED.high); // a lead on a text it hardly covers is not HIGH
    expect(confidenceOf(0, 1, 1, 0)).toBe(0); // a tie at the top is not HIGH either
  });
  it('never gives a lower-ranked result more confidence than the one above it, and flags all but HIGH', () => {
    const m = createMatcher({ thesaurus: false });
    m.add([doc('a', 'records must be kept'), doc('b', 'records must be kept for five years'), doc('c', 'records of meetings')]);
    const res = m.search('how long must records be kept', { explain: false });
    for (let i = 1; i < res.length; i++) expect(res[i]!.confidenceScore).toBeLessThanOrEqual(res[i - 1]!.confidenceScore);
    for (const r of res) expect(r.needsHumanConfirmation).toBe(r.confidence !== 'HIGH');
  });
});

describe('vocabulary and evaluation hygiene', () => {
  it('loads the rulebook-style English sets only on request', () => {
    const ids = (v: ReturnType<typeof loadThesaurus>) => new Set(v.map((e) => e.id));
    expect(ids(loadThesaurus()).has('th/en-governing-body')).toBe(false);
    expect(ids(loadThesaurus({ rulebookEn: true })).has('th/en-governing-body')).toBe(true);
    expect(ids(loadThesaurus()).has('th/en-cdd')).toBe(true);
  });
  it('keeps every stored half where the hash put it (the split is deterministic and stored)', () => {
    const split = loadSplit();
    expect(Object.keys(split).length).toBeGreaterThan(5);
    for (const [set, { dev, test }] of Object.entries(split)) {
      for (const id of dev) expect(hashHalf(set, id)).toBe('dev');
      for (const id of test) expect(hashHalf(set, id)).toBe('test');
    }
  });
});
