/**
 * A bounded soak of `npm start` (issue 12): 50 connections on the loopback, a mixed workload
 * (flagship, an institution's obligations, a match, the regulations list), for a few minutes.
 * Prints, per minute, requests, errors (non-2xx, GraphQL errors, timeouts) and p99, and the RSS of
 * the serving processes (the supervisor excluded) at the start and end of each minute.
 *
 *   NEO4J_BOLT_PORT=7722 NEO4J_HOME_DIR=.data/neo4j-manual npx tsx bench/soak.ts [minutes=3] [connections=50]
 */
import { spawn } from 'node:child_process';
import path from 'node:path';
import autocannon from 'autocannon';
import { loadConfig } from '../lib/config.ts';
import { createDriver } from '../lib/neo4j.ts';
import { freePortEnv } from '../lib/free-port.ts';
import { descendantsOf } from '../lib/process-tree.ts';
import { PROJECT_ROOT } from '../lib/project-root.ts';
import { rssOf } from './configs.ts';
import { FLAGSHIP_QUERY, INSTITUTION_QUERY, readPools } from './workloads.ts';

const minutes = Math.min(30, Math.max(1, Number(process.argv[2] ?? 3)));
const connections = Math.min(200, Math.max(1, Number(process.argv[3] ?? 50)));
// Ports from the environment when GATEWAY_PORT is set, else free ones.
const ports = process.env.GATEWAY_PORT ? {} : await freePortEnv();
const env = { ...process.env, ...ports, HOST: '127.0.0.1', IDE_ENABLED: 'false', LOG_LEVEL: 'warn' };
const config = loadConfig(env);
const driver = createDriver(config.neo4j);
const pools = await readPools(driver, config.neo4j.database);
await driver.close();

const proc = spawn(process.execPath, ['--import', 'tsx', path.join(PROJECT_ROOT, 'scripts/start.ts')], { cwd: PROJECT_ROOT, env, stdio: ['ignore', 'pipe', 'ignore'] });
await new Promise<void>((resolve, reject) => {
  let out = '';
  proc.stdout!.on('data', (c: Buffer) => (out += c) && out.includes('Gateway:') && resolve());
  proc.once('exit', (code) => reject(new Error(`npm start exited (${code})`)));
});
const url = `http://127.0.0.1:${config.gatewayPort}/graphql`;
const bodies = [
  ...pools.serviceTypes.slice(0, 20).map((s) => ({ query: FLAGSHIP_QUERY, variables: { serviceType: s, context: { sandbox: true } } })),
  ...pools.institutions.slice(0, 20).map((id) => ({ query: INSTITUTION_QUERY, variables: { id } })),
  ...pools.texts.slice(0, 20).map((text) => ({ query: 'query M($text: String!) { matchObligations(text: $text, limit: 5) { obligation { id } score } }', variables: { text } })),
  { query: '{ regulations(limit: 50) { id nameEn } }' },
].map((b) => JSON.stringify(b));

const serving = () => descendantsOf(proc.pid!);
const mb = (b: number) => (b / 1048576).toFixed(0);
const rss0 = rssOf(serving());
console.log(`npm start on ${url}; ${connections} connections, ${minutes} min, ${bodies.length} distinct requests; serving RSS ${mb(rss0)} MB`);
let graphqlErrors = 0;
for (let m = 1; m <= minutes; m++) {
  let i = 0;
  const result = await autocannon({
    url,
    connections,
    duration: 60,
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    timeout: 15,
    requests: [{ setupRequest: (req) => ({ ...req, body: bodies[i++ % bodies.length] }), onResponse: (_s, body) => void (body.includes('"errors"') && graphqlErrors++) }],
  });
  const errors = result.errors + result.timeouts + result.non2xx;
  console.log(`minute ${m}: ${result.requests.total} requests, ${errors} transport/HTTP errors, ${graphqlErrors} GraphQL errors so far, p50 ${result.latency.p50} ms, p99 ${result.latency.p99} ms, serving RSS ${mb(rssOf(serving()))} MB`);
}
const rss1 = rssOf(serving());
console.log(`RSS drift over ${minutes} min: ${mb(rss0)} → ${mb(rss1)} MB (${rss1 >= rss0 ? '+' : ''}${mb(rss1 - rss0)} MB)`);
proc.kill('SIGTERM');
await new Promise((r) => proc.once('exit', r));
