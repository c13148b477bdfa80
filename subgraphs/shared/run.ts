/** Start-up of one subgraph as its own process: config, one driver, listen, drain and close on SIGTERM. */
import type { Driver } from 'neo4j-driver';
import { loadConfig, type Config, type SubgraphName } from '../../lib/config.ts';
import { startOpsServer } from '../../lib/health.ts';
import { configureLogging } from '../../lib/logger.ts';
import { createDriver } from '../../lib/neo4j.ts';
import { stopWithParent } from '../../lib/process-lifecycle.mjs';
import { stopOnSignals } from '../../lib/shutdown.ts';
import { listenSubgraph, type BuiltSubgraph } from './server.ts';

export async function runSubgraph<L>(name: SubgraphName, build: (config: Config, driver: Driver) => BuiltSubgraph<L>): Promise<void> {
  const config = loadConfig(process.env);
  configureLogging(config);
  const driver = createDriver(config.neo4j);
  try {
    await driver.verifyConnectivity({ database: config.neo4j.database });
  } catch (err) {
    console.error(`${name}: cannot reach Neo4j at ${config.neo4j.uri}: ${(err as Error).message}`);
    process.exit(1);
  }
  const built = build(config, driver);
  const url = await listenSubgraph(built, config.host, config.subgraphPorts[name]);
  const ops = config.opsPort === null ? null : await startOpsServer(config.host, config.opsPort, built.readiness);
  console.error(`${name} subgraph ready at ${url}${ops ? ` (ops at ${ops.url})` : ''}`);
  const shutdown = stopOnSignals(
    name,
    async () => {
      // server.stop() drains the listener (in-flight requests, within SHUTDOWN_GRACE_MS) first.
      await built.server.stop();
      await ops?.close();
      await driver.close();
    },
    config.shutdownGraceMs,
  );
  stopWithParent(() => shutdown('parent gone'));
}
