/**
 * Brings the benchmark Neo4j to a data size: base (×1), ×10 or ×100. Sizes only grow within a run
 * (base → ×10 → ×100): the synthetic copies are applied through the seed loader's `applyFiles` in
 * chunks, each chunk an idempotent file set (re-applying unchanged files is a no-op). `reset`
 * empties the graph first (the run starts from the base data).
 */
import path from 'node:path';
import type { Driver } from 'neo4j-driver';
import type { Config } from '../lib/config.ts';
import { PROJECT_ROOT } from '../lib/neo4j-server.ts';
import { applyFiles, ensureBaseData, resetGraph } from '../seed/index.ts';
import { readBase, writeCopies } from './synth.ts';

export const SYNTH_DIR = path.join(PROJECT_ROOT, '.data', 'bench-synth');
const CHUNK = 10;


export interface GraphSize {
  nodes: number;
  relationships: number;
  obligations: number;
  serviceTypes: number;
  dataVersion: number;
}

export async function graphSize(driver: Driver, database: string): Promise<GraphSize> {
  const s = driver.session({ database, defaultAccessMode: 'READ' });
  try {
    const r = await s.run(
      `CALL () { MATCH (n) RETURN count(n) AS nodes }
       CALL () { MATCH ()-[r]->() RETURN count(r) AS relationships }
       CALL () { MATCH (o:Obligation) RETURN count(o) AS obligations }
       CALL () { MATCH (t:AIServiceType) RETURN count(t) AS serviceTypes }
       OPTIONAL MATCH (v:DataVersion {id: 'current'})
       RETURN nodes, relationships, obligations, serviceTypes, coalesce(v.version, 0) AS dataVersion`,
    );
    const rec = r.records[0]!;
    const n = (k: string) => Number(rec.get(k));
    return { nodes: n('nodes'), relationships: n('relationships'), obligations: n('obligations'), serviceTypes: n('serviceTypes'), dataVersion: n('dataVersion') };
  } finally {
    await s.close();
  }
}

/** Loads the base data (after a reset when asked) and then copies 1..factor−1. */
export async function prepareSize(driver: Driver, config: Config, factor: number, opts: { reset?: boolean; log?: (m: string) => void; dataDir?: string } = {}): Promise<GraphSize> {
  const log = opts.log ?? (() => {});
  const database = config.neo4j.database;
  if (opts.reset) {
    log('resetting the benchmark graph');
    await resetGraph(driver, { database });
  }
  await ensureBaseData(driver, config, { log, dataDir: opts.dataDir });
  if (factor > 1) {
    const files = writeCopies(readBase(opts.dataDir), 1, factor - 1, SYNTH_DIR);
    // Chunks 1–9, 10–19, 20–29, …: the ×10 step and the ×100 step apply the same file sets.
    const chunks = new Map<number, string[]>();
    files.forEach((f, i) => chunks.set(Math.floor((i + 1) / CHUNK), [...(chunks.get(Math.floor((i + 1) / CHUNK)) ?? []), f]));
    for (const chunk of chunks.values()) {
      const t0 = Date.now();
      const r = await applyFiles(driver, chunk, { by: 'bench', database, maxTextLength: config.limits.maxTextLength });
      if (!r.noop) log(`applied synthetic ${path.basename(chunk[0]!)}..${path.basename(chunk.at(-1)!)}: ${r.rowsWritten} rows in ${((Date.now() - t0) / 1000).toFixed(1)} s`);
    }
  }
  return graphSize(driver, database);
}
