import type { Driver } from 'neo4j-driver';
import type { Config } from '../../lib/config.ts';
import { buildSubgraph } from '../shared/server.ts';
import { IndexCache } from './index-cache.ts';
import { resolvers } from './resolvers.ts';

/** The RegTech assistant: matches new regulatory text to obligations and traces its impact. */
export function buildAssistantSubgraph(config: Config, driver: Driver) {
  // One index per process, shared by requests (it holds public graph data only, nothing per user).
  const index = new IndexCache();
  return buildSubgraph({ name: 'assistant', resolvers, createLoaders: () => ({ index }) }, config, driver);
}
