/**
 * What a subscription has been told: its watched report's change feed over a window around today,
 * computed by `changes(...)` itself (changes-query.ts), never by a second engine. Diffing the snapshot
 * before and after an apply (or a day passing) gives what to notify: changes the apply added or
 * withdrew, and announced changes whose date has come.
 */
import { addMonths } from '../../../lib/dates.ts';
import type { Config } from '../../../lib/config.ts';
import { Executor } from '../../../lib/neo4j.ts';
import type { BaseContext } from '../../shared/context.ts';
import { changes, MAX_WINDOW_MONTHS } from '../changes-query.ts';
import type { ChangeOut } from '../changes.ts';
import { createLoaders, type ObligationsLoaders } from '../loaders.ts';
import type { ContextInput } from '../reports.ts';

export interface Watch {
  serviceType: string | null;
  deployment: string | null;
  institution: string | null;
  context: ContextInput | null;
}

export interface ChangeItem {
  on: string;
  kind: string;
  obligationId: string;
  before: string | null;
  after: string | null;
  serviceTypeId: string;
  deploymentId: string | null;
  causes: { kind: string; amendmentId: string | null; regulationId: string | null; designationId: string | null; estimated: boolean }[];
  /** Provisions whose text changes on `on`. */
  provisionIds: string[];
}

export interface Snapshot {
  day: string;
  from: string;
  to: string;
  items: ChangeItem[];
}

export type WebhookEvent = 'NEW' | 'WITHDRAWN' | 'IN_EFFECT';
export type EventItem = ChangeItem & { event: WebhookEvent };

const keyOf = (c: ChangeItem) => `${c.deploymentId ?? c.serviceTypeId}|${c.on}|${c.kind}|${c.obligationId}|${c.before}|${c.after}`;

function itemOf(c: ChangeOut): ChangeItem {
  return {
    on: c.on,
    kind: c.kind,
    obligationId: c.obligationId,
    before: c.before,
    after: c.after,
    serviceTypeId: c.serviceTypeId,
    deploymentId: c.deploymentId,
    causes: c.causes.map((x) => ({ kind: x.kind, amendmentId: x.amendment?.id ?? null, regulationId: x.regulationId, designationId: x.designationId, estimated: x.estimated })),
    provisionIds: c.textDiffs.map((d) => d.provisionId),
  };
}

/** A context for `changes` outside a request: no caller, no shared caches (reads see Neo4j as it is now). */
export function backgroundContext(config: Config, exec: Executor): BaseContext<ObligationsLoaders> {
  return { config, exec, loaders: createLoaders(exec, { jurisdictions: ['KR'] }), caller: null };
}

/**
 * The feed over the widest window `changes` answers, ending `horizonMonths` after `day`: an amendment
 * applied today with an effective date years back still shows as a change on that date.
 */
export async function computeSnapshot(ctx: BaseContext<ObligationsLoaders>, watch: Watch, day: string, horizonMonths: number): Promise<Snapshot> {
  const to = addMonths(day, horizonMonths);
  const from = addMonths(to, -MAX_WINDOW_MONTHS);
  const found = await changes(ctx, { from, to, serviceType: watch.serviceType, deployment: watch.deployment, institution: watch.institution, context: watch.context });
  return { day, from, to, items: found.map(itemOf) };
}

/**
 * Events between two snapshots, in date order. NEW: in the new feed, not the old, within the old
 * window (a change that merely enters the horizon as days pass is not news of an apply). WITHDRAWN:
 * in the old feed, not the new, still within the new window. IN_EFFECT: in both, dated after the old
 * snapshot's day and no later than the new one's.
 */
export function diffSnapshots(old: Snapshot, next: Snapshot): EventItem[] {
  const oldKeys = new Set(old.items.map(keyOf));
  const newKeys = new Set(next.items.map(keyOf));
  const out: EventItem[] = [];
  for (const c of next.items) if (!oldKeys.has(keyOf(c)) && c.on <= old.to) out.push({ event: 'NEW', ...c });
  for (const c of old.items) {
    if (!newKeys.has(keyOf(c))) {
      if (c.on >= next.from) out.push({ event: 'WITHDRAWN', ...c });
    } else if (c.on > old.day && c.on <= next.day) out.push({ event: 'IN_EFFECT', ...c });
  }
  return out.sort((a, b) => (a.on < b.on ? -1 : a.on > b.on ? 1 : keyOf(a).localeCompare(keyOf(b))));
}
