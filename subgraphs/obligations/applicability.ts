/**
 * The applicability engine: which obligations apply to a service in a context, with status,
 * reasons (paths through the graph) and citations. Whatever the number of subjects or results, a
 * call needs the subjects' context and the candidate obligations: from the in-memory subject and
 * obligation indexes when the engine cache is on (subject-index.ts, obligation-index.ts), else by
 * query. The reasoning itself is plain TypeScript over those rows.
 */
import type { Executor, Reader } from '../../lib/neo4j.ts';
import { activeOn } from '../shared/i18n.ts';
import * as Q from './cypher.ts';
import { matchUntargeted, readUntargeted } from './obligation-index.ts';
import type { EngineCache, EngineIndexes } from './engine-cache.ts';
import type { ApplicabilityOut, Candidate, DesignationEffectOut, EngineRows, EvaluationOptions, NameMap, Note, PrimedObligation, Report, Subject, SubjectCtx } from './engine-types.ts';
import { designationStates, exemptionNotInForce, findExemption, sandboxDutyOn } from './designations.ts';
import { designationNote } from './designation-wording.ts';
import { contextCapabilityReasons, exemptionReason, REASON_ORDER, reasonsFor, reasonTail } from './reasons.ts';
import { addresseeReason, bindsEveryService, conditionalRoles, conditionOf as appliesIfOf, matchAddressees } from './addressees.ts';
import { finishReasons } from './wording.ts';

export type * from './engine-types.ts';
export { EngineCache, type EngineIndexes } from './engine-cache.ts';

const STATUS_ORDER = ['APPLIES', 'MODIFIED_BY_DESIGNATION', 'EXEMPTED_BY_DESIGNATION', 'NOT_YET_IN_FORCE', 'NO_LONGER_IN_FORCE'];

/** Each candidate as the obligation loader holds it; built once per candidate object. */
const primedOf = new WeakMap<Candidate, PrimedObligation>();
function primedObligation(c: Candidate): PrimedObligation {
  let primed = primedOf.get(c);
  if (!primed) {
    primed = {
      ...c.obligation,
      triggers: c.triggers,
      provisionRefs: c.provisions.map((p) => ({
        id: p.id,
        citationKo: p.citationKo,
        citationEn: p.citationEn,
        regulation: { id: p.regulationId, nameKo: p.regulationNameKo, nameEn: p.regulationNameEn },
      })),
    };
    primedOf.set(c, primed);
  }
  return primed;
}

/**
 * The engine's reads for a set of subjects: their contexts — from the subject index
 * when the cache gives one, else by query — then the candidate obligations — from the obligation
 * index, else by query (exported for the latency benchmark's floor).
 */
export async function loadRows(exec: Reader, subjects: Subject[], indexes?: EngineIndexes): Promise<EngineRows> {
  const ctxRows = await contextRows(exec, subjects, indexes);
  return { ctxRows, candidates: await candidatesFor(exec, subjects, ctxRows, indexes) };
}

/** The subjects' contexts: from the subject index when it answers, else by one query for the rest. */
export async function contextRows(exec: Reader, subjects: Subject[], indexes?: EngineIndexes): Promise<SubjectCtx[]> {
  const subjectIndex = indexes ? await indexes.subjects() : null;
  if (subjectIndex) await subjectIndex.fill(exec, subjects);
  const ctxRows: SubjectCtx[] = [];
  const toRead: Subject[] = [];
  for (const s of subjects) {
    const ctx = subjectIndex ? subjectIndex.contextOf(s) : undefined;
    if (ctx === undefined) toRead.push(s);
    else if (ctx) ctxRows.push(ctx);
  }
  if (toRead.length) {
    ctxRows.push(
      ...((await exec.read('applicabilitySubjects', Q.SUBJECT_CONTEXT, {
        subjects: toRead.map((s) => ({ ...s, extraDataCategoryIds: s.extraDataCategoryIds, extraCapabilityIds: s.extraCapabilityIds ?? [] })),
      }, { shareStrings: indexes?.strings ?? false })) as unknown as SubjectCtx[]),
    );
  }
  return ctxRows;
}

/** The candidate obligations of subjects whose contexts are read: from the obligation index, else by query. */
export async function candidatesFor(exec: Reader, subjects: Subject[], ctxRows: SubjectCtx[], indexes?: EngineIndexes): Promise<Candidate[]> {
  const ctxByKey = new Map(ctxRows.map((r) => [r.key, r]));
  const ids = { serviceTypeIds: new Set<string>(), capabilityIds: new Set<string>(), dataCategoryIds: new Set<string>(), designationIds: new Set<string>(), riskLevels: new Set<string>(), statutoryClasses: new Set<string>(), institutionTypes: new Set<string>() };
  const exemptedIds = new Set<string>();
  for (const s of subjects) {
    const c = ctxByKey.get(s.key);
    if (!c) continue;
    c.types.forEach((t) => {
      ids.serviceTypeIds.add(t.id);
      if (t.riskLevel) ids.riskLevels.add(t.riskLevel);
      (t.statutoryClasses ?? []).forEach((x) => ids.statutoryClasses.add(x));
    });
    [...c.capabilities, ...(c.extraCapabilities ?? [])].forEach((x) => ids.capabilityIds.add(x.id));
    [...c.dataCategories, ...c.extraDataCategories].forEach((x) => ids.dataCategoryIds.add(x.id));
    c.designations.forEach((z) => {
      ids.designationIds.add(z.id);
      for (const e of z.exemptions) e.obligationIds.forEach((o) => exemptedIds.add(o));
    });
    if (s.institutionType) ids.institutionTypes.add(s.institutionType);
  }
  if (ctxRows.length === 0) return [];
  const sandbox = subjects.some((s) => s.sandbox || (ctxByKey.get(s.key)?.designations.length ?? 0) > 0);
  const index = indexes ? await indexes.obligations() : null;
  if (index) {
    const triggerIds = [...ids.serviceTypeIds, ...ids.capabilityIds, ...ids.dataCategoryIds, ...ids.designationIds];
    return index.candidates({ triggerIds, exemptedIds, riskLevels: ids.riskLevels, statutoryClasses: ids.statutoryClasses, institutionTypes: ids.institutionTypes, sandbox });
  }
  const untargetedIds = matchUntargeted(await readUntargeted(exec), { riskLevels: ids.riskLevels, statutoryClasses: ids.statutoryClasses, institutionTypes: ids.institutionTypes, sandbox });
  return (await exec.read('applicabilityCandidates', Q.CANDIDATE_OBLIGATIONS, {
    serviceTypeIds: [...ids.serviceTypeIds],
    capabilityIds: [...ids.capabilityIds],
    dataCategoryIds: [...ids.dataCategoryIds],
    designationIds: [...ids.designationIds],
    untargetedIds,
  })) as unknown as Candidate[];
}

export async function evaluate(exec: Executor, subjects: Subject[], opts: EvaluationOptions): Promise<Map<string, Report>> {
  const out = new Map<string, Report>();
  if (subjects.length === 0) return out;
  const { ctxRows, candidates } = await engineRows(exec, subjects, opts);
  if (opts.prime) for (const c of candidates) opts.prime(primedObligation(c), c.textless ? undefined : c.versions);
  const ctxByKey = new Map(ctxRows.map((r) => [r.key, r]));
  for (const subject of subjects) {
    const c = ctxByKey.get(subject.key);
    if (!c) continue;
    out.set(subject.key, evaluateSubject(subject, c, candidates, opts));
  }
  return out;
}

/** The rows the engine evaluates the subjects on: from the engine cache when there is one. */
export function engineRows(exec: Executor, subjects: Subject[], opts: Pick<EvaluationOptions, 'cache'>): Promise<EngineRows> {
  const cache = opts.cache;
  return cache ? cache.rows(exec, JSON.stringify(subjects), () => loadRows(exec, subjects, cacheIndexes(exec, cache))) : loadRows(exec, subjects);
}

/** What the engine cache offers loadRows, contextRows and candidatesFor. */
export function cacheIndexes(exec: Executor, cache: EngineCache): EngineIndexes {
  return { obligations: () => cache.obligationIndexWithin(exec), subjects: () => cache.subjectIndex(exec), strings: cache.strings };
}

/**
 * The same evaluation as `evaluate`, on rows already read: the rows do not depend on the date, so a
 * question over many dates (changes.ts) reads them once and evaluates each date on them.
 */
export function evaluateOnRows(rows: EngineRows, subjects: Subject[], opts: EvaluationOptions): Map<string, Report> {
  const out = new Map<string, Report>();
  const ctxByKey = new Map(rows.ctxRows.map((r) => [r.key, r]));
  for (const subject of subjects) {
    const c = ctxByKey.get(subject.key);
    if (c) out.set(subject.key, evaluateSubject(subject, c, rows.candidates, opts));
  }
  return out;
}

function evaluateSubject(subject: Subject, c: SubjectCtx, candidates: Candidate[], opts: EvaluationOptions): Report {
  // Designations are evaluated on asOf: `sandbox` says one is in force then. With none recorded, a
  // sandbox context is the caller's own statement and is taken as given.
  const states = designationStates(c.designations, opts.asOf);
  const sandboxInPlay = subject.sandbox || states.length > 0;
  const sandbox = states.length > 0 ? states.some((s) => s.inForce) : subject.sandbox;
  const names: NameMap = new Map();
  for (const t of c.types) names.set(t.id, { nameKo: t.nameKo, nameEn: t.nameEn, type: 'AIServiceType' });
  for (const x of [...c.capabilities, ...(c.extraCapabilities ?? [])]) names.set(x.id, { nameKo: x.nameKo, nameEn: x.nameEn, type: 'Capability' });
  for (const x of [...c.dataCategories, ...c.extraDataCategories]) names.set(x.id, { nameKo: x.nameKo, nameEn: x.nameEn, type: 'DataCategory' });

  const notes: Note[] = states.map((s) => designationNote(s, opts.asOf));
  if (subject.sandbox && c.designations.length === 0) notes.push({
    en: `No sandbox designation is recorded for ${c.service.nameEn}; sandbox-only duties are shown without designation-specific exemptions.`,
    ko: `${c.service.nameKo}에 대한 혁신금융서비스 지정이 기록되어 있지 않습니다. 샌드박스 전용 의무는 지정별 면제 없이 표시합니다.`,
  });

  const results: ApplicabilityOut[] = [];
  for (const cand of candidates) {
    const o = cand.obligation;
    if (o.sandboxOnly && !sandboxInPlay) continue;
    // Who must comply (addressees.ts): a duty whose addressees exclude the provider's institution type is not its duty.
    const addressee = matchAddressees(cand.addressees, subject.institutionType);
    if (addressee.kind === 'NOT_ADDRESSED') continue;
    const sandboxDuty = sandboxDutyOn(states, cand);
    const reasons = [...reasonsFor(subject, c, cand, names, sandboxInPlay && !sandboxDuty), ...contextCapabilityReasons(c, cand)];
    if (sandboxDuty) reasons.push(sandboxDuty.reason);
    const byAddressee = addresseeReason(addressee, cand, { ko: c.service.nameKo, en: c.service.nameEn }, reasonTail(cand));
    if (byAddressee && (reasons.length > 0 || bindsEveryService(cand))) reasons.push(byAddressee);
    const exemption = findExemption(states, cand);
    if (reasons.length === 0 && !exemption) continue;
    const lapsedExemption = exemption ? exemptionNotInForce(exemption, cand) : null;
    if (exemption) reasons.push(lapsedExemption ?? exemptionReason(c, cand, exemption));
    reasons.sort((a, b) => REASON_ORDER.indexOf(a.kind) - REASON_ORDER.indexOf(b.kind));

    const primary = cand.provisions[0];
    const jurisdiction = primary?.jurisdiction ?? 'KR';
    const binding = cand.provisions.some((p) => p.binding);
    const jurisdictionOk = cand.provisions.some((p) => opts.jurisdictions.includes(p.jurisdiction)) || (!binding && jurisdiction === 'INTL');
    if (!jurisdictionOk) continue;
    if (!binding && !opts.includeNonBinding) continue;

    let status = timeStatus(cand, opts.asOf);
    let designationEffect: DesignationEffectOut | null = null;
    const conditionOf = c.designations.find((z) => cand.triggerIds.includes(z.id));
    if (sandboxDuty?.status && status === 'APPLIES') status = sandboxDuty.status;
    if (exemption && !lapsedExemption) {
      designationEffect = { designationId: exemption.designationId, effect: exemption.effect, noteKo: exemption.noteKo, noteEn: exemption.noteEn };
      if (status === 'APPLIES') status = exemption.effect === 'EXEMPTS' ? 'EXEMPTED_BY_DESIGNATION' : 'MODIFIED_BY_DESIGNATION';
    } else if (conditionOf) {
      designationEffect = { designationId: conditionOf.id, effect: 'CONDITION', noteKo: null, noteEn: null };
    }
    if (!opts.includeInactive && (status === 'NOT_YET_IN_FORCE' || status === 'NO_LONGER_IN_FORCE')) continue;

    const designationNames = designationEffect && designationEffect.effect !== 'CONDITION' ? c.designations.find((z) => z.id === designationEffect!.designationId) ?? null : null;
    results.push({
      obligationId: o.id,
      kind: o.kind,
      status,
      binding,
      jurisdiction,
      reasons: finishReasons(reasons, { status, asOf: opts.asOf, designation: designationNames, condition: conditionalRoles(addressee) }, cand),
      appliesIf: appliesIfOf(addressee),
      citations: cand.provisions.map((p) => ({
        provisionId: p.id,
        citationKo: p.citationKo,
        citationEn: p.citationEn,
        regulationNameKo: p.regulationNameKo,
        regulationNameEn: p.regulationNameEn,
        sourceUrl: p.sourceUrl,
        sourceKind: p.sourceKind,
        inForce: p.versions.some((v) => v.validFrom !== null && activeOn(v, opts.asOf)) && (!p.applicableFrom || p.applicableFrom <= opts.asOf),
      })),
      designationEffect,
    });
  }
  results.sort((a, b) => STATUS_ORDER.indexOf(a.status) - STATUS_ORDER.indexOf(b.status) || a.kind.localeCompare(b.kind) || a.obligationId.localeCompare(b.obligationId));
  return {
    serviceTypeId: c.service.id,
    deploymentId: subject.deploymentId ?? null,
    designations: c.designations.map((z) => ({
      id: z.id,
      nameKo: z.nameKo,
      nameEn: z.nameEn,
      institution: z.institutionId ? { id: z.institutionId, nameKo: z.institutionNameKo ?? '', nameEn: z.institutionNameEn ?? '' } : null,
    })),
    asOf: opts.asOf,
    sandbox,
    results,
    notes,
  };
}

/** In force when an obligation version and one of its provisions (and the instrument) are in force on `asOf`. */
function timeStatus(cand: Candidate, asOf: string): string {
  const versionNow = cand.versions.some((v) => activeOn(v, asOf));
  const provisionNow = cand.provisions.some((p) => (!p.applicableFrom || p.applicableFrom <= asOf) && p.versions.some((v) => v.validFrom !== null && activeOn(v, asOf)));
  if (versionNow && provisionNow) return 'APPLIES';
  const starts = [
    ...cand.versions.map((v) => v.validFrom),
    ...cand.provisions.flatMap((p) => [p.applicableFrom, ...p.versions.map((v) => v.validFrom)]),
  ].filter((d): d is string => Boolean(d));
  const anyStartedBefore = cand.versions.some((v) => v.validFrom <= asOf) && cand.provisions.some((p) => p.versions.some((v) => v.validFrom !== null && v.validFrom <= asOf) && (!p.applicableFrom || p.applicableFrom <= asOf));
  return anyStartedBefore || starts.length === 0 ? 'NO_LONGER_IN_FORCE' : 'NOT_YET_IN_FORCE';
}
