import { describe, it, expect } from 'vitest';
import { createMatcher, type MatchDocument } from '../../matcher/index.ts';
import { tokenize, stripKoreanSuffix } from '../../matcher/tokenize.ts';
import { ConceptTagger, conceptToVocab } from '../../matcher/concepts.ts';
import { parseStatute } from '../../eval/kr-corpus.ts';
import { parse, type FieldNode, type FragmentDefinitionNode, type OperationDefinitionNode } from 'graphql';
import { selectsEvidence } from '../../subgraphs/assistant/resolvers.ts';

const doc = (id: string, fields: MatchDocument['fields']): MatchDocument => ({ id, fields });

describe('Korean tokenisation', () => {
  it('strips particles and endings but keeps two syllables', () => {
    expect(stripKoreanSuffix('정보주체의')).toBe('정보주체');
    expect(stripKoreanSuffix('개인정보처리자가')).toBe('개인정보처리자');
    expect(stripKoreanSuffix('제공하여야')).toBe('제공');
    expect(stripKoreanSuffix('동의를')).toBe('동의');
    expect(stripKoreanSuffix('아이')).toBe('아이');
  });
  it('emits words and character bigrams in order; English is stemmed, stop words dropped', () => {
    const t = tokenize('생체정보를 처리하는 the processing of obligations');
    expect(t.filter((x) => x.word).map((x) => x.term)).toEqual(['k:생체정보', 'k:처리', 'e:process', 'e:oblig']);
    expect(t.filter((x) => !x.word).map((x) => x.term)).toEqual(['g:생체', 'g:체정', 'g:정보', 'g:처리']);
  });
});

describe('ranking', () => {
  const docs = [
    doc('a', { title: '민감정보의 처리 제한', provisionText: '개인정보처리자는 민감정보를 처리하려면 별도로 동의를 받아야 한다.' }),
    doc('b', { title: '개인정보의 파기', provisionText: '개인정보처리자는 보유기간이 지나면 개인정보를 파기하여야 한다.' }),
    doc('c', { title: 'Record keeping', provisionText: 'An Authorised Person must retain records of transactions for six years.' }),
    doc('d', { title: 'Client money', provisionText: 'Client money must be held in a segregated client account.' }),
  ];
  it('ranks the passage sharing the query words first, in Korean and in English', () => {
    const m = createMatcher({ thesaurus: false });
    m.add(docs);
    expect(m.search('민감정보를 처리할 때 동의가 필요한가')[0]!.id).toBe('a');
    expect(m.search('개인정보는 언제 파기해야 하나')[0]!.id).toBe('b');
    expect(m.search('how long must records be retained')[0]!.id).toBe('c');
    expect(m.search('segregated accounts for client monies')[0]!.id).toBe('d');
  });
  it('returns nothing for an empty index or a query without content', () => {
    const m = createMatcher({ thesaurus: false });
    expect(m.search('개인정보')).toEqual([]);
    m.add(docs);
    expect(m.search('   ')).toEqual([]);
    expect(m.search('the of and')).toEqual([]);
  });
  it('weights fields: a title match beats a body match when title weight is higher', () => {
    const two = [doc('t', { title: '가명정보 처리', provisionText: '다른 내용' }), doc('p', { title: '다른 제목', provisionText: '가명정보 처리' })];
    const hi = createMatcher({ thesaurus: false, fieldWeights: { title: 5, provisionText: 1 } });
    hi.add(two);
    expect(hi.search('가명정보')[0]!.id).toBe('t');
    const lo = createMatcher({ thesaurus: false, fieldWeights: { title: 0.2, provisionText: 3 } });
    lo.add(two);
    expect(lo.search('가명정보')[0]!.id).toBe('p');
  });
});

describe('incremental updates', () => {
  it('add, replace and remove are reflected at once', () => {
    const m = createMatcher({ thesaurus: false });
    m.add([doc('x', { statement: '접근매체를 발급할 때 신원을 확인한다' }), doc('y', { statement: '전자금융거래 기록을 보존한다' })]);
    expect(m.size).toBe(2);
    expect(m.search('거래 기록 보존')[0]!.id).toBe('y');
    m.add([doc('y', { statement: '선불충전금을 보호한다' })]);
    expect(m.size).toBe(2);
    expect(m.search('거래 기록 보존').map((r) => r.id)).not.toContain('y');
    expect(m.search('선불충전금')[0]!.id).toBe('y');
    m.remove(['y', 'unknown']);
    expect(m.size).toBe(1);
    expect(m.has('y')).toBe(false);
    expect(m.search('선불충전금')).toEqual([]);
  });
  it('after removals, ranks and scores as an index built without the removed documents (with and without the forward index)', () => {
    const texts = ['접근매체를 발급할 때 신원을 확인한다', '전자금융거래 기록을 5년간 보존한다', '거래 기록을 안전하게 보존하고 접근을 통제한다', '선불충전금을 별도로 관리한다', 'keep transaction records for five years'];
    const all = texts.map((t, i) => doc(`d${i}`, { statement: t, provisionText: t.repeat(300) }));
    for (const features of [{}, { prf: true }]) {
      const pruned = createMatcher({ features });
      pruned.add(all);
      pruned.remove(['d1', 'd3']);
      const fresh = createMatcher({ features });
      fresh.add(all.filter((d) => d.id !== 'd1' && d.id !== 'd3'));
      for (const q of ['거래 기록 보존', '신원 확인', 'transaction records']) {
        const got = pruned.search(q, { explain: false });
        const want = fresh.search(q, { explain: false });
        expect(got.map((r) => r.id)).toEqual(want.map((r) => r.id));
        // Not exactly equal: the vocabulary keeps the removed documents' terms, which the query analysis still sees.
        got.forEach((r, i) => expect(Math.abs(r.score - want[i]!.score) / want[i]!.score).toBeLessThan(0.02));
      }
    }
  });
  it('compacts after many removals and still ranks correctly', () => {
    const m = createMatcher({ thesaurus: false });
    const many = Array.from({ length: 3000 }, (_, i) => doc(`d${i}`, { provisionText: `passage number ${i} about topic${i % 7}` }));
    m.add(many);
    m.remove(many.slice(0, 2500).map((d) => d.id));
    expect(m.size).toBe(500);
    const r = m.search('topic3', { limit: 1000 });
    expect(r.length).toBe(500 / 7 > 71 ? 72 : 71);
    expect(r.every((x) => Number(x.id.slice(1)) >= 2500 && Number(x.id.slice(1)) % 7 === 3)).toBe(true);
  });
});

describe('cross-language matching through concepts', () => {
  const concept = { id: 'concept/biometric-information', labelKo: '생체정보', labelEn: 'biometric information', aliasesKo: ['바이오정보'], aliasesEn: ['biometric data'] };
  const docs = [
    doc('obl/biometric', { statement: 'Obtain separate consent before processing biometric data.' }),
    doc('obl/records', { statement: 'Keep records of electronic transactions for five years.' }),
  ];
  it('a Korean clause finds an obligation stated only in English, explained as a concept match', () => {
    const m = createMatcher({ concepts: [concept], thesaurus: false });
    m.add(docs);
    const [top] = m.search('생체정보를 처리하려면 동의를 받아야 한다');
    expect(top!.id).toBe('obl/biometric');
    const ev = top!.matches.find((x) => x.via === 'concept');
    expect(ev).toMatchObject({ field: 'concepts', queryTerm: '생체정보', documentTerm: 'biometric data' });
  });
  it('without the concept there is no match at all', () => {
    const m = createMatcher({ thesaurus: false });
    m.add(docs);
    expect(m.search('생체정보를 처리하려면 동의를 받아야 한다').map((r) => r.id)).not.toContain('obl/biometric');
  });
  it('the built-in thesaurus maps plain words to statutory terms (마이데이터 → 본인신용정보관리회사)', () => {
    const m = createMatcher();
    m.add([
      doc('kr/cia/art-22-9', { title: '본인신용정보관리회사의 행위규칙', provisionText: '본인신용정보관리회사는 개인신용정보의 전송요구를 강요하거나 부당하게 유도하여서는 아니 된다.' }),
      doc('kr/cia/art-39', { title: '무료 열람권', provisionText: '신용정보주체는 개인신용평가회사에 자신의 개인신용정보를 무료로 열람할 수 있다.' }),
    ]);
    const [top] = m.search('마이데이터 앱이 고객에게 데이터를 넘기라고 압박하면 위법인가?');
    expect(top!.id).toBe('kr/cia/art-22-9');
    expect(top!.matches.some((x) => x.via === 'thesaurus' && x.queryTerm.startsWith('마이데이터') && x.documentTerm === '본인신용정보관리회사')).toBe(true);
  });
  it('the tagger finds Korean variants with or without spaces and English by stem', () => {
    const tagger = new ConceptTagger([conceptToVocab(concept)]);
    expect(tagger.tag('바이오 정보를 이용한 결제').map((h) => h.entry.id)).toEqual(['concept/biometric-information']);
    expect(tagger.tag('Processing of Biometric Data').map((h) => h.surface)).toEqual(['biometric data']);
    expect(tagger.tag('신용정보')).toEqual([]);
  });
});

describe('explanations and confidence', () => {
  it('returns score, tier, the confirmation flag and matched terms per field', () => {
    const m = createMatcher({ thesaurus: false });
    m.add([
      doc('p1', { title: '자동화평가 결과에 대한 설명', statement: '자동화평가 결과에 대하여 설명을 요구할 수 있다' }),
      doc('p2', { provisionText: '평가 기준을 공시한다' }),
    ]);
    const res = m.search('자동화평가 결과 설명');
    expect(res[0]!.id).toBe('p1');
    const r = res[0]!;
    expect(r.score).toBeGreaterThan(0);
    expect(r.confidence).toBe('HIGH');
    expect(r.needsHumanConfirmation).toBe(false);
    expect(r.matches).toContainEqual({ field: 'title', queryTerm: '자동화평가', documentTerm: '자동화평가', via: 'exact' });
    expect(r.matches.some((x) => x.field === 'statement')).toBe(true);
    expect(r.explanation).toMatch(/신뢰도 HIGH/);
    const weak = m.search('자동화평가 결과 설명 평가 기준 공시 회사 금융 보험 대출 심사').find((x) => x.id === 'p2');
    expect(weak?.needsHumanConfirmation).toBe(true);
    expect(weak?.confidence).not.toBe('HIGH');
  });
  it('reports stem matches for English inflections', () => {
    const m = createMatcher({ thesaurus: false });
    m.add([doc('e', { statement: 'The provider must notify the regulator.' })]);
    const ev = m.search('notification to regulators', { language: 'en' })[0]!.matches;
    expect(ev).toContainEqual({ field: 'statement', queryTerm: 'regulators', documentTerm: 'regulator', via: 'stem' });
  });
});

describe('Korean corpus builder', () => {
  it('one passage per article, 의N numbering, deleted articles kept, notes removed', () => {
    const md = ['# 법', '## 제1장', '##### 제1조 (목적)', '', '이 법은 목적이 있다. <개정 2020.2.4>', '##### 제2조', '', '삭제 <2020.2.4>',
      '##### 제36조의2 (자동화평가)', '', '**①** 설명을 요구할 수 있다.', '  1\\. 첫째', '## 부칙', '제1조(시행일) 무시'].join('\n');
    const p = parseStatute(md, 'kr/x/법률', '어떤 법');
    expect(p.map((x) => x.id)).toEqual(['kr/x/법률/art-1', 'kr/x/법률/art-2', 'kr/x/법률/art-36-2']);
    expect(p[0]).toEqual({ id: 'kr/x/법률/art-1', title: '어떤 법 제1조 (목적)', text: '이 법은 목적이 있다.' });
    expect(p[2]!.text).toBe('① 설명을 요구할 수 있다.\n  1. 첫째');
  });
});

describe('selectsEvidence (assistant resolvers)', () => {
  const infoOf = (query: string) => {
    const doc = parse(query);
    const op = doc.definitions.find((d) => d.kind === 'OperationDefinition') as OperationDefinitionNode;
    const fragments = Object.fromEntries(doc.definitions.filter((d): d is FragmentDefinitionNode => d.kind === 'FragmentDefinition').map((f) => [f.name.value, f]));
    return { fieldNodes: [op.selectionSet.selections[0] as FieldNode], fragments };
  };
  it('sees explanation or matchedTerms directly, in fragments, and under a path', () => {
    expect(selectsEvidence(infoOf('{ matchObligations(text: "x") { score obligation { id } } }'))).toBe(false);
    expect(selectsEvidence(infoOf('{ matchObligations(text: "x") { score explanation } }'))).toBe(true);
    expect(selectsEvidence(infoOf('{ matchObligations(text: "x") { ... on ObligationMatch { matchedTerms { via } } } }'))).toBe(true);
    expect(selectsEvidence(infoOf('{ matchObligations(text: "x") { ...F } } fragment F on ObligationMatch { explanation }'))).toBe(true);
    expect(selectsEvidence(infoOf('{ analyzeAmendment(text: "x") { matches { score } summary } }'), ['matches'])).toBe(false);
    expect(selectsEvidence(infoOf('{ analyzeAmendment(text: "x") { m: matches { explanation } } }'), ['matches'])).toBe(true);
  });
});
