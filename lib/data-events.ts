/**
 * In-process news that the graph changed: the seed mutations announce a committed apply so that
 * the webhook outbox of the same process looks at once instead of at its next poll. Listeners must
 * not throw and must not make the apply wait (the emitter calls them after the answer is built).
 */
import { EventEmitter } from 'node:events';

export const dataEvents = new EventEmitter();
dataEvents.setMaxListeners(50);

/** After a committed apply that changed the graph; never awaited by the apply. */
export function announceApplied(dataVersion: number): void {
  setImmediate(() => dataEvents.emit('applied', dataVersion));
}
