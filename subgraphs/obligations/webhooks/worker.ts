/**
 * The outbox's consumer: claims due entries with a lease in Neo4j (so that cluster workers and other
 * instances never POST the same entry at once), POSTs each signed, records every attempt, and retries
 * with exponential back-off and jitter up to WEBHOOK_MAX_ATTEMPTS. Pending entries are in Neo4j, so a
 * restarted process simply finds them due.
 */
import { randomUUID } from 'node:crypto';
import os from 'node:os';
import type { WebhookConfig } from '../../../lib/webhook-config.ts';
import { log } from '../../../lib/logger.ts';
import { observeWebhookDelivery } from '../../../lib/metrics.ts';
import type { Executor } from '../../../lib/neo4j.ts';
import { postSigned, signature, subscriptionSecret } from '../../../lib/webhook-http.ts';
import * as Q from './cypher.ts';

/** POSTs one process has in flight at most: a hung receiver holds one slot until WEBHOOK_TIMEOUT_MS. */
const PARALLEL = 8;

/** Delay before attempt `n + 1` after `n` failures: base·2^(n-1), at most the cap, then 50–100 % of it (jitter spreads retries). */
export function backoffMs(failures: number, baseMs: number, maxMs: number, random = Math.random): number {
  const exp = Math.min(maxMs, baseMs * 2 ** Math.min(30, failures - 1));
  return Math.round(exp * (0.5 + random() * 0.5));
}

interface Claimed {
  body: string;
  attempts: number;
  url: string;
  subscriptionId: string;
}

export class DeliveryWorker {
  private readonly inFlight = new Set<Promise<void>>();
  /** This process in the lease: host, pid and a per-start nonce (a restarted process is a new owner). */
  private readonly owner = `${os.hostname()}:${process.pid}:${randomUUID().slice(0, 8)}`;

  constructor(
    private readonly wh: WebhookConfig,
    private readonly exec: Executor,
  ) {}

  /** Long enough for the POST and its record; after it, a crashed owner's entry is due again. */
  private get leaseMs(): number {
    return 2 * this.wh.timeoutMs + 10_000;
  }

  /** Claims and starts what is due (not awaiting the POSTs); returns how many were started. */
  async runDue(): Promise<number> {
    const room = PARALLEL - this.inFlight.size;
    if (room <= 0) return 0;
    const due = await this.exec.read('webhookDueDeliveries', Q.DUE_DELIVERIES, { limit: room });
    let started = 0;
    for (const { id } of due) {
      const claimed = (await this.exec.write('webhookClaimDelivery', Q.CLAIM_DELIVERY, { id, owner: this.owner, leaseMs: this.leaseMs }))[0] as Claimed | undefined;
      if (!claimed) continue;
      const p: Promise<void> = this.send(String(id), claimed)
        .catch((err: Error) => log.error({ service: 'webhooks', delivery: id, err: err.message }, 'webhook attempt not recorded (retried after the lease)'))
        .finally(() => this.inFlight.delete(p));
      this.inFlight.add(p);
      started += 1;
    }
    return started;
  }

  private async send(id: string, c: Claimed): Promise<void> {
    const attempt = Number(c.attempts) + 1;
    const timestamp = Math.floor(Date.now() / 1000);
    const secret = subscriptionSecret(this.wh.signingSecret, c.subscriptionId);
    const r = await postSigned(
      c.url,
      c.body,
      {
        'x-regkg-delivery': id,
        'x-regkg-event': 'changes',
        'x-regkg-attempt': String(attempt),
        'x-regkg-timestamp': String(timestamp),
        'x-regkg-signature': signature(secret, timestamp, c.body),
      },
      { timeoutMs: this.wh.timeoutMs, allowedHosts: this.wh.allowedHosts },
    );
    const ok = r.statusCode !== null && r.statusCode >= 200 && r.statusCode < 300;
    const [row] = await this.exec.write('webhookRecordAttempt', Q.RECORD_ATTEMPT, {
      id,
      attemptId: `${id}#${randomUUID()}`,
      owner: this.owner,
      ok,
      statusCode: r.statusCode,
      error: r.error,
      durationMs: r.durationMs,
      maxAttempts: this.wh.maxAttempts,
      retryInMs: backoffMs(attempt, this.wh.retryBaseMs, this.wh.retryMaxMs),
    });
    const status = row ? String(row.status) : 'lease_lost';
    const outcome = ok ? 'delivered' : status === 'FAILED' ? 'failed' : 'retry';
    observeWebhookDelivery(outcome);
    const line = { service: 'webhooks', delivery: id, subscription: c.subscriptionId, attempt, statusCode: r.statusCode, durationMs: r.durationMs, outcome, ...(r.error ? { error: r.error } : {}) };
    if (ok) log.info(line, 'webhook delivered');
    else log.warn(line, outcome === 'failed' ? 'webhook failed, giving up' : 'webhook attempt failed');
  }

  /** Waits for the POSTs in flight (each bounded by WEBHOOK_TIMEOUT_MS) and their records. */
  async drain(): Promise<void> {
    await Promise.allSettled([...this.inFlight]);
  }
}
