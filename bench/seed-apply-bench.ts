/**
 * `npm run bench:seed [-- --provisions N --obligations N --files K --keep]`: generates a synthetic
 * file set (default 100,000 provisions and 100,000 obligations in 10 JSON Dataset files), resets
 * the graph, applies the set in ONE transaction through the loader, and prints rows/s and times.
 * Not a test. It wipes the configured database: point NEO4J_URI / NEO4J_BOLT_PORT at a scratch instance.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import neo4j from 'neo4j-driver';
import { loadConfig } from '../lib/config.ts';
import { migrate } from '../db/migrate.ts';
import { applyFiles, resetGraph } from '../seed/index.ts';
import { generateSyntheticSet } from '../seed/synthetic.ts';

const { values } = parseArgs({
  options: {
    provisions: { type: 'string', default: '100000' },
    obligations: { type: 'string', default: '100000' },
    files: { type: 'string', default: '10' },
    format: { type: 'string', default: 'json' },
    out: { type: 'string' },
    keep: { type: 'boolean', default: false },
    batch: { type: 'string', default: '10000' },
  },
});
const P = Number(values.provisions);
const O = Number(values.obligations);
const F = Number(values.files);

const config = loadConfig(process.env);
const dir = values.out ?? fs.mkdtempSync(path.join(os.tmpdir(), 'regkg-seed-bench-'));
let t = Date.now();
const files = generateSyntheticSet(dir, P, O, F);
console.log(`generated ${P} provisions + ${O} obligations in ${files.length} files (${dir}) in ${((Date.now() - t) / 1000).toFixed(1)}s`);

const driver = neo4j.driver(config.neo4j.uri, neo4j.auth.basic(config.neo4j.username, config.neo4j.password));
try {
  await migrate(driver, config.neo4j.database);
  t = Date.now();
  await resetGraph(driver, { database: config.neo4j.database });
  console.log(`reset graph in ${((Date.now() - t) / 1000).toFixed(1)}s`);
  const phases: Array<[string, number]> = [];
  let last = Date.now();
  let lastPhase = '';
  const start = Date.now();
  // Phase times run from a phase's first reported batch to the next phase's first batch.
  const r = await applyFiles(driver, files, {
    by: 'bench',
    database: config.neo4j.database,
    maxTextLength: config.limits.maxTextLength,
    batchSize: Number(values.batch),
    progress: (p) => {
      if (p.phase !== lastPhase) {
        const now = Date.now();
        if (lastPhase) phases.push([lastPhase, now - last]);
        last = now;
        lastPhase = p.phase;
      }
    },
  });
  const total = (Date.now() - start) / 1000;
  phases.push([lastPhase, Date.now() - last]);
  const nodes = Object.values(r.summary?.entities ?? {}).reduce((n, c) => n + (c?.new ?? 0), 0);
  const rels = r.summary?.relationships.added ?? 0;
  console.log(`applied in ONE transaction: ${nodes} nodes + ${rels} relationships (${r.rowsWritten} rows) in ${total.toFixed(1)}s`);
  console.log(`throughput: ${Math.round(r.rowsWritten / total)} rows/s (${Math.round((P + O) / total)} provisions+obligations/s)`);
  for (const [phase, ms] of phases) console.log(`  ${phase.padEnd(28)} ${(ms / 1000).toFixed(1)}s`);
  console.log(total < 60 ? 'goal met: < 60 s' : 'goal MISSED: >= 60 s');
} finally {
  await driver.close();
  if (!values.keep && !values.out) fs.rmSync(dir, { recursive: true, force: true });
}
