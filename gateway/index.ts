/**
 * Starts the gateway alone, over HTTP to the subgraphs: at `*_URL` when set (e.g. a load balancer
 * in front of several instances), else on this host's configured ports.
 */
import { loadConfig } from '../lib/config.ts';
import { stopWithParent } from '../lib/process-lifecycle.mjs';
import { buildGateway, listenGateway, subgraphUrlsOf } from './server.ts';

const config = loadConfig(process.env);
const urls = subgraphUrlsOf(config);
console.error(`subgraphs: ${Object.entries(urls).map(([n, u]) => `${n} ${u}`).join(', ')}`);
const gateway = await buildGateway(config, urls);
const url = await listenGateway(gateway, config.host, config.gatewayPort);
console.error(`gateway ready at ${url} (GraphQL at ${url}graphql)`);
const stop = async () => {
  await gateway.stop();
  process.exit(0);
};
process.once('SIGTERM', stop);
process.once('SIGINT', stop);
stopWithParent(() => void stop());
