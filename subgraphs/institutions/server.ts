import type { Driver } from 'neo4j-driver';
import type { Config } from '../../lib/config.ts';
import { buildSubgraph } from '../shared/server.ts';
import { createLoaders } from './loaders.ts';
import { resolvers } from './resolvers.ts';

/** Institutions, the services they deploy, and their regulatory-sandbox designations. */
export function buildInstitutionsSubgraph(config: Config, driver: Driver) {
  return buildSubgraph({ name: 'institutions', resolvers, createLoaders: (exec, _config, reads) => createLoaders(exec, reads) }, config, driver);
}
