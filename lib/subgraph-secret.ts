/**
 * Subgraphs answer only the gateway (issue 12 item 2). The gateway sends SUBGRAPH_SECRET in a
 * header with every subgraph request; a subgraph refuses any request without it with 401 before
 * GraphQL sees it, so introspection, `_service { sdl }` and `_entities` are closed to everyone
 * else. A shared bearer secret rather than a signature over the body: the subgraphs' JSON is parsed
 * by Express and re-signing it would cost a second serialisation per fetch for no gain on a
 * loopback or TLS link (docs: put TLS between hosts). Compared in constant time.
 */
import { randomBytes, timingSafeEqual } from 'node:crypto';
import type express from 'express';
import { hashKey } from './api-keys.ts';
import type { Config } from './config.ts';
import { ErrorCode } from './errors.ts';
import { log } from './logger.ts';

export const SUBGRAPH_SECRET_HEADER = 'x-regkg-subgraph-secret';

/** A new random secret (npm start makes one per run when SUBGRAPH_SECRET is not set outside production). */
export const newSubgraphSecret = (): string => randomBytes(32).toString('base64url');

/** The config with a secret: its own, or a new one for this run (never in production, where loadConfig requires one). */
export function withSubgraphSecret(config: Config): Config & { subgraphSecret: string } {
  if (config.subgraphSecret) return config as Config & { subgraphSecret: string };
  if (config.env === 'production') throw new Error('SUBGRAPH_SECRET must be set in production');
  return Object.freeze({ ...config, subgraphSecret: newSubgraphSecret() });
}


/** At most one warn line per this many ms per subgraph: a port scan must not flood the log. */
const REFUSAL_LOG_INTERVAL_MS = 10_000;

/** Express middleware: 401 JSON for a request without the right secret (one warn line per interval, with the count). */
export function requireSubgraphSecret(secret: string, name = 'subgraph'): express.RequestHandler {
  const expected = hashKey(secret);
  let lastLogged = 0;
  let refusedSince = 0;
  return (req, res, next) => {
    const given = req.headers[SUBGRAPH_SECRET_HEADER];
    // Hash both sides so the comparison is constant-time whatever the presented length.
    if (typeof given === 'string' && given.length <= 1024 && timingSafeEqual(hashKey(given), expected)) {
      next();
      return;
    }
    refusedSince += 1;
    const now = Date.now();
    if (now - lastLogged >= REFUSAL_LOG_INTERVAL_MS) {
      log.warn({ service: `subgraph ${name}`, status: 401, code: ErrorCode.UNAUTHENTICATED, remote: req.socket.remoteAddress, refused: refusedSince }, 'refused requests without the gateway\'s SUBGRAPH_SECRET');
      lastLogged = now;
      refusedSince = 0;
    }
    res.status(401).json({ errors: [{ message: 'subgraphs answer only the gateway', extensions: { code: ErrorCode.UNAUTHENTICATED } }] });
  };
}
