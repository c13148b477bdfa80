/**
 * The RegTech assistant through the gateway: ranked, explained, bilingual matches; the impact of a
 * new text through the graph; and an index that follows amendments without a restart.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { applyObligationAmendment } from '../support/amendments.ts';
import { startStack, type TestStack } from '../support/stack.ts';
import { askUntil } from '../support/poll.ts';

const MATCH = /* GraphQL */ `
  query Match($text: String!, $language: Language, $limit: Int) {
    matchObligations(text: $text, language: $language, limit: $limit) {
      score confidence needsHumanConfirmation explanation suggestion
      obligation { id kind statement(language: EN) }
      matchedTerms { field queryTerm documentTerm via }
    }
  }
`;
interface Match {
  score: number;
  confidence: string;
  needsHumanConfirmation: boolean;
  explanation: string;
  suggestion: string;
  obligation: { id: string; kind: string; statement: string };
  matchedTerms: { field: string; queryTerm: string; documentTerm: string; via: string }[];
}

let stack: TestStack;
beforeAll(async () => {
  stack = await startStack();
});
afterAll(async () => {
  await stack?.stop();
});

async function match(text: string, language?: 'KO' | 'EN', limit = 10): Promise<Match[]> {
  const body = await stack.gql<{ matchObligations: Match[] }>(MATCH, { text, language, limit });
  expect(body.errors, JSON.stringify(body.errors)).toBeUndefined();
  return body.data!.matchObligations;
}

describe('matchObligations', () => {
  it('computes the evidence only when the query selects it, with the same ranking either way', async () => {
    const text = '얼굴 등 생체정보를 처리하려면 정보주체로부터 별도로 동의를 받아야 한다.';
    const lean = await stack.gql<{ matchObligations: { score: number; obligation: { id: string } }[] }>(
      `query($t: String!) { matchObligations(text: $t) { score obligation { id } } }`,
      { t: text },
    );
    const full = await stack.gql<{ matchObligations: { score: number; obligation: { id: string }; explanation: string; matchedTerms: unknown[] }[] }>(
      `query($t: String!) { matchObligations(text: $t) { ...Why score obligation { id } } } fragment Why on ObligationMatch { explanation matchedTerms { via } }`,
      { t: text },
    );
    expect(lean.errors, JSON.stringify(lean.errors)).toBeUndefined();
    expect(full.errors).toBeUndefined();
    expect(lean.data!.matchObligations.map((m) => [m.obligation.id, m.score])).toEqual(full.data!.matchObligations.map((m) => [m.obligation.id, m.score]));
    expect(full.data!.matchObligations[0]!.explanation).toMatch(/신뢰도|confidence/);
    expect(full.data!.matchObligations[0]!.matchedTerms.length).toBeGreaterThan(0);
    const impact = await stack.gql<{ analyzeAmendment: { matches: { explanation: string }[] } }>(
      `query($t: String!) { analyzeAmendment(text: $t) { matches { explanation } } }`,
      { t: text },
    );
    expect(impact.data!.analyzeAmendment.matches[0]!.explanation).toMatch(/신뢰도|confidence/);
  });

  it('maps a Korean clause about biometric information to the separate-consent duty, explained', async () => {
    const results = await match('얼굴 등 생체정보를 처리하려면 정보주체로부터 다른 개인정보 처리에 대한 동의와 별도로 동의를 받아야 한다.', 'KO');
    const top = results[0]!;
    expect(top.obligation.id).toBe('obl/pipa/sensitive-separate-consent');
    expect(top.confidence).toBe('HIGH');
    expect(top.needsHumanConfirmation).toBe(false);
    expect(top.matchedTerms.length).toBeGreaterThan(0);
    expect(new Set(top.matchedTerms.map((t) => t.field))).toContain('STATEMENT');
    expect(top.explanation.length).toBeGreaterThan(10);
    for (let i = 1; i < results.length; i++) expect(results[i]!.score).toBeLessThanOrEqual(results[i - 1]!.score);
  });

  it('maps an English clause to the automated-evaluation explanation duties', async () => {
    const results = await match('A credit bureau must, on request, explain the result and main criteria of an automated credit evaluation to the individual.', 'EN', 5);
    expect(results.map((r) => r.obligation.id)).toContain('obl/cia/automated-evaluation-explanation');
  });

  it('matches across languages through concepts: an English query finds Korean-statute duties on biometric data', async () => {
    const results = await match('biometric data such as face templates requires separate consent', 'EN', 5);
    expect(results[0]!.obligation.id).toBe('obl/pipa/sensitive-separate-consent');
    expect(results[0]!.matchedTerms.some((t) => t.via === 'concept' || t.via === 'thesaurus' || t.field === 'CONCEPT')).toBe(true);
  });

  it('flags weak matches for human confirmation', async () => {
    const results = await match('The cafeteria will serve kimchi stew on Fridays.', 'EN', 5);
    for (const r of results) {
      expect(r.confidence).not.toBe('HIGH');
      expect(r.needsHumanConfirmation).toBe(true);
    }
  });

  it('rejects empty text with BAD_USER_INPUT', async () => {
    const body = await stack.gql(MATCH, { text: '   ' });
    expect(body.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
  });
});

describe('analyzeAmendment', () => {
  it('traces a new biometric-consent clause to provisions, services, institutions and designations', async () => {
    const body = await stack.gql<{
      analyzeAmendment: {
        matches: { obligation: { id: string }; suggestion: string }[];
        provisions: { id: string }[];
        serviceTypes: { id: string }[];
        institutions: { id: string }[];
        designations: { id: string }[];
        summary: string;
      };
    }>(
      `query($text: String!) { analyzeAmendment(text: $text, limit: 5) {
          matches { obligation { id } suggestion confidence }
          provisions { id citationEn } serviceTypes { id nameEn } institutions { id nameEn } designations { id }
          summary(language: EN) } }`,
      { text: '생체정보를 처리하는 경우 정보주체의 별도 동의를 받아야 하며, 얼굴 특징정보는 암호화하여 분산 보관하여야 한다.' },
    );
    expect(body.errors, JSON.stringify(body.errors)).toBeUndefined();
    const impact = body.data!.analyzeAmendment;
    expect(impact.matches.length).toBeGreaterThan(0);
    expect(impact.provisions.map((p) => p.id)).toContain('kr/pipa/art-23');
    expect(impact.serviceTypes.map((s) => s.id)).toContain('svc/face-recognition-payment');
    expect(impact.institutions.map((i) => i.id)).toContain('inst/shinhan-card');
    expect(impact.designations.map((d) => d.id)).toContain('sbx/shinhan-card-face-pay');
    for (const m of impact.matches) expect(['NEW', 'CHANGED', 'OBSOLETE', 'UNCHANGED']).toContain(m.suggestion);
    expect(impact.summary).toMatch(/service types/);
  });

  it('suggests OBSOLETE for a text that repeals what an obligation rests on', async () => {
    const body = await stack.gql<{ analyzeAmendment: { matches: { suggestion: string; confidence: string }[] } }>(
      `query($text: String!) { analyzeAmendment(text: $text, limit: 3) { matches { suggestion confidence } } }`,
      { text: '민감정보인 생체정보 처리에 대한 별도 동의 규정을 삭제한다.' },
    );
    expect(body.errors).toBeUndefined();
    const confident = body.data!.analyzeAmendment.matches.filter((m) => m.confidence !== 'LOW');
    expect(confident.length).toBeGreaterThan(0);
    expect(confident[0]!.suggestion).toBe('OBSOLETE');
  });
});

describe('the index follows the graph', () => {
  it('reflects an applied amendment at the next request, without a restart', async () => {
    const statusQ = `{ assistantStatus { indexedObligations dataVersion } }`;
    const before = (await stack.gql<{ assistantStatus: { indexedObligations: number; dataVersion: number } }>(statusQ)).data!.assistantStatus;
    const probe = '양자내성암호 전환 계획을 수립하여 금융위원회에 보고하여야 한다';
    expect((await match(probe, 'KO', 3)).map((m) => m.obligation.id)).not.toContain('obl/efta/post-quantum-migration-plan');

    await applyObligationAmendment(stack.driver, {
      amendmentId: 'amd/test/efta-post-quantum',
      regulation: 'kr/efta',
      obligation: 'obl/efta/post-quantum-migration-plan',
      kind: 'SECURITY',
      provisions: ['kr/efta/art-21'],
      triggers: {},
      statementKo: '금융회사는 양자내성암호 전환 계획을 수립하여 금융위원회에 보고하여야 한다.',
      statementEn: 'Financial companies must draw up a post-quantum cryptography migration plan and report it to the FSC.',
      effectiveOn: '2026-02-01',
    });

    // The assistant trusts a known data version for at most a second before asking the graph again.
    const after = await askUntil(
      async () => (await stack.gql<{ assistantStatus: { indexedObligations: number; dataVersion: number } }>(statusQ)).data!.assistantStatus,
      (s) => s.dataVersion !== before.dataVersion,
    );
    expect(after.dataVersion).toBeGreaterThan(before.dataVersion);
    expect(after.indexedObligations).toBe(before.indexedObligations + 1);
    const results = await match(probe, 'KO', 3);
    expect(results[0]!.obligation.id).toBe('obl/efta/post-quantum-migration-plan');
  });
});
