/**
 * Builds `eval/sets/en-hard-corpus.jsonl`: a larger synthetic rulebook in the style of the ADGM
 * rulebook (ObliQA), for the `en-hard` question set. Deterministic: the same file every run.
 *
 * It holds the 205 hand-written passages of `en-reg-corpus.jsonl` plus, for each of 16 kinds of
 * regulated entity, the same 20 topics (records, notifications, outsourcing, complaints, …) with
 * three rules and one guidance note each. Near-duplicates differ only by entity and detail, so a
 * question must be matched on what it asks, not on the topic words alone — the difficulty that
 * makes plain BM25 land near 0.75 Recall@10 on ObliQA.
 *
 *   npx tsx eval/build-en-corpus.ts [--out eval/sets/en-hard-corpus.jsonl]
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { parseArgs } from 'node:util';

interface Entity { code: string; name: string; plural: string; client: string; module: string }

export const ENTITIES: Entity[] = [
  { code: 'FUND', name: 'Fund Manager', plural: 'Fund Managers', client: 'Unitholders', module: 'Fund Rules' },
  { code: 'ISR', name: 'Insurer', plural: 'Insurers', client: 'Policyholders', module: 'Prudential — Insurance Business' },
  { code: 'IIM', name: 'Insurance Intermediary', plural: 'Insurance Intermediaries', client: 'Insurance Clients', module: 'Insurance Intermediaries' },
  { code: 'CUS', name: 'Custodian', plural: 'Custodians', client: 'Clients whose Assets it safeguards', module: 'Safeguarding and Custody' },
  { code: 'VAF', name: 'Virtual Asset Firm', plural: 'Virtual Asset Firms', client: 'Virtual Asset Clients', module: 'Virtual Asset Activities' },
  { code: 'IFI', name: 'Islamic Financial Institution', plural: 'Islamic Financial Institutions', client: 'Clients', module: 'Islamic Finance Rules' },
  { code: 'MSB', name: 'Money Services Business', plural: 'Money Services Businesses', client: 'Payment Service Users', module: 'Money Services' },
  { code: 'CRA', name: 'Credit Rating Agency', plural: 'Credit Rating Agencies', client: 'rated entities', module: 'Credit Rating Agencies' },
  { code: 'RIE', name: 'Recognised Investment Exchange', plural: 'Recognised Investment Exchanges', client: 'Members', module: 'Market Infrastructure' },
  { code: 'RCH', name: 'Recognised Clearing House', plural: 'Recognised Clearing Houses', client: 'Clearing Members', module: 'Market Infrastructure' },
  { code: 'BNK', name: 'Bank', plural: 'Banks', client: 'depositors', module: 'Prudential — Deposit Taking' },
  { code: 'PCF', name: 'Private Credit Fund Manager', plural: 'Private Credit Fund Managers', client: 'Investors', module: 'Private Credit Funds' },
  { code: 'REP', name: 'Representative Office', plural: 'Representative Offices', client: 'persons it contacts', module: 'Representative Offices' },
  { code: 'TCS', name: 'Trust Service Provider', plural: 'Trust Service Providers', client: 'settlors and beneficiaries', module: 'Trust Services' },
  { code: 'CFP', name: 'Crowdfunding Platform Operator', plural: 'Crowdfunding Platform Operators', client: 'Lenders and Investors', module: 'Crowdfunding Platforms' },
  { code: 'ROB', name: 'Robo-adviser', plural: 'Robo-advisers', client: 'Retail Clients', module: 'Digital Investment Management' },
];

/** Per topic: title and three rules + one guidance note. `{E}` entity, `{Es}` plural, `{C}` its clients. */
export const TOPICS: { title: string; rules: [string, string, string]; guidance: string }[] = [
  {
    title: 'Record keeping',
    rules: [
      'A {E} must make and retain records of all matters and dealings which are the subject of requirements under this module in a form that is readily accessible to the Regulator.',
      'A {E} must retain the records referred to in this section for a minimum period of six years from the date on which the relevant transaction was completed or the relationship ended.',
      'Where records are held outside the Abu Dhabi Global Market, a {E} must ensure that they can be produced to the Regulator within three business days of a request.',
    ],
    guidance: 'The Regulator considers that electronic records kept by a {E} satisfy the requirement if they cannot be altered without trace and can be reproduced in legible form.',
  },
  {
    title: 'Notifications to the Regulator',
    rules: [
      'A {E} must notify the Regulator immediately if it becomes aware of any matter which could have a significant adverse effect on its reputation or on its {C}.',
      'A {E} must give the Regulator at least 30 days advance written notice of any proposed change to its name, principal place of business or legal form.',
      'A {E} must notify the Regulator within five business days of the appointment or departure of any Approved Person or Key Individual.',
    ],
    guidance: 'A {E} should err on the side of caution and discuss a matter with the Regulator informally where it is unsure whether a notification is required.',
  },
  {
    title: 'Outsourcing',
    rules: [
      'A {E} which outsources a function remains fully responsible for compliance with its regulatory obligations and must not delegate that responsibility to the service provider.',
      'Before entering into a material outsourcing arrangement a {E} must carry out due diligence on the service provider and must notify the Regulator of the proposed arrangement.',
      'A {E} must ensure that any outsourcing agreement gives the Regulator and its auditors access to data, premises and personnel of the service provider.',
    ],
    guidance: 'A material outsourcing for a {E} includes the use of a cloud computing provider to host systems that support its core regulated activities.',
  },
  {
    title: 'Complaints handling',
    rules: [
      'A {E} must establish and maintain written procedures for the reasonable and prompt handling of complaints received from its {C}.',
      'A {E} must acknowledge a complaint in writing within five business days and must send a final response within 30 days of receiving it.',
      'A {E} must keep a record of each complaint, the measures taken to resolve it and any redress offered, and must review those records for recurring causes.',
    ],
    guidance: 'The Regulator expects a {E} to treat an expression of dissatisfaction as a complaint whether it is made orally or in writing.',
  },
  {
    title: 'Conflicts of interest',
    rules: [
      'A {E} must take all reasonable steps to identify conflicts of interest between itself, its Employees and its {C}, and between one client and another.',
      'Where a {E} cannot prevent a conflict of interest it must disclose the general nature and source of the conflict to the affected persons before acting for them.',
      'A {E} must not accept any fee, commission or non-monetary benefit from a third party where this would conflict with its duty to its {C}.',
    ],
    guidance: 'Information barriers such as Chinese walls may be an appropriate means for a {E} to manage a conflict of interest between business units.',
  },
  {
    title: 'Systems and controls',
    rules: [
      'A {E} must establish and maintain systems and controls that are appropriate to the nature, scale and complexity of its business.',
      'A {E} must have a compliance function, independent of its business lines, headed by a Compliance Officer of appropriate seniority.',
      'A {E} must have an internal audit function which reports to the audit committee of its Governing Body on the adequacy of its internal controls.',
    ],
    guidance: 'In assessing the systems and controls of a {E}, the Regulator will have regard to the segregation of duties and the reporting lines within the firm.',
  },
  {
    title: 'Business continuity',
    rules: [
      'A {E} must have a business continuity plan that enables it to continue its critical functions in the event of a significant disruption.',
      'A {E} must test its business continuity and disaster recovery arrangements at least annually and must document the results of each test.',
      'A {E} must notify the Regulator without delay of any disruption that causes a material interruption to services provided to its {C}.',
    ],
    guidance: 'A significant disruption for a {E} may include the loss of premises, a failure of technology, a pandemic or the failure of a key service provider.',
  },
  {
    title: 'Technology and cyber security',
    rules: [
      'A {E} must have adequate information security controls to protect the confidentiality, integrity and availability of its data and systems.',
      'A {E} must report to the Regulator any cyber security incident that results in unauthorised access to client data within 72 hours of its discovery.',
      'A {E} must commission an independent penetration test of its internet-facing systems at least once every year.',
    ],
    guidance: 'The Regulator expects a {E} to apply recognised international standards on information security when designing its technology controls.',
  },
  {
    title: 'Anti-money laundering',
    rules: [
      'A {E} must undertake customer due diligence, including verifying the identity of the customer and any beneficial owner, before establishing a business relationship.',
      'A {E} must apply enhanced due diligence where a customer is a Politically Exposed Person or is established in a high-risk jurisdiction.',
      'A {E} must file a suspicious activity report with the Financial Intelligence Unit as soon as it knows or suspects that a transaction involves the proceeds of crime.',
    ],
    guidance: 'A {E} should not inform a customer that a suspicious activity report has been filed, since doing so may amount to tipping off.',
  },
  {
    title: 'Money Laundering Reporting Officer',
    rules: [
      'A {E} must appoint a Money Laundering Reporting Officer who is resident in the United Arab Emirates and of sufficient seniority.',
      'The Money Laundering Reporting Officer of a {E} must have access to all records and must report annually to the Governing Body on the effectiveness of AML systems.',
      'A {E} must provide anti-money laundering training to its relevant Employees at least annually and keep records of the training given.',
    ],
    guidance: 'A {E} may appoint the same individual as Compliance Officer and Money Laundering Reporting Officer where the scale of its business permits.',
  },
  {
    title: 'Client money',
    rules: [
      'A {E} which holds Client Money must hold it in a Client Account with a Third Party Agent, segregated from its own money.',
      'A {E} must perform a reconciliation of Client Money balances at least every 25 business days and correct any shortfall promptly.',
      'A {E} must notify the Regulator immediately if it is unable to perform a Client Money reconciliation or identifies a discrepancy it cannot resolve.',
    ],
    guidance: 'Money received by a {E} in respect of its own fees is not Client Money once the fee has become due and payable.',
  },
  {
    title: 'Disclosure to clients',
    rules: [
      'A {E} must provide its {C} with its terms of business, including the basis of its fees and charges, before it carries on any activity for them.',
      'A {E} must ensure that any information it communicates to its {C} is clear, fair and not misleading.',
      'A {E} must provide its {C} with periodic statements of their holdings and transactions at least every three months.',
    ],
    guidance: 'Where a {E} communicates with its clients electronically, the information should be provided in a durable medium which the client can store.',
  },
  {
    title: 'Suitability',
    rules: [
      'Before making a personal recommendation a {E} must obtain sufficient information about the financial situation, investment objectives and risk tolerance of its {C}.',
      'A {E} must not make a recommendation unless it has a reasonable basis for believing that the product is suitable for the client.',
      'A {E} must provide a written suitability statement explaining why a recommended product meets the client\'s needs.',
    ],
    guidance: 'A {E} should update the client information it holds at appropriate intervals so that it can continue to rely on it for suitability assessments.',
  },
  {
    title: 'Financial promotions',
    rules: [
      'A {E} must not communicate a financial promotion unless it is clear, fair and not misleading and identifies the person making it.',
      'A financial promotion by a {E} which refers to past performance must state that past performance is not a reliable indicator of future results.',
      'A {E} must not make an unsolicited real-time financial promotion to a Retail Client by telephone or in person.',
    ],
    guidance: 'Social media posts and messages by influencers paid by a {E} are financial promotions for the purposes of these rules.',
  },
  {
    title: 'Governance',
    rules: [
      'A {E} must have a Governing Body that is responsible for setting its strategy and risk appetite and for overseeing senior management.',
      'At least one third of the members of the Governing Body of a {E} must be independent non-executive directors.',
      'The Governing Body of a {E} must review its own effectiveness at least annually and record the outcome of that review.',
    ],
    guidance: 'The chair of the Governing Body of a {E} should not also be its chief executive officer.',
  },
  {
    title: 'Remuneration',
    rules: [
      'A {E} must have a remuneration policy that is consistent with sound risk management and does not encourage excessive risk taking.',
      'A {E} must defer at least 40 per cent of the variable remuneration of its Material Risk Takers for a period of not less than three years.',
      'A {E} must be able to reduce or recover variable remuneration already awarded where an Employee engaged in misconduct.',
    ],
    guidance: 'A guaranteed bonus offered by a {E} is consistent with the remuneration rules only in the first year of employment.',
  },
  {
    title: 'Capital requirements',
    rules: [
      'A {E} must at all times maintain Capital Resources in excess of its Capital Requirement as calculated under this module.',
      'A {E} must notify the Regulator immediately if its Capital Resources fall, or are expected to fall, below 120 per cent of its Capital Requirement.',
      'A {E} must not reduce its share capital or make a distribution to its shareholders without the prior written approval of the Regulator.',
    ],
    guidance: 'A {E} should hold Capital Resources above the minimum to absorb losses arising from its business plan under stressed conditions.',
  },
  {
    title: 'Liquidity',
    rules: [
      'A {E} must maintain liquid assets sufficient to meet its liabilities as they fall due, including under stressed conditions.',
      'A {E} must carry out liquidity stress testing at least quarterly and report the results to its Governing Body.',
      'A {E} must have a contingency funding plan setting out how it would obtain liquidity in a crisis.',
    ],
    guidance: 'Liquid assets of a {E} include cash and deposits with banks that can be withdrawn within one business day.',
  },
  {
    title: 'Auditors and financial statements',
    rules: [
      'A {E} must appoint an auditor who is registered with the Regulator and must notify the Regulator of the appointment.',
      'A {E} must submit its annual audited financial statements to the Regulator within four months of the end of its financial year.',
      'A {E} must ensure that its auditor reports to the Regulator any matter that is likely to be of material significance to the Regulator\'s functions.',
    ],
    guidance: 'A {E} should not appoint as auditor a firm that provides it with significant non-audit services such as internal audit.',
  },
  {
    title: 'Winding down and cessation of business',
    rules: [
      'A {E} must have a wind-down plan setting out how it would cease its regulated activities in an orderly manner.',
      'A {E} which intends to cease carrying on its business must give the Regulator at least three months notice and explain how its {C} will be protected.',
      'On ceasing business a {E} must return all client assets and Client Money to its {C} or transfer them to another firm with their consent.',
    ],
    guidance: 'The wind-down plan of a {E} should identify the time, resources and costs needed for an orderly exit.',
  },
];

function fill(s: string, e: Entity): string {
  return s.replace(/\{Es\}/g, e.plural).replace(/\{E\}/g, e.name).replace(/\{C\}/g, e.client).replace(/^A ([AEIOU])/, 'An $1').replace(/ a ([AEIOU])/g, ' an $1');
}

export function buildEnHardCorpus(base: { id: string; title: string; text: string }[]): { id: string; title: string; text: string }[] {
  const out = [...base];
  for (const e of ENTITIES) {
    TOPICS.forEach((t, ti) => {
      const ch = ti + 1;
      const title = `${e.code} ${ch} ${t.title} (${e.module})`;
      t.rules.forEach((r, ri) => out.push({ id: `${e.code}-${ch}.${ri + 1}`, title, text: fill(r, e) }));
      out.push({ id: `${e.code}-${ch}.G`, title: `${title} — Guidance`, text: fill(t.guidance, e) });
    });
  }
  return out;
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const { values } = parseArgs({ options: { out: { type: 'string', default: new URL('./sets/en-hard-corpus.jsonl', import.meta.url).pathname } } });
  const base = readFileSync(new URL('./sets/en-reg-corpus.jsonl', import.meta.url), 'utf8')
    .split('\n').filter((l) => l.trim()).map((l) => JSON.parse(l) as { id: string; title: string; text: string });
  const all = buildEnHardCorpus(base);
  writeFileSync(values.out!, all.map((p) => JSON.stringify(p)).join('\n') + '\n');
  process.stdout.write(`${all.length} passages → ${values.out}\n`);
}
