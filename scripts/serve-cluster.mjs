/**
 * The primary of `npm start`'s cluster (SERVE_WORKERS > 1): it forks the workers that serve the
 * graph (scripts/start.ts --serve-all-in-process, each with the five subgraphs and the gateway),
 * shares the ports among them, and restarts a worker that dies. Plain JavaScript on purpose: the
 * primary serves nothing itself, and without the TypeScript loader it holds ~30 MB less.
 *
 *   node scripts/serve-cluster.mjs --workers 2 --heap-mb 512 --others regulations,obligations,... --grace-ms 10000
 *
 * The first worker builds all five subgraphs; the others build `--others` (all but the assistant)
 * and reach the assistant over HTTP, so its matcher index is held once.
 */
import cluster from 'node:cluster';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import client from 'prom-client';
import { restartDelayMs, stopWithParent } from '../lib/process-lifecycle.mjs';

const { values } = parseArgs({ options: { workers: { type: 'string' }, 'heap-mb': { type: 'string' }, others: { type: 'string' }, 'grace-ms': { type: 'string' } } });
// Workers stop within SHUTDOWN_GRACE_MS plus their margin (lib/shutdown.ts); the primary waits a little longer.
const graceMs = Number(values['grace-ms'] ?? 10_000);
const workers = Number(values.workers);
if (!Number.isInteger(workers) || workers < 1) throw new Error(`--workers must be a positive integer, got "${values.workers}"`);

// Next to start.ts in a checkout, next to the compiled start.js in dist/ (npm run build).
const compiled = existsSync(path.join(import.meta.dirname, 'start.js'));
cluster.setupPrimary({
  exec: path.join(import.meta.dirname, compiled ? 'start.js' : 'start.ts'),
  execArgv: [`--max-old-space-size=${Number(values['heap-mb'])}`, ...(compiled ? [] : ['--import', 'tsx'])],
  args: ['--serve-all-in-process'],
});

let stopping = false;
const restarts = [];
const fork = (slot) => {
  const worker = cluster.fork(slot === 0 || !values.others ? {} : { LOCAL_SUBGRAPHS: values.others });
  worker.on('exit', (code, signal) => {
    if (stopping) return;
    restarts[slot] = (restarts[slot] ?? 0) + 1;
    const delay = restartDelayMs(restarts[slot]);
    console.error(`worker ${slot + 1} exited (${signal ?? `code ${code}`}); restart #${restarts[slot]} in ${delay} ms`);
    setTimeout(() => !stopping && fork(slot), delay);
  });
};
// /metrics of a worker is the whole cluster's (lib/metrics.ts): the worker that was scraped asks
// here, and every worker's registry is gathered and summed.
const aggregator = new client.AggregatorRegistry();
cluster.on('message', (worker, message) => {
  if (message?.type !== 'regkg:metrics') return;
  aggregator.clusterMetrics().then(
    (text) => worker.isConnected() && worker.send({ type: 'regkg:metrics:result', id: message.id, text }),
    (err) => worker.isConnected() && worker.send({ type: 'regkg:metrics:result', id: message.id, error: err.message }),
  );
});

for (let slot = 0; slot < workers; slot++) fork(slot);
console.error(`${workers} workers (SERVE_WORKERS), sharing the gateway and subgraph ports`);

const stop = () => {
  if (stopping) return;
  stopping = true;
  const alive = Object.values(cluster.workers ?? {}).filter((w) => w && !w.isDead());
  if (alive.length === 0) process.exit(0);
  let left = alive.length;
  for (const w of alive) {
    w.once('exit', () => --left === 0 && process.exit(0));
    w.process.kill('SIGTERM');
  }
  setTimeout(() => process.exit(1), graceMs + 7000).unref();
};
process.once('SIGTERM', stop);
process.once('SIGINT', stop);
// Stop with the `npm start` supervisor, even if it was killed without a chance to stop us.
stopWithParent(stop);
