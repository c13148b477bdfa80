/**
 * Brings the benchmark Neo4j to a data size: base (×1), ×10, ×100 or ×1000 (`variedText`: copies
 * whose texts are recombined from the statutes, bench/varied-text.ts). Sizes only grow within a run
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
/** Copies with texts of their own (bench/varied-text.ts): a separate file set, so that a graph holds one kind or the other. */
export const SYNTH_VARIED_DIR = path.join(PROJECT_ROOT, '.data', 'bench-synth-varied');
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

export interface PrepareOptions {
  reset?: boolean;
  log?: (m: string) => void;
  dataDir?: string;
  /** Copies with varied texts (bench/varied-text.ts) instead of the base's texts renamed. */
  variedText?: boolean;
  /** Stop applying chunks once this much time went on loading (the size reached is reported: `copies`). */
  budgetMs?: number;
}

/** Loads the base data (after a reset when asked) and then copies 1..factor−1 (fewer when `budgetMs` runs out). */
export async function prepareSize(driver: Driver, config: Config, factor: number, opts: PrepareOptions = {}): Promise<GraphSize & { copies: number; loadMs: number }> {
  const log = opts.log ?? (() => {});
  const database = config.neo4j.database;
  if (opts.reset) {
    log('resetting the benchmark graph');
    await resetGraph(driver, { database });
  }
  const started = Date.now();
  let copies = 0;
  await ensureBaseData(driver, config, { log, dataDir: opts.dataDir });
  if (factor > 1) {
    const files = writeCopies(readBase(opts.dataDir), 1, factor - 1, opts.variedText ? SYNTH_VARIED_DIR : SYNTH_DIR, { variedText: opts.variedText });
    // Chunks 1–9, 10–19, 20–29, …: the ×10 step and the ×100 step apply the same file sets.
    const chunks = new Map<number, string[]>();
    files.forEach((f, i) => chunks.set(Math.floor((i + 1) / CHUNK), [...(chunks.get(Math.floor((i + 1) / CHUNK)) ?? []), f]));
    for (const chunk of chunks.values()) {
      if (opts.budgetMs !== undefined && Date.now() - started > opts.budgetMs) {
        log(`load budget of ${(opts.budgetMs / 60_000).toFixed(0)} min spent: stopping at ${copies} copies (×${copies + 1})`);
        break;
      }
      const t0 = Date.now();
      const r = await applyFiles(driver, chunk, { by: 'bench', database, maxTextLength: config.limits.maxTextLength });
      copies += chunk.length;
      if (!r.noop) log(`applied synthetic ${path.basename(chunk[0]!)}..${path.basename(chunk.at(-1)!)}: ${r.rowsWritten} rows in ${((Date.now() - t0) / 1000).toFixed(1)} s`);
    }
  }
  return { ...(await graphSize(driver, database)), copies, loadMs: Date.now() - started };
}
