/**
 * Starts the gateway alone, over HTTP to the subgraphs: at `*_URL` when set (e.g. a load balancer
 * in front of several instances), else on this host's configured ports.
 */
import { loadConfig } from '../lib/config.ts';
import { startOpsServer } from '../lib/health.ts';
import { configureLogging, log } from '../lib/logger.ts';
import { stopWithParent } from '../lib/process-lifecycle.mjs';
import { stopOnSignals } from '../lib/shutdown.ts';
import { buildGateway, listenGateway, subgraphUrlsOf } from './server.ts';

const config = loadConfig(process.env);
configureLogging(config);
const urls = subgraphUrlsOf(config);
console.error(`subgraphs: ${Object.entries(urls).map(([n, u]) => `${n} ${u}`).join(', ')}`);
const gateway = await buildGateway(config, urls);
const url = await listenGateway(gateway, config.host, config.gatewayPort);
const ops = config.opsPort === null ? null : await startOpsServer(config.host, config.opsPort, gateway.readiness);
log.info({ service: 'gateway', url, graphql: `${url}graphql`, ops: ops?.url ?? url }, 'gateway listening');
console.error(`gateway ready at ${url} (GraphQL at ${url}graphql)`);
const shutdown = stopOnSignals(
  'gateway',
  async () => {
    await gateway.stop();
    await ops?.close();
  },
  config.shutdownGraceMs,
);
stopWithParent(() => shutdown('parent gone'));
