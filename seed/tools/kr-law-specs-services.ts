/**
 * The statutes and decrees that govern the seed's own services beyond the general PIPA/CIA duties
 * (issue 13 item 6): voice-phishing detection (Telecommunications-based Financial Fraud Act),
 * AI insurance-fraud detection (Insurance Fraud Prevention Act), robo-advice (Capital Markets Act
 * Enforcement Decree, electronic investment-advice devices) and generative AI (AI Framework Act
 * Enforcement Decree, Art. 23 on Art. 31 transparency). Same format and dating rules as
 * `kr-law-specs.ts`, which appends these to `KR_LAWS`.
 */
import type { KrLawSpec } from './kr-law-specs.ts';

export const KR_SERVICE_LAWS: KrLawSpec[] = [
  {
    key: 'ifpa',
    dir: '보험사기방지특별법',
    files: ['법률.md'],
    current: '법률.md',
    regulation: {
      id: 'kr/ifpa',
      nameEn: 'Special Act on the Prevention of Insurance Fraud',
      shortKo: '보험사기방지 특별법',
      shortEn: 'Insurance Fraud Prevention Act',
      instrumentType: 'STATUTE',
    },
    // 부칙 <제14123호,2016.3.29> 제1조: "이 법은 공포 후 6개월이 경과한 날부터 시행한다."
    baseline: '2016-09-30',
    baselineBasis: 'enactment (Law No. 14123, promulgated 2016-03-29, in force six months later: addendum Art. 1)',
    overrides: [],
    provisions: [
      { article: '2', titleEn: 'Definitions', summaryEn: 'Insurance fraud is deceiving an insurer about the occurrence, cause or content of an insured event in order to claim insurance money; an insurance company is one licensed under Insurance Business Act Art. 4.' },
      { article: '4', titleEn: 'Reporting of insurance fraud', summaryEn: 'An insurer may report to the FSC where there are reasonable grounds to suspect that the conduct of a policyholder, insured, beneficiary or other interested person is insurance fraud.' },
      { article: '5', titleEn: 'Protection of policyholders', summaryEn: 'Insurers shall endeavour not to infringe the personal information of policyholders and others in investigating insured events (5(1)), and must not delay, refuse or reduce payment of insurance money on the ground of an investigation without a reason prescribed by decree (5(2)).' },
      { article: '6', titleEn: 'Notification to investigative agencies', summaryEn: 'Where there are reasonable grounds to suspect insurance fraud, the FSC, the FSS and insurers must file a complaint or request an investigation with the competent investigative agency or take other necessary measures, and send it the materials on the insured event.' },
      { article: '12', titleEn: 'Duty of confidentiality', summaryEn: 'Persons who work or worked on insurance-fraud investigations must not provide or leak information or materials obtained in their duties to others or use them for other purposes (penalty: Art. 14).' },
      { article: '15', titleEn: 'Administrative fines', summaryEn: 'Fines of up to KRW 10 million for an insurer that delays, refuses or reduces a payment in breach of Art. 5(2), and for an information and communications service provider that fails to submit materials under Art. 5-3(3).' },
    ],
  },
  {
    key: 'telecom-fraud',
    dir: '전기통신금융사기피해방지및피해금환급에관한특별법',
    files: ['법률.md'],
    current: '법률.md',
    regulation: {
      id: 'kr/telecom-fraud',
      nameEn: 'Special Act on the Prevention of Telecommunications-based Financial Fraud and Refund for Damage',
      shortKo: '통신사기피해환급법',
      shortEn: 'Telecommunications Financial Fraud Act',
      instrumentType: 'STATUTE',
    },
    // 부칙 <제10477호,2011.3.29> 제1조: "이 법은 공포 후 6개월이 경과한 날부터 시행한다."
    baseline: '2011-09-30',
    baselineBasis: 'enactment (Law No. 10477, promulgated 2011-03-29, in force six months later: addendum Art. 1)',
    overrides: [],
    provisions: [
      { article: '2', titleEn: 'Definitions', summaryEn: 'Defines financial companies (banks, investment firms, savings banks, cooperatives, insurers and others), telecommunications-based financial fraud (deceiving or intimidating others by telecommunications to obtain money: transfers, obtaining personal information to transfer funds, handing over or withdrawing money; disguised loan offers included), victims, fraud accounts, damage money and users.' },
      // 부칙 <제12384호,2014.1.28> 제2조 calls Art. 2-4 "제2조의4의 개정규정": the article came with that amendment (in force 2014-07-29).
      { article: '2-4', titleEn: 'Financial companies\u2019 responsibility to prevent damage', summaryEn: 'Financial companies must verify the identity of users who apply for a loan or terminate savings deposits and other decree-listed products, to prevent telecommunications-based financial fraud, and are liable for the damage caused by failing to do so.', since: '2014-07-29' },
      // The file keeps no heading mark of when Art. 2-5 was inserted; its ① reads "하여야 한다" since the
      // 2023 amendment (<개정 2023.5.16>, in force 2023-11-17). Nothing earlier than that text is claimed.
      { article: '2-5', titleEn: 'Temporary measures on users\u2019 accounts', summaryEn: 'Where a financial company\u2019s own checks give reason to presume that a user\u2019s account is being used as a suspicious account that may cause telecommunications-based financial fraud, it must delay or temporarily stop transfers, remittances or withdrawals on all or part of the account (temporary measure), notify the user without delay and verify the user\u2019s identity, and lift the measure if the account proves not to be suspicious.', since: '2023-11-17' },
      { article: '4', titleEn: 'Suspension of payment', summaryEn: 'On a victim\u2019s application, a request of an investigative agency or another financial company, information from the FSS or investigators, or identity checks that point to fraud, a financial company that finds from transaction records that an account is suspected of being a fraud account must at once suspend payments from the whole account, notify the account holder, the victim, the remitting bank, the FSS and (where they asked) the investigators, and is liable for damage caused by failing to suspend.' },
      { article: '18', titleEn: 'Administrative fines', summaryEn: 'Fines of up to KRW 10 million for financial companies that fail to verify identity under Art. 2-4(1), to suspend payment under Art. 4(1)1-2, and for other listed breaches; up to KRW 5 million for failing to notify a suspension under Art. 4(2).' },
    ],
  },
  {
    key: 'cma-decree',
    dir: '자본시장과금융투자업에관한법률',
    files: ['시행령-발췌.md'],
    current: '시행령-발췌.md',
    regulation: {
      id: 'kr/cma-decree',
      nameEn: 'Enforcement Decree of the Financial Investment Services and Capital Markets Act',
      shortKo: '자본시장법 시행령',
      shortEn: 'Capital Markets Act Enforcement Decree',
      instrumentType: 'ENFORCEMENT_DECREE',
    },
    // The file is an excerpt without addenda (부칙): amendment marks are dated from their promulgation,
    // which the generator reports as a lower bound.
    baseline: '2009-02-04',
    baselineBasis: 'enactment (Presidential Decree No. 20947, promulgated 2008-07-29, in force with the Act on 2009-02-04); the excerpt holds no addenda, so amended texts are dated from their promulgation',
    overrides: [],
    provisions: [
      { article: '2', titleEn: 'Definitions', summaryEn: 'Defines, among other terms, the electronic investment-advice device (robo-advisor, No. 6): an automated information-processing device that, for investment advice or discretionary management, analyses the investor\u2019s investment profile from the investor\u2019s objectives, financial situation and experience (for fund management: follows the fund\u2019s objectives and strategy); has systems to prevent intrusion incidents and disasters and to contain, prevent and recover from them; and meets the further requirements the FSC publishes for investor protection.' },
      { article: '99', titleEn: 'Prohibition of unsound business practices (investment advisers and discretionary managers)', summaryEn: 'Lists the exceptions to the bans of Act Art. 98 on investment advisers and discretionary managers, including (99(1) item 1-2) that the ban on letting persons other than qualified investment-advice or management staff carry on the business (Act Art. 98(1)3) does not apply where an electronic investment-advice device is used to advise or manage for retail investors; and (99(4)) further banned practices, e.g. recording and cooling-off duties for discretionary contracts with retail investors.' },
      { article: '100', titleEn: 'Delivery of discretionary management reports', summaryEn: 'A discretionary management report states the performance, trades, holdings and fees of the period and must be delivered within two months after the period, directly or by post; it may be sent by e-mail or similar electronic means where the retail investor has so chosen or where the discretionary business is carried on with an electronic investment-advice device (100(2)).' },
    ],
  },
  {
    key: 'fcpa-decree',
    dir: '금융소비자보호에관한법률',
    files: ['시행령.md'],
    current: '시행령.md',
    regulation: {
      id: 'kr/fcpa-decree',
      nameEn: 'Enforcement Decree of the Financial Consumer Protection Act',
      shortKo: '금융소비자보호법 시행령',
      shortEn: 'FCPA Enforcement Decree',
      instrumentType: 'ENFORCEMENT_DECREE',
    },
    // 부칙 <제31553호,2021.3.23> 제1조: "이 영은 2021년 3월 25일부터 시행한다. 다만, … 제13조부터 제22조까지 …
    // 중 금융상품자문업자에 관한 부분 …: 2021년 9월 25일" — for independent advisers Arts. 16 and 20 apply from 2021-09-25.
    baseline: '2021-03-25',
    baselineBasis: 'enactment (Presidential Decree No. 31553, promulgated 2021-03-23, in force 2021-03-25: addendum Art. 1; the parts on financial product advisers from 2021-09-25)',
    overrides: [],
    provisions: [
      { article: '16', titleEn: 'Prohibition of unfair solicitation', summaryEn: 'Details Act Art. 21: which unsolicited contacts for investment products are allowed after prior notice and the consumer\u2019s consent (16(1)); and further banned acts (16(3)): letting untrained staff solicit, manipulating the consumer information gathered under Act Art. 17(2) to recommend a product, offering unrequested loan products while recommending investment products, and similar acts the FSC publishes.' },
      { article: '20', titleEn: 'Prohibited acts in advertising', summaryEn: 'Details Act Art. 22(4): banned advertising practices include suggesting that maturity refunds of variable protection products are fixed, showing premiums per day or otherwise making the burden look small, comparisons without a stated basis, definitive judgments on uncertain matters, misstating matters that affect the consumer\u2019s rights, and showing only the returns of favourable periods.' },
    ],
  },
  {
    key: 'aiba-decree',
    dir: '인공지능발전과신뢰기반조성등에관한기본법',
    files: ['시행령.md'],
    current: '시행령.md',
    regulation: {
      id: 'kr/aiba-decree',
      nameEn: 'Enforcement Decree of the Framework Act on the Development of Artificial Intelligence and the Establishment of Trust',
      shortKo: '인공지능기본법 시행령',
      shortEn: 'Framework Act on AI Enforcement Decree',
      instrumentType: 'ENFORCEMENT_DECREE',
    },
    // 부칙 <제36053호,2026.1.21> 제1조: "이 영은 2026년 1월 22일부터 시행한다."
    baseline: '2026-01-22',
    baselineBasis: 'enactment (Presidential Decree No. 36053, promulgated 2026-01-21, in force 2026-01-22: addendum Art. 1)',
    overrides: [],
    provisions: [
      { article: '23', titleEn: 'Duty to ensure AI transparency', summaryEn: 'How the Act\u2019s Art. 31 duties are met: prior notice that a product or service runs on high-impact or generative AI by stating it in the product, contract, manual or terms, on the user\u2019s screen or device, or by a notice at the place of service; labelling of generative-AI output in a human-recognisable or machine-readable way (machine-readable labels must be announced at least once by text or voice); notices for realistic synthetic output that users can readily perceive, considering their age and condition; exceptions where AI use is obvious, for internal use only, or as the Minister of Science and ICT publishes.' },
    ],
  },
];
