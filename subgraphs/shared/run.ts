/** Start-up of one subgraph as its own process: config, one driver, listen, close on SIGTERM. */
import type { Driver } from 'neo4j-driver';
import { loadConfig, type Config, type SubgraphName } from '../../lib/config.ts';
import { createDriver } from '../../lib/neo4j.ts';
import { stopWithParent } from '../../lib/process-lifecycle.mjs';
import { listenSubgraph, type BuiltSubgraph } from './server.ts';

export async function runSubgraph<L>(name: SubgraphName, build: (config: Config, driver: Driver) => BuiltSubgraph<L>): Promise<void> {
  const config = loadConfig(process.env);
  const driver = createDriver(config.neo4j);
  try {
    await driver.verifyConnectivity({ database: config.neo4j.database });
  } catch (err) {
    console.error(`${name}: cannot reach Neo4j at ${config.neo4j.uri}: ${(err as Error).message}`);
    process.exit(1);
  }
  const url = await listenSubgraph(build(config, driver), config.host, config.subgraphPorts[name]);
  console.error(`${name} subgraph ready at ${url}`);
  const shutdown = async () => {
    await driver.close();
    process.exit(0);
  };
  process.once('SIGTERM', shutdown);
  process.once('SIGINT', shutdown);
  stopWithParent(() => void shutdown());
}
