import type { Driver } from 'neo4j-driver';
import type { Config } from '../../lib/config.ts';
import { DataVersionWatch } from '../shared/data-version.ts';
import { buildSubgraph } from '../shared/server.ts';
import { EngineCache } from './applicability.ts';
import { createLoaders } from './loaders.ts';
import { resolvers } from './resolvers.ts';

/** Obligations derived from provisions, and the applicability engine. */
export function buildObligationsSubgraph(config: Config, driver: Driver) {
  // One engine cache per process, shared by requests: it holds public graph data keyed by the
  // question, never anything about the caller.
  const cache = new EngineCache(new DataVersionWatch());
  return buildSubgraph({ name: 'obligations', resolvers, createLoaders: (exec) => createLoaders(exec, { jurisdictions: ['KR'], cache }) }, config, driver);
}
