/**
 * The gateway alternative: Hive Gateway (@graphql-hive/gateway-runtime, MIT) serving our committed
 * supergraph with the same subgraphs (listening on the configured subgraph ports), planning with
 * Hive Router's Rust query planner (@graphql-hive/router-runtime). Inbound in-flight request
 * deduplication is off (its default; `inboundInflightRequestDeduplication` is not set).
 *
 *   node --import tsx bench/servers/hive.ts <port> [js]   ("js" = the default JS stitching planner)
 *   (prints {"url": ...} on stdout when ready)
 */
import fs from 'node:fs';
import http from 'node:http';
import { createGatewayRuntime } from '@graphql-hive/gateway-runtime';
import { unifiedGraphHandler } from '@graphql-hive/router-runtime';
import { loadConfig, SUBGRAPH_NAMES } from '../../lib/config.ts';
import { SUBGRAPH_SECRET_HEADER } from '../../lib/subgraph-secret.ts';
import { SUPERGRAPH_PATH } from '../../schema/compose.ts';

const port = Number(process.argv[2] ?? 0);
const planner = process.argv[3] === 'js' ? 'js' : 'rust';
const config = loadConfig(process.env);
let supergraph = fs.readFileSync(SUPERGRAPH_PATH, 'utf8');
for (const name of SUBGRAPH_NAMES) {
  supergraph = supergraph.replace(`url: "http://placeholder.invalid/${name}"`, `url: "http://${config.host}:${config.subgraphPorts[name]}/"`);
}
const runtime = createGatewayRuntime({
  supergraph,
  graphqlEndpoint: '/graphql',
  landingPage: false,
  graphiql: false,
  logging: 'error',
  maskedErrors: false,
  // The subgraphs answer only a caller with SUBGRAPH_SECRET (lib/subgraph-secret.ts), as for our gateway.
  ...(config.subgraphSecret ? { propagateHeaders: { fromClientToSubgraphs: () => ({ [SUBGRAPH_SECRET_HEADER]: config.subgraphSecret! }) } } : {}),
  ...(planner === 'rust' ? { unifiedGraphHandler } : {}),
});
const server = http.createServer(runtime);
await new Promise<void>((resolve) => server.listen(port, config.host, resolve));
const addr = server.address();
const actual = typeof addr === 'object' && addr ? addr.port : port;
process.stdout.write(`${JSON.stringify({ url: `http://${config.host}:${actual}/graphql`, planner })}\n`);
const stop = async () => {
  server.close();
  await runtime.dispose();
  process.exit(0);
};
process.once('SIGTERM', stop);
process.once('SIGINT', stop);
