/**
 * The change feed a plan would cause (issue 17): the flagship engine's feed (feedChanges, the one the
 * `changes` query runs) computed on the graph as it is and on the graph as the apply would leave it,
 * and compared. The reads go through a Reader, so the "after" side runs inside the apply's own
 * transaction, which seed/plan.ts then rolls back.
 *
 * Bounds: the window is the span of the dates the plan writes or moves (at most MAX_WINDOW_MONTHS,
 * or --from/--to); the subjects are every service type (without an institution type, and as each
 * institution type the touched obligations name) and every deployment, at most MAX_PLAN_SUBJECTS.
 */
import { addMonths, isIsoDate, today } from '../lib/dates.ts';
import { badInput } from '../lib/errors.ts';
import type { Reader } from '../lib/neo4j.ts';
import { StringTable } from '../lib/string-table.ts';
import { loadRows, type EngineIndexes, type Subject } from '../subgraphs/obligations/applicability.ts';
import type { ChangeOut } from '../subgraphs/obligations/changes.ts';
import { feedChanges, MAX_WINDOW_MONTHS, type FeedReads } from '../subgraphs/obligations/changes-query.ts';
import { changeExplanation } from '../subgraphs/obligations/changes-wording.ts';
import * as Q from '../subgraphs/obligations/cypher.ts';
import { readObligationIndex } from '../subgraphs/obligations/obligation-index.ts';
import { deploymentSubject, optionsOf, subjectOf } from '../subgraphs/obligations/reports.ts';
import { readSubjectIndex } from '../subgraphs/obligations/subject-index.ts';
import { SPEC } from './graph-model.ts';
import type { Diff } from './planner.ts';

/** Subjects one plan evaluates at most (service types × institution types, and deployments). */
export const MAX_PLAN_SUBJECTS = 5000;

export interface PlanFeedOptions {
  /** The window (YYYY-MM-DD, both included); by default the span of the dates the plan writes. */
  from?: string | null;
  to?: string | null;
}

export interface PlanFeedCause {
  kind: string;
  amendmentId: string | null;
  designationId: string | null;
  provisionId: string | null;
  regulationId: string | null;
}

export interface PlanFeedChange {
  /** CAUSED: the apply adds this change to the feed; CANCELLED: the feed has it now and would lose it. */
  effect: 'CAUSED' | 'CANCELLED';
  on: string;
  kind: string;
  before: string | null;
  after: string | null;
  obligationId: string;
  serviceTypeId: string;
  deploymentId: string | null;
  institutionId: string | null;
  /** For a service type: the institution types it holds for ([] = whatever the provider's type). */
  institutionTypes: string[];
  causes: PlanFeedCause[];
  explanationKo: string;
  explanationEn: string;
}

export interface PlanFeed {
  from: string;
  to: string;
  /** Subjects evaluated on each side. */
  subjects: number;
  changes: PlanFeedChange[];
  /** Why the feed is narrower than asked (window or subjects cut), if it is. */
  note: string | null;
}

/** What the plan touches, by id, for the institution types worth asking about. */
export interface Touched {
  obligationIds: string[];
  obligationVersionIds: string[];
  provisionIds: string[];
  provisionVersionIds: string[];
}

const ISO = /^\d{4}-\d{2}-\d{2}$/;

export function touchedOf(diff: Diff): Touched {
  const t = { Obligation: new Set<string>(), ObligationVersion: new Set<string>(), Provision: new Set<string>(), ProvisionVersion: new Set<string>() };
  const add = (label: string, id: string) => t[label as keyof typeof t]?.add(id);
  for (const n of [...diff.created, ...diff.updated, ...diff.deleted]) add(n.label, n.id);
  for (const m of [diff.relAdds, diff.relDels]) for (const [spec, rows] of m) for (const r of rows) add(SPEC[spec]!.owner, r.owner);
  return { obligationIds: [...t.Obligation], obligationVersionIds: [...t.ObligationVersion], provisionIds: [...t.Provision], provisionVersionIds: [...t.ProvisionVersion] };
}

/**
 * The window: the dates the plan writes, moves or deletes (version bounds, effective and promulgation
 * dates, designation dates), unless given; at most MAX_WINDOW_MONTHS, keeping the latest dates.
 */
export function windowOf(diff: Diff, opts: PlanFeedOptions): { from: string; to: string; note: string | null } {
  for (const [name, v] of [['From', opts.from], ['To', opts.to]] as const) {
    if (v && !isIsoDate(v)) throw badInput(`the feed's window: --${name.toLowerCase()} (feed${name}) must be YYYY-MM-DD, got "${v}"`, `feed${name}`);
  }
  const dates: string[] = [];
  // Of an updated node, only the properties that change (a closed version's start does not move).
  const scan = (props: Record<string, unknown> | undefined, names: readonly string[] | null) => {
    for (const [k, v] of Object.entries(props ?? {})) if ((!names || names.includes(k)) && v !== null && v !== undefined && ISO.test(String(v))) dates.push(String(v));
  };
  for (const n of diff.created) scan(diff.desired.get(n.label, n.id)?.props, null);
  for (const n of diff.deleted) scan(diff.graph.get(n.label, n.id)?.props, null);
  for (const n of diff.updated) {
    scan(diff.desired.get(n.label, n.id)?.props, n.props);
    scan(diff.graph.get(n.label, n.id)?.props, n.props);
  }
  dates.sort();
  let from = opts.from ?? dates[0] ?? today();
  const to = opts.to ?? (dates.length ? dates[dates.length - 1]! : addMonths(from, 12));
  if (to < from) throw badInput(`the feed's window ends (${to}, --to / feedTo) before it starts (${from}, --from / feedFrom)`, opts.to ? 'feedTo' : 'feedFrom');
  let note: string | null = dates.length || opts.from || opts.to ? null : 'the plan writes no date: the window is the next 12 months';
  if (addMonths(from, MAX_WINDOW_MONTHS) < to) {
    from = addMonths(to, -MAX_WINDOW_MONTHS);
    note = `the window is cut to the ${MAX_WINDOW_MONTHS / 12} years before ${to} (from ${from})`;
  }
  return { from, to, note };
}

const TOUCHED_INSTITUTION_TYPES = `
MATCH (o:Obligation)
WHERE o.id IN $obligationIds
   OR EXISTS { (o)-[:HAS_VERSION]->(v:ObligationVersion) WHERE v.id IN $obligationVersionIds }
   OR EXISTS { (o)-[:DERIVED_FROM]->(p:Provision) WHERE p.id IN $provisionIds
               OR EXISTS { (p)-[:HAS_VERSION]->(pv:ProvisionVersion) WHERE pv.id IN $provisionVersionIds } }
OPTIONAL MATCH (o)-[:ADDRESSED_TO]->(r:AddresseeRole)
UNWIND coalesce(o.triggerInstitutionTypes, []) + coalesce(r.institutionTypes, []) AS t
RETURN collect(DISTINCT t) AS types`;

/** The graph's subjects as one side sees them: service type ids, deployments, institution types the touched obligations name. */
export interface SideSubjects {
  serviceTypeIds: string[];
  deployments: Record<string, unknown>[];
  institutionTypes: string[];
}

export async function readSideSubjects(reader: Reader, touched: Touched): Promise<SideSubjects> {
  const limit = MAX_PLAN_SUBJECTS + 1;
  const types = await reader.read('serviceTypeIds', Q.SERVICE_TYPE_IDS, { limit });
  const deployments = await reader.read('allDeploymentSubjects', Q.ALL_DEPLOYMENT_SUBJECTS, { limit });
  const [row] = await reader.read('touchedInstitutionTypes', TOUCHED_INSTITUTION_TYPES, { ...touched });
  return { serviceTypeIds: types.map((r) => String(r.id)), deployments, institutionTypes: ((row?.types ?? []) as string[]).sort() };
}

/**
 * The subjects of each side, keyed alike: a subject that does not exist on one side has no context
 * there, so it has no changes there. Institution types are those of both sides.
 */
export function subjectsOf(before: SideSubjects, after: SideSubjects): { before: Subject[]; after: Subject[]; note: string | null } {
  const types = [null, ...new Set([...before.institutionTypes, ...after.institutionTypes])];
  const svcIds = [...new Set([...before.serviceTypeIds, ...after.serviceTypeIds])];
  const svc = svcIds.flatMap((id) => types.map((t) => subjectOf(`svc|${id}|${t ?? ''}`, id, t ? { institutionType: t } : {})));
  const side = (s: SideSubjects) => [...svc, ...s.deployments.map((r) => deploymentSubject(`dep|${String(r.deploymentId)}|${String(r.institutionId ?? '')}`, r, {}))];
  const b = side(before);
  const a = side(after);
  const total = Math.max(b.length, a.length);
  const note = total > MAX_PLAN_SUBJECTS ? `only the first ${MAX_PLAN_SUBJECTS} of ${total} subjects are evaluated` : null;
  return { before: b.slice(0, MAX_PLAN_SUBJECTS), after: a.slice(0, MAX_PLAN_SUBJECTS), note };
}

/** The feed of one side, through the engine with its in-memory indexes read once from `reader`. */
export async function sideFeed(reader: Reader, subjects: Subject[], from: string, to: string): Promise<ChangeOut[]> {
  let obligations: ReturnType<typeof readObligationIndex> | null = null;
  let subjectIndex: ReturnType<typeof readSubjectIndex> | null = null;
  const indexes: EngineIndexes = {
    obligations: () => (obligations ??= readObligationIndex(reader)),
    subjects: () => (subjectIndex ??= readSubjectIndex(reader)),
    strings: new StringTable(),
  };
  const reads: FeedReads = { reader, indexes, rowsOf: (s) => loadRows(reader, s, indexes) };
  return feedChanges(reads, subjects, optionsOf({}, from), from, to, 'feedTo');
}

const keyOf = (c: ChangeOut) => [c.on, c.kind, c.obligationId, c.before ?? '', c.after ?? '', c.causes.map((x) => `${x.kind}:${x.amendment?.id ?? x.designationId ?? ''}`).join(',')].join('|');

/**
 * What the apply changes in the feed: changes only the after side has (CAUSED), changes only the
 * before side has (CANCELLED). A service type's change that holds for several institution types is
 * one entry listing them; one that holds without an institution type lists none.
 */
export function compareFeeds(before: ChangeOut[], after: ChangeOut[]): PlanFeedChange[] {
  const has = (list: ChangeOut[]) => new Set(list.map((c) => `${c.subjectKey}|${keyOf(c)}`));
  const inBefore = has(before);
  const inAfter = has(after);
  const out = new Map<string, PlanFeedChange>();
  const take = (list: ChangeOut[], other: Set<string>, effect: PlanFeedChange['effect']) => {
    for (const c of list) {
      if (other.has(`${c.subjectKey}|${keyOf(c)}`)) continue;
      const [kind, id, extra] = c.subjectKey.split('|') as [string, string, string];
      const group = `${effect}|${kind}|${id}|${keyOf(c)}`;
      const seen = out.get(group);
      if (seen) {
        // The change also holds for this institution type; without a type it holds for any.
        if (kind === 'svc' && seen.institutionTypes.length > 0) seen.institutionTypes = extra ? [...seen.institutionTypes, extra] : [];
        continue;
      }
      out.set(group, {
        effect,
        on: c.on,
        kind: c.kind,
        before: c.before,
        after: c.after,
        obligationId: c.obligationId,
        serviceTypeId: c.serviceTypeId,
        deploymentId: c.deploymentId,
        institutionId: kind === 'dep' && extra ? extra : null,
        institutionTypes: kind === 'svc' && extra ? [extra] : [],
        causes: c.causes.map((x) => ({ kind: x.kind, amendmentId: x.amendment?.id ?? null, designationId: x.designationId, provisionId: x.provisionId, regulationId: x.regulationId })),
        explanationKo: changeExplanation(c, 'KO'),
        explanationEn: changeExplanation(c, 'EN'),
      });
    }
  };
  take(after, inBefore, 'CAUSED');
  take(before, inAfter, 'CANCELLED');
  return [...out.values()].sort((x, y) => (x.on < y.on ? -1 : x.on > y.on ? 1 : 0) || x.serviceTypeId.localeCompare(y.serviceTypeId) || x.obligationId.localeCompare(y.obligationId));
}
