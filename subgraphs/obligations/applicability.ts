/**
 * The applicability engine: which obligations apply to a service in a context, with status,
 * reasons (paths through the graph) and citations. Whatever the number of subjects or results, a
 * call needs the subjects' context and the candidate obligations: from the in-memory subject and
 * obligation indexes when the engine cache is on (subject-index.ts, obligation-index.ts), else by
 * query. The reasoning itself is plain TypeScript over those rows.
 */
import type { Executor } from '../../lib/neo4j.ts';
import { StringTable } from '../../lib/string-table.ts';
import { activeOn } from '../shared/i18n.ts';
import * as Q from './cypher.ts';
import type { DataVersionWatch } from '../shared/data-version.ts';
import { matchUntargeted, readObligationIndex, readUntargeted, type ObligationIndex } from './obligation-index.ts';
import { readSubjectIndex, type SubjectIndex } from './subject-index.ts';

export interface Subject {
  key: string;
  serviceTypeId: string;
  /** Explicit designations; null = those granted for the service type when `sandbox` is set. */
  designationIds: string[] | null;
  sandbox: boolean;
  institutionType: string | null;
  extraDataCategoryIds: string[];
  deploymentId?: string | null;
}

/** A provision as Obligation.provisions provides it to the gateway (no second fetch for citations). */
export interface ProvisionRef {
  id: string;
  citationKo: string;
  citationEn: string;
  regulation: { id: string; nameKo: string; nameEn: string };
}
/** A designation as ApplicabilityReport.designations provides it. */
export interface DesignationRef {
  id: string;
  nameKo: string;
  nameEn: string;
  institution: { id: string; nameKo: string; nameEn: string } | null;
}
/** An obligation as the engine read it, in the shape the obligation loader holds. */
export interface PrimedObligation {
  id: string;
  triggers: { id: string | null; label: string | null }[];
  provisionRefs: ProvisionRef[];
  [k: string]: unknown;
}

/** Receives every candidate obligation and its versions, to prime the request's loaders. */
export type PrimeObligation = (obligation: PrimedObligation, versions: { id: string; validFrom: string; validTo: string | null; [k: string]: unknown }[]) => void;

export interface EvaluationOptions {
  prime?: PrimeObligation;
  cache?: EngineCache;
  asOf: string;
  jurisdictions: string[];
  includeInactive: boolean;
  includeNonBinding: boolean;
}

export interface PathStep {
  type: string;
  id: string;
  nameKo: string;
  nameEn: string;
  via: string | null;
}
export interface Reason {
  kind: string;
  path: PathStep[];
  explanationKo: string;
  explanationEn: string;
}
export interface CitationOut {
  provisionId: string;
  citationKo: string;
  citationEn: string;
  regulationNameKo: string;
  regulationNameEn: string;
  sourceUrl: string | null;
  inForce: boolean;
}
export interface DesignationEffectOut {
  designationId: string;
  effect: 'EXEMPTS' | 'MODIFIES' | 'CONDITION';
  noteKo: string | null;
  noteEn: string | null;
}
export interface ApplicabilityOut {
  obligationId: string;
  kind: string;
  status: string;
  binding: boolean;
  jurisdiction: string;
  reasons: Reason[];
  citations: CitationOut[];
  designationEffect: DesignationEffectOut | null;
}
export interface Report {
  serviceTypeId: string;
  deploymentId: string | null;
  designations: DesignationRef[];
  asOf: string;
  sandbox: boolean;
  results: ApplicabilityOut[];
  notes: string[];
}

type Named = { id: string; nameKo: string; nameEn: string; chain: string[]; riskLevel?: string | null };
interface Exemption {
  effect: 'EXEMPTS' | 'MODIFIES';
  noteKo: string | null;
  noteEn: string | null;
  provisionId: string;
  citationKo: string;
  citationEn: string;
  obligationIds: string[];
}
interface DesignationCtx {
  id: string;
  nameKo: string;
  nameEn: string;
  designatedOn: string | null;
  validFrom: string | null;
  validTo: string | null;
  institutionId: string | null;
  institutionNameKo: string | null;
  institutionNameEn: string | null;
  exemptions: Exemption[];
}
export interface SubjectCtx {
  key: string;
  service: { id: string; nameKo: string; nameEn: string; riskLevel: string | null };
  types: Named[];
  capabilities: Named[];
  dataCategories: Named[];
  extraDataCategories: Named[];
  designations: DesignationCtx[];
}
export interface Candidate {
  obligation: { id: string; kind: string; sandboxOnly: boolean | null; triggerRiskLevels: string[] | null; triggerInstitutionTypes: string[] | null; [k: string]: unknown };
  triggerIds: string[];
  triggers: { id: string | null; label: string | null }[];
  versions: { id: string; validFrom: string; validTo: string | null; statementKo: string | null; statementEn: string | null; [k: string]: unknown }[];
  provisions: {
    id: string;
    citationKo: string;
    citationEn: string;
    regulationId: string;
    regulationNameKo: string;
    regulationNameEn: string;
    jurisdiction: string;
    binding: boolean;
    sourceUrl: string | null;
    applicableFrom: string | null;
    versions: { validFrom: string | null; validTo: string | null }[];
  }[];
}

/** Most specific first: what the designation says, then what the service is and does, then broad classes. */
const REASON_ORDER = ['DESIGNATION_CONDITION', 'EXEMPTION', 'SANDBOX', 'SERVICE_TYPE', 'CAPABILITY', 'DATA_CATEGORY', 'INSTITUTION_TYPE', 'RISK_LEVEL'];
const STATUS_ORDER = ['APPLIES', 'MODIFIED_BY_DESIGNATION', 'EXEMPTED_BY_DESIGNATION', 'NOT_YET_IN_FORCE', 'NO_LONGER_IN_FORCE'];

interface EngineRows {
  ctxRows: SubjectCtx[];
  candidates: Candidate[];
}

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
 * The engine's reads do not depend on the date asked about, and the graph changes only when the
 * seed loader applies a change set (which bumps the data version). So the cache holds, per data
 * version, the obligation index (every obligation with its triggers, versions and provisions: one
 * read), the subject index (every service type's context: two reads) and each subject set's rows:
 * no question costs a Cypher query, except one naming a designation or extra data categories
 * (SUBJECT_CONTEXT). Everything is dropped as soon as the data version moves. Subject sets are
 * bounded, least recently used first out.
 */
const STRING_TABLE_MAX = 200_000;

export class EngineCache {
  private entries = new Map<string, EngineRows>();
  /** What is read once per data version: the obligation index, the subject index. */
  private indexes = new Map<string, Promise<unknown>>();
  /**
   * One string object per distinct string in the cached subject contexts (questions naming a
   * designation read their own; names and notes recur across them). A new table with each version;
   * it starts over at 200,000 strings.
   */
  private stringTable = new StringTable(STRING_TABLE_MAX);
  private versionKey = '';

  constructor(
    private readonly watch: DataVersionWatch,
    private readonly maxEntries = 2000,
  ) {}

  /** The obligation index of the current data version (read once per version, shared by concurrent callers). */
  obligationIndex(exec: Executor): Promise<ObligationIndex> {
    return this.once(exec, 'obligations', () => readObligationIndex(exec));
  }

  /** Every service type's context in the current data version (null when there are too many to hold). */
  subjectIndex(exec: Executor): Promise<SubjectIndex | null> {
    return this.once(exec, 'subjects', () => readSubjectIndex(exec));
  }

  private async once<T>(exec: Executor, name: string, read: () => Promise<T>): Promise<T> {
    const { key: version } = await this.watch.current(exec);
    this.moveTo(version);
    let pending = this.indexes.get(name) as Promise<T> | undefined;
    if (!pending) {
      // A failed read is forgotten, so that the next question tries again.
      const reading = read();
      reading.catch(() => {
        if (this.indexes.get(name) === reading) this.indexes.delete(name);
      });
      this.indexes.set(name, reading);
      pending = reading;
    }
    return pending;
  }

  /** The string table of the current version, for reads whose rows the cache keeps. */
  get strings(): StringTable {
    return this.stringTable;
  }

  private moveTo(version: string): void {
    if (version === this.versionKey) return;
    this.entries.clear();
    this.indexes.clear();
    this.stringTable = new StringTable(STRING_TABLE_MAX);
    this.versionKey = version;
  }

  async rows(exec: Executor, key: string, load: () => Promise<EngineRows>): Promise<EngineRows> {
    const { key: version } = await this.watch.current(exec);
    this.moveTo(version);
    const hit = this.entries.get(key);
    if (hit) {
      this.entries.delete(key);
      this.entries.set(key, hit);
      return hit;
    }
    const rows = await load();
    if (this.versionKey === version) {
      this.entries.set(key, rows);
      if (this.entries.size > this.maxEntries) this.entries.delete(this.entries.keys().next().value as string);
    }
    return rows;
  }
}

/** What the engine cache offers loadRows: the indexes of the current data version and its string table. */
export interface EngineIndexes {
  obligations: () => Promise<ObligationIndex>;
  subjects: () => Promise<SubjectIndex | null>;
  /** strings shared by the rows the cache keeps */
  strings: StringTable;
}

/**
 * The engine's reads for a set of subjects: their contexts — from the subject index
 * when the cache gives one, else by query — then the candidate obligations — from the obligation
 * index, else by query (exported for the latency benchmark's floor).
 */
export async function loadRows(exec: Executor, subjects: Subject[], indexes?: EngineIndexes): Promise<EngineRows> {
  const subjectIndex = indexes ? await indexes.subjects() : null;
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
        subjects: toRead.map((s) => ({ ...s, extraDataCategoryIds: s.extraDataCategoryIds })),
      }, { shareStrings: indexes?.strings ?? false })) as unknown as SubjectCtx[]),
    );
  }
  const ctxByKey = new Map(ctxRows.map((r) => [r.key, r]));
  const ids = { serviceTypeIds: new Set<string>(), capabilityIds: new Set<string>(), dataCategoryIds: new Set<string>(), designationIds: new Set<string>(), riskLevels: new Set<string>(), institutionTypes: new Set<string>() };
  const exemptedIds = new Set<string>();
  for (const s of subjects) {
    const c = ctxByKey.get(s.key);
    if (!c) continue;
    c.types.forEach((t) => {
      ids.serviceTypeIds.add(t.id);
      if (t.riskLevel) ids.riskLevels.add(t.riskLevel);
    });
    c.capabilities.forEach((x) => ids.capabilityIds.add(x.id));
    [...c.dataCategories, ...c.extraDataCategories].forEach((x) => ids.dataCategoryIds.add(x.id));
    c.designations.forEach((z) => {
      ids.designationIds.add(z.id);
      for (const e of z.exemptions) e.obligationIds.forEach((o) => exemptedIds.add(o));
    });
    if (s.institutionType) ids.institutionTypes.add(s.institutionType);
  }
  if (ctxRows.length === 0) return { ctxRows, candidates: [] };
  const sandbox = subjects.some((s) => s.sandbox || (ctxByKey.get(s.key)?.designations.length ?? 0) > 0);
  if (indexes) {
    const triggerIds = [...ids.serviceTypeIds, ...ids.capabilityIds, ...ids.dataCategoryIds, ...ids.designationIds];
    return { ctxRows, candidates: (await indexes.obligations()).candidates({ triggerIds, exemptedIds, riskLevels: ids.riskLevels, institutionTypes: ids.institutionTypes, sandbox }) };
  }
  const untargetedIds = matchUntargeted(await readUntargeted(exec), { riskLevels: ids.riskLevels, institutionTypes: ids.institutionTypes, sandbox });
  const candidates = (await exec.read('applicabilityCandidates', Q.CANDIDATE_OBLIGATIONS, {
    serviceTypeIds: [...ids.serviceTypeIds],
    capabilityIds: [...ids.capabilityIds],
    dataCategoryIds: [...ids.dataCategoryIds],
    designationIds: [...ids.designationIds],
    untargetedIds,
  })) as unknown as Candidate[];
  return { ctxRows, candidates };
}

export async function evaluate(exec: Executor, subjects: Subject[], opts: EvaluationOptions): Promise<Map<string, Report>> {
  const out = new Map<string, Report>();
  if (subjects.length === 0) return out;
  const cache = opts.cache;
  const rows = cache ? await cache.rows(exec, JSON.stringify(subjects), () => loadRows(exec, subjects, { obligations: () => cache.obligationIndex(exec), subjects: () => cache.subjectIndex(exec), strings: cache.strings })) : await loadRows(exec, subjects);
  const { ctxRows, candidates } = rows;
  if (opts.prime) for (const c of candidates) opts.prime(primedObligation(c), c.versions);
  const ctxByKey = new Map(ctxRows.map((r) => [r.key, r]));
  for (const subject of subjects) {
    const c = ctxByKey.get(subject.key);
    if (!c) continue;
    out.set(subject.key, evaluateSubject(subject, c, candidates, opts));
  }
  return out;
}

function evaluateSubject(subject: Subject, c: SubjectCtx, candidates: Candidate[], opts: EvaluationOptions): Report {
  const sandbox = subject.sandbox || c.designations.length > 0;
  const names = new Map<string, { nameKo: string; nameEn: string; type: string }>();
  for (const t of c.types) names.set(t.id, { nameKo: t.nameKo, nameEn: t.nameEn, type: 'AIServiceType' });
  for (const x of c.capabilities) names.set(x.id, { nameKo: x.nameKo, nameEn: x.nameEn, type: 'Capability' });
  for (const x of [...c.dataCategories, ...c.extraDataCategories]) names.set(x.id, { nameKo: x.nameKo, nameEn: x.nameEn, type: 'DataCategory' });

  const notes: string[] = [];
  for (const z of c.designations) {
    const from = z.validFrom ?? z.designatedOn;
    if (z.validTo && opts.asOf >= z.validTo) notes.push(`Designation ${z.id} (${z.nameEn}) ended on ${z.validTo}; its exemptions and conditions are shown as they applied under the designation.`);
    else if (from && opts.asOf < from) notes.push(`Designation ${z.id} (${z.nameEn}) starts on ${from}; its exemptions and conditions are shown as they will apply.`);
    else if (!z.validTo) notes.push(`Designation ${z.id} (${z.nameEn}): the end of its period is not published (see SandboxDesignation.periodEnd for the statutory maximum).`);
  }
  if (subject.sandbox && c.designations.length === 0) notes.push(`No sandbox designation is recorded for ${c.service.nameEn}; sandbox-only duties are shown without designation-specific exemptions.`);

  const results: ApplicabilityOut[] = [];
  for (const cand of candidates) {
    const o = cand.obligation;
    if (o.sandboxOnly && !sandbox) continue;
    const reasons = reasonsFor(subject, c, cand, names, sandbox);
    const exemption = findExemption(c.designations, cand);
    if (reasons.length === 0 && !exemption) continue;
    if (exemption) reasons.push(exemptionReason(c, cand, exemption));
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
    if (exemption) {
      designationEffect = { designationId: exemption.designationId, effect: exemption.effect, noteKo: exemption.noteKo, noteEn: exemption.noteEn };
      if (status === 'APPLIES') status = exemption.effect === 'EXEMPTS' ? 'EXEMPTED_BY_DESIGNATION' : 'MODIFIED_BY_DESIGNATION';
    } else if (conditionOf) {
      designationEffect = { designationId: conditionOf.id, effect: 'CONDITION', noteKo: null, noteEn: null };
    }
    if (!opts.includeInactive && (status === 'NOT_YET_IN_FORCE' || status === 'NO_LONGER_IN_FORCE')) continue;

    results.push({
      obligationId: o.id,
      kind: o.kind,
      status,
      binding,
      jurisdiction,
      reasons,
      citations: cand.provisions.map((p) => ({
        provisionId: p.id,
        citationKo: p.citationKo,
        citationEn: p.citationEn,
        regulationNameKo: p.regulationNameKo,
        regulationNameEn: p.regulationNameEn,
        sourceUrl: p.sourceUrl,
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

function findExemption(designations: DesignationCtx[], cand: Candidate): (Exemption & { designationId: string }) | null {
  for (const z of designations) {
    for (const e of z.exemptions) {
      const listed = e.obligationIds.length > 0;
      if ((listed && e.obligationIds.includes(cand.obligation.id)) || (!listed && cand.provisions.some((p) => p.id === e.provisionId))) {
        return { ...e, designationId: z.id };
      }
    }
  }
  return null;
}

function step(type: string, id: string, nameKo: string, nameEn: string, via: string | null): PathStep {
  return { type, id, nameKo, nameEn, via };
}

function chainSteps(chain: string[], names: Map<string, { nameKo: string; nameEn: string; type: string }>, lastVia: string): PathStep[] {
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
function obligationStep(cand: Candidate, via: string | null): PathStep {
  const latest = [...cand.versions].sort((a, b) => b.validFrom.localeCompare(a.validFrom))[0];
  const short = (t: string | null | undefined) => (t ? (t.length > 60 ? `${t.slice(0, 59)}…` : t) : cand.obligation.id);
  return step('Obligation', cand.obligation.id, short(latest?.statementKo), short(latest?.statementEn), via);
}

function tail(cand: Candidate): PathStep[] {
  const p = cand.provisions[0];
  const steps = [obligationStep(cand, p ? 'DERIVED_FROM' : null)];
  if (p) steps.push(step('Provision', p.id, p.citationKo, p.citationEn, null));
  return steps;
}

function reasonsFor(subject: Subject, c: SubjectCtx, cand: Candidate, names: Map<string, { nameKo: string; nameEn: string; type: string }>, sandbox: boolean): Reason[] {
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
      explanationKo: `${svc.nameKo}은(는) 혁신금융서비스로 지정되어 운영되므로 ${citeKo}이(가) 적용됩니다.`,
    });
  }
  return reasons;
}

function exemptionReason(c: SubjectCtx, cand: Candidate, e: Exemption & { designationId: string }): Reason {
  const z = c.designations.find((d) => d.id === e.designationId);
  return {
    kind: 'EXEMPTION',
    path: [
      step('SandboxDesignation', e.designationId, z?.nameKo ?? e.designationId, z?.nameEn ?? e.designationId, 'HAS_EXEMPTION'),
      step('Provision', e.provisionId, e.citationKo, e.citationEn, 'AFFECTS'),
      obligationStep(cand, null),
    ],
    explanationEn: `The designation "${z?.nameEn ?? e.designationId}" ${e.effect === 'EXEMPTS' ? 'exempts the service from' : 'modifies'} ${e.citationEn}, from which this obligation derives.`,
    explanationKo: `혁신금융서비스 지정 '${z?.nameKo ?? e.designationId}'이(가) ${e.citationKo}의 적용을 ${e.effect === 'EXEMPTS' ? '면제합니다' : '변경합니다'}.`,
  };
}
