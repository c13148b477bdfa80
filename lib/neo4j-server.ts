/**
 * Runs the bundled Neo4j Community server (db/neo4j) as a detached background process.
 * Used by `npm run db:start|db:stop|db:status`, `npm start` and the test setup. When NEO4J_URI is
 * configured the project never starts a server: it only checks that the given one answers.
 */
import { spawn, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import neo4j from 'neo4j-driver';
import type { Neo4jConfig } from './config.ts';
import { PROJECT_ROOT } from './project-root.ts';

export { PROJECT_ROOT }; // re-exported: existing importers keep reading it from here
const NEO4J_DIR = path.join(PROJECT_ROOT, 'db', 'neo4j');
const LIB_DIR = path.join(NEO4J_DIR, 'lib');

/** JVM flags from the neo4j.conf that Neo4j 5 ships; needed on Java 17. */
const JVM_FLAGS = [
  '--add-opens=java.base/java.nio=ALL-UNNAMED',
  '--add-opens=java.base/sun.nio.ch=ALL-UNNAMED',
  '--add-opens=java.base/java.io=ALL-UNNAMED',
  '--add-opens=java.base/java.lang=ALL-UNNAMED',
  '-Dio.netty.tryReflectionSetAccessible=true',
  '-XX:+UseG1GC',
  '-XX:-OmitStackTraceInFastThrow',
  '-XX:+DisableExplicitGC',
  '-Djdk.nio.maxCachedBufferSize=1024',
  '-Dfile.encoding=UTF-8',
];

export class Neo4jServerError extends Error {
  override name = 'Neo4jServerError';
}

function homeDir(cfg: Neo4jConfig): string {
  return path.resolve(PROJECT_ROOT, cfg.homeDir);
}
function pidFile(cfg: Neo4jConfig): string {
  return path.join(homeDir(cfg), 'neo4j.pid');
}
export function logFile(cfg: Neo4jConfig): string {
  return path.join(homeDir(cfg), 'neo4j.log');
}

function requireTool(cmd: string, args: string[], what: string): void {
  const r = spawnSync(cmd, args, { stdio: 'ignore' });
  if (r.error || r.status !== 0) {
    throw new Neo4jServerError(
      `${what} is required to run the bundled Neo4j server but "${cmd} ${args.join(' ')}" failed` +
        ` (${r.error?.message ?? `exit ${r.status}`}). Install it (e.g. apt-get install openjdk-17-jdk-headless maven)` +
        ` or set NEO4J_URI to an existing Neo4j server.`,
    );
  }
}

/** Resolves the Neo4j jars from Maven Central into db/neo4j/lib (once). */
export function ensureNeo4jJars(log: (msg: string) => void = console.error): void {
  requireTool('java', ['-version'], 'Java 17+');
  if (fs.existsSync(path.join(LIB_DIR, 'neo4j-bolt-5.26.0.jar'))) return;
  requireTool('mvn', ['-v'], 'Apache Maven');
  log('neo4j: resolving Neo4j Community 5.26 from Maven Central (first run only)...');
  const r = spawnSync('mvn', ['-q', '-B', '-f', path.join(NEO4J_DIR, 'pom.xml'), 'package'], {
    stdio: ['ignore', 'inherit', 'inherit'],
  });
  if (r.status !== 0) throw new Neo4jServerError(`Maven could not resolve Neo4j (exit ${r.status}); see the output above.`);
}

function readPid(cfg: Neo4jConfig): number | null {
  try {
    const pid = Number(fs.readFileSync(pidFile(cfg), 'utf8').trim());
    if (!Number.isInteger(pid) || pid <= 0) return null;
    process.kill(pid, 0);
    return pid;
  } catch {
    return null;
  }
}

/** True when the server answers Bolt with the configured credentials. */
export async function boltAnswers(cfg: Neo4jConfig): Promise<boolean> {
  const driver = neo4j.driver(cfg.uri, neo4j.auth.basic(cfg.username, cfg.password), {
    connectionTimeout: 2000,
    logging: { level: 'error', logger: () => {} },
  });
  try {
    await driver.verifyConnectivity({ database: cfg.database });
    return true;
  } catch {
    return false;
  } finally {
    await driver.close();
  }
}

export interface StartResult {
  started: boolean;
  pid: number | null;
  uri: string;
}

/** Idempotent: starts the bundled server unless one already answers, then waits for Bolt. */
export async function startNeo4j(cfg: Neo4jConfig, opts: { timeoutMs?: number; log?: (m: string) => void } = {}): Promise<StartResult> {
  const log = opts.log ?? ((m: string) => console.error(m));
  if (!cfg.managed) {
    if (await boltAnswers(cfg)) return { started: false, pid: null, uri: cfg.uri };
    throw new Neo4jServerError(`NEO4J_URI=${cfg.uri} does not answer (or the credentials are wrong); not starting a local server because NEO4J_URI is set.`);
  }
  if (await boltAnswers(cfg)) return { started: false, pid: readPid(cfg), uri: cfg.uri };
  ensureNeo4jJars(log);
  let pid = readPid(cfg);
  if (!pid) {
    fs.mkdirSync(homeDir(cfg), { recursive: true });
    const out = fs.openSync(logFile(cfg), 'a');
    const child = spawn(
      'java',
      [`-Xms256m`, `-Xmx${cfg.heap}`, ...JVM_FLAGS, '-cp', `${LIB_DIR}/*`, path.join(NEO4J_DIR, 'Launcher.java')],
      {
        detached: true,
        stdio: ['ignore', out, out],
        env: {
          ...process.env,
          NEO4J_HOME_DIR: homeDir(cfg),
          NEO4J_BOLT_PORT: String(cfg.boltPort),
          NEO4J_BOLT_HOST: '127.0.0.1',
          NEO4J_PASSWORD: cfg.password,
          NEO4J_PAGECACHE_MB: String(cfg.pageCacheMb),
        },
      },
    );
    child.unref();
    fs.closeSync(out);
    pid = child.pid ?? null;
    if (pid) fs.writeFileSync(pidFile(cfg), String(pid));
    log(`neo4j: starting bundled Neo4j Community 5.26 (pid ${pid}, bolt ${cfg.uri}, log ${path.relative(process.cwd(), logFile(cfg))})`);
  }
  const deadline = Date.now() + (opts.timeoutMs ?? 180_000);
  while (Date.now() < deadline) {
    if (await boltAnswers(cfg)) return { started: true, pid, uri: cfg.uri };
    if (pid && readPid(cfg) === null) {
      throw new Neo4jServerError(`Neo4j exited during start-up. Last log lines:\n${tail(logFile(cfg), 30)}`);
    }
    await new Promise((r) => setTimeout(r, 500));
  }
  throw new Neo4jServerError(`Neo4j did not answer on ${cfg.uri} within ${(opts.timeoutMs ?? 180_000) / 1000}s. Last log lines:\n${tail(logFile(cfg), 30)}`);
}

export async function stopNeo4j(cfg: Neo4jConfig): Promise<boolean> {
  if (!cfg.managed) return false;
  const pid = readPid(cfg);
  if (!pid) return false;
  process.kill(pid, 'SIGTERM');
  const deadline = Date.now() + 60_000;
  while (Date.now() < deadline && readPid(cfg) !== null) await new Promise((r) => setTimeout(r, 300));
  if (readPid(cfg) !== null) process.kill(pid, 'SIGKILL');
  fs.rmSync(pidFile(cfg), { force: true });
  return true;
}

export async function neo4jStatus(cfg: Neo4jConfig): Promise<{ answering: boolean; pid: number | null; managed: boolean; uri: string }> {
  return { answering: await boltAnswers(cfg), pid: cfg.managed ? readPid(cfg) : null, managed: cfg.managed, uri: cfg.uri };
}

function tail(file: string, lines: number): string {
  try {
    return fs.readFileSync(file, 'utf8').split('\n').slice(-lines).join('\n');
  } catch {
    return '(no log)';
  }
}
