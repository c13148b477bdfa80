import type { Driver } from 'neo4j-driver';
import type { Config } from '../../lib/config.ts';
import { Executor } from '../../lib/neo4j.ts';
import { watchFor } from '../shared/data-version.ts';
import { buildSubgraph } from '../shared/server.ts';
import { EngineCache } from './applicability.ts';
import { createLoaders } from './loaders.ts';
import { resolvers } from './resolvers.ts';
import { WebhookService } from './webhooks/service.ts';

/** Obligations derived from provisions, and the applicability engine. */
export function buildObligationsSubgraph(config: Config, driver: Driver) {
  // One engine cache per process, shared by requests: it holds public graph data keyed by the
  // question, never anything about the caller.
  // READ_CACHE_ENTRIES=0 turns it off with the shared reads (every question reads Neo4j).
  const cache = config.readCacheEntries > 0 ? new EngineCache(watchFor(driver)) : undefined;
  // The indexes are read at start-up, not on the first question (at ×100 that question took 5.5 s,
  // over the gateway's 5 s subgraph timeout, while it started the reads and asked Cypher meanwhile):
  // under `npm start` they are read while the assistant builds its index. A failed read (no
  // database yet) is retried by the next question.
  if (cache) {
    const exec = new Executor(driver, config.neo4j.database, config.neo4j.queryTimeoutMs);
    cache.obligationIndex(exec).catch(() => {});
    cache.subjectIndex(exec).catch(() => {});
  }
  // The webhook outbox and delivery worker live and stop with this server (README "Webhooks").
  const webhooks = new WebhookService(config, driver);
  return buildSubgraph(
    {
      name: 'obligations',
      resolvers,
      createLoaders: (exec, _config, reads) => createLoaders(exec, { jurisdictions: ['KR'], reads, ...(cache ? { cache } : {}) }),
      plugins: [
        {
          serverWillStart: async () => {
            webhooks.start();
            return { serverWillStop: () => webhooks.stop() };
          },
        },
      ],
    },
    config,
    driver,
  );
}
