/**
 * The change-feed queries (`changes`, `upcomingChanges`): arguments checked, subjects built as the
 * flagship builds them (reports.ts), the engine's rows read once (applicability.ts engineRows), the
 * dates diffed (changes.ts), then one read of texts and amendments for the changes found.
 */
import { addMonths, isIsoDate, today } from '../../lib/dates.ts';
import { appError, badInput, ErrorCode } from '../../lib/errors.ts';
import type { BaseContext } from '../shared/context.ts';
import type { Language } from '../shared/i18n.ts';
import type { Reader } from '../../lib/neo4j.ts';
import { cacheIndexes, candidatesFor, contextRows, engineRows, type EngineIndexes, type EngineRows, type EvaluationOptions, type Subject } from './applicability.ts';
import { attachDetails, candidateDates, detailKeys, diffReports, type Cause, type ChangeDetails, type ChangeOut, type ProvisionVersionDetail, type AmendmentDetail, type TextDiffOut } from './changes.ts';
import { causeText, changeExplanation, patchOf } from './changes-wording.ts';
import * as Q from './cypher.ts';
import type { ObligationsLoaders } from './loaders.ts';
import { checkContext, deploymentSubject, optionsOf, subjectOf, type ContextInput } from './reports.ts';

type Ctx = BaseContext<ObligationsLoaders>;

/** The longest window `changes` answers: 20 years of law history is more than the graph holds. */
export const MAX_WINDOW_MONTHS = 240;
/** The most dates one question evaluates (each is one engine pass over the subject's candidates). */
export const MAX_EVALUATED_DATES = 1000;
export const MAX_UPCOMING_MONTHS = 60;
/** Subjects `upcomingChanges` evaluates at most (every service type and deployment at base size). */
const MAX_UPCOMING_SUBJECTS = 5000;

export interface ChangesArgs {
  from: string;
  to: string;
  serviceType?: string | null;
  deployment?: string | null;
  institution?: string | null;
  context?: ContextInput | null;
}

function checkWindow(from: string, to: string, toField: string): void {
  if (!isIsoDate(from)) throw badInput('from must be YYYY-MM-DD', 'from');
  if (!isIsoDate(to)) throw badInput('to must be YYYY-MM-DD', toField);
  if (to < from) throw badInput(`to (${to}) is before from (${from})`, toField);
  if (to > addMonths(from, MAX_WINDOW_MONTHS)) throw badInput(`The window from ${from} to ${to} is longer than ${MAX_WINDOW_MONTHS / 12} years; narrow it`, toField);
}

async function subjectsOf(ctx: Ctx, a: ChangesArgs, c: ContextInput): Promise<Subject[]> {
  const given = [a.serviceType, a.deployment, a.institution].filter(Boolean).length;
  if (given === 0) throw badInput('Give serviceType, deployment or institution', 'serviceType');
  if (a.institution && given > 1) throw badInput('Give institution alone, without serviceType or deployment', 'institution');
  if (a.institution) {
    const rows = await ctx.exec.read('institutionSubjects', Q.INSTITUTION_SUBJECTS, { ids: [a.institution] });
    if (rows.length === 0) {
      const exists = await ctx.exec.read('institutionExists', Q.INSTITUTION_EXISTS, { id: a.institution });
      if (exists.length === 0) throw appError(ErrorCode.NOT_FOUND, `Institution ${a.institution} not found`, { field: 'institution' });
    }
    return rows.map((r) => deploymentSubject(String(r.deploymentId), r, c));
  }
  if (a.deployment) {
    const row = (await ctx.exec.read('deploymentSubject', Q.DEPLOYMENT_SUBJECT, { id: a.deployment }))[0];
    if (!row) throw appError(ErrorCode.NOT_FOUND, `Deployment ${a.deployment} not found`, { field: 'deployment' });
    if (a.serviceType && a.serviceType !== row.serviceTypeId) throw badInput(`Deployment ${a.deployment} is of type ${String(row.serviceTypeId)}, not ${a.serviceType}`, 'serviceType');
    return [deploymentSubject('only', row, c)];
  }
  return [subjectOf('only', a.serviceType as string, c)];
}

async function readDetails(reader: Reader, changes: ChangeOut[]): Promise<ChangeDetails> {
  const keys = detailKeys(changes);
  const details: ChangeDetails = { provisionVersions: new Map(), amendments: new Map() };
  if (changes.length === 0) return details;
  const [row] = await reader.read('changeDetails', Q.CHANGE_DETAILS, keys);
  for (const v of (row?.versions ?? []) as (ProvisionVersionDetail & { provisionId: string })[]) {
    const list = details.provisionVersions.get(v.provisionId) ?? [];
    list.push(v);
    details.provisionVersions.set(v.provisionId, list);
  }
  for (const a of (row?.amendments ?? []) as AmendmentDetail[]) details.amendments.set(a.id, a);
  return details;
}

/** Where the feed reads: a reader (the executor, or a transaction's), the in-memory indexes if any, and one subject set's rows. */
export interface FeedReads {
  reader: Reader;
  indexes?: EngineIndexes;
  rowsOf: (subjects: Subject[]) => Promise<EngineRows>;
}

/**
 * The changes of the subjects' reports, causes and texts attached. With the in-memory indexes, each
 * subject gets its own rows from them (no query), and a subject none of whose inputs changes in the
 * window is not evaluated at all: a sweep over every service type and deployment (upcomingChanges,
 * `seed plan`) then costs only the subjects something happens to. Without them, one read for all.
 */
export async function feedChanges(reads: FeedReads, subjects: Subject[], opts: EvaluationOptions, from: string, to: string, toField: string, check?: (rows: EngineRows) => void): Promise<ChangeOut[]> {
  const { reader, indexes } = reads;
  let groups: { subjects: Subject[]; rows: EngineRows }[];
  if (subjects.length > 1 && indexes) {
    // Contexts in one go (one query for those the subject index cannot answer), candidates per subject
    // from the obligation index; not kept in the cache, so a sweep does not push out repeated questions.
    const ctxByKey = new Map((await contextRows(reader, subjects, indexes)).map((r) => [r.key, r]));
    groups = [];
    for (const s of subjects) {
      const sc = ctxByKey.get(s.key);
      if (sc) groups.push({ subjects: [s], rows: { ctxRows: [sc], candidates: await candidatesFor(reader, [s], [sc], indexes) } });
    }
  } else {
    groups = [{ subjects, rows: await reads.rowsOf(subjects) }];
  }
  if (check) check({ ctxRows: groups.flatMap((g) => g.rows.ctxRows), candidates: [] });
  const found: ChangeOut[] = [];
  for (const g of groups) {
    if (candidateDates(g.rows, new Set(g.rows.candidates.map((x) => x.obligation.id)), from, to).length === 0) continue;
    const run = diffReports(g.rows, g.subjects, opts, from, to, MAX_EVALUATED_DATES);
    if (run === 'TOO_MANY_DATES') throw badInput(`More than ${MAX_EVALUATED_DATES} dates on which the report can change lie between ${from} and ${to}; narrow the window`, toField);
    found.push(...run.changes);
  }
  // Date order across subjects; within a day, each subject's own order (stable sort).
  found.sort((x, y) => (x.on < y.on ? -1 : x.on > y.on ? 1 : 0));
  attachDetails(found, await readDetails(reader, found));
  return found;
}

/** The feed for a GraphQL question: the engine cache's rows and indexes, and the obligations primed for `obligation { ... }`. */
async function feed(ctx: Ctx, subjects: Subject[], c: ContextInput, from: string, to: string, toField: string, check?: (rows: EngineRows) => void): Promise<ChangeOut[]> {
  const opts = { ...optionsOf(c, from), ...(ctx.loaders.cache ? { cache: ctx.loaders.cache } : {}) };
  const reads: FeedReads = { reader: ctx.exec, rowsOf: (s) => engineRows(ctx.exec, s, opts), ...(opts.cache ? { indexes: cacheIndexes(ctx.exec, opts.cache) } : {}) };
  const found = await feedChanges(reads, subjects, opts, from, to, toField, check);
  const primed = new Set<string>();
  for (const ch of found) {
    if (primed.has(ch.obligationId)) continue;
    primed.add(ch.obligationId);
    ctx.loaders.prime(primedRef(ch.cand), ch.cand.textless ? undefined : ch.cand.versions);
  }
  await fillStatements(ctx, found);
  return found;
}

/**
 * The statements of changes whose candidate came from the compact obligation index (which holds no
 * texts): the versions loader reads them by obligation id, through the shared reads.
 */
async function fillStatements(ctx: Ctx, found: ChangeOut[]): Promise<void> {
  const textless = found.filter((ch) => ch.cand.textless && ch.versionId);
  if (textless.length === 0) return;
  const ids = [...new Set(textless.map((ch) => ch.obligationId))];
  const lists = await ctx.loaders.versions.loadMany(ids);
  const byId = new Map<string, Record<string, unknown>>();
  for (const list of lists) if (Array.isArray(list)) for (const v of list) byId.set(v.id, v);
  for (const ch of textless) {
    const v = byId.get(ch.versionId!);
    ch.statementKo = (v?.statementKo as string | null | undefined) ?? null;
    ch.statementEn = (v?.statementEn as string | null | undefined) ?? null;
  }
}

/** The obligation as the loader holds it, so that `obligation { ... }` costs no second read. */
function primedRef(cand: ChangeOut['cand']) {
  return {
    ...cand.obligation,
    triggers: cand.triggers,
    provisionRefs: cand.provisions.map((p) => ({ id: p.id, citationKo: p.citationKo, citationEn: p.citationEn, regulation: { id: p.regulationId, nameKo: p.regulationNameKo, nameEn: p.regulationNameEn } })),
  };
}

export async function changes(ctx: Ctx, a: ChangesArgs): Promise<ChangeOut[]> {
  const c = { ...(a.context ?? {}) };
  checkContext(c);
  checkWindow(a.from, a.to, 'to');
  const subjects = await subjectsOf(ctx, a, c);
  if (subjects.length === 0) return [];
  return feed(ctx, subjects, c, a.from, a.to, 'to', (rows) => {
    if (a.serviceType && !a.deployment && rows.ctxRows.length === 0) throw appError(ErrorCode.NOT_FOUND, `Service type ${a.serviceType} not found`, { field: 'serviceType' });
    if (c.designation && !rows.ctxRows.some((r) => r.designations.some((z) => z.id === c.designation))) {
      throw appError(ErrorCode.NOT_FOUND, `Designation ${c.designation} not found`, { field: 'context.designation' });
    }
  });
}

export interface InstrumentGroup {
  regulationId: string;
  amendmentIds: string[];
  changes: ChangeOut[];
}

/**
 * What takes effect in the next `months` months for every service type (in the default context)
 * and every institution's deployment (with its designations), grouped by the instrument behind the
 * change: the amendment's or law's regulation, else (a designation's date) the obligation's own.
 */
export async function upcomingChanges(ctx: Ctx, a: { months: number; from?: string | null }): Promise<InstrumentGroup[]> {
  if (!Number.isInteger(a.months) || a.months < 1 || a.months > MAX_UPCOMING_MONTHS) throw badInput(`months must be between 1 and ${MAX_UPCOMING_MONTHS}`, 'months');
  const from = a.from ?? today();
  if (!isIsoDate(from)) throw badInput('from must be YYYY-MM-DD', 'from');
  const to = addMonths(from, a.months);
  const types = await ctx.exec.read('serviceTypeIds', Q.SERVICE_TYPE_IDS, { limit: MAX_UPCOMING_SUBJECTS });
  const deployments = await ctx.exec.read('allDeploymentSubjects', Q.ALL_DEPLOYMENT_SUBJECTS, { limit: MAX_UPCOMING_SUBJECTS });
  const subjects: Subject[] = [
    ...types.map((r) => subjectOf(`svc|${String(r.id)}`, String(r.id), {})),
    ...deployments.map((r) => deploymentSubject(`dep|${String(r.deploymentId)}`, r, {})),
  ];
  const found = await feed(ctx, subjects, {}, from, to, 'months');
  const groups = new Map<string, InstrumentGroup>();
  for (const ch of found) {
    const regulationId = ch.causes.find((x) => x.regulationId)?.regulationId ?? ch.cand.provisions[0]?.regulationId ?? 'unknown';
    const g = groups.get(regulationId) ?? { regulationId, amendmentIds: [], changes: [] };
    for (const x of ch.causes) if (x.amendment && !g.amendmentIds.includes(x.amendment.id)) g.amendmentIds.push(x.amendment.id);
    g.changes.push(ch);
    groups.set(regulationId, g);
  }
  return [...groups.values()].sort((x, y) => (x.changes[0]!.on < y.changes[0]!.on ? -1 : x.changes[0]!.on > y.changes[0]!.on ? 1 : x.regulationId.localeCompare(y.regulationId)));
}

export const changeResolvers = {
  ApplicabilityChange: {
    obligation: (ch: ChangeOut, _: unknown, ctx: Ctx) => ctx.loaders.obligation.load(ch.obligationId),
    serviceType: (ch: ChangeOut) => ({ id: ch.serviceTypeId }),
    deployment: (ch: ChangeOut) => (ch.deploymentId ? { id: ch.deploymentId } : null),
    cause: (ch: ChangeOut) => ch.causes[0] ?? null,
    explanation: (ch: ChangeOut, a: { language?: Language }) => changeExplanation(ch, a.language),
  },
  ChangeCause: {
    regulation: (c: Cause) => (c.regulationId ? { id: c.regulationId } : null),
    amendment: (c: Cause) => (c.amendment ? { id: c.amendment.id } : null),
    designation: (c: Cause) => (c.designationId ? { id: c.designationId } : null),
    provision: (c: Cause) => (c.provisionId ? { id: c.provisionId } : null),
    description: (c: Cause, a: { language?: Language }) => causeText(c, a.language),
  },
  ProvisionTextDiff: {
    provision: (d: TextDiffOut) => ({ id: d.provisionId }),
    patch: (d: TextDiffOut) => patchOf(d),
  },
  InstrumentChanges: {
    regulation: (g: InstrumentGroup) => ({ id: g.regulationId }),
    amendments: (g: InstrumentGroup) => g.amendmentIds.map((id) => ({ id })),
  },
};
