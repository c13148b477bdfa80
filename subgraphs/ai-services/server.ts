import type { Driver } from 'neo4j-driver';
import type { Config } from '../../lib/config.ts';
import { buildSubgraph } from '../shared/server.ts';
import { createLoaders } from './loaders.ts';
import { resolvers } from './resolvers.ts';

/** AI service types, their capabilities and data categories, and the bilingual concept vocabulary. */
export function buildAiServicesSubgraph(config: Config, driver: Driver) {
  return buildSubgraph({ name: 'ai-services', resolvers, createLoaders: (exec, _config, reads) => createLoaders(exec, reads) }, config, driver);
}
