/**
 * Runs the outbox (producer) and the delivery worker (consumer) in a process serving the obligations
 * subgraph: at start (which resumes entries a previous process left pending, and catches up on
 * applies and days missed meanwhile), every WEBHOOK_POLL_MS, and at once when this process applied a
 * change set. Each loop runs one pass at a time; a nudge during a pass asks for one more.
 */
import type { Driver } from 'neo4j-driver';
import type { Config } from '../../../lib/config.ts';
import { dataEvents } from '../../../lib/data-changes.ts';
import { today } from '../../../lib/dates.ts';
import { log } from '../../../lib/logger.ts';
import { Executor } from '../../../lib/neo4j.ts';
import { Outbox } from './outbox.ts';
import { DeliveryWorker } from './worker.ts';

class Loop {
  private running: Promise<void> | null = null;
  private again = false;
  stopped = false;
  private lastError = '';
  private lastErrorAt = 0;

  constructor(
    private readonly name: string,
    private readonly pass: () => Promise<unknown>,
    private readonly after?: () => void,
  ) {}

  nudge(): void {
    if (this.stopped) return;
    if (this.running) {
      this.again = true;
      return;
    }
    this.running = (async () => {
      do {
        this.again = false;
        try {
          await this.pass();
          this.after?.();
        } catch (err) {
          // Neo4j down makes every pass fail: one line per distinct error per minute, not one per poll.
          const msg = (err as Error).message;
          if (msg !== this.lastError || Date.now() - this.lastErrorAt > 60_000) log.warn({ service: 'webhooks', loop: this.name, err: msg }, 'webhook pass failed; retried at the next poll');
          this.lastError = msg;
          this.lastErrorAt = Date.now();
        }
      } while (this.again && !this.stopped);
    })().finally(() => (this.running = null));
  }

  async stop(): Promise<void> {
    this.stopped = true;
    await this.running;
  }
}

export class WebhookService {
  private readonly outbox: Loop;
  private readonly deliveries: Loop;
  private readonly worker: DeliveryWorker;
  private timer: NodeJS.Timeout | null = null;
  private readonly onApplied = () => this.outbox.nudge();

  constructor(
    private readonly config: Config,
    driver: Driver,
  ) {
    // Uncounted: the N+1 tests count the queries of requests, and this runs beside them.
    const exec = new Executor(driver, config.neo4j.database, config.neo4j.queryTimeoutMs, false);
    const outbox = new Outbox(config, exec, config.webhooks.clock ?? today);
    this.worker = new DeliveryWorker(config.webhooks, exec);
    this.deliveries = new Loop('deliveries', () => this.worker.runDue());
    this.outbox = new Loop('outbox', () => outbox.refresh(), () => this.deliveries.nudge());
  }

  start(): void {
    if (!this.config.webhooks.enabled || this.timer) return;
    dataEvents.on('applied', this.onApplied);
    this.timer = setInterval(() => {
      this.outbox.nudge();
      this.deliveries.nudge();
    }, this.config.webhooks.pollMs);
    this.timer.unref();
    this.outbox.nudge();
    this.deliveries.nudge();
  }

  /** Stops polling, finishes the passes and the POSTs in flight (recorded before the driver closes). */
  async stop(): Promise<void> {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
    dataEvents.off('applied', this.onApplied);
    await Promise.all([this.outbox.stop(), this.deliveries.stop()]);
    await this.worker.drain();
  }
}
