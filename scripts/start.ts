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
import path from 'node:path';
import { loadConfig, SUBGRAPH_NAMES, type Config } from '../lib/config.ts';
import { codePath, COMPILED, LOADER_ARGS, PROJECT_ROOT } from '../lib/project-root.ts';
import { SUBGRAPH_SECRET_HEADER, withSubgraphSecret } from '../lib/subgraph-secret.ts';
import { restartDelayMs, stopWithParent } from '../lib/process-lifecycle.mjs';

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
  proc: ChildProcess | null;
  restarts: number;
}

let stopping = false;

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
    env: servingEnv(config),
    stdio: ['ignore', 'inherit', 'pipe'],
  });
  child.proc = proc;
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

async function waitForHttp(url: string, timeoutMs: number, secret: string | null = null): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    try {
      const res = await fetch(url, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'apollo-require-preflight': 'true', ...(secret ? { [SUBGRAPH_SECRET_HEADER]: secret } : {}) },
        body: JSON.stringify({ query: '{ __typename }' }),
      });
      if (res.ok) return;
    } catch {
      /* not listening yet */
    }
    await new Promise((r) => setTimeout(r, 250));
  }
  throw new Error(`${url} did not answer within ${timeoutMs / 1000}s`);
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
  const children: Child[] = separate
    ? SUBGRAPH_NAMES.map((name) => ({ name, script: `subgraphs/${name}/index.ts`, port: config.subgraphPorts[name], proc: null, restarts: 0 }))
    : [];
  const others = SUBGRAPH_NAMES.filter((n) => n !== 'assistant' && config.localSubgraphs.includes(n)).join(',');
  const gateway: Child = separate
    ? { name: 'gateway', script: 'gateway/index.ts', port: config.gatewayPort, proc: null, restarts: 0 }
    : config.serveWorkers > 1
      ? { name: 'graph', script: 'scripts/serve-cluster.mjs', plain: true, args: ['--workers', String(config.serveWorkers), '--heap-mb', String(config.serveHeapMb), '--others', others], port: config.gatewayPort, proc: null, restarts: 0 }
      : { name: 'graph', script: 'scripts/start.ts', args: [SERVE_ALL], port: config.gatewayPort, proc: null, restarts: 0 };
  const shutdown = (signal: string) => {
    if (stopping) return;
    stopping = true;
    log(`${signal}: stopping subgraphs and gateway (Neo4j keeps running; npm run db:stop stops it)`);
    for (const c of [gateway, ...children]) c.proc?.kill('SIGTERM');
    setTimeout(() => process.exit(0), 3000).unref();
  };
  process.on('SIGINT', () => shutdown('SIGINT'));
  process.on('SIGTERM', () => shutdown('SIGTERM'));

  for (const c of children) launch(c, config);
  await Promise.all(children.map((c) => waitForHttp(`http://${config.host}:${c.port}/`, 120_000, config.subgraphSecret)));
  launch(gateway, config);
  await waitForHttp(`http://${config.host}:${config.gatewayPort}/graphql`, 120_000);
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
  const stack = await startInProcessStack(config, { ports: 'config', transport: 'local' });
  const who = cluster.isWorker ? `worker ${cluster.worker!.id} (pid ${process.pid}): ` : '';
  const local = config.localSubgraphs;
  const remote = SUBGRAPH_NAMES.filter((n) => !local.includes(n)).map((n) => `${n} at ${stack.subgraphUrls[n]}`);
  console.error(`${who}gateway ready at ${stack.gatewayUrl} (in-process: ${local.join(', ')}${remote.length ? `; over HTTP: ${remote.join(', ')}` : ''})`);
  const stop = async () => {
    // In-flight requests get a few seconds to finish; then the process exits regardless.
    setTimeout(() => process.exit(0), 5000).unref();
    await stack.stop();
    process.exit(0);
  };
  process.once('SIGTERM', stop);
  process.once('SIGINT', stop);
  // A cluster worker ends with its primary (node:cluster disconnects it); a lone process watches its parent.
  if (!cluster.isWorker) stopWithParent(() => void stop());
}

try {
  if (process.argv.includes(SERVE_ALL)) await serveAll(loadConfig(process.env));
  // One secret for every child of this run when none is configured (production requires one).
  else await main(withSubgraphSecret(loadConfig(process.env)));
} catch (err) {
  console.error(`[start] error: ${(err as Error).message}`);
  stopping = true;
  process.exit(1);
}
