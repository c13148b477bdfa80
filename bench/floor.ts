/**
 * The floor: the best single Cypher query for the flagship question (bench/workloads.ts
 * FLOOR_FLAGSHIP_CYPHER) through neo4j-driver, `connections` concurrent loops, no GraphQL, no HTTP.
 * Same warm-up / measurement protocol as the HTTP configurations.
 *
 *   node --import tsx bench/floor.ts <spec.json>    (prints one JSON result line on stdout)
 */
import fs from 'node:fs';
import neo4j from 'neo4j-driver';
import { loadConfig } from '../lib/config.ts';
import { createDriver } from '../lib/neo4j.ts';
import { FLOOR_FLAGSHIP_CYPHER, floorParams, type Pools } from './workloads.ts';

interface Spec {
  pools: Pools;
  seed: number;
  connections: number;
  durationS: number;
  warmupS: number;
}

const spec = JSON.parse(fs.readFileSync(process.argv[2]!, 'utf8')) as Spec;
const config = loadConfig(process.env);
const driver = createDriver(config.neo4j);
const next = floorParams(spec.pools, spec.seed);

async function once(): Promise<void> {
  const session = driver.session({ database: config.neo4j.database, defaultAccessMode: neo4j.session.READ });
  try {
    const res = await session.executeRead((tx) => tx.run(FLOOR_FLAGSHIP_CYPHER, next()));
    // Materialise the rows as the subgraphs do (plain objects), so the floor pays for decoding too.
    res.records.map((r) => r.toObject());
  } finally {
    await session.close();
  }
}

async function phase(seconds: number): Promise<{ latencies: number[]; errors: number; elapsed: number }> {
  const latencies: number[] = [];
  let errors = 0;
  const t0 = performance.now();
  const end = t0 + seconds * 1000;
  const loop = async () => {
    while (performance.now() < end) {
      const s = performance.now();
      try {
        await once();
        latencies.push(performance.now() - s);
      } catch {
        errors += 1;
      }
    }
  };
  await Promise.all(Array.from({ length: spec.connections }, loop));
  return { latencies, errors, elapsed: (performance.now() - t0) / 1000 };
}

const pct = (xs: number[], p: number): number => xs[Math.min(xs.length - 1, Math.floor((p / 100) * xs.length))] ?? NaN;
const w = await phase(spec.warmupS);
const m = await phase(spec.durationS);
m.latencies.sort((a, b) => a - b);
process.stdout.write(
  `${JSON.stringify({ requests: m.latencies.length, warmupRequests: w.latencies.length, rps: m.latencies.length / m.elapsed, p50: pct(m.latencies, 50), p99: pct(m.latencies, 99), errors: m.errors })}\n`,
);
await driver.close();
