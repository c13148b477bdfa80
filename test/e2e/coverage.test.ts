/**
 * The seed's own services get the statutes that govern them (issue 13 item 6), through the gateway
 * against the real Neo4j: the voice-phishing app, AI insurance-fraud detection, the robo-advisor,
 * chatbots that recommend products, and a generative-AI capability named by the question.
 * Each duty comes with an article-level citation of the statute text we hold.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startStack, type TestStack } from '../support/stack.ts';

const REPORT = /* GraphQL */ `
  query Coverage($serviceType: ID!, $context: ApplicabilityContext) {
    applicableObligations(serviceType: $serviceType, context: $context) {
      results {
        status
        obligation { id kind actor(language: EN) }
        citations { provision { id } citationKo sourceUrl sourceKind inForce }
        reasons { kind explanation(language: EN) koText: explanation(language: KO) path { type id via } }
      }
    }
  }
`;
interface Result {
  status: string;
  obligation: { id: string; kind: string; actor: string | null };
  citations: { provision: { id: string }; citationKo: string; sourceUrl: string | null; sourceKind: string | null; inForce: boolean }[];
  reasons: { kind: string; explanation: string; koText: string; path: { type: string; id: string; via: string | null }[] }[];
}

let stack: TestStack;
beforeAll(async () => {
  stack = await startStack();
});
afterAll(async () => {
  await stack?.stop();
});

const TODAY = '2026-11-24';

async function results(serviceType: string, context: Record<string, unknown>): Promise<Map<string, Result>> {
  const body = await stack.gql<{ applicableObligations: { results: Result[] } }>(REPORT, { serviceType, context });
  expect(body.errors, JSON.stringify(body.errors)).toBeUndefined();
  return new Map(body.data!.applicableObligations.results.map((r) => [r.obligation.id, r]));
}

/** The duty applies and cites `provision` with its article on law.go.kr, as a primary source in force. */
function expectCited(got: Map<string, Result>, obligation: string, provision: string, article: string): void {
  const r = got.get(obligation);
  expect(r, `${obligation} missing`).toBeDefined();
  expect(r!.status, obligation).toBe('APPLIES');
  const c = r!.citations.find((x) => x.provision.id === provision);
  expect(c, `${obligation} does not cite ${provision}`).toBeDefined();
  expect(c!.sourceUrl).toMatch(new RegExp(`^https://www\\.law\\.go\\.kr/법령/.+/${article}$`));
  expect(c!.sourceKind).toBe('PRIMARY');
  expect(c!.inForce).toBe(true);
}

describe('voice-phishing blocking app (IBK)', () => {
  it('gets the Telecommunications Financial Fraud Act duties of financial companies', async () => {
    const got = await results('svc/voice-phishing-detection', { asOf: TODAY });
    // 제2조의5① "… 자체점검을 통하여 … 추정할 만한 사정이 있다고 인정되면 … 임시조치 … 를 하여야 한다."
    expectCited(got, 'obl/telecom-fraud/temporary-measures', 'kr/telecom-fraud/art-2-5', '제2조의5');
    expectCited(got, 'obl/telecom-fraud/temporary-measure-notice-and-verification', 'kr/telecom-fraud/art-2-5', '제2조의5');
    // 제4조① "… 사기이용계좌로 의심할 만한 사정이 있다고 인정되면 즉시 … 지급정지 조치를 하여야 한다."
    expectCited(got, 'obl/telecom-fraud/payment-suspension', 'kr/telecom-fraud/art-4', '제4조');
    expect(got.get('obl/telecom-fraud/payment-suspension')!.obligation.actor).toBe('Financial company');
    expect(got.get('obl/telecom-fraud/temporary-measures')!.reasons.map((r) => r.kind)).toContain('SERVICE_TYPE');
    for (const id of got.keys()) expect(id.startsWith('obl/ifpa/'), id).toBe(false);
  });

  it('states the temporary-measure duty only from the wording in force on 2023-11-17', async () => {
    const before = await results('svc/voice-phishing-detection', { asOf: '2023-11-16' });
    expect(before.get('obl/telecom-fraud/temporary-measures')?.status).toBe('NOT_YET_IN_FORCE');
  });
});

describe('AI insurance-fraud detection', () => {
  it('gets the Insurance Fraud Prevention Act duties of insurers', async () => {
    const got = await results('svc/insurance-fraud-detection', { asOf: TODAY });
    // 제5조② "보험회사는 대통령령으로 정하는 사유 없이 보험사고 조사를 이유로 보험금의 지급을 지체 또는 거절하거나 삭감하여 지급하여서는 아니 된다."
    expectCited(got, 'obl/ifpa/no-withholding-on-investigation', 'kr/ifpa/art-5', '제5조');
    // 제6조① "… 관할 수사기관에 고발 또는 수사의뢰하거나 그 밖에 필요한 조치를 취하여야 한다."
    expectCited(got, 'obl/ifpa/referral-to-investigators', 'kr/ifpa/art-6', '제6조');
    expectCited(got, 'obl/ifpa/investigation-confidentiality', 'kr/ifpa/art-12', '제12조');
    expectCited(got, 'obl/ifpa/privacy-in-investigation', 'kr/ifpa/art-5', '제5조');
    expect(got.get('obl/ifpa/referral-to-investigators')!.obligation.kind).toBe('REPORTING');
    for (const id of got.keys()) expect(id.startsWith('obl/telecom-fraud/'), id).toBe(false);
  });
});

describe('robo-advisor', () => {
  it('gets the Capital Markets Act decree rules on electronic investment-advice devices and FCPA Arts. 21-22', async () => {
    const got = await results('svc/robo-advisor-platform', { asOf: TODAY });
    // 시행령 제99조①1의2 and 제2조제6호: a robo-advisor serving retail investors must profile them and be secured.
    expectCited(got, 'obl/cma/robo-advice-investor-profiling', 'kr/cma-decree/art-99', '제99조');
    expectCited(got, 'obl/cma/robo-advice-investor-profiling', 'kr/cma-decree/art-2', '제2조');
    expectCited(got, 'obl/cma/robo-advice-device-safeguards', 'kr/cma-decree/art-2', '제2조');
    // 금융소비자보호법 제21조 (부당권유행위 금지), 제22조 (광고 관련 준수사항)
    expectCited(got, 'obl/fcpa/no-unfair-solicitation', 'kr/fcpa/art-21', '제21조');
    expectCited(got, 'obl/fcpa/advertising-rules', 'kr/fcpa/art-22', '제22조');
    // 시행령 제16조③2 "법 제17조제2항에 따른 일반금융소비자의 정보를 조작하여 권유하는 행위"; 제20조 광고 시 금지행위
    expectCited(got, 'obl/fcpa/no-unfair-solicitation', 'kr/fcpa-decree/art-16', '제16조');
    expectCited(got, 'obl/fcpa/advertising-rules', 'kr/fcpa-decree/art-20', '제20조');
    expect(got.has('obl/cma/discretionary-report-delivery')).toBe(false);
  });

  it('gets the discretionary-report rule (decree Art. 100) only when the context says it manages portfolios', async () => {
    const got = await results('svc/robo-advisor', { asOf: TODAY, capabilities: ['cap/discretionary-investment'] });
    expectCited(got, 'obl/cma/discretionary-report-delivery', 'kr/cma-decree/art-100', '제100조');
    const reason = got.get('obl/cma/discretionary-report-delivery')!.reasons.find((r) => r.kind === 'CAPABILITY')!;
    expect(reason.path[0]).toMatchObject({ type: 'AIServiceType', id: 'svc/robo-advisor', via: 'HAS_CAPABILITY (context)' });
    expect(reason.explanation).toContain('stated in the context');
  });
});

describe('chatbots', () => {
  it('the AI banker and the HAI assistant, which recommend products, get FCPA Arts. 21-22', async () => {
    const banker = await results('svc/ai-banker', { asOf: TODAY });
    expectCited(banker, 'obl/fcpa/no-unfair-solicitation', 'kr/fcpa/art-21', '제21조');
    expectCited(banker, 'obl/fcpa/advertising-rules', 'kr/fcpa/art-22', '제22조');
    const hai = await results('svc/ai-financial-assistant', { asOf: TODAY });
    expectCited(hai, 'obl/fcpa/no-unfair-solicitation', 'kr/fcpa/art-21', '제21조');
    expectCited(hai, 'obl/cma/robo-advice-investor-profiling', 'kr/cma-decree/art-99', '제99조');
  });

  it('a consultation chatbot gets them only when the context says it recommends products', async () => {
    const plain = await results('svc/chatbot-consultation', { asOf: TODAY });
    expect(plain.has('obl/fcpa/no-unfair-solicitation')).toBe(false);
    const recommending = await results('svc/chatbot-consultation', { asOf: TODAY, capabilities: ['cap/product-recommendation'] });
    expectCited(recommending, 'obl/fcpa/no-unfair-solicitation', 'kr/fcpa/art-21', '제21조');
    expectCited(recommending, 'obl/fcpa/advertising-rules', 'kr/fcpa/art-22', '제22조');
  });
});

describe('generative AI named by the context', () => {
  const ART31 = ['obl/aiba/ai-use-notice', 'obl/aiba/generative-output-labelling'];

  it('capabilities: ["cap/generative-ai"] brings AI Framework Act Art. 31 (with decree Art. 23) after 2026-01-22', async () => {
    const plain = await results('svc/chatbot-consultation', { asOf: TODAY });
    for (const id of ART31) expect(plain.has(id), id).toBe(false);
    const got = await results('svc/chatbot-consultation', { asOf: TODAY, capabilities: ['cap/generative-ai'] });
    for (const id of ART31) {
      // 제31조① "… 생성형 인공지능을 이용한 제품 또는 서비스를 제공하려는 경우 … 이용자에게 사전에 고지하여야 한다."
      expectCited(got, id, 'kr/aiba/art-31', '제31조');
      expectCited(got, id, 'kr/aiba-decree/art-23', '제23조');
      const reason = got.get(id)!.reasons.find((r) => r.kind === 'CAPABILITY')!;
      expect(reason.path.map((s) => s.id)).toEqual(['svc/chatbot-consultation', 'cap/generative-ai', id, 'kr/aiba/art-31']);
      expect(reason.koText).toContain("'생성형 인공지능 활용' 기능");
      expect(reason.koText).not.toMatch(/\((은|는|이|가|을|를)\)/);
    }
  });

  it('and not before the Act is in force', async () => {
    const before = await results('svc/chatbot-consultation', { asOf: '2026-01-21', capabilities: ['cap/generative-ai'] });
    for (const id of ART31) expect(before.get(id)?.status, id).toBe('NOT_YET_IN_FORCE');
    const activeOnly = await results('svc/chatbot-consultation', { asOf: '2026-01-21', capabilities: ['cap/generative-ai'], includeInactive: false });
    for (const id of ART31) expect(activeOnly.has(id), id).toBe(false);
  });

  it('the generative-AI assistant has the capability itself', async () => {
    const got = await results('svc/generative-ai-assistant', { asOf: TODAY });
    for (const id of ART31) expectCited(got, id, 'kr/aiba/art-31', '제31조');
    expect(got.get('obl/aiba/ai-use-notice')!.reasons.some((r) => r.path.some((s) => s.id === 'cap/generative-ai' && s.type === 'Capability'))).toBe(true);
  });

  it('refuses more than 50 extra capabilities', async () => {
    const body = await stack.gql(REPORT, { serviceType: 'svc/chatbot', context: { capabilities: Array.from({ length: 51 }, (_, i) => `cap/x${i}`) } });
    expect(body.errors?.[0]?.extensions?.['code']).toBe('BAD_USER_INPUT');
  });
});

describe('the matcher finds the new duties, across languages', () => {
  const MATCH = /* GraphQL */ `query($t: String!, $l: Language) { matchObligations(text: $t, language: $l, limit: 5) { obligation { id } matchedTerms { via } } }`;
  const top = async (t: string, l: 'KO' | 'EN'): Promise<string[]> => {
    const body = await stack.gql<{ matchObligations: { obligation: { id: string } }[] }>(MATCH, { t, l });
    expect(body.errors, JSON.stringify(body.errors)).toBeUndefined();
    return body.data!.matchObligations.map((m) => m.obligation.id);
  };

  it.each([
    ['Banks must put a temporary hold on accounts suspected of use in voice phishing and freeze fraud accounts.', 'EN', 'obl/telecom-fraud/'],
    ['보험회사는 보험사고 조사를 이유로 보험금 지급을 지체하거나 삭감해서는 아니 된다.', 'KO', 'obl/ifpa/no-withholding-on-investigation'],
    ['Robo-advisers must not give definitive judgments on uncertain matters when recommending products (unfair solicitation).', 'EN', 'obl/fcpa/no-unfair-solicitation'],
  ] as const)('%s', async (text, language, expected) => {
    const ids = await top(text, language);
    expect(ids.slice(0, 3).some((id) => id.startsWith(expected)), ids.join(', ')).toBe(true);
  });
});
