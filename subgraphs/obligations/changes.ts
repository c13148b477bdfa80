/**
 * What changes in an applicability report between two dates, computed by the flagship engine
 * itself: the report can only change on a date where one of its inputs changes (an obligation or
 * provision version starts or ends, an instrument's application date, a designation's start or end),
 * so the engine's rows are read once, the report is evaluated on the day before `from` and on each
 * such date in [from, to], and consecutive reports are compared per obligation.
 */
import { activeOn } from '../shared/i18n.ts';
import { endOf, lastDay } from '../shared/designation-lifecycle.ts';
import { evaluateOnRows, type ApplicabilityOut, type Candidate, type EngineRows, type EvaluationOptions, type Report, type Subject } from './applicability.ts';
import { designationStates, findExemption, type DesignationState } from './designations.ts';

export type ChangeKind =
  | 'NEW_OBLIGATION'
  | 'STARTS_APPLYING'
  | 'STOPS_APPLYING'
  | 'RETIRED'
  | 'EXEMPTION_STARTS'
  | 'EXEMPTION_ENDS'
  | 'WORDING_CHANGED';

export type CauseKind = 'AMENDMENT' | 'LAW_IN_FORCE' | 'APPLICATION_DATE' | 'REPEAL' | 'DESIGNATION_STARTS' | 'DESIGNATION_ENDS' | 'DESIGNATION_EXTENSION_ENDS' | 'DEEMED_CONTINUATION_ENDS';

/** A provision version as the change feed needs it (CHANGE_DETAILS). */
export interface ProvisionVersionDetail {
  id: string;
  validFrom: string | null;
  validTo: string | null;
  textKo: string | null;
  amendmentId: string | null;
}
export interface AmendmentDetail {
  id: string;
  regulationId: string | null;
  lawNumber: string | null;
  titleKo: string | null;
  titleEn: string | null;
}
/** What the feed reads beyond the engine's rows, for the changes found only: texts and amendments. */
export interface ChangeDetails {
  provisionVersions: Map<string, ProvisionVersionDetail[]>;
  amendments: Map<string, AmendmentDetail>;
}

export interface Cause {
  kind: CauseKind;
  regulationId: string | null;
  regulationNameKo: string | null;
  regulationNameEn: string | null;
  provisionId: string | null;
  citationKo: string | null;
  citationEn: string | null;
  amendment: AmendmentDetail | null;
  designationId: string | null;
  designationNameKo: string | null;
  designationNameEn: string | null;
  /** The date is an estimate (a designation end at the statutory maximum, or a start from the month only). */
  estimated: boolean;
}

export interface TextDiffOut {
  provisionId: string;
  fromVersion: string | null;
  toVersion: string | null;
  before: string;
  after: string;
}

export interface ChangeOut {
  on: string;
  kind: ChangeKind;
  /** Statuses as the report states them; null when the obligation does not exist on that side (see `absent`) or is not in the report. */
  before: string | null;
  after: string | null;
  obligationId: string;
  /** The subject's key (the question's own, e.g. one per deployment of an institution). */
  subjectKey: string;
  serviceTypeId: string;
  serviceNameKo: string;
  serviceNameEn: string;
  deploymentId: string | null;
  statementKo: string | null;
  statementEn: string | null;
  /** The obligation version the statement is of (its text is read by id when the candidate holds none). */
  versionId: string | null;
  statementChanged: boolean;
  /** Provisions whose version in force changes on `on` (texts filled in by attachDetails). */
  changedProvisionIds: string[];
  textDiffs: TextDiffOut[];
  causes: Cause[];
  /** Kept to work out the causes once the details are read. */
  cand: Candidate;
  states: DesignationState[];
}

/** Every date in [from, to] on which an input of the subjects' reports changes, sorted. */
export function candidateDates(rows: EngineRows, relevant: Set<string>, from: string, to: string): string[] {
  const out = new Set<string>();
  const add = (d: string | null | undefined) => {
    if (d && d >= from && d <= to) out.add(d);
  };
  for (const c of rows.candidates) {
    if (!relevant.has(c.obligation.id)) continue;
    for (const v of c.versions) {
      add(v.validFrom);
      add(v.validTo);
    }
    for (const p of c.provisions) {
      add(p.applicableFrom);
      for (const v of p.versions) {
        add(v.validFrom);
        add(v.validTo);
      }
    }
  }
  for (const ctx of rows.ctxRows) {
    for (const s of designationStates(ctx.designations, from)) {
      add(s.life.start);
      add(s.life.initialEnd);
      add(s.life.periodEnd);
      add(s.life.deemedEnd);
    }
  }
  return [...out].sort();
}

const ACTIVE = new Set(['APPLIES', 'MODIFIED_BY_DESIGNATION']);
const INACTIVE = new Set(['NOT_YET_IN_FORCE', 'NO_LONGER_IN_FORCE']);
const BY_DESIGNATION = new Set(['EXEMPTED_BY_DESIGNATION', 'MODIFIED_BY_DESIGNATION']);

function activeVersionId(vs: { id?: unknown; validFrom: string | null; validTo: string | null }[], on: string): string | null {
  const v = vs.find((x) => x.validFrom !== null && activeOn(x, on));
  return v ? String(v.id ?? v.validFrom) : null;
}

function classify(cand: Candidate, b: string | null, a: string | null, on: string, wording: boolean): ChangeKind | null {
  if (b === a) return wording && b !== null && !INACTIVE.has(b) ? 'WORDING_CHANGED' : null;
  // An exemption in the graph either exempts from or modifies a duty (FISA Art. 17 특례): both start and end alike.
  if (a && BY_DESIGNATION.has(a) && !(b && BY_DESIGNATION.has(b))) return 'EXEMPTION_STARTS';
  if (b && BY_DESIGNATION.has(b) && !(a && BY_DESIGNATION.has(a))) return 'EXEMPTION_ENDS';
  if (a && ACTIVE.has(a)) {
    // A new obligation: its first version starts on this day (the duty itself is created, e.g. by an amendment).
    const first = cand.versions.map((v) => v.validFrom).sort()[0];
    return first === on ? 'NEW_OBLIGATION' : 'STARTS_APPLYING';
  }
  if (b && ACTIVE.has(b)) {
    // Retired: no version of the obligation is in force on this day or later.
    // (a property Neo4j does not store comes back undefined: an open end)
    const later = cand.versions.some((v) => v.validTo == null || v.validTo > on);
    return later ? 'STOPS_APPLYING' : 'RETIRED';
  }
  return null;
}

/**
 * The obligation does not exist on `day`: none of its versions has started yet (a NEW_OBLIGATION's
 * day before), or all have ended (a RETIRED obligation's day). Its status on that side is then null,
 * not NOT_YET_IN_FORCE / NO_LONGER_IN_FORCE, which say the duty exists but is not in force (e.g. its
 * instrument's application date is not reached).
 */
function absent(cand: Candidate, day: string): boolean {
  const started = cand.versions.some((v) => v.validFrom !== null && v.validFrom <= day);
  // (a property Neo4j does not store comes back undefined: an open end)
  const ended = !cand.versions.some((v) => v.validTo == null || v.validTo > day);
  return !started || ended;
}

export interface ChangeRun {
  changes: ChangeOut[];
  /** Dates evaluated besides the day before `from`. */
  dates: string[];
}

/**
 * The changes of the subjects' reports between `from` and `to` (both included), in date order.
 * Statuses are computed with inactive obligations included, so that a duty starting is seen as such;
 * with `includeInactive: false` they are reported as absent (null) on the inactive side. An obligation
 * that does not exist yet (before) or any more (after) is null on that side whatever the option.
 */
export function diffReports(rows: EngineRows, subjects: Subject[], opts: EvaluationOptions, from: string, to: string, maxDates: number): ChangeRun | 'TOO_MANY_DATES' {
  const full: EvaluationOptions = { ...opts, includeInactive: true };
  const baseline = evaluateOnRows(rows, subjects, { ...full, asOf: lastDay(from) });
  const relevant = new Set<string>();
  for (const r of baseline.values()) for (const x of r.results) relevant.add(x.obligationId);
  const dates = candidateDates(rows, relevant, from, to);
  if (dates.length > maxDates) return 'TOO_MANY_DATES';
  const byId = new Map(rows.candidates.map((c) => [c.obligation.id, c]));
  const ctxByKey = new Map(rows.ctxRows.map((c) => [c.key, c]));
  const shown = (s: string | null) => (s && !opts.includeInactive && INACTIVE.has(s) ? null : s);
  const changes: ChangeOut[] = [];
  let prev = baseline;
  let prevDay = lastDay(from);
  for (const on of dates) {
    const next = evaluateOnRows(rows, subjects, { ...full, asOf: on });
    for (const subject of subjects) {
      const b = prev.get(subject.key);
      const a = next.get(subject.key);
      const ctx = ctxByKey.get(subject.key);
      if (!b || !a || !ctx) continue;
      const states = designationStates(ctx.designations, on);
      const before = new Map(b.results.map((x) => [x.obligationId, x]));
      const after = new Map(a.results.map((x) => [x.obligationId, x]));
      for (const id of new Set([...before.keys(), ...after.keys()])) {
        const cand = byId.get(id);
        if (!cand) continue;
        const bs = before.get(id)?.status ?? null;
        const as = after.get(id)?.status ?? null;
        const statementChanged = activeVersionId(cand.versions, prevDay) !== activeVersionId(cand.versions, on) && activeVersionId(cand.versions, prevDay) !== null && activeVersionId(cand.versions, on) !== null;
        const changedProvisionIds = cand.provisions
          .filter((p) => {
            const x = activeVersionId(p.versions, prevDay);
            const y = activeVersionId(p.versions, on);
            return x !== null && y !== null && x !== y;
          })
          .map((p) => p.id);
        const kind = classify(cand, bs, as, on, statementChanged || changedProvisionIds.length > 0);
        if (!kind) continue;
        const v = cand.versions.find((x) => activeOn(x, on)) ?? cand.versions.find((x) => activeOn(x, prevDay)) ?? cand.versions[cand.versions.length - 1];
        changes.push({
          on,
          kind,
          before: absent(cand, prevDay) ? null : shown(bs),
          after: absent(cand, on) ? null : shown(as),
          obligationId: id,
          subjectKey: subject.key,
          serviceTypeId: a.serviceTypeId,
          serviceNameKo: ctx.service.nameKo,
          serviceNameEn: ctx.service.nameEn,
          deploymentId: a.deploymentId,
          statementKo: v?.statementKo ?? null,
          statementEn: v?.statementEn ?? null,
          versionId: v?.id ?? null,
          statementChanged,
          changedProvisionIds,
          textDiffs: [],
          causes: [],
          cand,
          states,
        });
      }
    }
    prev = next;
    prevDay = on;
  }
  return { changes, dates };
}

/** Provisions and amendments the changes need details of (CHANGE_DETAILS parameters). */
export function detailKeys(changes: ChangeOut[]): { provisionIds: string[]; amendmentIds: string[] } {
  const provisionIds = new Set<string>();
  const amendmentIds = new Set<string>();
  for (const c of changes) {
    c.cand.provisions.forEach((p) => provisionIds.add(p.id));
    c.cand.versions.forEach((v) => v.amendmentId && amendmentIds.add(String(v.amendmentId)));
  }
  return { provisionIds: [...provisionIds], amendmentIds: [...amendmentIds] };
}

const CAUSE_ORDER: CauseKind[] = ['AMENDMENT', 'LAW_IN_FORCE', 'APPLICATION_DATE', 'REPEAL', 'DESIGNATION_STARTS', 'DESIGNATION_ENDS', 'DESIGNATION_EXTENSION_ENDS', 'DEEMED_CONTINUATION_ENDS'];

/** The causes and text diffs of each change, from the engine's rows and the details read for them. */
export function attachDetails(changes: ChangeOut[], details: ChangeDetails): void {
  for (const ch of changes) {
    const { cand, on } = ch;
    const causes = new Map<string, Cause>();
    const primary = cand.provisions[0];
    const blank: Cause = { kind: 'LAW_IN_FORCE', regulationId: null, regulationNameKo: null, regulationNameEn: null, provisionId: null, citationKo: null, citationEn: null, amendment: null, designationId: null, designationNameKo: null, designationNameEn: null, estimated: false };
    const put = (key: string, c: Partial<Cause>) => {
      if (!causes.has(key)) causes.set(key, { ...blank, ...c });
    };
    const amendmentCause = (id: string) => {
      const a = details.amendments.get(id) ?? { id, regulationId: null, lawNumber: null, titleKo: null, titleEn: null };
      const reg = cand.provisions.find((p) => p.regulationId === a.regulationId) ?? primary;
      put(`A|${id}`, { kind: 'AMENDMENT', amendment: a, regulationId: a.regulationId ?? reg?.regulationId ?? null, regulationNameKo: reg?.regulationNameKo ?? null, regulationNameEn: reg?.regulationNameEn ?? null });
    };
    // A designation's own condition (triggered by the designation) starting with it is the designation's doing, not a law's.
    const byDesignation = ch.states.some((s) => s.life.start === on && cand.triggerIds.includes(s.z.id));
    for (const v of cand.versions) {
      if (v.validFrom === on) {
        if (v.amendmentId) amendmentCause(String(v.amendmentId));
        else if (primary && !byDesignation) put(`L|${primary.id}`, { kind: 'LAW_IN_FORCE', ...provisionFields(primary) });
      }
      if (v.validTo === on && !cand.versions.some((w) => w.validFrom === on) && primary) put(`R|${cand.obligation.id}`, { kind: 'REPEAL', ...provisionFields(primary) });
    }
    for (const p of cand.provisions) {
      if (p.applicableFrom === on) put(`P|${p.regulationId}`, { kind: 'APPLICATION_DATE', ...provisionFields(p) });
      const pvs = details.provisionVersions.get(p.id) ?? [];
      for (const v of pvs) {
        if (v.validFrom === on) {
          if (v.amendmentId) amendmentCause(v.amendmentId);
          else put(`L|${p.id}`, { kind: 'LAW_IN_FORCE', ...provisionFields(p) });
        }
        if (v.validTo === on && !pvs.some((w) => w.validFrom === on)) put(`R|${p.id}`, { kind: 'REPEAL', ...provisionFields(p) });
      }
      if (ch.changedProvisionIds.includes(p.id)) {
        const x = pvs.find((v) => v.validTo === on);
        const y = pvs.find((v) => v.validFrom === on);
        if (x && y && (x.textKo ?? '') !== (y.textKo ?? '')) ch.textDiffs.push({ provisionId: p.id, fromVersion: x.id, toVersion: y.id, before: x.textKo ?? '', after: y.textKo ?? '' });
      }
    }
    for (const s of ch.states) {
      const relevant = cand.obligation.sandboxOnly || cand.triggerIds.includes(s.z.id) || findExemption([s], cand) !== null;
      if (!relevant) continue;
      const z = { designationId: s.z.id, designationNameKo: s.z.nameKo, designationNameEn: s.z.nameEn };
      if (s.life.start === on) put(`Z|${s.z.id}`, { kind: 'DESIGNATION_STARTS', ...z, estimated: s.life.startEstimated });
      if (endOf(s.life) === on) {
        const kind: CauseKind = s.life.deemedEnd ? 'DEEMED_CONTINUATION_ENDS' : s.life.extended ? 'DESIGNATION_EXTENSION_ENDS' : 'DESIGNATION_ENDS';
        put(`Z|${s.z.id}`, { kind, ...z, estimated: s.life.deemedEnd ? s.life.deemedEndEstimated : s.life.periodEndEstimated });
      }
    }
    ch.causes = [...causes.values()].sort((a, b) => CAUSE_ORDER.indexOf(a.kind) - CAUSE_ORDER.indexOf(b.kind));
  }
}

function provisionFields(p: Candidate['provisions'][number]): Partial<Cause> {
  return { provisionId: p.id, citationKo: p.citationKo, citationEn: p.citationEn, regulationId: p.regulationId, regulationNameKo: p.regulationNameKo, regulationNameEn: p.regulationNameEn };
}

export type { ApplicabilityOut, Report };
