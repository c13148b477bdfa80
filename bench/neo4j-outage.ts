/**
 * How fast a lost Neo4j reaches clients, and how fast answers come back: builds the regulations
 * subgraph with its shared cache off (every request reads Neo4j), then hangs the bundled Neo4j of
 * NEO4J_HOME_DIR with SIGSTOP (the harder case: connections stay open and nothing is refused) and
 * resumes it with SIGCONT (no restart, data kept); then stops it for real and starts it again (a cold
 * JVM). Prints the error latency after each loss and the time from SIGCONT / from Bolt answering
 * again to the first normal answer. The error latency of the hang is NEO4J_QUERY_TIMEOUT_MS.
 *
 *   NEO4J_BOLT_PORT=7722 NEO4J_HOME_DIR=.data/neo4j-manual npx tsx bench/neo4j-outage.ts
 */
import fs from 'node:fs';
import path from 'node:path';
import { loadConfig } from '../lib/config.ts';
import { createDriver } from '../lib/neo4j.ts';
import { startNeo4j, stopNeo4j } from '../lib/neo4j-server.ts';
import { PROJECT_ROOT } from '../lib/project-root.ts';
import { buildRegulationsSubgraph } from '../subgraphs/regulations/server.ts';

const config = { ...loadConfig({ ...process.env, READ_CACHE_ENTRIES: '0' }) };
const pid = Number(fs.readFileSync(path.resolve(PROJECT_ROOT, config.neo4j.homeDir, 'neo4j.pid'), 'utf8').trim());
const driver = createDriver(config.neo4j);
const built = buildRegulationsSubgraph(config, driver);
await built.server.start();
const ask = async (): Promise<{ ms: number; code: string | null }> => {
  const t0 = performance.now();
  const res = await built.server.executeOperation({ query: '{ regulations(limit: 3) { id } }' }, { contextValue: await built.context({ headers: {} }) });
  const body = res.body.kind === 'single' ? res.body.singleResult : null;
  const code = body?.errors ? String(body.errors[0]?.extensions?.code) : null;
  return { ms: performance.now() - t0, code };
};
console.log('warm', await ask());
process.kill(pid, 'SIGSTOP');
const lost = await Promise.race([ask(), new Promise<{ ms: number; code: string }>((r) => setTimeout(() => r({ ms: 30_000, code: 'STILL WAITING' }), 30_000))]);
console.log(`after SIGSTOP of Neo4j (pid ${pid}): ${lost.code} in ${lost.ms.toFixed(0)} ms`);
process.kill(pid, 'SIGCONT');
const t0 = performance.now();
let last = await ask();
while (last.code && performance.now() - t0 < 60_000) last = await ask();
console.log(`after SIGCONT: first normal answer ${(performance.now() - t0).toFixed(0)} ms later (that request ${last.ms.toFixed(0)} ms)`);

await stopNeo4j(config.neo4j);
const down = await ask();
console.log(`after stopping Neo4j: ${down.code} in ${down.ms.toFixed(0)} ms`);
const s0 = performance.now();
await startNeo4j(config.neo4j, { log: () => {} });
const t1 = performance.now();
last = await ask();
while (last.code && performance.now() - t1 < 60_000) last = await ask();
console.log(`restart: Bolt answered after ${((t1 - s0) / 1000).toFixed(1)} s; first normal answer ${(performance.now() - t1).toFixed(0)} ms after that (that request ${last.ms.toFixed(0)} ms)`);
await built.server.stop();
await driver.close();
