/**
 * Why an obligation applies: each reason is a path through the graph from the service to the
 * obligation and its provision, with an explanation in Korean and English.
 */
import { josa } from '../../lib/korean.ts';
import type { Candidate, DesignationCtx, Exemption, NameMap, PathStep, Reason, Subject, SubjectCtx } from './engine-types.ts';

/** Most specific first: whether the designation holds on the date, what it says, then what the service is and does, then broad classes. */
export const REASON_ORDER = ['DESIGNATION_EXPIRED', 'DESIGNATION_NOT_YET_IN_FORCE', 'DESIGNATION_DATES_UNKNOWN', 'DESIGNATION_CONDITION', 'EXEMPTION', 'SANDBOX', 'SERVICE_TYPE', 'CAPABILITY', 'DATA_CATEGORY', 'INSTITUTION_TYPE', 'RISK_LEVEL'];

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

/** An obligation's name in a path: the start of its latest statement, else its id. */
export function obligationStep(cand: Candidate, via: string | null): PathStep {
  const latest = [...cand.versions].sort((a, b) => b.validFrom.localeCompare(a.validFrom))[0];
  const short = (t: string | null | undefined) => (t ? (t.length > 60 ? `${t.slice(0, 59)}…` : t) : cand.obligation.id);
  return step('Obligation', cand.obligation.id, short(latest?.statementKo), short(latest?.statementEn), via);
}

/** The obligation and its first provision: the end of every path. */
export function tail(cand: Candidate): PathStep[] {
  const p = cand.provisions[0];
  const steps = [obligationStep(cand, p ? 'DERIVED_FROM' : null)];
  if (p) steps.push(step('Provision', p.id, p.citationKo, p.citationEn, null));
  return steps;
}

export function reasonsFor(subject: Subject, c: SubjectCtx, cand: Candidate, names: NameMap, sandbox: boolean): Reason[] {
  const reasons: Reason[] = [];
  const trig = new Set(cand.triggerIds);
  const cite = cand.provisions[0];
  const citeKo = cite ? cite.citationKo : '';
  const citeEn = cite ? cite.citationEn : '';
  const svc = c.service;

  for (const t of c.types) {
    if (!trig.has(t.id)) continue;
    const isSelf = t.id === svc.id;
    reasons.push({
      kind: 'SERVICE_TYPE',
      path: [...chainSteps(t.chain, names, 'TRIGGERS'), ...tail(cand)],
      explanationEn: isSelf ? `${svc.nameEn} is itself a trigger of this obligation under ${citeEn}.` : `${svc.nameEn} is a kind of ${t.nameEn}, which triggers this obligation under ${citeEn}.`,
      explanationKo: isSelf ? `${svc.nameKo} 서비스 자체가 ${citeKo}에 따른 이 의무의 적용 대상입니다.` : `${svc.nameKo}은(는) ${t.nameKo}의 한 유형이며, ${t.nameKo}은(는) ${citeKo}에 따른 이 의무의 적용 대상입니다.`,
    });
  }
  for (const x of c.capabilities) {
    if (!trig.has(x.id)) continue;
    reasons.push({
      kind: 'CAPABILITY',
      path: [...chainSteps(x.chain, names, 'TRIGGERS'), ...tail(cand)],
      explanationEn: `${svc.nameEn} has the capability "${x.nameEn}", which triggers this obligation under ${citeEn}.`,
      explanationKo: `${svc.nameKo}은(는) '${x.nameKo}' 기능을 갖추고 있어 ${citeKo}에 따른 이 의무가 적용됩니다.`,
    });
  }
  const seenData = new Set<string>();
  for (const x of [...c.dataCategories, ...c.extraDataCategories]) {
    if (!trig.has(x.id) || seenData.has(x.id)) continue;
    seenData.add(x.id);
    const direct = names.get(x.chain[x.chain.length - 2] ?? '')?.type !== 'DataCategory';
    const via = x.chain.filter((id) => names.get(id)?.type === 'DataCategory');
    const first = names.get(via[0] ?? x.id);
    const extra = c.extraDataCategories.includes(x) && !c.dataCategories.some((d) => d.id === x.id);
    reasons.push({
      kind: 'DATA_CATEGORY',
      path: [...(extra ? [step('AIServiceType', svc.id, svc.nameKo, svc.nameEn, 'PROCESSES (context)')] : []), ...chainSteps(x.chain, names, 'TRIGGERS'), ...tail(cand)],
      explanationEn: direct
        ? `${svc.nameEn} processes ${x.nameEn}${extra ? ' (stated in the context)' : ''}, which triggers this obligation under ${citeEn}.`
        : `${svc.nameEn} processes ${first?.nameEn ?? ''}, a kind of ${x.nameEn}, which triggers this obligation under ${citeEn}.`,
      explanationKo: direct
        ? `${svc.nameKo}은(는) ${x.nameKo}을(를) 처리하므로 ${citeKo}에 따른 이 의무가 적용됩니다.`
        : `${svc.nameKo}은(는) ${x.nameKo}에 속하는 ${first?.nameKo ?? ''}을(를) 처리하므로 ${citeKo}에 따른 이 의무가 적용됩니다.`,
    });
  }
  const risk = svc.riskLevel;
  if (risk && (cand.obligation.triggerRiskLevels ?? []).includes(risk)) {
    reasons.push({
      kind: 'RISK_LEVEL',
      path: [step('AIServiceType', svc.id, svc.nameKo, svc.nameEn, `RISK_LEVEL ${risk}`), step('RiskLevel', risk, risk, risk, 'TRIGGERS'), ...tail(cand)],
      explanationEn: `${svc.nameEn} is classified as ${risk} risk, which triggers this obligation under ${citeEn}.`,
      explanationKo: `${svc.nameKo}은(는) 위험등급 ${risk}로 분류되어 ${citeKo}에 따른 이 의무가 적용됩니다.`,
    });
  }
  if (subject.institutionType && (cand.obligation.triggerInstitutionTypes ?? []).includes(subject.institutionType)) {
    const it = subject.institutionType;
    reasons.push({
      kind: 'INSTITUTION_TYPE',
      path: [step('InstitutionType', it, it, it, 'TRIGGERS'), ...tail(cand)],
      explanationEn: `The provider is a ${it}, an institution type this obligation (${citeEn}) addresses.`,
      explanationKo: `제공 기관이 ${it} 유형이며, ${citeKo}에 따른 이 의무의 수범자입니다.`,
    });
  }
  for (const z of c.designations) {
    if (!trig.has(z.id)) continue;
    reasons.push({
      kind: 'DESIGNATION_CONDITION',
      path: [
        step('AIServiceType', svc.id, svc.nameKo, svc.nameEn, 'DESIGNATED_AS'),
        step('SandboxDesignation', z.id, z.nameKo, z.nameEn, 'CONDITION'),
        ...tail(cand),
      ],
      explanationEn: `A condition attached to the designation "${z.nameEn}" (${citeEn}).`,
      explanationKo: `혁신금융서비스 지정 '${z.nameKo}'에 부과된 조건입니다 (${citeKo}).`,
    });
  }
  if (cand.obligation.sandboxOnly && sandbox && reasons.every((r) => r.kind !== 'DESIGNATION_CONDITION')) {
    reasons.push({
      kind: 'SANDBOX',
      path: [step('AIServiceType', svc.id, svc.nameKo, svc.nameEn, 'OPERATES_UNDER'), step('Sandbox', 'sandbox', '규제샌드박스(혁신금융서비스)', 'Regulatory sandbox (innovative financial service)', 'TRIGGERS'), ...tail(cand)],
      explanationEn: `${svc.nameEn} operates under sandbox designation; ${citeEn} binds every designated service.`,
      explanationKo: `${josa(svc.nameKo, '은/는')} 혁신금융서비스로 지정되어 운영되므로 ${josa(citeKo, '이/가')} 적용됩니다.`,
    });
  }
  return reasons;
}

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
    explanationKo: `${josa(`혁신금융서비스 지정 '${z?.nameKo ?? e.designationId}'`, '이/가')} ${e.citationKo}의 적용을 ${e.effect === 'EXEMPTS' ? '면제합니다' : '변경합니다'}.`,
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
