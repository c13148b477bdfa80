/** Issue 16: the matcher's compact posting store and its sliced build. */
import { describe, it, expect } from 'vitest';
import { createMatcher, type MatchDocument } from '../../matcher/index.ts';

const docs: MatchDocument[] = Array.from({ length: 300 }, (_, i) => ({
  id: `d${i}`,
  fields: { title: `제${i % 7}조 목적`, provisionText: `개인정보처리자는 정보주체 ${i} 의 동의를 받아야 한다. Firm ${i % 13} must keep records ${i % 5}.` },
  group: `g${i % 40}`,
}));
const queries = ['정보주체의 동의', 'must keep records', '개인정보 firm 3'];
const ranks = (m: ReturnType<typeof createMatcher>) => queries.map((q) => m.search(q, { limit: 5 }).map((r) => [r.id, r.score, r.matches.length]));

describe('sliced build', () => {
  it('addAsync indexes as add does, and in several batches as in one', async () => {
    const one = createMatcher();
    one.add(docs);
    const sliced = createMatcher();
    await sliced.addAsync(docs, 0);
    const batches = createMatcher();
    for (let i = 0; i < docs.length; i += 70) batches.add(docs.slice(i, i + 70));
    expect(ranks(sliced)).toEqual(ranks(one));
    expect(ranks(batches)).toEqual(ranks(one));
  });

  it('yields to the event loop while building', async () => {
    const m = createMatcher();
    let ticks = 0;
    const timer = setInterval(() => ticks++, 0);
    await m.addAsync(docs, 0);
    clearInterval(timer);
    expect(ticks).toBeGreaterThan(0);
    expect(m.size).toBe(docs.length);
  });

  it('keeps the index it had until the batch is merged, and removes and compacts as before', async () => {
    const m = createMatcher();
    m.add(docs.slice(0, 100));
    const before = m.search('정보주체의 동의', { limit: 3, explain: false });
    const pending = m.addAsync(docs.slice(100), 0);
    expect(m.size).toBe(100);
    expect(m.search('정보주체의 동의', { limit: 3, explain: false })).toEqual(before);
    await pending;
    expect(m.size).toBe(300);
    m.remove(docs.slice(0, 150).map((d) => d.id));
    const fresh = createMatcher();
    fresh.add(docs.slice(150));
    expect(ranks(m)).toEqual(ranks(fresh));
  });

  it('compacts its posting store when a third of the slots are dead', () => {
    const many: MatchDocument[] = Array.from({ length: 3000 }, (_, i) => ({ id: `m${i}`, fields: { provisionText: `정보주체 ${i % 97} 동의 records ${i % 31} 보관 ${i}` }, group: `s${i % 500}` }));
    const m = createMatcher({ thesaurus: false });
    m.add(many);
    m.remove(many.slice(0, 1500).map((d) => d.id));
    const fresh = createMatcher({ thesaurus: false });
    fresh.add(many.slice(1500));
    const q = (x: ReturnType<typeof createMatcher>) => ['정보주체 5 동의', 'records 7 보관'].map((t) => x.search(t, { limit: 8 }).map((r) => [r.id, r.score]));
    expect(q(m)).toEqual(q(fresh));
    m.add(many.slice(0, 10));
    expect(m.size).toBe(1510);
  });
});
