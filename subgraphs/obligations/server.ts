import type { Driver } from 'neo4j-driver';
import type { Config } from '../../lib/config.ts';
import { buildSubgraph } from '../shared/server.ts';
import { createLoaders } from './loaders.ts';
import { resolvers } from './resolvers.ts';

/** Obligations derived from provisions, and the applicability engine. */
export function buildObligationsSubgraph(config: Config, driver: Driver) {
  return buildSubgraph({ name: 'obligations', resolvers, createLoaders: (exec) => createLoaders(exec, { jurisdictions: ['KR'] }) }, config, driver);
}
