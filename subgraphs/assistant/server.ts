import type { Driver } from 'neo4j-driver';
import type { Config } from '../../lib/config.ts';
import { Executor } from '../../lib/neo4j.ts';
import { buildSubgraph } from '../shared/server.ts';
import { IndexCache } from './index-cache.ts';
import { resolvers } from './resolvers.ts';

/** The RegTech assistant: matches new regulatory text to obligations and traces its impact. */
export function buildAssistantSubgraph(config: Config, driver: Driver) {
  // One index per process, shared by requests (it holds public graph data only, nothing per user).
  const index = new IndexCache();
  // Built at start-up, not on the first match (5.8 s at ×1 in issue 12): a request that comes while
  // it is being built shares this build, and a failed one (no database yet) is retried by the next.
  index.get(new Executor(driver, config.neo4j.database, config.neo4j.queryTimeoutMs)).catch(() => {});
  return buildSubgraph({ name: 'assistant', resolvers, createLoaders: () => ({ index }), checks: [(exec) => index.readiness(exec)] }, config, driver);
}
