import path from 'node:path';
import { startNeo4j } from '../../lib/neo4j-server.ts';
import { PROJECT_ROOT } from '../../lib/project-root.ts';
import { acquireRunLock } from './run-lock.ts';
import { testConfig } from './test-config.ts';

/**
 * Takes the test database's run lock (a second run fails fast: run-lock.ts), then starts (or finds)
 * the test Neo4j once per run. The server is left running so re-runs start fast; the lock is
 * released when the run ends.
 */
export default async function setup(): Promise<() => void> {
  const { neo4j } = testConfig();
  const release = acquireRunLock(path.resolve(PROJECT_ROOT, neo4j.homeDir), `${neo4j.uri} (${neo4j.database})`);
  try {
    await startNeo4j(neo4j, { log: (m) => console.error(m) });
  } catch (err) {
    release();
    throw err;
  }
  return release;
}
