/**
 * Who must comply: for each seed service, MUST / MUST NOT lines for at least two institution types,
 * each with the words of the article that justify it; "applies if …" when no institution is named;
 * the AI Basic Act's high-impact classification apart from the graph's risk tier; reason wording by
 * status, once each. MUST = reported and in force (APPLIES / MODIFIED / EXEMPTED by a designation);
 * MUST NOT = not reported at all (any status), because the statute does not address that provider.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startStack, type TestStack } from '../support/stack.ts';

const REPORT = /* GraphQL */ `
  query Report($serviceType: ID, $deployment: ID, $context: ApplicabilityContext) {
    applicableObligations(serviceType: $serviceType, deployment: $deployment, context: $context) {
      results {
        status
        obligation { id addressees { id } }
        appliesIfEn: appliesIf(language: EN)
        appliesIfKo: appliesIf(language: KO)
        reasons { kind en: explanation(language: EN) ko: explanation(language: KO) }
      }
    }
  }
`;
interface Result {
  status: string;
  obligation: { id: string; addressees: { id: string }[] };
  appliesIfEn: string | null;
  appliesIfKo: string | null;
  reasons: { kind: string; en: string; ko: string }[];
}

let stack: TestStack;
beforeAll(async () => {
  // Four sessions share two cores: a cold first answer (engine index build) may pass the default 5 s.
  stack = await startStack({ env: { SUBGRAPH_TIMEOUT_MS: '60000' } });
});
afterAll(async () => {
  await stack?.stop();
});

async function results(vars: Record<string, unknown>): Promise<Result[]> {
  const body = await stack.gql<{ applicableObligations: { results: Result[] } }>(REPORT, vars);
  expect(body.errors, JSON.stringify(body.errors)).toBeUndefined();
  return body.data!.applicableObligations.results;
}

const IN_FORCE = new Set(['APPLIES', 'MODIFIED_BY_DESIGNATION', 'EXEMPTED_BY_DESIGNATION']);
const TODAY = '2026-11-24';

interface Line {
  service: string;
  institutionType: string;
  asOf?: string;
  designation?: string;
  must?: string[];
  mustNot?: string[];
}

/**
 * The scenario table. Each line's comment quotes the article that decides it; institution types are
 * the seed's Institution.type values (Shinhan Card CARD_COMPANY, KakaoBank BANK, NH and IBK
 * SPECIAL_BANK, Persona and Douzone FINTECH, NICE CREDIT_BUREAU …).
 */
const LINES: Line[] = [
  // 신용정보법 제26조의3제1항: "…종합신용정보집중기관에 개인신용평가체계 검증위원회를 둔다. 1. 개인신용평가회사 및
  // 개인사업자신용평가회사(…)의 평가에 사용되는 기초정보에 관한 심의" — a bank's own scoring is not reviewed.
  // 제36조의2제1항: "개인신용평가회사 및 대통령령으로 정하는 신용정보제공ㆍ이용자" (시행령 제31조의2제1항: 금융위원회법
  // 제38조 각 호의 자, i.e. banks) — binds both.
  // 제39조: "…개인신용평가회사 … 에 대하여 … 무료로 교부받거나 열람할 수 있다" — bureaus only.
  { service: 'svc/credit-scoring', institutionType: 'BANK', must: ['obl/cia/automated-evaluation-explanation', 'obl/cia/automated-evaluation-objection'], mustNot: ['obl/cia/model-validation-review', 'obl/cia/free-credit-report'] },
  { service: 'svc/credit-scoring', institutionType: 'CREDIT_BUREAU', must: ['obl/cia/model-validation-review', 'obl/cia/free-credit-report', 'obl/cia/automated-evaluation-explanation'] },
  // A fintech is neither a 개인신용평가회사 nor one of the FSC Act Art. 38 institutions: 제36조의2 does not bind it.
  { service: 'svc/credit-scoring', institutionType: 'FINTECH', must: ['obl/pipa/automated-decision-explanation'], mustNot: ['obl/cia/automated-evaluation-explanation', 'obl/cia/model-validation-review'] },
  // 전자금융거래법 제6조제1항: "금융회사 또는 전자금융업자는 … 이용자의 신원 … 을 확인하여야 한다"; 제2조제3호나목: 금융회사
  // includes "「여신전문금융업법」에 따른 여신전문금융회사" (a card company). An AI vendor is neither.
  // 개인정보 보호법 제23조제1항: "개인정보처리자는 …" — whoever processes the face data.
  { service: 'svc/face-recognition-payment', institutionType: 'CARD_COMPANY', must: ['obl/efta/access-medium-identity-check', 'obl/efta/safety-duty', 'obl/pipa/sensitive-separate-consent'] },
  { service: 'svc/face-recognition-payment', institutionType: 'AI_VENDOR', must: ['obl/pipa/sensitive-separate-consent'], mustNot: ['obl/efta/access-medium-identity-check', 'obl/efta/accident-liability'] },
  // FSC AI guideline 2021 (요지): "금융회사는 …"; AI Basic Act 제33조제1항: "인공지능사업자는 인공지능 또는 이를 이용한
  // 제품ㆍ서비스를 제공하는 경우 그 인공지능이 고영향 인공지능에 해당하는지에 대하여 사전에 검토하여야 하며" — every provider.
  { service: 'svc/chatbot-consultation', institutionType: 'BANK', must: ['obl/fsc/ai-use-notice', 'obl/aiba/high-impact-determination', 'obl/pipa/collection-consent'] },
  { service: 'svc/chatbot-consultation', institutionType: 'AI_VENDOR', must: ['obl/aiba/high-impact-determination', 'obl/pipa/collection-consent'], mustNot: ['obl/fsc/ai-use-notice'] },
  // 금융혁신지원 특별법 제20조제1항: "혁신금융사업자는 지정기간 중 혁신금융서비스를 제공함에 있어 사전에 이용자에게 …
  // 고지하여야 한다" — whoever holds the designation, whatever its type.
  { service: 'svc/ai-banker', institutionType: 'SPECIAL_BANK', asOf: '2021-09-01', designation: 'sbx/nh-bank-ai-banker', must: ['obl/fisa/trial-risk-notice', 'obl/fsc/ai-use-notice'] },
  { service: 'svc/ai-banker', institutionType: 'FINTECH', asOf: '2021-09-01', designation: 'sbx/nh-bank-ai-banker', must: ['obl/fisa/trial-risk-notice'], mustNot: ['obl/fsc/ai-use-notice'] },
  // 금융소비자보호법 제17조제1항: "금융상품판매업자등은 금융상품계약체결등을 하거나 자문업무를 하는 경우에는 …" — a
  // licensed securities firm; an AI vendor that sells software is no 금융상품판매업자등.
  { service: 'svc/robo-advisor-platform', institutionType: 'SECURITIES_FIRM', asOf: '2022-01-01', must: ['obl/fcpa/suitability', 'obl/fcpa/duty-to-explain'] },
  { service: 'svc/robo-advisor-platform', institutionType: 'AI_VENDOR', asOf: '2022-01-01', must: ['obl/koscom/robo-advisor-testbed'], mustNot: ['obl/fcpa/suitability', 'obl/fcpa/duty-to-explain'] },
  // 보험업법 제83조제1항: "모집을 할 수 있는 자는 다음 각 호의 어느 하나에 해당하는 자이어야 한다" — binds whoever solicits
  // (Persona's designation modifies it). 금융소비자보호법 제18조제1항: "금융상품판매업자는 …" — an insurer, not an AI vendor.
  { service: 'svc/ai-insurance-sales', institutionType: 'FINTECH', asOf: '2021-01-01', designation: 'sbx/persona-ai-insurance-sales', must: ['obl/iba/qualified-solicitors', 'obl/fisa/liability-insurance'] },
  { service: 'svc/ai-insurance-sales', institutionType: 'INSURER', asOf: '2022-01-01', must: ['obl/iba/qualified-solicitors', 'obl/fcpa/appropriateness'] },
  { service: 'svc/ai-insurance-sales', institutionType: 'AI_VENDOR', asOf: '2022-01-01', must: ['obl/iba/qualified-solicitors'], mustNot: ['obl/fcpa/appropriateness'] },
  // 신용정보법 제4조제2항: "신용정보업 … 을 하려는 자는 금융위원회로부터 허가를 받아야 한다" — anyone. AI credit-model
  // validation 2023 (요지): "AI 신용평가모형을 개발·활용하는 금융회사·신용평가회사" — not a fintech that only sells it.
  { service: 'svc/corporate-credit-model', institutionType: 'FINTECH', must: ['obl/cia/credit-business-licence'], mustNot: ['obl/fsc/ai-credit-model-validation'] },
  { service: 'svc/corporate-credit-model', institutionType: 'CREDIT_BUREAU', must: ['obl/cia/credit-business-licence', 'obl/fsc/ai-credit-model-validation'] },
  // FSC AI guideline (요지): "금융회사는 AI 윤리원칙, AI 조직, 위험관리정책의 3단계 내부통제 체계를 갖춘다." — IBK is a
  // bank; an AI vendor is reached only through the bank that outsources to it.
  { service: 'svc/voice-phishing-detection', institutionType: 'SPECIAL_BANK', must: ['obl/fsc/ai-internal-control', 'obl/aiba/high-impact-determination'] },
  { service: 'svc/voice-phishing-detection', institutionType: 'AI_VENDOR', must: ['obl/aiba/high-impact-determination'], mustNot: ['obl/fsc/ai-internal-control'] },
  // 개인정보 보호법 제23조제1항 (health data is sensitive) binds the insurer and a vendor alike.
  { service: 'svc/insurance-fraud-detection', institutionType: 'INSURER', must: ['obl/pipa/sensitive-separate-consent', 'obl/fsc/ai-internal-control'] },
  { service: 'svc/insurance-fraud-detection', institutionType: 'AI_VENDOR', must: ['obl/pipa/sensitive-separate-consent'], mustNot: ['obl/fsc/ai-internal-control'] },
  // 전자금융거래법 제21조제1항: "금융회사등은 전자금융거래가 안전하게 처리될 수 있도록 …" (금융회사ㆍ전자금융업자 및
  // 전자금융보조업자): a bank, not a credit bureau.
  { service: 'svc/ai-financial-assistant', institutionType: 'BANK', must: ['obl/efta/safety-duty', 'obl/efta/transaction-records'] },
  { service: 'svc/ai-financial-assistant', institutionType: 'CREDIT_BUREAU', must: ['obl/pipa/collection-consent'], mustNot: ['obl/efta/safety-duty', 'obl/efta/transaction-records'] },
  // FSS AI RMF 2026 (요지): "금융회사는 AI 거버넌스를 갖추고 AI 서비스의 위험을 평가하여 등급별로 통제한다."
  { service: 'svc/rpa-back-office', institutionType: 'BANK', must: ['obl/fss/ai-risk-assessment', 'obl/aiba/high-impact-determination'] },
  { service: 'svc/rpa-back-office', institutionType: 'AI_VENDOR', must: ['obl/aiba/high-impact-determination'], mustNot: ['obl/fss/ai-risk-assessment'] },
];

describe('addressees: MUST / MUST NOT per seed service and institution type', () => {
  it.each(LINES.map((l) => [`${l.service} as ${l.institutionType}${l.asOf ? ` on ${l.asOf}` : ''}`, l] as const))('%s', async (_, line) => {
    const r = await results({
      serviceType: line.service,
      context: { institutionType: line.institutionType, asOf: line.asOf ?? TODAY, ...(line.designation ? { designation: line.designation } : {}) },
    });
    const status = new Map(r.map((x) => [x.obligation.id, x.status]));
    for (const id of line.must ?? []) expect(IN_FORCE.has(status.get(id) ?? 'ABSENT'), `MUST ${id} (got ${status.get(id) ?? 'absent'})`).toBe(true);
    for (const id of line.mustNot ?? []) expect(status.has(id), `MUST NOT ${id}`).toBe(false);
    // The provider's type is known: nothing is conditional.
    for (const x of r) expect(x.appliesIfEn, x.obligation.id).toBeNull();
  });

  it('a deployment answers for its own institution: KakaoBank (a bank) has no credit-bureau duty, Shinhan Card has EFTA Art. 6', async () => {
    const kakao = await results({ deployment: 'dep/kakaobank/chatbot', context: { asOf: TODAY } });
    expect(kakao.some((x) => x.obligation.id === 'obl/fsc/ai-use-notice')).toBe(true);
    const face = await results({ deployment: 'dep/shinhan-card/face-pay', context: { asOf: TODAY } });
    expect(face.some((x) => x.obligation.id === 'obl/efta/access-medium-identity-check')).toBe(true);
    for (const x of [...kakao, ...face]) expect(x.appliesIfEn).toBeNull();
  });

  it('an obligation names its addressees with the institution types each covers and the statute\'s definition', async () => {
    const body = await stack.gql<{ obligation: { addressees: { id: string; name: string; institutionTypes: string[]; anyInstitutionType: boolean; definition: string }[] } }>(
      `{ obligation(id: "obl/cia/model-validation-review") { addressees { id name(language: KO) institutionTypes anyInstitutionType definition(language: KO) } } }`,
    );
    expect(body.errors).toBeUndefined();
    const byId = new Map(body.data!.obligation.addressees.map((a) => [a.id, a]));
    expect([...byId.keys()].sort()).toEqual(['role/kr/central-credit-information-body', 'role/kr/personal-credit-scoring-company']);
    expect(byId.get('role/kr/personal-credit-scoring-company')).toMatchObject({ name: '개인신용평가회사', institutionTypes: ['CREDIT_BUREAU'], anyInstitutionType: false });
    expect(byId.get('role/kr/personal-credit-scoring-company')!.definition).toContain('개인신용평가업 허가를 받은 자');
  });

  it('without an institution, an institution-specific duty says "applies if …" in both languages; a duty of every controller does not', async () => {
    const r = await results({ serviceType: 'svc/credit-scoring', context: { asOf: TODAY } });
    const review = r.find((x) => x.obligation.id === 'obl/cia/model-validation-review')!;
    expect(review.appliesIfEn).toMatch(/^Applies only if the provider is a central credit-information body or personal credit-scoring company/);
    expect(review.appliesIfKo).toMatch(/^제공자가 종합신용정보집중기관 또는 개인신용평가회사인 경우에만 적용됩니다/);
    expect(review.reasons.some((x) => x.kind === 'ADDRESSEE')).toBe(true);
    for (const x of review.reasons) {
      expect(x.en).not.toMatch(/This obligation applies\.$/);
      expect(x.ko).not.toMatch(/따라서 이 의무가 적용됩니다\.$/);
    }
    const pipa = r.find((x) => x.obligation.id === 'obl/pipa/automated-decision-explanation')!;
    expect(pipa.appliesIfEn).toBeNull();
  });
});

describe('high-impact AI: the statute\'s classification, apart from the graph\'s risk tier', () => {
  it('AI Basic Act Art. 33(1) binds every AI business operator: also a MINIMAL-tier service, explained by its addressee', async () => {
    // 제33조제1항: "인공지능사업자는 인공지능 또는 이를 이용한 제품ㆍ서비스를 제공하는 경우 그 인공지능이 고영향 인공지능에
    // 해당하는지에 대하여 사전에 검토하여야 하며"
    for (const service of ['svc/rpa-back-office', 'svc/voice-phishing-detection', 'svc/face-recognition-payment', 'svc/credit-scoring']) {
      const r = await results({ serviceType: service, context: { asOf: TODAY } });
      const det = r.find((x) => x.obligation.id === 'obl/aiba/high-impact-determination');
      expect(det?.status, service).toBe('APPLIES');
      expect(det!.reasons.map((x) => x.kind)).toEqual(['ADDRESSEE']);
      expect(det!.reasons[0]!.en).toMatch(/binds every AI business operator/);
      for (const x of det!.reasons) expect(`${x.en} ${x.ko}`).not.toMatch(/HIGH risk|risk tier|위험등급/);
    }
    const before = await results({ serviceType: 'svc/rpa-back-office', context: { asOf: '2025-06-01' } });
    const det = before.find((x) => x.obligation.id === 'obl/aiba/high-impact-determination')!;
    expect(det.status).toBe('NOT_YET_IN_FORCE');
    expect(det.reasons[0]!.en).toMatch(/will apply from 2026-01-22/);
    expect(det.reasons[0]!.ko).toMatch(/2026년 1월 22일부터 적용됩니다/);
  });

  it('the high-impact duties (Arts. 34-35) rest on Art. 2(4) item 사, quoted, and reach loan screening, not face payment (graph tier HIGH)', async () => {
    const loan = await results({ serviceType: 'svc/loan-screening', context: { asOf: TODAY } });
    const rm = loan.find((x) => x.obligation.id === 'obl/aiba/high-impact-risk-management')!;
    expect(rm.status).toBe('APPLIES');
    expect(rm.reasons.map((x) => x.kind)).toContain('STATUTORY_CLASS');
    const why = rm.reasons.find((x) => x.kind === 'STATUTORY_CLASS')!;
    expect(why.ko).toContain('채용, 대출 심사 등 개인의 권리ㆍ의무 관계에 중대한 영향을 미치는 판단 또는 평가');
    expect(why.en).toMatch(/statute's classification, not the graph's own risk tier/);
    expect(rm.reasons.some((x) => x.kind === 'RISK_LEVEL')).toBe(false);
    // Face payment is in the graph's HIGH tier but is not high-impact AI (Art. 2(4) 바 covers biometrics
    // only "범죄 수사나 체포 업무를 위한").
    const face = await results({ serviceType: 'svc/face-recognition-payment', context: { asOf: TODAY } });
    expect(face.some((x) => x.obligation.id.startsWith('obl/aiba/high-impact-') && x.obligation.id !== 'obl/aiba/high-impact-determination')).toBe(false);
  });

  it('the service types carry the statutory class apart from their risk tier', async () => {
    const body = await stack.gql<{ a: { riskLevel: string; statutoryClasses: string[] }; b: { riskLevel: string; statutoryClasses: string[] } }>(
      `{ a: serviceType(id: "svc/loan-screening") { riskLevel statutoryClasses } b: serviceType(id: "svc/face-recognition-payment") { riskLevel statutoryClasses } }`,
    );
    expect(body.errors).toBeUndefined();
    expect(body.data!.a).toEqual({ riskLevel: 'HIGH', statutoryClasses: ['KR_AIBA_HIGH_IMPACT_SA'] });
    expect(body.data!.b).toEqual({ riskLevel: 'HIGH', statutoryClasses: [] });
  });

  it('a reason on the graph\'s risk tier says it is the graph\'s own classification', async () => {
    const r = await results({ serviceType: 'svc/face-recognition-payment', context: { asOf: TODAY, institutionType: 'CARD_COMPANY' } });
    const tier = r.flatMap((x) => x.reasons).filter((x) => x.kind === 'RISK_LEVEL');
    expect(tier.length).toBeGreaterThan(0);
    for (const x of tier) {
      expect(x.en).toMatch(/graph's own high-risk tier \(regkg's classification, not a statutory one\)/);
      expect(x.ko).toContain("법령상 분류가 아님)에서 '고위험' 등급");
    }
  });
});

describe('reasons: wording by status, once each', () => {
  it('never repeats a reason, and says "will apply from" / "applied until" for inactive duties', async () => {
    for (const [service, asOf] of [['svc/face-recognition-payment', '2021-01-01'], ['svc/credit-scoring', '2019-01-01'], ['svc/credit-scoring', TODAY], ['svc/ai-financial-assistant', TODAY]] as const) {
      const r = await results({ serviceType: service, context: { asOf, sandbox: true } });
      for (const x of r) {
        const lines = x.reasons.map((y) => `${y.kind}|${y.en}`);
        expect(new Set(lines).size, `${service} ${x.obligation.id}: ${lines.join(' / ')}`).toBe(lines.length);
        if (x.status === 'NOT_YET_IN_FORCE') for (const y of x.reasons.filter((z) => z.kind !== 'EXEMPTION')) {
          expect(y.en, x.obligation.id).toMatch(/not yet in force/);
          expect(y.ko, x.obligation.id).toMatch(/시행 전/);
          expect(y.ko).not.toMatch(/이 의무가 적용됩니다/);
        }
        if (x.status === 'NO_LONGER_IN_FORCE') for (const y of x.reasons.filter((z) => z.kind !== 'EXEMPTION')) expect(y.en, x.obligation.id).toMatch(/no longer in force/);
        if (x.status === 'APPLIES') for (const y of x.reasons) expect(y.en).not.toMatch(/not yet in force|no longer in force/);
      }
    }
  });
});
