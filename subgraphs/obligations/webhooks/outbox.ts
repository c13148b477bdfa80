/**
 * The outbox's producer: after the data version moves (an apply) or the day changes, every
 * subscription whose snapshot is older is recomputed, diffed, and — when its report changed — one
 * outbox entry is written with the new snapshot, in one transaction, keyed by (subscription, change
 * set) or (subscription, day). Runs beside the apply, never inside it: an apply only nudges it.
 */
import { createHash } from 'node:crypto';
import type { Config } from '../../../lib/config.ts';
import { log } from '../../../lib/logger.ts';
import { observeWebhookOutbox } from '../../../lib/metrics.ts';
import type { Executor } from '../../../lib/neo4j.ts';
import { readDataVersion } from '../../shared/data-version.ts';
import * as Q from './cypher.ts';
import { backgroundContext, computeSnapshot, diffSnapshots, type EventItem, type Snapshot, type Watch } from './snapshot.ts';

/** Subscriptions refreshed per pass; the rest wait for the next pass (a second later). */
const PER_PASS = 200;
/** Longer than one refresh takes (a feed over 20 years: ~0.1–1 s at base size on a loaded 2-core machine). */
const REFRESH_LEASE_MS = 30_000;
/** Finished deliveries a subscription's log keeps (README "Webhooks"). */
export const LOG_KEEP = 200;

export interface SubscriptionRow {
  id: string;
  owner: string;
  serviceType: string | null;
  deployment: string | null;
  institution: string | null;
  context: string | null;
  snapshot: string;
  snapshotVersion: number;
  snapshotDay: string;
}

export const watchOf = (s: Pick<SubscriptionRow, 'serviceType' | 'deployment' | 'institution' | 'context'>): Watch => ({
  serviceType: s.serviceType ?? null,
  deployment: s.deployment ?? null,
  institution: s.institution ?? null,
  context: s.context ? (JSON.parse(s.context) as Watch['context']) : null,
});

/**
 * The snapshot of `watch` on `day` and the data version it was read at. Reads go straight to Neo4j;
 * the version is read before and after, and since every apply moves it in its own transaction, equal
 * versions mean every read saw that version (else it is read again).
 */
export async function snapshotAt(config: Config, exec: Executor, watch: Watch, day: string): Promise<{ snapshot: Snapshot; version: number } | null> {
  for (let i = 0; i < 3; i++) {
    const before = await readDataVersion(exec);
    const snapshot = await computeSnapshot(backgroundContext(config, exec), watch, day, config.webhooks.horizonMonths);
    if ((await readDataVersion(exec)) === before) return { snapshot, version: before };
  }
  return null;
}

export const deliveryIdOf = (subscriptionId: string, trigger: string) => `whd_${createHash('sha256').update(`${subscriptionId}|${trigger}`).digest('hex').slice(0, 32)}`;

/** The body POSTed (fixed when the entry is written: every retry sends the same bytes), cut to WEBHOOK_MAX_PAYLOAD_BYTES. */
export function deliveryBody(b: { id: string; subscription: SubscriptionRow; trigger: Record<string, unknown>; day: string; events: EventItem[] }, maxBytes: number): string {
  const w = watchOf(b.subscription);
  let changes = b.events;
  for (;;) {
    const body = JSON.stringify({
      id: b.id,
      type: 'regkg.changes',
      subscription: b.subscription.id,
      createdAt: new Date().toISOString(),
      trigger: b.trigger,
      asOf: b.day,
      watch: w,
      changeCount: b.events.length,
      truncated: changes.length < b.events.length,
      changes,
    });
    if (Buffer.byteLength(body) <= maxBytes || changes.length === 0) return body;
    changes = changes.slice(0, Math.floor(changes.length * 0.8));
  }
}

export class Outbox {
  constructor(
    private readonly config: Config,
    private readonly exec: Executor,
    private readonly today: () => string,
  ) {}

  /** One pass over the stale subscriptions; returns the entries written. */
  async refresh(): Promise<number> {
    const day = this.today();
    const [state] = await this.exec.read('webhookState', Q.WEBHOOK_STATE);
    if (!Number(state?.subscriptions ?? 0)) return 0;
    const version = Number(state!.version);
    const rows = await this.exec.read('webhookStaleSubscriptions', Q.STALE_SUBSCRIPTIONS, { version, day, limit: PER_PASS });
    let written = 0;
    // Subscriptions watching the same report share one computation of its feed in a pass.
    const feeds = new Map<string, ReturnType<typeof snapshotAt>>();
    for (const { id } of rows) {
      const [claimed] = await this.exec.write('webhookClaimRefresh', Q.CLAIM_REFRESH, { id, version, day, leaseMs: REFRESH_LEASE_MS });
      if (!claimed) continue;
      const s = claimed.s as SubscriptionRow;
      try {
        written += await this.refreshOne(s, day, feeds);
      } catch (err) {
        // One subscription whose subject left the graph must not hold up the others; it is tried
        // again when its lease runs out.
        log.warn({ service: 'webhooks', subscription: s.id, err: (err as Error).message }, 'webhook snapshot not refreshed');
      }
    }
    return written;
  }

  private async refreshOne(s: SubscriptionRow, day: string, feeds: Map<string, ReturnType<typeof snapshotAt>>): Promise<number> {
    const watch = watchOf(s);
    const key = JSON.stringify([watch.serviceType, watch.deployment, watch.institution, s.context]);
    let pending = feeds.get(key);
    if (!pending) feeds.set(key, (pending = snapshotAt(this.config, this.exec, watch, day)));
    const at = await pending;
    // No consistent read, or one older than this subscription has seen (another process moved it meanwhile): next pass.
    if (!at || at.version < s.snapshotVersion) {
      await this.exec.write('webhookReleaseRefresh', Q.RELEASE_REFRESH, { id: s.id });
      return 0;
    }
    const old = JSON.parse(s.snapshot) as Snapshot;
    const events = diffSnapshots(old, at.snapshot);
    let delivery: Record<string, unknown> | null = null;
    if (events.length > 0) {
      const applied = at.version > s.snapshotVersion;
      const sets = applied ? await this.exec.read('webhookChangeSets', Q.CHANGE_SETS_BETWEEN, { since: s.snapshotVersion, until: at.version }) : [];
      const last = sets[sets.length - 1];
      const key = applied ? `cs:${String(last?.id ?? `v${at.version}`)}` : `date:${day}`;
      const id = deliveryIdOf(s.id, key);
      const trigger = applied
        ? { kind: 'CHANGE_SET', dataVersion: at.version, changeSets: sets.map((c) => ({ id: c.id, appliedAt: c.appliedAt, summary: c.summary })) }
        : { kind: 'DATE', date: day };
      delivery = {
        id,
        key: `${s.id}|${key}`,
        trigger: trigger.kind,
        changeSets: sets.map((c) => String(c.id)),
        date: applied ? null : day,
        changeCount: events.length,
        body: deliveryBody({ id, subscription: s, trigger, day, events }, this.config.webhooks.maxPayloadBytes),
      };
    }
    const done = await this.exec.write('webhookAdvanceSnapshot', Q.ADVANCE_SNAPSHOT, {
      id: s.id,
      oldVersion: s.snapshotVersion,
      oldDay: s.snapshotDay,
      snapshot: JSON.stringify(at.snapshot),
      version: at.version,
      day,
      delivery,
    });
    // No row: another process moved this snapshot first (and wrote the entry, if any).
    if (!done[0] || !delivery) return 0;
    observeWebhookOutbox(delivery.trigger === 'DATE' ? 'date' : 'change_set');
    await this.exec.write('webhookPruneLog', Q.PRUNE_LOG, { id: s.id, keep: LOG_KEEP });
    log.info({ service: 'webhooks', subscription: s.id, delivery: delivery.id, trigger: delivery.trigger, changes: events.length }, 'webhook outbox entry');
    return 1;
  }
}
