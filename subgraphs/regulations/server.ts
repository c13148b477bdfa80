import type { Driver } from 'neo4j-driver';
import type { Config } from '../../lib/config.ts';
import { buildSubgraph } from '../shared/server.ts';
import { createLoaders } from './loaders.ts';
import { resolvers } from './resolvers.ts';

/** Regulations and their provisions with version history. */
export function buildRegulationsSubgraph(config: Config, driver: Driver) {
  return buildSubgraph({ name: 'regulations', resolvers, createLoaders: (exec, _config, reads) => createLoaders(exec, reads) }, config, driver);
}
