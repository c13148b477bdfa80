/**
 * The answers the base data gives, read with the trigger semantics of docs/data-model.md: for the
 * four sandbox-designated services, a non-sandbox robo-advisor and an AI credit-scoring service.
 * These pin the triggers down; the product's applicability engine is tested elsewhere.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { applicableObligations, indexDataset, loadDataFiles, type Context, type DatasetIndex, type Obj } from '../../seed/tools/dataset-index.ts';
import { DATA_DIR } from '../../seed/tools/generate-kr-regulations.ts';

let ix: DatasetIndex;
beforeAll(() => {
  ix = indexDataset(loadDataFiles(DATA_DIR));
});

const TODAY = '2026-11-24';
const ids = (ctx: Context): string[] => applicableObligations(ix, ctx).map((a) => a.obligation);
const HIGH_IMPACT = ['obl/aiba/high-impact-risk-management', 'obl/aiba/high-impact-explanation', 'obl/aiba/high-impact-human-oversight', 'obl/aiba/high-impact-records'];
const SANDBOX = ['obl/fisa/operation-reports', 'obl/fisa/consumer-protection-risk-plan', 'obl/fisa/trial-risk-notice', 'obl/fisa/trial-consent', 'obl/fisa/liability-insurance'];

describe('face-recognition payment under the Shinhan Card designation (flagship)', () => {
  const ctx: Context = { serviceType: 'svc/face-recognition-payment', asOf: TODAY, designation: 'sbx/shinhan-card-face-pay', institutionType: 'CARD_COMPANY' };

  it('applies biometric consent, access-medium identity check, EFTA security and every sandbox duty and condition', () => {
    const got = ids(ctx);
    expect(got).toEqual(expect.arrayContaining([
      'obl/pipa/sensitive-separate-consent',
      'obl/efta/access-medium-identity-check',
      'obl/efta/safety-duty',
      'obl/efta/vulnerability-assessment',
      'obl/efta/incident-notification',
      'obl/efta/transaction-records',
      ...SANDBOX,
      'obl/sbx/shinhan-card-face-pay/user-scope',
      'obl/sbx/shinhan-card-face-pay/staged-expansion-and-reports',
    ]));
    for (const x of [...HIGH_IMPACT, 'obl/cia/automated-evaluation-explanation', 'obl/eu-ai-act/risk-management-system', 'obl/sbx/nh-bank-ai-banker/insurance-ad-scope']) expect(got).not.toContain(x);
  });

  it('explains why: biometric data is sensitive data, the designation triggers its conditions', () => {
    const byId = new Map(applicableObligations(ix, ctx).map((a) => [a.obligation, a.reasons]));
    expect(byId.get('obl/pipa/sensitive-separate-consent')).toEqual(['data data/sensitive']);
    expect(byId.get('obl/sbx/shinhan-card-face-pay/user-scope')).toEqual(['designation sbx/shinhan-card-face-pay']);
  });

  it('records the EFTA Art. 6 exemption as modifying the identity-check obligation', () => {
    const d = ix.byKind.designation.get('sbx/shinhan-card-face-pay')!.data;
    expect(d['designatedOn']).toBe('2019-10-02');
    expect(d['batch']).toBe(7);
    expect(d['extendedOn']).toBe('2021-09-08');
    expect(d['validTo']).toBeNull();
    const ex = (d['exemptions'] as Obj[])[0]!;
    expect(ex).toMatchObject({ provision: 'kr/efta/art-6', effect: 'MODIFIES', obligations: ['obl/efta/access-medium-identity-check'] });
  });

  it('drops the sandbox duties outside the sandbox, and biometric consent before the 2020 decree', () => {
    const outside = ids({ ...ctx, designation: undefined });
    for (const x of SANDBOX) expect(outside).not.toContain(x);
    expect(outside).toContain('obl/pipa/sensitive-separate-consent');
    expect(ids({ ...ctx, asOf: '2019-10-02' })).not.toContain('obl/pipa/sensitive-separate-consent');
    expect(ids({ ...ctx, asOf: '2019-10-02' })).toContain('obl/efta/access-medium-identity-check');
  });
});

describe('the other designated services', () => {
  it('NH AI banker: ad-scope condition, suitability and explanation, chatbot transparency', () => {
    const got = ids({ serviceType: 'svc/ai-banker', asOf: TODAY, designation: 'sbx/nh-bank-ai-banker', institutionType: 'SPECIAL_BANK' });
    expect(got).toEqual(expect.arrayContaining(['obl/sbx/nh-bank-ai-banker/insurance-ad-scope', 'obl/fcpa/suitability', 'obl/fcpa/duty-to-explain', 'obl/fsc/ai-use-notice', 'obl/eu-ai-act/ai-interaction-transparency', ...SANDBOX]));
    for (const x of HIGH_IMPACT) expect(got).not.toContain(x);
  });

  it('Persona AI insurance sales: solicitation rule (modified) and its four conditions; FCPA only from 2021-03-25', () => {
    const at2020 = ids({ serviceType: 'svc/ai-insurance-sales', asOf: '2020-06-01', designation: 'sbx/persona-ai-insurance-sales' });
    expect(at2020).toEqual(expect.arrayContaining([
      'obl/iba/qualified-solicitors',
      'obl/sbx/persona-ai-insurance-sales/exclusive-partner-insurer',
      'obl/sbx/persona-ai-insurance-sales/call-quality-monitoring',
      'obl/sbx/persona-ai-insurance-sales/partner-first-line-responsibility',
      'obl/sbx/persona-ai-insurance-sales/annual-contract-cap',
      ...SANDBOX,
    ]));
    expect(at2020).not.toContain('obl/fcpa/duty-to-explain');
    expect(ids({ serviceType: 'svc/ai-insurance-sales', asOf: TODAY, designation: 'sbx/persona-ai-insurance-sales' })).toContain('obl/fcpa/duty-to-explain');
    const ex = (ix.byKind.designation.get('sbx/persona-ai-insurance-sales')!.data['exemptions'] as Obj[])[0]!;
    expect(ex).toMatchObject({ provision: 'kr/iba/art-83', obligations: ['obl/iba/qualified-solicitors'] });
  });

  it('Douzone Bizon corporate credit model: 2016 licensing rule, not the personal-credit or high-impact duties', () => {
    const got = ids({ serviceType: 'svc/corporate-credit-model', asOf: '2020-01-01', designation: 'sbx/douzone-bizon-corporate-credit' });
    expect(got).toEqual(expect.arrayContaining(['obl/cia/credit-business-licence', ...SANDBOX]));
    for (const x of ['obl/cia/automated-evaluation-explanation', 'obl/pipa/automated-decision-refusal', ...HIGH_IMPACT]) expect(got).not.toContain(x);
    expect(ids({ serviceType: 'svc/corporate-credit-model', asOf: TODAY })).not.toEqual(expect.arrayContaining(HIGH_IMPACT));
  });
});

describe('services outside the sandbox', () => {
  it('robo-advisor: suitability, duty to explain, testbed review; no sandbox or credit-evaluation duties', () => {
    const got = ids({ serviceType: 'svc/robo-advisor', asOf: TODAY });
    expect(got).toEqual(expect.arrayContaining(['obl/fcpa/suitability', 'obl/fcpa/duty-to-explain', 'obl/koscom/robo-advisor-testbed']));
    for (const x of [...SANDBOX, 'obl/cia/automated-evaluation-explanation', ...HIGH_IMPACT]) expect(got).not.toContain(x);
  });

  it('AI credit scoring: CIA 36-2, PIPA 37-2 and the Framework Act high-impact duties today', () => {
    const got = ids({ serviceType: 'svc/credit-scoring', asOf: TODAY });
    expect(got).toEqual(expect.arrayContaining([
      'obl/cia/automated-evaluation-explanation',
      'obl/cia/automated-evaluation-objection',
      'obl/pipa/automated-decision-refusal',
      'obl/pipa/automated-decision-explanation',
      'obl/pipa/automated-decision-disclosure',
      ...HIGH_IMPACT,
      'obl/aiba/high-impact-impact-assessment',
      'obl/aiba/ai-use-notice',
      'obl/gdpr/automated-decision-safeguards',
    ]));
    for (const x of SANDBOX) expect(got).not.toContain(x);
  });

  it('AI credit scoring: dates as the law does (CIA 36-2 from 2020-08-05, AI Act from 2026-01-22, EU Annex III from 2027-12-02)', () => {
    expect(ids({ serviceType: 'svc/credit-scoring', asOf: '2020-08-04' })).not.toContain('obl/cia/automated-evaluation-explanation');
    expect(ids({ serviceType: 'svc/credit-scoring', asOf: '2020-08-05' })).toContain('obl/cia/automated-evaluation-explanation');
    expect(ids({ serviceType: 'svc/credit-scoring', asOf: '2026-01-21' })).not.toContain('obl/aiba/high-impact-human-oversight');
    expect(ids({ serviceType: 'svc/credit-scoring', asOf: TODAY })).not.toContain('obl/eu-ai-act/risk-management-system');
    expect(ids({ serviceType: 'svc/credit-scoring', asOf: '2027-12-02' })).toEqual(
      expect.arrayContaining(['obl/eu-ai-act/risk-management-system', 'obl/eu-ai-act/human-oversight', 'obl/eu-ai-act/fundamental-rights-impact-assessment', 'obl/eu-ai-act/right-to-explanation']),
    );
  });

  it('loan screening is high-impact; fraud detection is neither high-impact nor EU high-risk', () => {
    expect(ids({ serviceType: 'svc/loan-screening', asOf: TODAY })).toEqual(expect.arrayContaining(HIGH_IMPACT));
    const fraud = ids({ serviceType: 'svc/insurance-fraud-detection', asOf: '2028-01-01' });
    for (const x of [...HIGH_IMPACT, 'obl/eu-ai-act/risk-management-system']) expect(fraud).not.toContain(x);
  });
});

describe("the seed services' own statutes (issue 13 item 6)", () => {
  // 통신사기피해환급법 제2조의5① "금융회사는 자체점검을 통하여 … 임시조치를 하여야 한다. <개정 2023.5.16>"
  // 제4조① "… 사기이용계좌로 의심할 만한 사정이 있다고 인정되면 즉시 … 지급정지 조치를 하여야 한다."
  const TELECOM = ['obl/telecom-fraud/temporary-measures', 'obl/telecom-fraud/temporary-measure-notice-and-verification', 'obl/telecom-fraud/payment-suspension'];
  // 보험사기방지 특별법 제5조②, 제6조①, 제12조
  const IFPA = ['obl/ifpa/no-withholding-on-investigation', 'obl/ifpa/privacy-in-investigation', 'obl/ifpa/referral-to-investigators', 'obl/ifpa/investigation-confidentiality'];
  const ROBO = ['obl/cma/robo-advice-investor-profiling', 'obl/cma/robo-advice-device-safeguards'];
  const FCPA_21_22 = ['obl/fcpa/no-unfair-solicitation', 'obl/fcpa/advertising-rules'];

  it('voice-phishing app: the telecom-fraud duties from the 2023-11-17 wording, not the insurance-fraud ones', () => {
    const got = ids({ serviceType: 'svc/voice-phishing-detection', asOf: TODAY, institutionType: 'SPECIAL_BANK' });
    expect(got).toEqual(expect.arrayContaining(TELECOM));
    for (const x of IFPA) expect(got).not.toContain(x);
    expect(ids({ serviceType: 'svc/voice-phishing-detection', asOf: '2023-11-16' })).not.toContain('obl/telecom-fraud/temporary-measures');
  });

  it('AI insurance-fraud detection: the Insurance Fraud Prevention Act, not the telecom-fraud duties', () => {
    const got = ids({ serviceType: 'svc/insurance-fraud-detection', asOf: TODAY });
    expect(got).toEqual(expect.arrayContaining(IFPA));
    for (const x of TELECOM) expect(got).not.toContain(x);
    const before = ids({ serviceType: 'svc/insurance-fraud-detection', asOf: '2016-09-29' });
    for (const x of IFPA) expect(before).not.toContain(x);
    // Plain FDS (svc/fraud-detection) is broader than both, so neither statute reaches it from below.
    const fds = ids({ serviceType: 'svc/fraud-detection', asOf: TODAY });
    for (const x of [...IFPA, ...TELECOM]) expect(fds).not.toContain(x);
  });

  it('robo-advisor: electronic investment-advice device rules and FCPA Arts. 21-22; discretionary reports only with discretionary management', () => {
    for (const serviceType of ['svc/robo-advisor', 'svc/robo-advisor-platform']) {
      const got = ids({ serviceType, asOf: TODAY });
      expect(got).toEqual(expect.arrayContaining([...ROBO, ...FCPA_21_22]));
      expect(got).not.toContain('obl/cma/discretionary-report-delivery');
    }
    expect(ids({ serviceType: 'svc/robo-advisor', asOf: TODAY, capabilities: ['cap/discretionary-investment'] })).toContain('obl/cma/discretionary-report-delivery');
    expect(ids({ serviceType: 'svc/robo-advisor', asOf: '2021-03-24' })).not.toContain('obl/fcpa/no-unfair-solicitation');
  });

  it('chatbots that recommend or present products get FCPA Arts. 21-22; a plain consultation chatbot only when the context says it recommends', () => {
    expect(ids({ serviceType: 'svc/ai-banker', asOf: TODAY })).toEqual(expect.arrayContaining(FCPA_21_22));
    expect(ids({ serviceType: 'svc/ai-financial-assistant', asOf: TODAY })).toEqual(expect.arrayContaining(['obl/fcpa/no-unfair-solicitation', ...ROBO]));
    const plain = ids({ serviceType: 'svc/chatbot-consultation', asOf: TODAY });
    for (const x of FCPA_21_22) expect(plain).not.toContain(x);
    expect(ids({ serviceType: 'svc/chatbot-consultation', asOf: TODAY, capabilities: ['cap/product-recommendation'] })).toEqual(expect.arrayContaining(FCPA_21_22));
  });

  it('generative AI: AI Framework Act Art. 31 from 2026-01-22, for the assistant and for any service the context gives cap/generative-ai', () => {
    const art31 = ['obl/aiba/ai-use-notice', 'obl/aiba/generative-output-labelling'];
    expect(ids({ serviceType: 'svc/generative-ai-assistant', asOf: TODAY })).toEqual(expect.arrayContaining(art31));
    const plain = ids({ serviceType: 'svc/chatbot-consultation', asOf: TODAY });
    for (const x of art31) expect(plain).not.toContain(x);
    expect(ids({ serviceType: 'svc/chatbot-consultation', asOf: TODAY, capabilities: ['cap/generative-ai'] })).toEqual(expect.arrayContaining(art31));
    expect(ids({ serviceType: 'svc/chatbot-consultation', asOf: '2026-01-21', capabilities: ['cap/generative-ai'] })).not.toContain('obl/aiba/ai-use-notice');
  });

  it('a synthesised sales voice must be made recognisable as AI (Art. 31(3))', () => {
    expect(ids({ serviceType: 'svc/ai-insurance-sales', asOf: TODAY })).toContain('obl/aiba/synthetic-media-notice');
    expect(ids({ serviceType: 'svc/chatbot-consultation', asOf: TODAY })).not.toContain('obl/aiba/synthetic-media-notice');
  });
});
