/** Starts the gateway alone; the subgraphs must already listen on their configured ports. */
import { loadConfig, SUBGRAPH_NAMES, type SubgraphName } from '../lib/config.ts';
import { buildGateway, listenGateway } from './server.ts';

const config = loadConfig(process.env);
const urls = Object.fromEntries(SUBGRAPH_NAMES.map((n) => [n, `http://${config.host}:${config.subgraphPorts[n]}/`])) as Record<SubgraphName, string>;
const gateway = await buildGateway(config, urls);
const url = await listenGateway(gateway, config.host, config.gatewayPort);
console.error(`gateway ready at ${url} (GraphQL at ${url}graphql)`);
const stop = async () => {
  await gateway.stop();
  process.exit(0);
};
process.once('SIGTERM', stop);
process.once('SIGINT', stop);
