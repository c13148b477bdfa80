/**
 * Which Korean statute articles the base graph carries, with their English titles and summaries.
 * `generate-kr-regulations.ts` turns these specs plus the verbatim texts of `../shared/laws/kr/`
 * into `seed/data/regulations-kr-*.yaml`. Dating rules: see `seed/data/README.md`. The laws that
 * govern particular seed services (fraud, robo-advice, AI decree) are in `kr-law-specs-services.ts`.
 */
import { KR_SERVICE_LAWS } from './kr-law-specs-services.ts';

export interface ProvisionSpec {
  article: string;
  titleEn: string;
  /** Short English summary, stored as `textEn` of every version (we hold no official translation). */
  summaryEn: string;
  /** Date the article first entered into force, when later than the law's baseline. */
  since?: string;
}

export interface InForceOverride {
  /** Promulgation date of the amending law, as it appears in `<개정 …>` marks. */
  promulgatedOn: string;
  /** Articles whose amendment took effect on a different date than the addendum's general rule. */
  articles: string[];
  inForceFrom: string;
  /** Where the date comes from. */
  basis: string;
}

export interface KrLawSpec {
  /** File name suffix: seed/data/regulations-kr-<key>.yaml */
  key: string;
  dir: string;
  /** Files of this law under `dir`; the one named `current` gives the regulation's metadata. */
  files: string[];
  current: string;
  regulation: {
    id: string;
    nameEn: string;
    shortKo: string;
    shortEn: string;
    instrumentType: 'STATUTE' | 'ENFORCEMENT_DECREE';
    applicableFrom?: string;
  };
  /** Date from which text carrying no amendment mark is known to be in force (enactment, or the earliest text held). */
  baseline: string;
  baselineBasis: string;
  overrides: InForceOverride[];
  provisions: ProvisionSpec[];
}

export const KR_LAWS: KrLawSpec[] = [
  {
    key: 'cia',
    dir: '신용정보의이용및보호에관한법률',
    files: ['법률@2016-09-30.md', '법률@2020-08-05.md', '법률.md'],
    current: '법률.md',
    regulation: {
      id: 'kr/cia',
      nameEn: 'Credit Information Use and Protection Act',
      shortKo: '신용정보법',
      shortEn: 'Credit Information Act',
      instrumentType: 'STATUTE',
    },
    baseline: '2016-09-30',
    baselineBasis: 'earliest text held (Law No. 14122, in force 2016-09-30); nothing earlier is claimed',
    overrides: [],
    provisions: [
      { article: '2', titleEn: 'Definitions', summaryEn: 'Defines credit information (including identifying information, which covers converted biometric features, Art. 2(1-2)(a)3)), personal credit information, credit information subjects, automated evaluation (evaluation by computer alone, Art. 2(14)), pseudonymisation and pseudonymised information (2(15)-(16)), anonymisation (2(17)) and the credit information businesses.' },
      { article: '4', titleEn: 'Licensing of credit information businesses', summaryEn: 'No one may carry on a credit information business, a MyData (personal credit information management) business or debt collection without a licence from the FSC. The text in force until 2020-08-04 listed the kinds of credit information business, the credit inquiry business including the development and sale of credit-evaluation and risk-management models (Art. 4(1)1(b)), each requiring a licence.' },
      { article: '5', titleEn: 'Persons eligible for a credit information business licence', summaryEn: 'Limits who may obtain each kind of credit information business licence (eligible shareholders and institutions, capital requirements).' },
      { article: '15', titleEn: 'Principles of collection and processing', summaryEn: 'Credit information must be collected and processed lawfully and fairly, to the extent needed for the purpose.' },
      { article: '17-2', titleEn: 'Combination of data sets', summaryEn: 'Credit information companies combining data sets with those of third parties must do so through a data-specialised agency.' },
      { article: '26-3', titleEn: 'Personal credit evaluation system validation committee', summaryEn: 'A validation committee at the comprehensive credit information concentration agency reviews the basic data used by personal (and sole-proprietor) credit bureaus and the predictive power and stability of their evaluation models, reports the results to the FSC and informs the bureaus; the FSC publishes them.' },
      { article: '26-4', titleEn: 'Data-specialised agencies', summaryEn: 'The FSC designates data-specialised agencies to combine information sets and to assess the adequacy of pseudonymisation and anonymisation.' },
      { article: '31', titleEn: 'Disclosure of credit information use systems', summaryEn: 'Credit information companies must disclose the types, purposes and recipients of credit information they use, including, for scorers, the main evaluation factors and their weights.' },
      { article: '32', titleEn: 'Consent to provision and use of personal credit information', summaryEn: 'Personal credit information may be provided to others only with consent, except in listed cases, including provision of pseudonymised information for statistics, research and archiving (32(6)9-2) and combination through a data-specialised agency (32(6)9-3).' },
      { article: '36-2', titleEn: 'Explanation of and objection to automated evaluation', summaryEn: 'An individual may ask a personal credit bureau or designated credit information user whether automated evaluation is used, and for its result, main criteria and an outline of the basic data; may submit favourable information, ask for correction or deletion of the basic data and for re-calculation. Requests may be refused only on the grounds listed.' },
      { article: '37', titleEn: 'Right to withdraw consent to provision of personal credit information', summaryEn: 'Individuals may withdraw consent to provision of their personal credit information and ask to stop marketing contacts.' },
      { article: '38', titleEn: 'Access to and correction of credit information', summaryEn: 'Individuals may access the credit information held about them and request correction of inaccurate information; the holder must correct or delete it and notify recipients.' },
      { article: '39', titleEn: 'Free access to one\u2019s own credit information', summaryEn: 'Individuals may access their own personal credit information, including credit scores, free of charge at set intervals.' },
      { article: '40-2', titleEn: 'Rules of conduct for pseudonymisation and anonymisation', summaryEn: 'Pseudonymised information must be kept separately from additional information with technical safeguards; processing must stop and the data be deleted at once if a person becomes identifiable; records of pseudonymisation must be kept for 3 years; re-identification for commercial purposes is banned.' },
      { article: '40-3', titleEn: 'Exclusions for pseudonymised information', summaryEn: 'Certain data-subject rights and notification duties do not apply to pseudonymised information.' },
      { article: '42-2', titleEn: 'Administrative fines (penalty surcharges)', summaryEn: 'The FSC may impose a penalty surcharge of up to 3% of turnover for listed violations, including processing pseudonymised information to identify individuals.' },
      { article: '43', titleEn: 'Liability for damages', summaryEn: 'Credit information companies and users are liable for damages caused by violations unless they prove no intent or negligence; up to five times the damage for intentional or grossly negligent leaks.' },
      { article: '43-2', titleEn: 'Claims for statutory damages', summaryEn: 'An individual may claim statutory damages of up to KRW 3 million instead of proven damages for violations that cause loss or leak of personal credit information.' },
    ],
  },
  {
    key: 'pipa',
    dir: '개인정보보호법',
    files: ['법률.md'],
    current: '법률.md',
    regulation: {
      id: 'kr/pipa',
      nameEn: 'Personal Information Protection Act',
      shortKo: '개인정보 보호법',
      shortEn: 'Personal Information Protection Act',
      instrumentType: 'STATUTE',
    },
    baseline: '2011-09-30',
    baselineBasis: 'enactment (Law No. 10465, promulgated 2011-03-29, in force six months later: addendum Art. 1)',
    overrides: [
      {
        promulgatedOn: '2023-03-14',
        articles: ['11-2', '31', '35-3', '37-2', '39-7'],
        inForceFrom: '2024-03-15',
        basis: 'Addendum to Law No. 19234, Art. 1 item 1: one year after promulgation',
      },
    ],
    provisions: [
      { article: '2', titleEn: 'Definitions', summaryEn: 'Defines personal information, pseudonymisation, processing, data subject, personal information file and controller.' },
      { article: '15', titleEn: 'Collection and use of personal information', summaryEn: 'Personal information may be collected and used with the data subject\u2019s consent or on other listed legal grounds; the data subject must be informed of purpose, items, retention and the right to refuse.' },
      { article: '17', titleEn: 'Provision of personal information to third parties', summaryEn: 'Personal information may be provided to third parties with consent or on listed legal grounds, after informing the data subject.' },
      { article: '23', titleEn: 'Restrictions on processing sensitive information', summaryEn: 'Sensitive information (beliefs, health, sex life and other information prescribed by decree, including biometric data) may be processed only with consent separate from other consents, or where laws require or permit it; safety measures must prevent its loss, theft or leak.' },
      { article: '24', titleEn: 'Restrictions on processing unique identifiers', summaryEn: 'Unique identifiers may be processed only with separate consent or where laws require or permit it, with encryption and other safety measures.' },
      { article: '28-2', titleEn: 'Processing of pseudonymised information', summaryEn: 'Controllers may process pseudonymised information without consent for statistics, scientific research and archiving in the public interest; such information may not be provided with information allowing re-identification.', since: '2020-08-05' },
      { article: '28-3', titleEn: 'Restrictions on combining pseudonymised information', summaryEn: 'Pseudonymised information of different controllers may be combined only by specialised agencies designated by the PIPC or the heads of central agencies.', since: '2020-08-05' },
      { article: '28-4', titleEn: 'Safety measures for pseudonymised information', summaryEn: 'Controllers must keep additional information separately, take technical, managerial and physical safety measures, and keep records of the processing of pseudonymised information.', since: '2020-08-05' },
      { article: '29', titleEn: 'Duty of safety measures', summaryEn: 'Controllers must take the technical, managerial and physical measures prescribed by decree to prevent loss, theft, leak, forgery, alteration or damage of personal information.' },
      { article: '33', titleEn: 'Privacy impact assessment', summaryEn: 'Public institutions must conduct a privacy impact assessment for personal information files that risk infringing data subjects\u2019 rights; other controllers should endeavour to do so.' },
      { article: '35', titleEn: 'Access to personal information', summaryEn: 'Data subjects may request access to their personal information.' },
      { article: '37', titleEn: 'Suspension of processing', summaryEn: 'Data subjects may request the suspension of processing of their personal information or withdraw consent.' },
      { article: '37-2', titleEn: 'Rights of data subjects concerning automated decisions', summaryEn: 'Where a decision made solely by a fully automated system (including AI) significantly affects a data subject\u2019s rights or obligations, the data subject may refuse it (unless it rests on consent, contract or law) and may ask for an explanation; the controller must stop applying the decision, have a human re-process it or explain it, and must publish the criteria and procedures of its automated decisions.', since: '2024-03-15' },
      { article: '39', titleEn: 'Liability for damages', summaryEn: 'Controllers are liable for damage from violations unless they prove no intent or negligence; punitive damages up to five times for intentional or grossly negligent leaks.' },
    ],
  },
  {
    key: 'pipa-decree',
    dir: '개인정보보호법',
    files: ['시행령.md', '시행령@2026-08-20.md'],
    current: '시행령.md',
    regulation: {
      id: 'kr/pipa-decree',
      nameEn: 'Enforcement Decree of the Personal Information Protection Act',
      shortKo: '개인정보 보호법 시행령',
      shortEn: 'PIPA Enforcement Decree',
      instrumentType: 'ENFORCEMENT_DECREE',
    },
    baseline: '2011-09-30',
    baselineBasis: 'enactment (Presidential Decree No. 23169, in force 2011-09-30: addendum Art. 1)',
    overrides: [],
    provisions: [
      { article: '18', titleEn: 'Scope of sensitive information', summaryEn: 'Sensitive information includes genetic information, criminal records, and (since the 2020-08-04 amendment) information on a person\u2019s physical, physiological or behavioural features generated by technical means to identify that person (biometric templates such as face templates), and information on race or ethnicity.' },
      { article: '44-2', titleEn: 'Procedure for refusing and requesting explanation of automated decisions', summaryEn: 'Sets the methods and procedure by which data subjects refuse automated decisions or ask for an explanation or review.', since: '2024-03-15' },
      { article: '44-3', titleEn: 'Measures upon refusal or request for explanation', summaryEn: 'On refusal, the controller must stop applying the automated decision or have a person re-process it; on request, it must explain the result, main criteria and procedure, within set time limits.', since: '2024-03-15' },
      { article: '44-4', titleEn: 'Disclosure of the criteria and procedure of automated decisions', summaryEn: 'Controllers must publish, in an easily accessible way, that they make automated decisions, their purpose, the kinds of personal information used, the criteria and procedures, and how data subjects may exercise their rights.', since: '2024-03-15' },
    ],
  },
  {
    key: 'efta',
    dir: '전자금융거래법',
    files: ['법률.md', '법률@2026-12-17.md'],
    current: '법률.md',
    regulation: {
      id: 'kr/efta',
      nameEn: 'Electronic Financial Transactions Act',
      shortKo: '전자금융거래법',
      shortEn: 'Electronic Financial Transactions Act',
      instrumentType: 'STATUTE',
    },
    baseline: '2015-04-16',
    baselineBasis: 'in force date of the earliest addendum in the text held (Law No. 12837); the Act is older (2007), but we claim only what the text shows',
    overrides: [
      {
        promulgatedOn: '2020-05-19',
        articles: ['6', '21'],
        inForceFrom: '2020-11-20',
        basis: 'Addendum to Law No. 17297, Art. 1 proviso: Arts. 6(4), 6(5) and 21 six months after promulgation',
      },
    ],
    provisions: [
      { article: '2', titleEn: 'Definitions', summaryEn: 'Defines electronic financial transactions, financial companies, electronic financial business operators, users and access media; access media include biometric information of the user (Art. 2(10)(d)).' },
      { article: '6', titleEn: 'Selection, use and management of access media', summaryEn: 'Financial companies select and manage access media and verify users\u2019 identity, authority and instructions; they may issue an access medium only on the user\u2019s application and after verifying that the applicant is the person concerned (6(2)); transfer or lending of access media is prohibited.' },
      { article: '9', titleEn: 'Liability of financial companies and electronic financial business operators', summaryEn: 'Financial companies are liable for damage to users from accidents in forging or altering access media or in transmitting or processing transactions, except where the user is at fault as agreed; they may buy insurance or set up reserves.' },
      { article: '21', titleEn: 'Duty to ensure safety', summaryEn: 'Financial companies must take due care for the safety and reliability of electronic financial transactions and comply with the FSC\u2019s standards on staff, facilities, electronic financial infrastructure and information technology.' },
      { article: '21-2', titleEn: 'Designation of a chief information security officer', summaryEn: 'Financial companies must designate a chief information security officer responsible for information security.' },
      { article: '21-3', titleEn: 'Vulnerability analysis and evaluation of electronic financial infrastructure', summaryEn: 'Financial companies must analyse and evaluate vulnerabilities of their electronic financial infrastructure and report the results and remedial plans to the FSC.' },
      { article: '21-5', titleEn: 'Notification of security incidents', summaryEn: 'Financial companies must notify the FSC without delay of electronic intrusion incidents.' },
      { article: '22', titleEn: 'Creation, retention and destruction of transaction records', summaryEn: 'Financial companies must create and retain records of electronic financial transactions for up to five years and destroy them after the retention period.' },
    ],
  },
  {
    key: 'fisa',
    dir: '금융혁신지원특별법',
    files: ['법률.md'],
    current: '법률.md',
    regulation: {
      id: 'kr/fisa',
      nameEn: 'Act on Special Cases concerning Financial Innovation Support',
      shortKo: '금융혁신지원 특별법',
      shortEn: 'Financial Innovation Support Act',
      instrumentType: 'STATUTE',
    },
    baseline: '2019-04-01',
    baselineBasis: 'enactment (Law No. 16183, promulgated 2018-12-31, in force 2019-04-01)',
    overrides: [],
    provisions: [
      { article: '2', titleEn: 'Definitions', summaryEn: 'Defines financial services, innovative financial services, innovative financial business operators and the financial laws concerned.' },
      { article: '4', titleEn: 'Designation of innovative financial services', summaryEn: 'The FSC may designate an innovative financial service for up to two years after review by the Innovative Finance Review Committee and consent of the agencies concerned; the designation fixes scope, users, method, supervision, exempted provisions and period (4(2)), and the FSC may attach conditions for consumer protection and market stability (4(3)).' },
      { article: '5', titleEn: 'Application for designation', summaryEn: 'Applicants file with the FSC a description of the service, the provisions for which special treatment is sought, and consumer protection and risk plans.' },
      { article: '7', titleEn: 'Cancellation of a designation', summaryEn: 'The FSC may cancel a designation or order corrections where it was obtained by fraud, the review criteria are no longer met, the operator breaches the designation, its conditions or the law, the service seriously harms market stability or consumers, or its purpose cannot be achieved.' },
      { article: '9', titleEn: 'Expiry of the designation period', summaryEn: 'When the designation period expires the operator loses its status as an innovative financial business operator, but must keep the duties of that status as far as needed for consumer protection and for supervision and inspection by the FSS and the designated supervisory body (9(1) proviso); it must end the innovative financial service at once (9(2)).' },
      { article: '10', titleEn: 'Extension of the designation period', summaryEn: 'The FSC may extend a designation once, for up to two years, on application at least three months before expiry, after review and consent of the agencies concerned.' },
      { article: '10-2', titleEn: 'Requests for regulatory change', summaryEn: 'An operator may ask for the laws to be changed; while the change is pending the designation does not expire, within set limits.', since: '2021-07-21' },
      { article: '13', titleEn: 'Innovative Finance Review Committee', summaryEn: 'Sets up the Innovative Finance Review Committee and its review criteria (13(4)): focus on the domestic market, innovativeness, consumer benefit, need for the exemption, the applicant\u2019s capacity, a sound business plan, and sufficient consumer-protection and risk measures (limits on users and amounts, risk notice and consent, dispute handling, damage prevention, liability insurance).' },
      { article: '17', titleEn: 'Special treatment of regulation for innovative financial business operators', summaryEn: 'During the designation period the provisions of financial laws exempted under Art. 4(2)5 do not apply to the designated service; exemptions are barred where irreparable harm to consumers\u2019 property or personal information, or serious harm to market stability, is expected.' },
      { article: '18', titleEn: 'Duties of innovative financial business operators', summaryEn: 'Operators must comply with the designation and its conditions and with FSC notices, submit initial, mid-term and final reports on the operation of the service, and report without delay any disruption.' },
      { article: '19', titleEn: 'Consumer protection and risk management measures', summaryEn: 'Operators must prepare and follow consumer protection and risk management measures reflecting the designation.' },
      { article: '20', titleEn: 'Duty to notify risks', summaryEn: 'Before providing the service, operators must tell users that it is on trial and may carry unexpected risks, and must obtain their consent to use the trial service; this does not limit the operator\u2019s legal liability.' },
      { article: '27', titleEn: 'Liability for damages', summaryEn: 'Operators are liable for damage to users caused by providing or stopping the service unless they prove no intent or negligence, and must buy liability insurance (or agree an alternative compensation plan with the FSC).' },
      { article: '28', titleEn: 'Dispute handling and mediation', summaryEn: 'Operators must set up procedures to handle users\u2019 complaints and disputes (including damages claims) about the service, and state them in their contracts with users; users may also apply for mediation.' },
      { article: '35', titleEn: 'Administrative fines', summaryEn: 'Fines of up to KRW 100 million (e.g. for breaching the designation or its conditions, the consumer protection measures, or the risk notice and consent duties) and up to KRW 10 million (e.g. for failing to report, to buy liability insurance or to set up dispute procedures).' },
    ],
  },
  {
    key: 'fcpa',
    dir: '금융소비자보호에관한법률',
    files: ['법률.md'],
    current: '법률.md',
    regulation: {
      id: 'kr/fcpa',
      nameEn: 'Financial Consumer Protection Act',
      shortKo: '금융소비자보호법',
      shortEn: 'Financial Consumer Protection Act',
      instrumentType: 'STATUTE',
    },
    baseline: '2021-03-25',
    baselineBasis: 'enactment (Law No. 17112, promulgated 2020-03-24, in force one year later: addendum Art. 1)',
    overrides: [],
    provisions: [
      { article: '15', titleEn: 'Prohibition of discrimination', summaryEn: 'Financial product sellers must not unfairly discriminate against financial consumers in contract terms on grounds of sex, education, disability, social status and the like.' },
      { article: '17', titleEn: 'Principle of suitability', summaryEn: 'Before recommending a contract, sellers and advisers must ascertain the consumer\u2019s circumstances (age, assets, income, investment experience and purpose) and must not recommend unsuitable products.' },
      { article: '18', titleEn: 'Principle of appropriateness', summaryEn: 'For products sold without recommendation, sellers must assess whether the product is appropriate for the consumer and tell the consumer if it is not.' },
      { article: '19', titleEn: 'Duty to explain', summaryEn: 'When recommending or on request, sellers must explain the key terms of the product so that the consumer can understand them, and obtain the consumer\u2019s confirmation of understanding.' },
      { article: '21', titleEn: 'Prohibition of unfair solicitation', summaryEn: 'When recommending a contract (or advising), sellers and advisers must not give definitive judgments on uncertain matters or suggest certainty, misstate the product, withhold facts that materially affect its value, compare it with other products without stating the basis or objective grounds, obstruct or encourage false disclosure for protection products, or make unsolicited real-time calls or visits or continue after refusal for investment products; exceptions and further banned acts are set by decree.' },
      { article: '22', titleEn: 'Rules on advertising of financial products', summaryEn: 'Only sellers and advisers (and listed associations and holding companies) may advertise financial products or their business; advertisements must convey the product clearly and fairly so that consumers do not misunderstand it, must urge reading the product description and terms, name the seller and the product and state, for investment products, the investment risk and that past performance does not guarantee future returns; they must not suggest unlimited cover, loss compensation or guaranteed profit, or show only favourable periods’ returns.' },
      { article: '44', titleEn: 'Liability of financial product sellers for damages', summaryEn: 'Sellers are liable for damage caused by violations; for breaches of the duty to explain the seller bears the burden of proving no intent or negligence.' },
    ],
  },
  {
    key: 'iba',
    dir: '보험업법',
    files: ['법률.md'],
    current: '법률.md',
    regulation: {
      id: 'kr/iba',
      nameEn: 'Insurance Business Act',
      shortKo: '보험업법',
      shortEn: 'Insurance Business Act',
      instrumentType: 'STATUTE',
    },
    baseline: '2003-08-30',
    baselineBasis: 'entry into force of the wholly amended Act (Law No. 6891, promulgated 2003-05-29, in force three months later: addendum Art. 1)',
    overrides: [],
    provisions: [
      { article: '83', titleEn: 'Persons who may solicit insurance', summaryEn: 'Only insurance planners, insurance agencies, insurance brokers and the officers and employees of insurers (and of agencies and brokers) may solicit insurance.' },
    ],
  },
  {
    key: 'aiba',
    dir: '인공지능발전과신뢰기반조성등에관한기본법',
    files: ['법률.md'],
    current: '법률.md',
    regulation: {
      id: 'kr/aiba',
      nameEn: 'Framework Act on the Development of Artificial Intelligence and the Establishment of Trust',
      shortKo: '인공지능기본법',
      shortEn: 'Framework Act on AI',
      instrumentType: 'STATUTE',
    },
    baseline: '2026-01-22',
    baselineBasis: 'entry into force (Law No. 20676, promulgated 2025-01-21, in force one year later: addendum Art. 1)',
    overrides: [
      {
        promulgatedOn: '2026-01-20',
        articles: ['3', '35'],
        inForceFrom: '2026-07-21',
        basis: 'Addendum to Law No. 21311, Art. 1 proviso: Art. 3(5) and Art. 35(1) second sentence six months after promulgation',
      },
    ],
    provisions: [
      { article: '2', titleEn: 'Definitions', summaryEn: 'Defines AI, AI systems, generative AI, AI business operators and high-impact AI: AI used in listed areas with significant effects on life, safety or fundamental rights, including (bar) biometric analysis for criminal investigation and (sa) judgments or evaluations that significantly affect rights and duties, such as hiring and loan screening.' },
      { article: '3', titleEn: 'Basic principles and duties of the State', summaryEn: 'AI should be developed and used safely and reliably; people affected by AI should receive, to the extent technically feasible, a clear and meaningful explanation of the main criteria and principles behind its outcome.' },
      { article: '31', titleEn: 'Duty to ensure AI transparency', summaryEn: 'Operators offering products or services using high-impact or generative AI must notify users in advance that AI is used; must label generative-AI output; and must make clear when output such as deepfakes is hard to tell from reality.' },
      { article: '32', titleEn: 'Duty to ensure AI safety', summaryEn: 'Operators of AI systems whose cumulative training compute exceeds a set threshold must identify, assess and mitigate risks across the life cycle and set up risk-monitoring and incident-response systems.' },
      { article: '33', titleEn: 'Determination of high-impact AI', summaryEn: 'Operators must review in advance whether their AI is high-impact AI and may ask the Minister of Science and ICT to confirm it.' },
      { article: '34', titleEn: 'Obligations of operators concerning high-impact AI', summaryEn: 'Operators of high-impact AI must: establish and run a risk management plan; explain, to the extent technically feasible, the final results, the main criteria used and an outline of the training data; protect users; ensure human management and supervision; keep documents on the measures taken; measures taken under other laws that meet these duties count as compliance (34(3)).' },
      { article: '35', titleEn: 'High-impact AI impact assessment', summaryEn: 'Operators providing products or services using high-impact AI shall endeavour to assess in advance their impact on people\u2019s fundamental rights; public bodies give priority to products that have been assessed.' },
      { article: '36', titleEn: 'Designation of a domestic agent', summaryEn: 'Foreign AI operators above set thresholds without a domestic address must designate a domestic agent.' },
      { article: '43', titleEn: 'Administrative fines', summaryEn: 'Fines of up to KRW 30 million for failure to notify AI use, to designate a domestic agent or to follow corrective orders.' },
    ],
  },
  ...KR_SERVICE_LAWS,
];
