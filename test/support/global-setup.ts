import { startNeo4j } from '../../lib/neo4j-server.ts';
import { testConfig } from './test-config.ts';

/** Starts (or finds) the test Neo4j once per run. It is left running so re-runs start fast. */
export default async function setup(): Promise<void> {
  await startNeo4j(testConfig().neo4j, { log: (m) => console.error(m) });
}
