import type { Caller } from '../../lib/api-keys.ts';
import type { Config } from '../../lib/config.ts';
import type { Executor } from '../../lib/neo4j.ts';

/** What every subgraph resolver gets. Loaders are created per request, never shared between requests. */
export interface BaseContext<L> {
  config: Config;
  exec: Executor;
  loaders: L;
  /** The key behind a valid `x-api-key` header (its name and scopes), decided by the server; null without one. */
  caller: Caller | null;
  /** The request id the gateway forwarded (x-request-id; lib/request-log.ts), for the in-process log line. */
  requestId?: string;
}
