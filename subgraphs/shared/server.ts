/**
 * Builds (never listens) a Federation v2 subgraph server from its SDL and resolvers. Each
 * subgraph's `server.ts` calls this; `index.ts` and the test stack decide where it listens.
 */
import { ApolloServer } from '@apollo/server';
import { ApolloServerPluginCacheControlDisabled, ApolloServerPluginInlineTraceDisabled } from '@apollo/server/plugin/disabled';
import { startStandaloneServer } from '@apollo/server/standalone';
import { buildSubgraphSchema } from '@apollo/subgraph';
import { parse } from 'graphql';
import type { Driver } from 'neo4j-driver';
import type { Config, SubgraphName } from '../../lib/config.ts';
import { DateScalar } from '../../lib/dates.ts';
import { makeFormatError } from '../../lib/errors.ts';
import { Executor } from '../../lib/neo4j.ts';
import { subgraphSdl } from '../../schema/compose.ts';
import type { BaseContext } from './context.ts';
import { watchFor } from './data-version.ts';
import { SharedReads } from './shared-reads.ts';

export interface SubgraphDefinition<L> {
  name: SubgraphName;
  /** Resolver map; typed loosely because graphql-js resolver signatures vary per field. */
  resolvers: Record<string, unknown>;
  /** Per request; `reads` is the process-wide cache of graph reads (shared-reads.ts) to build them over. */
  createLoaders: (exec: Executor, config: Config, reads: SharedReads) => L;
}

export interface BuiltSubgraph<L> {
  name: SubgraphName;
  server: ApolloServer<BaseContext<L>>;
  context: (req: { headers: Record<string, string | string[] | undefined> }) => Promise<BaseContext<L>>;
}

export function buildSubgraph<L>(def: SubgraphDefinition<L>, config: Config, driver: Driver): BuiltSubgraph<L> {
  const sdl = subgraphSdl(def.name);
  const resolvers: Record<string, unknown> = { ...def.resolvers };
  if (/^scalar Date/m.test(sdl)) resolvers.Date = DateScalar;
  const schema = buildSubgraphSchema({ typeDefs: parse(sdl), resolvers: resolvers as never });
  const server = new ApolloServer<BaseContext<L>>({
    schema,
    formatError: makeFormatError(config.env),
    includeStacktraceInErrorResponses: config.env === 'development',
    introspection: true,
    csrfPrevention: true,
    // Traces go to Apollo's hosted service, which a closed bank network cannot reach.
    // No cache hints are used, and the default cache-control plugin wraps every resolver of every
    // response (about 3% of a flagship request's CPU).
    plugins: [ApolloServerPluginInlineTraceDisabled(), ApolloServerPluginCacheControlDisabled()],
  });
  const exec = new Executor(driver, config.neo4j.database, config.neo4j.queryTimeoutMs);
  const reads = new SharedReads(exec, watchFor(driver), { maxPerSlot: config.readCacheEntries, freeze: config.env !== 'production' });
  const context = async (req: { headers: Record<string, string | string[] | undefined> }): Promise<BaseContext<L>> => {
    const key = req.headers['x-api-key'];
    const caller = typeof key === 'string' ? (config.apiKeys.get(key) ?? null) : null;
    return { config, exec, loaders: def.createLoaders(exec, config, reads), caller };
  };
  return { name: def.name, server, context };
}

/** Starts a built subgraph on `port` (0 = any free port); returns its URL. */
export async function listenSubgraph<L>(built: BuiltSubgraph<L>, host: string, port: number): Promise<string> {
  const { url } = await startStandaloneServer(built.server, {
    listen: { host, port },
    context: async ({ req }) => built.context({ headers: req.headers }),
  });
  return url;
}
