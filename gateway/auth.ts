/**
 * API keys at the gateway: who the caller is (lib/api-keys.ts), REQUIRE_READ_KEY (401 before any
 * GraphQL work), the body size a caller may send, and "a mutation needs a key" (401). Which scope a
 * mutation needs is decided by the subgraph that owns it (defence in depth: it checks the forwarded
 * key again).
 */
import type { ApolloServerPlugin } from '@apollo/server';
import express from 'express';
import { authenticate, type Caller } from '../lib/api-keys.ts';
import type { Config } from '../lib/config.ts';
import { ErrorCode, unauthenticated } from '../lib/errors.ts';
import { log } from '../lib/logger.ts';
import { observeRequest } from '../lib/metrics.ts';
import { REQUEST_ID_HEADER } from '../lib/request-log.ts';

/** Bodies of anonymous requests: queries are small. */
const ANONYMOUS_BODY = 256 * 1024;

/** Express middleware for /graphql: sets `res.locals.caller`, refuses keyless requests when REQUIRE_READ_KEY is on, parses JSON. */
export function authAndBody(config: Config): express.RequestHandler[] {
  // A key holder may send seed files (MAX_SEED_BYTES of content); JSON escaping of newlines and
  // quotes can double that at worst. Still a hard cap: the seed mutations check the exact bytes.
  const keyed = express.json({ limit: 2 * config.writeApi.maxSeedBytes + 64 * 1024 });
  const anonymous = express.json({ limit: ANONYMOUS_BODY });
  return [
    (req, res, next) => {
      const caller = authenticate(config.apiKeys, req.headers['x-api-key']);
      res.locals.caller = caller;
      if (config.requireReadKey && !caller) {
        // Refused before GraphQL, so the request log plugin never sees it: its line and count are here.
        log.warn({ service: 'gateway', requestId: req.headers[REQUEST_ID_HEADER], outcome: 'client_error', status: 401, code: ErrorCode.UNAUTHENTICATED }, 'request refused');
        observeRequest('gateway', 'unknown', 'client_error', null, [ErrorCode.UNAUTHENTICATED]);
        res.status(401).json({ errors: [{ message: 'a valid API key is required (x-api-key header; REQUIRE_READ_KEY is on)', extensions: { code: ErrorCode.UNAUTHENTICATED } }] });
        return;
      }
      (caller ? keyed : anonymous)(req, res, next);
    },
  ];
}

/** Mutations write: without a valid key they are refused before planning (HTTP 401). */
export function mutationAuthPlugin<C extends { caller: Caller | null }>(): ApolloServerPlugin<C> {
  return {
    async requestDidStart() {
      return {
        async didResolveOperation({ operation, contextValue }) {
          if (operation?.operation === 'mutation' && !contextValue.caller) throw unauthenticated('mutations need an API key (x-api-key header)');
        },
      };
    },
  };
}
