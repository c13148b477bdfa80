/** Issue 15, second round: English analysis, shared headings, text similarity, obligations' sections. */
import { describe, it, expect } from 'vitest';
import { createMatcher, type MatchDocument, type MatchResult } from '../../matcher/index.ts';
import { tokenize } from '../../matcher/tokenize.ts';
import { textSimilarity } from '../../matcher/evidence.ts';
import { suggestChange } from '../../subgraphs/assistant/resolvers.ts';
import { sectionOf } from '../../subgraphs/assistant/corpus.ts';

const terms = (s: string, o = {}) => tokenize(s, o).map((t) => t.term);

describe('English analysis', () => {
  it("keeps the relational words natural's stop list drops (before, after, below) by default in the matcher", () => {
    expect(terms('notify the regulator before the change')).not.toContain('e:befor');
    expect(terms('notify the regulator before the change', { keepRelational: true })).toContain('e:befor');
    const m = createMatcher({ thesaurus: false });
    m.add([
      { id: 'after', fields: { provisionText: 'A firm must notify the Regulator after a change of controller.' } },
      { id: 'before', fields: { provisionText: 'A firm must notify the Regulator before a change of controller.' } },
    ]);
    expect(m.search('must a firm notify the regulator before a change of controller?', { explain: false })[0]!.id).toBe('before');
  });

  it('reads numbers and references as terms when asked (the matcher default)', () => {
    // natural's stop list holds the single digits: the reference vanishes
    expect(terms('see Rule 2.1.3')).toEqual(['e:rule']);
    expect(terms('see Rule 2.1.3', { references: true })).toEqual(['e:rule', 'e:2.1.3']);
    expect(terms('제15조의2제1항에 따라 5년', { references: true }).filter((t) => t.startsWith('e:'))).toEqual(['e:§15-2', 'e:1', 'e:5']);
  });
});

describe('shared headings', () => {
  it('weighs a heading shared by more passages than a section holds less than a section heading', () => {
    const docs: MatchDocument[] = ['a', 'b', 'c'].map((id) => ({ id, fields: { title: 'Alpha Rules', provisionText: `passage ${id} text` } }));
    const on = createMatcher({ thesaurus: false, maxGroupSize: 2 });
    const off = createMatcher({ thesaurus: false, maxGroupSize: 2, features: { titleSpecificity: false } });
    on.add(docs);
    off.add(docs);
    expect(on.search('alpha', { explain: false })[0]!.score).toBeLessThan(off.search('alpha', { explain: false })[0]!.score);
    // a heading shared within a section's size is untouched
    const small = createMatcher({ thesaurus: false });
    const smallOff = createMatcher({ thesaurus: false, features: { titleSpecificity: false } });
    small.add(docs);
    smallOff.add(docs);
    expect(small.search('alpha', { explain: false })[0]!.score).toBe(smallOff.search('alpha', { explain: false })[0]!.score);
  });
});

describe('text similarity and UNCHANGED', () => {
  const rule = '개인정보처리자는 정보주체의 동의를 받아 개인정보를 수집할 수 있다.';
  it('is 1 for the same wording up to spacing and particles, lower for an amended text', () => {
    expect(textSimilarity(rule, rule)).toBe(1);
    expect(textSimilarity('개인정보처리자는 정보주체 동의를 받아 개인정보를 수집할 수 있다', rule)).toBeGreaterThanOrEqual(0.9);
    expect(textSimilarity('개인정보처리자는 정보주체의 서면 동의를 받은 경우에만 민감정보를 처리할 수 있다.', rule)).toBeLessThan(0.9);
    expect(textSimilarity('', rule)).toBe(0);
  });

  it('calls a confident match UNCHANGED only when the text is the obligation’s own wording', () => {
    const m = createMatcher({ thesaurus: false });
    m.add([{ id: 'o1', fields: { statement: rule } }, { id: 'o2', fields: { statement: '신용정보회사는 신용정보를 정확하게 관리하여야 한다.' } }]);
    expect(m.similarity('o1', rule)).toBe(1);
    expect(m.similarity('missing', rule)).toBe(0);
    const high = { id: 'o1', confidence: 'HIGH', confidenceScore: 0.95 } as MatchResult;
    expect(suggestChange(rule, high, () => m.similarity('o1', rule))).toBe('UNCHANGED');
    const amended = '개인정보처리자는 정보주체의 별도 서면 동의를 받아야만 개인정보를 수집ㆍ이용할 수 있다.';
    expect(suggestChange(amended, high, () => m.similarity('o1', amended))).toBe('CHANGED');
    expect(suggestChange('제15조를 삭제한다.', high, () => 1)).toBe('OBSOLETE');
    expect(suggestChange(rule, { ...high, confidence: 'LOW' }, () => 1)).toBe('NEW');
  });
});

describe("obligations' sections (assistant corpus)", () => {
  it('puts obligations derived from one provision in one section: the first provision by id', () => {
    expect(sectionOf(['prov/pipa/art-15', 'prov/pipa/art-17'])).toEqual({ group: 'prov/pipa/art-15' });
    expect(sectionOf(['prov/b', 'prov/a'])).toEqual({ group: 'prov/a' });
    expect(sectionOf([])).toEqual({});
    expect(sectionOf(null)).toEqual({});
  });
});
