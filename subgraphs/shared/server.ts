/**
 * Builds (never listens) a Federation v2 subgraph server from its SDL and resolvers. Each
 * subgraph's `server.ts` calls this; `index.ts` and the test stack decide where it listens.
 */
import { ApolloServer, type ApolloServerPlugin } from '@apollo/server';
import { ApolloServerPluginCacheControlDisabled, ApolloServerPluginInlineTraceDisabled } from '@apollo/server/plugin/disabled';
import { ApolloServerPluginDrainHttpServer } from '@apollo/server/plugin/drainHttpServer';
import { buildSubgraphSchema } from '@apollo/subgraph';
import { expressMiddleware } from '@as-integrations/express5';
import express from 'express';
import http from 'node:http';
import { parse } from 'graphql';
import type { Driver } from 'neo4j-driver';
import type { Config, SubgraphName } from '../../lib/config.ts';
import { DateScalar } from '../../lib/dates.ts';
import { authenticate } from '../../lib/api-keys.ts';
import { makeFormatError, unauthenticated } from '../../lib/errors.ts';
import { limitOptions, subgraphLimits } from '../../lib/graphql-limits.ts';
import { jsonErrorHandler } from '../../lib/http-errors.ts';
import { log } from '../../lib/logger.ts';
import { requireSubgraphSecret } from '../../lib/subgraph-secret.ts';
import { capListFields, responseCapPlugin } from '../../lib/response-cap.ts';
import { Executor } from '../../lib/neo4j.ts';
import { subgraphSdl } from '../../schema/compose.ts';
import type { BaseContext } from './context.ts';
import { watchFor } from './data-version.ts';
import { SharedReads } from './shared-reads.ts';
import { opsRouter, type Check, type ReadinessProbe } from '../../lib/health.ts';
import { requestId, requestLogPlugin, REQUEST_ID_HEADER } from '../../lib/request-log.ts';
import { databaseChecks } from './readiness.ts';

export interface SubgraphDefinition<L> {
  name: SubgraphName;
  /** Resolver map; typed loosely because graphql-js resolver signatures vary per field. */
  resolvers: Record<string, unknown>;
  /** Per request; `reads` is the process-wide cache of graph reads (shared-reads.ts) to build them over. */
  createLoaders: (exec: Executor, config: Config, reads: SharedReads) => L;
  /** Extra Apollo plugins (e.g. to close a subgraph's own resources when the server stops). */
  plugins?: ApolloServerPlugin<BaseContext<L>>[];
  /** Readiness checks of this subgraph's own, besides the database's (e.g. the assistant's index). */
  checks?: ((exec: Executor) => Promise<Check>)[];
}

export interface BuiltSubgraph<L> {
  /** SUBGRAPH_SECRET: listenSubgraph refuses HTTP requests without it (null: development without one, open). */
  secret: string | null;
  name: SubgraphName;
  server: ApolloServer<BaseContext<L>>;
  context: (req: { headers: Record<string, string | string[] | undefined> }) => Promise<BaseContext<L>>;
  /** What /readyz reports (lib/health.ts, subgraphs/shared/readiness.ts). */
  readiness: ReadinessProbe;
  /** False with OPS_PORT: /healthz, /readyz and /metrics are then on the operators' port, not this one. */
  opsOnApiPort: boolean;
  /** SHUTDOWN_GRACE_MS: how long the listener's in-flight requests may take once the server stops. */
  shutdownGraceMs: number;
}

export function buildSubgraph<L>(def: SubgraphDefinition<L>, config: Config, driver: Driver): BuiltSubgraph<L> {
  const sdl = subgraphSdl(def.name);
  const resolvers: Record<string, unknown> = { ...def.resolvers };
  if (/^scalar Date/m.test(sdl)) resolvers.Date = DateScalar;
  const schema = buildSubgraphSchema({ typeDefs: parse(sdl), resolvers: resolvers as never });
  capListFields(schema, config.limits.maxResponseItems);
  // The same limits as the gateway's, with room for what its query plans add (graphql-limits.ts).
  const limits = limitOptions(subgraphLimits(config.limits));
  const server = new ApolloServer<BaseContext<L>>({
    schema,
    formatError: makeFormatError(config.env),
    includeStacktraceInErrorResponses: config.env === 'development',
    // The gateway plans from the committed supergraph and never introspects a subgraph.
    introspection: config.env !== 'production',
    csrfPrevention: true,
    // Signals are the process's (lib/shutdown.ts), not Apollo's: see gateway/server.ts.
    stopOnTerminationSignals: false,
    parseOptions: limits.parseOptions,
    validationRules: limits.validationRules,
    // Traces go to Apollo's hosted service, which a closed bank network cannot reach.
    // No cache hints are used, and the default cache-control plugin wraps every resolver of every
    // response (about 3% of a flagship request's CPU).
    plugins: [
      ApolloServerPluginInlineTraceDisabled(),
      ApolloServerPluginCacheControlDisabled(),
      limits.plugin as ApolloServerPlugin<BaseContext<L>>,
      responseCapPlugin(config.limits.maxResponseItems),
      requestLogPlugin<BaseContext<L>>(def.name),
      ...(def.plugins ?? []),
    ],
  });
  const exec = new Executor(driver, config.neo4j.database, config.neo4j.queryTimeoutMs);
  const reads = new SharedReads(exec, watchFor(driver), { maxPerSlot: config.readCacheEntries, freeze: config.env !== 'production' });
  const context = async (req: { headers: Record<string, string | string[] | undefined> }): Promise<BaseContext<L>> => {
    // The gateway forwards x-api-key; the key is checked here again (defence in depth).
    const caller = authenticate(config.apiKeys, req.headers['x-api-key']);
    if (config.requireReadKey && !caller) throw unauthenticated();
    const id = req.headers[REQUEST_ID_HEADER];
    return { config, exec, loaders: def.createLoaders(exec, config, reads), caller, requestId: typeof id === 'string' ? id : undefined };
  };
  const readiness: ReadinessProbe = async () => [...(await databaseChecks(exec)), ...(await Promise.all((def.checks ?? []).map((c) => c(exec))))];
  return { name: def.name, server, context, secret: config.subgraphSecret, readiness, opsOnApiPort: config.opsPort === null, shutdownGraceMs: config.shutdownGraceMs };
}

/**
 * Largest request body a subgraph accepts: the gateway's `_entities` fetches carry one
 * representation per entity of the previous step, far more than a client's query.
 */
const SUBGRAPH_BODY_LIMIT = '8mb';

/** Starts a built subgraph on `port` (0 = any free port); returns its URL. */
export async function listenSubgraph<L>(built: BuiltSubgraph<L>, host: string, port: number): Promise<string> {
  const app = express();
  app.disable('x-powered-by');
  const httpServer = http.createServer(app);
  // server.stop() then closes the listener too.
  built.server.addPlugin(ApolloServerPluginDrainHttpServer({ httpServer, stopGracePeriodMillis: built.shutdownGraceMs }));
  await built.server.start();
  app.use(requestId());
  // Load balancers and Prometheus hold neither an API key nor the gateway's secret (lib/health.ts).
  if (built.opsOnApiPort) app.use(opsRouter(built.readiness));
  // Before the body is even parsed: a request without the gateway's secret costs nothing.
  if (built.secret) app.use(requireSubgraphSecret(built.secret, built.name));
  else log.warn({ subgraph: built.name }, 'no SUBGRAPH_SECRET: this subgraph answers anyone who can reach its port (development only)');
  app.use(express.json({ limit: SUBGRAPH_BODY_LIMIT }), expressMiddleware(built.server, { context: async ({ req }) => built.context({ headers: req.headers }) }));
  app.use(jsonErrorHandler(`subgraph ${built.name}`));
  await new Promise<void>((resolve, reject) => {
    httpServer.once('error', reject);
    httpServer.listen(port, host, () => resolve());
  });
  const addr = httpServer.address();
  return `http://${host}:${typeof addr === 'object' && addr ? addr.port : port}/`;
}
