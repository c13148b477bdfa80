/** `ensureBaseData`: what `npm start` and the e2e tests call to get a usable graph. */
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Driver } from 'neo4j-driver';
import type { Config } from '../lib/config.ts';
import { migrate } from '../db/migrate.ts';
import { applyFiles, type ApplyResult } from './loader.ts';

/** The base data folder, resolved relative to this module (never the working directory). */
export const BASE_DATA_DIR = path.join(path.dirname(fileURLToPath(import.meta.url)), 'data');

const SEED_FILE = /\.(ya?ml|json)$/i;

/** Seed files in a folder (recursively), sorted by path. */
export function seedFilesIn(dir: string): string[] {
  if (!fs.existsSync(dir) || !fs.statSync(dir).isDirectory()) return [];
  const out: string[] = [];
  const walk = (d: string): void => {
    for (const e of fs.readdirSync(d, { withFileTypes: true })) {
      const p = path.join(d, e.name);
      if (e.isDirectory()) walk(p);
      else if (SEED_FILE.test(e.name)) out.push(p);
    }
  };
  walk(dir);
  return out.sort();
}

export interface BaseDataResult {
  /** True when the graph was empty and the base data was loaded now. */
  loaded: boolean;
  files: number;
  regulations: number;
  provisions: number;
  obligations: number;
  nodes: number;
  dataVersion: number;
  apply: ApplyResult | null;
}

/**
 * Migrates, and when the graph holds no Regulation applies every file of `seed/data/` (sorted)
 * as one file set. Returns counts of what the graph then holds.
 */
export async function ensureBaseData(
  driver: Driver,
  config: Config,
  opts: { log?: (msg: string) => void; dataDir?: string } = {},
): Promise<BaseDataResult> {
  const log = opts.log ?? (() => {});
  const database = config.neo4j.database;
  await migrate(driver, database);
  const count = async (): Promise<{ regulations: number; provisions: number; obligations: number; nodes: number; version: number }> => {
    const session = driver.session({ database, defaultAccessMode: 'READ' });
    try {
      const r = await session.run(
        `CALL () { MATCH (n:Regulation) RETURN count(n) AS regulations }
         CALL () { MATCH (n:Provision) RETURN count(n) AS provisions }
         CALL () { MATCH (n:Obligation) RETURN count(n) AS obligations }
         CALL () { MATCH (n) RETURN count(n) AS nodes }
         OPTIONAL MATCH (v:DataVersion {id: 'current'})
         RETURN regulations, provisions, obligations, nodes, coalesce(v.version, 0) AS version`,
      );
      const rec = r.records[0]!;
      const n = (k: string): number => Number(rec.get(k));
      return { regulations: n('regulations'), provisions: n('provisions'), obligations: n('obligations'), nodes: n('nodes'), version: n('version') };
    } finally {
      await session.close();
    }
  };
  const before = await count();
  let apply: ApplyResult | null = null;
  let files: string[] = [];
  if (before.regulations === 0) {
    files = seedFilesIn(opts.dataDir ?? BASE_DATA_DIR);
    if (files.length) {
      log(`seed: graph is empty; applying ${files.length} base data file(s) from ${opts.dataDir ?? BASE_DATA_DIR}`);
      apply = await applyFiles(driver, files, { by: 'system:ensureBaseData', database, maxTextLength: config.limits.maxTextLength });
      log(`seed: ${apply.noop ? 'already applied' : apply.summary ? `applied (${apply.rowsWritten} rows)` : 'done'}`);
    } else log('seed: graph is empty and seed/data/ has no files');
  }
  const after = apply ? await count() : before;
  return {
    loaded: Boolean(apply && !apply.noop),
    files: files.length,
    regulations: after.regulations,
    provisions: after.provisions,
    obligations: after.obligations,
    nodes: after.nodes,
    dataVersion: after.version,
    apply,
  };
}
