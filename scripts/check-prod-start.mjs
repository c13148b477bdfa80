#!/usr/bin/env node
/**
 * Checks a production install (issue 14): run in a checkout where `npm run build` and then
 * `npm prune --omit=dev` were run. Starts `node dist/scripts/start.js` (against NEO4J_URI when set,
 * else a bundled Neo4j of its own on port 7698 in .data/neo4j-prodcheck, stopped afterwards), asks
 * the flagship question, checks the answer, stops it with SIGTERM. Plain JavaScript: there is no
 * TypeScript loader after pruning, which is the point. Exit 0 = ok.
 *
 *   node scripts/check-prod-start.mjs
 */
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import path from 'node:path';

const root = path.resolve(import.meta.dirname, '..');
const fail = (m) => {
  console.error(`check-prod-start: ${m}`);
  process.exit(1);
};
if (!existsSync(path.join(root, 'dist/scripts/start.js'))) fail('no dist/: run npm run build first');
if (existsSync(path.join(root, 'node_modules/tsx'))) fail('node_modules/tsx exists: run npm prune --omit=dev first (this checks the pruned install)');

const port = 4600 + Math.floor(Math.random() * 300);
const env = {
  ...process.env,
  GATEWAY_PORT: String(port),
  ...Object.fromEntries(['REGULATIONS', 'OBLIGATIONS', 'AI_SERVICES', 'INSTITUTIONS', 'ASSISTANT'].map((n, i) => [`${n}_PORT`, String(port + 1 + i)])),
  SERVE_WORKERS: '1',
  ...(process.env.NEO4J_URI ? {} : { NEO4J_BOLT_PORT: '7698', NEO4J_HOME_DIR: '.data/neo4j-prodcheck' }),
};
const t0 = Date.now();
const child = spawn(process.execPath, [path.join(root, 'dist/scripts/start.js')], { cwd: root, env, stdio: ['ignore', 'pipe', 'pipe'] });
let out = '';
child.stdout.on('data', (c) => (out += c));
child.stderr.on('data', (c) => (out += c));
const exited = new Promise((r) => child.once('exit', (code, signal) => r({ code, signal })));
const deadline = Date.now() + 120_000;
while (!out.includes('Gateway:')) {
  if (Date.now() > deadline || child.exitCode !== null) {
    child.kill('SIGKILL');
    fail(`no "Gateway:" line within 120 s; output:\n${out.slice(-3000)}`);
  }
  await new Promise((r) => setTimeout(r, 200));
}
const ready = Date.now() - t0;
const res = await fetch(`http://127.0.0.1:${port}/graphql`, {
  method: 'POST',
  headers: { 'content-type': 'application/json' },
  body: JSON.stringify({ query: '{ applicableObligations(serviceType: "svc/face-recognition-payment", context: {sandbox: true, asOf: "2021-01-01"}) { results { status obligation { id } } } }' }),
});
const body = await res.json();
child.kill('SIGTERM');
const { code, signal } = await exited;
const results = body?.data?.applicableObligations?.results ?? [];
if (body.errors || results.length < 10) fail(`unexpected answer: ${JSON.stringify(body).slice(0, 1000)}\n${out.slice(-2000)}`);
if (code !== 0) fail(`exit on SIGTERM: code ${code} signal ${signal}\n${out.slice(-2000)}`);
if (!process.env.NEO4J_URI) {
  const stop = spawn(process.execPath, [path.join(root, 'dist/scripts/db.js'), 'stop'], { cwd: root, env, stdio: 'inherit' });
  await new Promise((r) => stop.once('exit', r));
}
console.error(`check-prod-start: ok — pruned build ready in ${(ready / 1000).toFixed(1)} s, flagship answered with ${results.length} results, stopped on SIGTERM (exit 0)`);
