/**
 * Graceful shutdown of a serving process. On SIGTERM (what a supervisor, systemd or Kubernetes
 * sends; SIGINT too, for a terminal): `/readyz` turns 503 at once, the process stops accepting
 * connections, in-flight requests get SHUTDOWN_GRACE_MS to finish (Apollo's drain plugin on each
 * listener, given the same bound), then the Neo4j driver is closed and the process exits 0.
 *
 * A stop that hangs anyway (a driver that never closes) is cut off a little after the bound, with
 * exit code 1, so that a supervisor can tell and nothing waits forever.
 */
import { markStopping } from './health.ts';
import { log } from './logger.ts';

/** Time beyond the grace period for closing the driver and the listeners before the process is cut off. */
const CLOSE_MARGIN_MS = 5000;

/**
 * Installs the SIGTERM/SIGINT handlers of a serving process; `stop` drains its servers and closes
 * its driver. Returns the shutdown function, for other triggers (a supervisor that is gone).
 */
export function stopOnSignals(what: string, stop: () => Promise<void>, graceMs: number): (reason: string) => void {
  let stopping = false;
  const shutdown = (reason: string): void => {
    if (stopping) return;
    stopping = true;
    markStopping();
    const t0 = Date.now();
    log.info({ service: what, reason, graceMs }, 'stopping: no new connections; in-flight requests may finish');
    setTimeout(() => {
      log.error({ service: what, graceMs }, `not stopped ${CLOSE_MARGIN_MS} ms after the grace period; exiting`);
      process.exit(1);
    }, graceMs + CLOSE_MARGIN_MS).unref();
    stop().then(
      () => {
        log.info({ service: what, durationMs: Date.now() - t0 }, 'stopped: requests finished, Neo4j driver closed');
        process.exit(0);
      },
      (err: unknown) => {
        log.error({ service: what, err }, 'stopping failed');
        process.exit(1);
      },
    );
  };
  process.once('SIGTERM', () => shutdown('SIGTERM'));
  process.once('SIGINT', () => shutdown('SIGINT'));
  return shutdown;
}
