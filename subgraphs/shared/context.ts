import type { Config } from '../../lib/config.ts';
import type { Executor } from '../../lib/neo4j.ts';

/** What every subgraph resolver gets. Loaders are created per request, never shared between requests. */
export interface BaseContext<L> {
  config: Config;
  exec: Executor;
  loaders: L;
  /** The name behind a valid `x-api-key` header, if one was sent. */
  caller: string | null;
}
