/**
 * Why an obligation applies: each reason is a path through the graph from the service to the
 * obligation and its provision, with an explanation in Korean and English.
 */
import { josa } from '../../lib/korean.ts';
import { article, institutionTypeName } from './addressees.ts';
import type { Candidate, DesignationCtx, Exemption, NameMap, Named, PathStep, Reason, Subject, SubjectCtx } from './engine-types.ts';
import { RISK_TIER_NAMES, STATUTORY_CLASSES } from './statutory-classes.ts';

/** Most specific first: whether the designation holds on the date, what it says, then what the service is and does, then broad classes. */
export const REASON_ORDER = ['DESIGNATION_EXPIRED', 'DESIGNATION_NOT_YET_IN_FORCE', 'DESIGNATION_DATES_UNKNOWN', 'DESIGNATION_CONDITION', 'EXEMPTION', 'SANDBOX', 'SERVICE_TYPE', 'CAPABILITY', 'DATA_CATEGORY', 'STATUTORY_CLASS', 'INSTITUTION_TYPE', 'ADDRESSEE', 'RISK_LEVEL'];

function step(type: string, id: string, nameKo: string, nameEn: string, via: string | null): PathStep {
  return { type, id, nameKo, nameEn, via };
}

function chainSteps(chain: string[], names: NameMap, lastVia: string): PathStep[] {
  return chain.map((id, i) => {
    const n = names.get(id) ?? { nameKo: id, nameEn: id, type: 'Node' };
    const next = chain[i + 1];
    const nextType = next ? names.get(next)?.type : undefined;
    let via: string | null = lastVia;
    if (next) via = n.type === nextType ? 'BROADER' : n.type === 'AIServiceType' && nextType === 'Capability' ? 'HAS_CAPABILITY' : 'PROCESSES';
    return step(n.type, id, n.nameKo, n.nameEn, via);
  });
}

/**
 * An obligation's name in a path: the start of its latest statement, else its id (the compact
 * obligation index holds these names, not the statements: `pathName`).
 */
export function obligationName(cand: Candidate): { ko: string; en: string } {
  if (cand.pathName) return cand.pathName;
  const latest = [...cand.versions].sort((a, b) => b.validFrom.localeCompare(a.validFrom))[0];
  const short = (t: string | null | undefined) => (t ? (t.length > 60 ? `${t.slice(0, 59)}…` : t) : cand.obligation.id);
  return { ko: short(latest?.statementKo), en: short(latest?.statementEn) };
}

export function obligationStep(cand: Candidate, via: string | null): PathStep {
  const name = obligationName(cand);
  return step('Obligation', cand.obligation.id, name.ko, name.en, via);
}

/** The obligation and its first provision: the end of every path. */
export function tail(cand: Candidate): PathStep[] {
  const p = cand.provisions[0];
  const steps = [obligationStep(cand, p ? 'DERIVED_FROM' : null)];
  if (p) steps.push(step('Provision', p.id, p.citationKo, p.citationEn, null));
  return steps;
}

/** A reason whose explanation wording.ts completes with the status's verdict. */
function fact(kind: string, path: PathStep[], factEn: string, factKo: string): Reason {
  return { kind, path, factEn, factKo, explanationEn: factEn, explanationKo: factKo };
}

export function reasonsFor(subject: Subject, c: SubjectCtx, cand: Candidate, names: NameMap, sandbox: boolean): Reason[] {
  const reasons: Reason[] = [];
  const trig = new Set(cand.triggerIds);
  const cite = cand.provisions[0];
  const citeKo = cite ? cite.citationKo : '';
  const citeEn = cite ? cite.citationEn : '';
  const svc = c.service;
  const svcKo = josa(svc.nameKo, '은/는');
  const citeTopicKo = josa(citeKo, '은/는');

  for (const t of c.types) {
    if (!trig.has(t.id)) continue;
    const isSelf = t.id === svc.id;
    reasons.push(fact(
      'SERVICE_TYPE',
      [...chainSteps(t.chain, names, 'TRIGGERS'), ...tail(cand)],
      isSelf ? `${citeEn} reaches ${svc.nameEn} itself.` : `${svc.nameEn} is a kind of ${t.nameEn}, which ${citeEn} reaches.`,
      isSelf ? `${citeTopicKo} ${svc.nameKo} 서비스 자체를 대상으로 합니다.` : `${svcKo} ${t.nameKo}의 한 유형이며, ${citeTopicKo} ${josa(t.nameKo, '을/를')} 대상으로 합니다.`,
    ));
  }
  for (const x of c.capabilities) {
    if (!trig.has(x.id)) continue;
    reasons.push(fact(
      'CAPABILITY',
      [...chainSteps(x.chain, names, 'TRIGGERS'), ...tail(cand)],
      `${svc.nameEn} has the capability "${x.nameEn}", which ${citeEn} reaches.`,
      `${svcKo} '${x.nameKo}' 기능을 갖추고 있으며, ${citeTopicKo} 이 기능을 대상으로 합니다.`,
    ));
  }
  const seenData = new Set<string>();
  for (const x of [...c.dataCategories, ...c.extraDataCategories]) {
    if (!trig.has(x.id) || seenData.has(x.id)) continue;
    seenData.add(x.id);
    const direct = names.get(x.chain[x.chain.length - 2] ?? '')?.type !== 'DataCategory';
    const via = x.chain.filter((id) => names.get(id)?.type === 'DataCategory');
    const first = names.get(via[0] ?? x.id);
    const extra = c.extraDataCategories.includes(x) && !c.dataCategories.some((d) => d.id === x.id);
    reasons.push(fact(
      'DATA_CATEGORY',
      [...(extra ? [step('AIServiceType', svc.id, svc.nameKo, svc.nameEn, 'PROCESSES (context)')] : []), ...chainSteps(x.chain, names, 'TRIGGERS'), ...tail(cand)],
      direct
        ? `${svc.nameEn} processes ${x.nameEn}${extra ? ' (stated in the context)' : ''}, which ${citeEn} reaches.`
        : `${svc.nameEn} processes ${first?.nameEn ?? ''}, a kind of ${x.nameEn}, which ${citeEn} reaches.`,
      direct
        ? `${svcKo} ${josa(x.nameKo, '을/를')} 처리하며${extra ? '(질문에서 지정)' : ''}, ${citeTopicKo} 이 정보의 처리를 대상으로 합니다.`
        : `${svcKo} ${x.nameKo}에 속하는 ${josa(first?.nameKo ?? '', '을/를')} 처리하며, ${citeTopicKo} ${x.nameKo}의 처리를 대상으로 합니다.`,
    ));
  }
  // The statute's own classification (AI Basic Act Art. 2(4)), quoted; never the graph's risk tier.
  const classes = new Map<string, Named>();
  for (const t of c.types) for (const k of t.statutoryClasses ?? []) if (!classes.has(k)) classes.set(k, t);
  for (const [k, t] of classes) {
    const def = STATUTORY_CLASSES[k];
    if (!def || !(cand.obligation.triggerStatutoryClasses ?? []).includes(k)) continue;
    const through = t.id === svc.id ? '' : ` (as a kind of ${t.nameEn})`;
    const throughKo = t.id === svc.id ? '' : `(${t.nameKo}의 한 유형으로서) `;
    reasons.push(fact(
      'STATUTORY_CLASS',
      [...chainSteps(t.chain, names, 'CLASSIFIED_AS'), step('StatutoryClass', def.id, def.nameKo, def.nameEn, 'TRIGGERS'), ...tail(cand)],
      `${svc.nameEn}${through} is ${def.nameEn}: "${def.textEn}". This is the statute's classification, not the graph's own risk tier; ${citeEn} binds AI business operators providing high-impact AI.`,
      `${svcKo} ${throughKo}${def.nameKo}에 해당합니다("${def.textKo}"). 이는 법령상 분류이며 그래프 자체의 위험등급과는 별개입니다. ${citeTopicKo} 고영향 인공지능을 제공하는 인공지능사업자를 수범자로 합니다.`,
    ));
  }
  const risk = svc.riskLevel;
  if (risk && (cand.obligation.triggerRiskLevels ?? []).includes(risk)) {
    const tier = RISK_TIER_NAMES[risk] ?? { ko: '기타', en: risk.toLowerCase() };
    reasons.push(fact(
      'RISK_LEVEL',
      [step('AIServiceType', svc.id, svc.nameKo, svc.nameEn, 'RISK_LEVEL'), step('RiskLevel', risk, `위험등급: ${tier.ko}`, `risk tier: ${tier.en}`, 'TRIGGERS'), ...tail(cand)],
      `${svc.nameEn} is in the graph's own ${tier.en} tier (regkg's classification, not a statutory one), which ${citeEn} targets.`,
      `${svcKo} 이 그래프 자체의 위험 분류(법령상 분류가 아님)에서 '${tier.ko}' 등급이며, ${citeTopicKo} 이 등급을 대상으로 합니다.`,
    ));
  }
  if (subject.institutionType && (cand.obligation.triggerInstitutionTypes ?? []).includes(subject.institutionType)) {
    const it = subject.institutionType;
    const n = institutionTypeName(it);
    reasons.push(fact(
      'INSTITUTION_TYPE',
      [step('InstitutionType', it, n.ko, n.en, 'TRIGGERS'), ...tail(cand)],
      `The provider is ${article(n.en)} ${n.en}, an institution type ${citeEn} reaches.`,
      `제공자는 ${n.ko}이며, ${citeTopicKo} 이 기관 유형을 대상으로 합니다.`,
    ));
  }
  for (const z of c.designations) {
    if (!trig.has(z.id)) continue;
    reasons.push(fact(
      'DESIGNATION_CONDITION',
      [
        step('AIServiceType', svc.id, svc.nameKo, svc.nameEn, 'DESIGNATED_AS'),
        step('SandboxDesignation', z.id, z.nameKo, z.nameEn, 'CONDITION'),
        ...tail(cand),
      ],
      `A condition attached to the designation "${z.nameEn}" (${citeEn}).`,
      `혁신금융서비스 지정 '${z.nameKo}'에 부과된 조건입니다(${citeKo}).`,
    ));
  }
  if (cand.obligation.sandboxOnly && sandbox && reasons.every((r) => r.kind !== 'DESIGNATION_CONDITION')) {
    reasons.push(fact(
      'SANDBOX',
      [step('AIServiceType', svc.id, svc.nameKo, svc.nameEn, 'OPERATES_UNDER'), step('Sandbox', 'sandbox', '규제샌드박스(혁신금융서비스)', 'Regulatory sandbox (innovative financial service)', 'TRIGGERS'), ...tail(cand)],
      `${svc.nameEn} operates under sandbox designation; ${citeEn} binds every designated service.`,
      `${svcKo} 혁신금융서비스로 지정되어 운영되며, ${citeTopicKo} 모든 지정 서비스에 적용되는 규정입니다.`,
    ));
  }
  return reasons;
}

/** The path tail of a reason: the obligation and its first provision (for addressee reasons too). */
export { tail as reasonTail };

export function exemptionReason(c: SubjectCtx, cand: Candidate, e: Exemption & { designationId: string }): Reason {
  const z = c.designations.find((d) => d.id === e.designationId);
  return {
    kind: 'EXEMPTION',
    path: [
      step('SandboxDesignation', e.designationId, z?.nameKo ?? e.designationId, z?.nameEn ?? e.designationId, 'HAS_EXEMPTION'),
      step('Provision', e.provisionId, e.citationKo, e.citationEn, 'AFFECTS'),
      obligationStep(cand, null),
    ],
    explanationEn: `The designation "${z?.nameEn ?? e.designationId}" ${e.effect === 'EXEMPTS' ? 'exempts the service from' : 'modifies'} ${e.citationEn}, from which this obligation derives.`,
    explanationKo: `혁신금융서비스 지정 '${z?.nameKo ?? e.designationId}'에 따라 이 의무의 근거인 ${e.citationKo}의 적용이 ${e.effect === 'EXEMPTS' ? '면제됩니다' : '변경됩니다'}.`,
  };
}

/**
 * Reasons from capabilities the question adds (`context.capabilities`): the service is evaluated as
 * if it had them, and the path says the link comes from the context, not from the graph. A
 * capability the service type already has gives its ordinary CAPABILITY reason instead.
 * (Who must comply — the obligation's addressee — is matched elsewhere, not here.)
 */
export function contextCapabilityReasons(c: SubjectCtx, cand: Candidate): Reason[] {
  const trig = new Set(cand.triggerIds);
  const own = new Set(c.capabilities.map((x) => x.id));
  const cite = cand.provisions[0];
  const citeKo = cite ? cite.citationKo : '';
  const citeEn = cite ? cite.citationEn : '';
  const svc = c.service;
  return (c.extraCapabilities ?? [])
    .filter((x) => trig.has(x.id) && !own.has(x.id))
    .map((x) => ({
      kind: 'CAPABILITY',
      path: [step('AIServiceType', svc.id, svc.nameKo, svc.nameEn, 'HAS_CAPABILITY (context)'), step('Capability', x.id, x.nameKo, x.nameEn, 'TRIGGERS'), ...tail(cand)],
      explanationEn: `${svc.nameEn} has the capability "${x.nameEn}" (stated in the context), which makes it subject to this obligation under ${citeEn}.`,
      explanationKo: `${josa(svc.nameKo, '은/는')} 질의에서 '${x.nameKo}' 기능을 갖춘 것으로 지정되어 ${citeKo}에 따른 이 의무의 대상이 됩니다.`,
    }));
}
