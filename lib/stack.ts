/**
 * Builds the whole federated graph in one process: five subgraphs and the gateway, each on its own
 * port. Used by the e2e tests and the benchmarks (ports 0 = any free port); `npm start` runs the
 * same pieces as separate processes instead (scripts/start.ts).
 */
import type { Driver } from 'neo4j-driver';
import { SUBGRAPH_NAMES, type Config, type SubgraphName } from './config.ts';
import { createDriver } from './neo4j.ts';
import { withSubgraphSecret } from './subgraph-secret.ts';
import { listenSubgraph, type BuiltSubgraph } from '../subgraphs/shared/server.ts';
import { buildRegulationsSubgraph } from '../subgraphs/regulations/server.ts';
import { buildObligationsSubgraph } from '../subgraphs/obligations/server.ts';
import { buildAiServicesSubgraph } from '../subgraphs/ai-services/server.ts';
import { buildInstitutionsSubgraph } from '../subgraphs/institutions/server.ts';
import { buildAssistantSubgraph } from '../subgraphs/assistant/server.ts';
import { buildGateway, listenGateway, subgraphUrlsOf } from '../gateway/server.ts';
import type { PassThroughStats } from '../gateway/single-fetch.ts';
import { startOpsServer, type ReadinessProbe } from './health.ts';

export const SUBGRAPH_BUILDERS: Record<SubgraphName, (config: Config, driver: Driver) => BuiltSubgraph<unknown>> = {
  regulations: buildRegulationsSubgraph as never,
  obligations: buildObligationsSubgraph as never,
  'ai-services': buildAiServicesSubgraph as never,
  institutions: buildInstitutionsSubgraph as never,
  assistant: buildAssistantSubgraph as never,
};

export interface Stack {
  gatewayUrl: string;
  graphqlUrl: string;
  subgraphUrls: Record<SubgraphName, string>;
  driver: Driver;
  /** The gateway's count of requests passed through from one subgraph (gateway/single-fetch.ts). */
  passThrough: PassThroughStats;
  /** What /readyz answers for this process (the gateway's view: every subgraph it calls). */
  readiness: ReadinessProbe;
  /** OPS_PORT: where /healthz, /readyz and /metrics are (null: on the gateway and subgraph ports). */
  opsUrl: string | null;
  /**
   * Stops accepting on every port at once, lets in-flight requests finish (SHUTDOWN_GRACE_MS), then
   * closes the driver. The subgraphs go on answering the in-process gateway until it has drained.
   */
  stop: () => Promise<void>;
}

export interface StackOptions {
  ports?: 'config' | 'ephemeral';
  /**
   * How the gateway reaches the subgraphs: 'http' (default; each subgraph over its own port, as
   * when they run as separate processes) or 'local' (the subgraphs' ApolloServers called directly,
   * no socket or JSON round trip; the subgraphs still listen on their ports).
   */
  transport?: 'http' | 'local';
}

export async function startInProcessStack(given: Config, opts: StackOptions = {}): Promise<Stack> {
  // The gateway and the subgraphs built here share one secret: the configured one, else one for this run.
  const config = withSubgraphSecret(given);
  const ephemeral = (opts.ports ?? 'ephemeral') === 'ephemeral';
  const driver = createDriver(config.neo4j);
  await driver.verifyConnectivity({ database: config.neo4j.database });
  // Subgraphs not built here (config.localSubgraphs) are reached over HTTP where they are configured.
  const built = SUBGRAPH_NAMES.filter((name) => config.localSubgraphs.includes(name)).map((name) => SUBGRAPH_BUILDERS[name](config, driver));
  const urls = subgraphUrlsOf(config);
  let gatewayDrained = () => {};
  const drained = new Promise<void>((r) => (gatewayDrained = r));
  for (const b of built) b.server.addPlugin({ serverWillStart: async () => ({ drainServer: () => drained }) });
  for (const b of built) urls[b.name] = await listenSubgraph(b, config.host, ephemeral ? 0 : config.subgraphPorts[b.name]);
  const local = opts.transport === 'local' ? Object.fromEntries(built.map((b) => [b.name, b])) : undefined;
  const gateway = await buildGateway(config, urls, { local, inProcess: Object.fromEntries(built.map((b) => [b.name, b])) });
  const gatewayUrl = await listenGateway(gateway, config.host, ephemeral ? 0 : config.gatewayPort);
  const ops = config.opsPort === null ? null : await startOpsServer(config.host, ephemeral ? 0 : config.opsPort, gateway.readiness);
  return {
    gatewayUrl,
    graphqlUrl: `${gatewayUrl}graphql`,
    subgraphUrls: urls,
    driver,
    passThrough: gateway.passThrough,
    readiness: gateway.readiness,
    opsUrl: ops?.url ?? null,
    stop: async () => {
      await Promise.all([gateway.stop().finally(gatewayDrained), ...built.map((b) => b.server.stop())]);
      await ops?.close();
      await driver.close();
    },
  };
}
