/**
 * The database's part of /readyz (lib/health.ts), for every subgraph: Neo4j answers, the schema of
 * db/migrate.ts is in place, and the data version has been read.
 */
import type { Driver } from 'neo4j-driver';
import { migrationStatements } from '../../db/migrate.ts';
import type { Check } from '../../lib/health.ts';
import type { Executor } from '../../lib/neo4j.ts';
import { watchFor } from './data-version.ts';

/** The constraint and index names `db/migrate.ts` creates: all of them must be online. */
const SCHEMA_NAMES = migrationStatements().map((s) => /^CREATE (?:CONSTRAINT|INDEX) (\S+)/.exec(s)![1]!);

const SHOW_ONLINE_INDEXES = `SHOW INDEXES YIELD name, state WHERE state = 'ONLINE' RETURN collect(name) AS names`;
const SHOW_CONSTRAINTS = `SHOW CONSTRAINTS YIELD name RETURN collect(name) AS names`;

/** How long a database verdict is reused: every subgraph of a process asks, and probes come often. */
const DATABASE_CHECK_TRUST_MS = 1000;
const databaseVerdicts = new WeakMap<Driver, { at: number; checks: Promise<Check[]> }>();

/**
 * The database's part of readiness, shared by every subgraph over one driver: Neo4j answers, every
 * constraint and index of the migration is there and online, and the data version has been read
 * (an empty graph, version 0, has no base data yet and cannot answer the product's questions).
 */
export function databaseChecks(exec: Executor): Promise<Check[]> {
  const cached = databaseVerdicts.get(exec.driver);
  if (cached && Date.now() - cached.at < DATABASE_CHECK_TRUST_MS) return cached.checks;
  const checks = runDatabaseChecks(exec);
  databaseVerdicts.set(exec.driver, { at: Date.now(), checks });
  return checks;
}

async function runDatabaseChecks(exec: Executor): Promise<Check[]> {
  const started = Date.now();
  try {
    const [indexes, constraints] = await Promise.all([exec.read('readyIndexes', SHOW_ONLINE_INDEXES), exec.read('readyConstraints', SHOW_CONSTRAINTS)]);
    const neo4j: Check = { name: 'neo4j', ok: true, ms: Date.now() - started };
    const present = new Set([...((indexes[0]?.names as string[]) ?? []), ...((constraints[0]?.names as string[]) ?? [])]);
    const missing = SCHEMA_NAMES.filter((n) => !present.has(n));
    const schema: Check = { name: 'schema', ok: missing.length === 0, ...(missing.length ? { missing } : { objects: SCHEMA_NAMES.length }) };
    const { version } = await watchFor(exec.driver).current(exec);
    const dataVersion: Check = { name: 'dataVersion', ok: version > 0, version, ...(version > 0 ? {} : { error: 'no data loaded (data version 0)' }) };
    return [neo4j, schema, dataVersion];
  } catch (err) {
    return [{ name: 'neo4j', ok: false, error: (err as Error).message }];
  }
}

