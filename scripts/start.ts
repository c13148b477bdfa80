/**
 * `npm start`: Neo4j (bundled, or NEO4J_URI), schema migration, the base data if the graph is empty,
 * the IDE build, then the federated graph under one supervisor that restarts a crashed child and
 * stops everything on Ctrl-C. Prints the gateway URL.
 *
 * Default (one machine): ONE child runs the five subgraphs and the gateway (lib/stack.ts, transport
 * 'local': the gateway calls the subgraphs in-process; each subgraph still listens on its own port),
 * as SERVE_WORKERS cluster workers sharing those ports (default: one per core, at most 4). Less
 * memory and less CPU per request than six processes (BENCHMARKS.md).
 * `npm start -- --separate`: the five subgraphs and the gateway as six child processes, the
 * topology of a multi-instance deployment (docs/deploying-at-scale.md).
 */
import { spawn, type ChildProcess } from 'node:child_process';
import http from 'node:http';
import path from 'node:path';
import { loadConfig, SUBGRAPH_NAMES, type Config } from '../lib/config.ts';
import { codePath, COMPILED, LOADER_ARGS, PROJECT_ROOT } from '../lib/project-root.ts';
import { withSubgraphSecret } from '../lib/subgraph-secret.ts';
import { restartDelayMs, stopWithParent } from '../lib/process-lifecycle.mjs';
import { killTree } from '../lib/process-tree.ts';

// Heavy modules are imported where they are used: the supervisor never holds Apollo, and a serving
// process never holds the seed loader.

const log = (m: string) => console.error(`[start] ${m}`);
const t0 = Date.now();

interface Child {
  name: string;
  script: string;
  args?: string[];
  /** A plain JavaScript script (no TypeScript loader, no heap budget: it serves nothing itself). */
  plain?: boolean;
  port: number;
  /** Where its /readyz is: its own port, or with OPS_PORT an operators' port of its own. */
  readyz: string;
  /** Variables of this child only (its OPS_PORT under --separate). */
  env?: Record<string, string>;
  proc: ChildProcess | null;
  restarts: number;
}

let stopping = false;
/** Every child launched, so that a start that gives up can stop what it started (and nothing else: not Neo4j). */
const launched: Child[] = [];
/**
 * How long the processes of a start that gave up get to stop before SIGKILL: they never said
 * ready, so no request is in flight to spare.
 */
const GIVE_UP_GRACE_MS = 3000;

/**
 * The serving processes run graphql-js and Express in their production mode (NODE_ENV=production:
 * graphql-js drops its development-only instanceof checks). The application's own mode (error
 * masking, the password rule) is APP_ENV, carried over as the supervisor resolved it.
 */
function servingEnv(config: Config): NodeJS.ProcessEnv {
  return { ...process.env, APP_ENV: config.env, NODE_ENV: 'production', ...(config.subgraphSecret ? { SUBGRAPH_SECRET: config.subgraphSecret } : {}) };
}

/** Starts a child, and again (with back-off) whenever it dies, until the supervisor stops. */
function launch(child: Child, config: Config): void {
  const nodeArgs = child.plain ? [] : [`--max-old-space-size=${config.serveHeapMb}`, ...LOADER_ARGS];
  const proc = spawn(process.execPath, [...nodeArgs, codePath(child.script), ...(child.args ?? [])], {
    cwd: PROJECT_ROOT,
    env: { ...servingEnv(config), ...child.env },
    stdio: ['ignore', 'inherit', 'pipe'],
  });
  child.proc = proc;
  if (!launched.includes(child)) launched.push(child);
  proc.stderr?.on('data', (chunk: Buffer) => {
    for (const line of chunk.toString().split('\n')) if (line.trim()) process.stderr.write(`[${child.name}] ${line}\n`);
  });
  proc.on('exit', (code, signal) => {
    child.proc = null;
    if (stopping) return;
    child.restarts += 1;
    const delay = restartDelayMs(child.restarts);
    log(`${child.name} exited (${signal ?? `code ${code}`}); restart #${child.restarts} in ${delay} ms`);
    setTimeout(() => !stopping && launch(child, config), delay);
  });
}

/** One GET of a /readyz on a new connection (so that cluster workers sharing a port take turns answering). */
function probe(url: string): Promise<{ status: number; body: { pid?: number; checks?: { name: string; ok: boolean }[] } | null }> {
  return new Promise((resolve) => {
    const req = http.get(url, { agent: false, timeout: 5000 }, (res) => {
      let text = '';
      res.on('data', (c: Buffer) => (text += c.toString()));
      res.on('end', () => {
        try {
          resolve({ status: res.statusCode ?? 0, body: JSON.parse(text) as never });
        } catch {
          resolve({ status: res.statusCode ?? 0, body: null });
        }
      });
    });
    req.on('timeout', () => req.destroy(new Error('timeout')));
    req.on('error', () => resolve({ status: 0, body: null }));
  });
}

/**
 * Waits until `/readyz` says ready (200) from `processes` distinct processes: the cluster's workers
 * share the port, and each must have its database checks and, for the first, the assistant's index.
 */
async function waitForReady(url: string, processes: number, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  const ready = new Set<number>();
  let last = 'no answer';
  while (Date.now() < deadline) {
    const { status, body } = await probe(url);
    if (status === 200) {
      ready.add(body?.pid ?? 0);
      if (ready.size >= processes) return;
      continue;
    }
    if (status) last = `${status}: not ready: ${(body?.checks ?? []).filter((c) => !c.ok).map((c) => c.name).join(', ') || '?'}`;
    await new Promise((r) => setTimeout(r, 250));
  }
  throw new Error(`${url} did not say ready within ${timeoutMs / 1000}s (last: ${last})`);
}

async function ensureIde(): Promise<void> {
  try {
    const mod = (await import('../gateway/ide/build.ts')) as { ensureIdeBuilt?: (o?: { log?: (m: string) => void }) => Promise<unknown> };
    await mod.ensureIdeBuilt?.({ log });
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ERR_MODULE_NOT_FOUND') return;
    log(`IDE build failed, continuing without it: ${(err as Error).message}`);
  }
}

async function main(config: Config): Promise<void> {
  const { startNeo4j } = await import('../lib/neo4j-server.ts');
  const { createDriver } = await import('../lib/neo4j.ts');
  const { ensureBaseData } = await import('../seed/index.ts');
  await startNeo4j(config.neo4j, { log });
  const driver = createDriver(config.neo4j);
  try {
    const counts = await ensureBaseData(driver, config, { log });
    log(`knowledge graph ready: ${counts.regulations} regulations, ${counts.provisions} provisions, ${counts.obligations} obligations, ${counts.nodes} nodes (data version ${counts.dataVersion})${counts.loaded ? `, base data loaded from ${counts.files} files` : ''}`);
  } finally {
    await driver.close();
  }
  // The compiled build ships the IDE built (npm run build); only a checkout builds it on demand.
  if (config.ideEnabled && !COMPILED) await ensureIde();

  const separate = process.argv.includes('--separate');
  // /readyz of each serving process: on its API port, or with OPS_PORT on an operators' port; six
  // processes cannot share one, so under --separate the subgraphs take the next five.
  const at = (port: number) => `http://${config.host}:${port}/readyz`;
  const opsPortOf = (i: number) => (config.opsPort === null ? null : config.opsPort + i);
  const children: Child[] = separate
    ? SUBGRAPH_NAMES.map((name, i) => {
        const ops = opsPortOf(i + 1);
        return { name, script: `subgraphs/${name}/index.ts`, port: config.subgraphPorts[name], readyz: at(ops ?? config.subgraphPorts[name]), ...(ops ? { env: { OPS_PORT: String(ops) } } : {}), proc: null, restarts: 0 };
      })
    : [];
  const others = SUBGRAPH_NAMES.filter((n) => n !== 'assistant' && config.localSubgraphs.includes(n)).join(',');
  const readyz = at(opsPortOf(0) ?? config.gatewayPort);
  const gateway: Child = separate
    ? { name: 'gateway', script: 'gateway/index.ts', port: config.gatewayPort, readyz, proc: null, restarts: 0 }
    : config.serveWorkers > 1
      ? { name: 'graph', script: 'scripts/serve-cluster.mjs', plain: true, args: ['--workers', String(config.serveWorkers), '--heap-mb', String(config.serveHeapMb), '--others', others, '--grace-ms', String(config.shutdownGraceMs)], port: config.gatewayPort, readyz, proc: null, restarts: 0 }
      : { name: 'graph', script: 'scripts/start.ts', args: [SERVE_ALL], port: config.gatewayPort, readyz, proc: null, restarts: 0 };
  const shutdown = (signal: string) => {
    if (stopping) return;
    stopping = true;
    log(`${signal}: stopping subgraphs and gateway, in-flight requests get ${config.shutdownGraceMs} ms (Neo4j keeps running; npm run db:stop stops it)`);
    const running = [gateway, ...children].map((c) => c.proc).filter((p): p is ChildProcess => p !== null && p.exitCode === null);
    let left = running.length;
    let worst = 0;
    if (left === 0) process.exit(0);
    for (const p of running) {
      // A child that could not stop cleanly (lib/shutdown.ts exits 1) makes the supervisor's exit code 1.
      p.once('exit', (code) => {
        worst = Math.max(worst, code ?? 1);
        if (--left === 0) process.exit(worst);
      });
      p.kill('SIGTERM');
    }
    // The children cut themselves off shortly after the grace period (lib/shutdown.ts); this is the last resort.
    setTimeout(() => process.exit(1), config.shutdownGraceMs + 8000).unref();
  };
  process.on('SIGINT', () => shutdown('SIGINT'));
  process.on('SIGTERM', () => shutdown('SIGTERM'));

  for (const c of children) launch(c, config);
  await Promise.all(children.map((c) => waitForReady(c.readyz, 1, config.startReadyTimeoutMs)));
  launch(gateway, config);
  // Ready is what /readyz says: Neo4j, schema, data version, the assistant's index, in every worker.
  await waitForReady(gateway.readyz, separate ? 1 : config.serveWorkers, config.startReadyTimeoutMs);
  const url = `http://${config.host}:${config.gatewayPort}/`;
  log(`ready in ${((Date.now() - t0) / 1000).toFixed(1)} s`);
  console.log(`\n  Gateway: ${url}graphql${config.ideEnabled ? `\n  IDE:     ${url}` : ''}\n`);
}

const SERVE_ALL = '--serve-all-in-process';

/**
 * The default mode's serving process: subgraphs + gateway in this process, on the configured ports.
 * With SERVE_WORKERS > 1 it is one of the workers of scripts/serve-cluster.mjs, which share the
 * ports (one Node process uses one core).
 */
async function serveAll(config: Config): Promise<void> {
  const cluster = (await import('node:cluster')).default;
  const { startInProcessStack } = await import('../lib/stack.ts');
  const { configureLogging } = await import('../lib/logger.ts');
  const { stopOnSignals } = await import('../lib/shutdown.ts');
  configureLogging(config);
  const stack = await startInProcessStack(config, { ports: 'config', transport: 'local' });
  const who = cluster.isWorker ? `worker ${cluster.worker!.id} (pid ${process.pid}): ` : '';
  const local = config.localSubgraphs;
  const remote = SUBGRAPH_NAMES.filter((n) => !local.includes(n)).map((n) => `${n} at ${stack.subgraphUrls[n]}`);
  console.error(`${who}gateway ready at ${stack.gatewayUrl} (in-process: ${local.join(', ')}${remote.length ? `; over HTTP: ${remote.join(', ')}` : ''})`);
  // In-flight requests get SHUTDOWN_GRACE_MS to finish (lib/shutdown.ts).
  const shutdown = stopOnSignals('graph', stack.stop, config.shutdownGraceMs);
  // A cluster worker ends with its primary (node:cluster disconnects it); a lone process watches its parent.
  if (!cluster.isWorker) stopWithParent(() => shutdown('parent gone'));
}

try {
  if (process.argv.includes(SERVE_ALL)) await serveAll(loadConfig(process.env));
  // One secret for every child of this run when none is configured (production requires one).
  else await main(withSubgraphSecret(loadConfig(process.env)));
} catch (err) {
  console.error(`[start] error: ${(err as Error).message}`);
  stopping = true;
  // Giving up (not ready within START_READY_TIMEOUT_MS, or any other failure): every process this
  // run started goes too, cluster workers included, even one too busy to handle SIGTERM.
  const roots = launched.map((c) => c.proc?.pid).filter((pid): pid is number => pid !== undefined);
  if (roots.length) {
    log(`stopping the ${roots.length} process(es) started (SIGKILL after ${GIVE_UP_GRACE_MS} ms)`);
    await killTree(roots, GIVE_UP_GRACE_MS);
  }
  process.exit(1);
}
