/**
 * Commits this process makes to the graph (the seed loader's apply), counted and announced. Caches
 * that trust a known data version for a while (subgraphs/shared/data-version.ts) ask again as soon as
 * the count moves, so a question asked in the same process right after an apply sees the new graph at
 * once; the webhook outbox of the same process (subgraphs/obligations/webhooks/) looks at once instead
 * of at its next poll. Other processes (other SERVE_WORKERS, a CLI apply) notice within their trust
 * window or poll, as before.
 */
import { EventEmitter } from 'node:events';

let commits = 0;

/** 'applied' (dataVersion): after a committed apply. Listeners must not throw; the apply never waits for them. */
export const dataEvents = new EventEmitter();
dataEvents.setMaxListeners(50);

/** Called after a transaction that changed the graph has committed. */
export function graphChanged(dataVersion: number): void {
  commits += 1;
  setImmediate(() => dataEvents.emit('applied', dataVersion));
}

/** How many changes this process has committed so far. */
export function graphChanges(): number {
  return commits;
}
