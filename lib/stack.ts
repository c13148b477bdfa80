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
  for (const b of built) urls[b.name] = await listenSubgraph(b, config.host, ephemeral ? 0 : config.subgraphPorts[b.name]);
  const local = opts.transport === 'local' ? Object.fromEntries(built.map((b) => [b.name, b])) : undefined;
  const gateway = await buildGateway(config, urls, { local });
  const gatewayUrl = await listenGateway(gateway, config.host, ephemeral ? 0 : config.gatewayPort);
  return {
    gatewayUrl,
    graphqlUrl: `${gatewayUrl}graphql`,
    subgraphUrls: urls,
    driver,
    passThrough: gateway.passThrough,
    stop: async () => {
      await gateway.stop();
      await Promise.all(built.map((b) => b.server.stop()));
      await driver.close();
    },
  };
}
