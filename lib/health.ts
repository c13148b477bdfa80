/**
 * Health, readiness and metrics for operators: `/healthz` (the process answers), `/readyz` (it can
 * serve: the checks of subgraphs/shared/readiness.ts, and for a gateway the subgraphs it calls over
 * HTTP ready too) and `/metrics` (lib/metrics.ts). Never
 * behind the API key: a load balancer or Prometheus has none. Mounted on every gateway and subgraph
 * port, or, with OPS_PORT, on one port of their own (`startOpsServer`).
 *
 * Once the process is stopping (lib/shutdown.ts) `/readyz` answers 503, so that a load balancer
 * stops sending new requests while the in-flight ones finish.
 */
import http from 'node:http';
import express from 'express';
import { metricsText, registry } from './metrics.ts';

/** One thing a process needs to serve, and whether it has it; the rest is detail for the operator. */
export interface Check {
  name: string;
  ok: boolean;
  [detail: string]: unknown;
}

/** What `/readyz` reports: every check of everything this port (or this process) serves. */
export type ReadinessProbe = () => Promise<Check[]>;

export interface Readiness {
  status: 'ready' | 'not_ready' | 'stopping';
  pid: number;
  checks: Check[];
}

let stopping = false;

/** From now on `/readyz` answers 503 `stopping` (lib/shutdown.ts calls it first). */
export function markStopping(): void {
  stopping = true;
}

export async function readiness(probe: ReadinessProbe): Promise<Readiness> {
  const checks = await probe().catch((err: unknown) => [{ name: 'readiness', ok: false, error: (err as Error).message }]);
  const status = stopping ? 'stopping' : checks.every((c) => c.ok) ? 'ready' : 'not_ready';
  return { status, pid: process.pid, checks };
}

/** The readiness of a subgraph reached over HTTP: its own `/readyz`, next to its GraphQL endpoint. */
export function remoteReadiness(name: string, url: string, timeoutMs = 2000): () => Promise<Check> {
  const readyz = new URL('readyz', url.endsWith('/') ? url : `${url}/`).href;
  return async () => {
    try {
      const res = await fetch(readyz, { signal: AbortSignal.timeout(timeoutMs) });
      const body = (await res.json().catch(() => null)) as Readiness | null;
      const failing = body?.checks?.filter((c) => !c.ok).map((c) => c.name);
      return { name: `subgraph:${name}`, ok: res.status === 200, url: readyz, ...(failing?.length ? { failing } : {}), ...(res.status === 200 ? {} : { status: res.status }) };
    } catch (err) {
      return { name: `subgraph:${name}`, ok: false, url: readyz, error: (err as Error).message };
    }
  };
}

/** `/healthz`, `/readyz` and `/metrics`, for an Express app (mounted before any auth). */
export function opsRouter(probe: ReadinessProbe): express.Router {
  const router = express.Router();
  router.get('/healthz', (_req, res) => {
    res.json({ status: 'ok', pid: process.pid, uptimeSeconds: Math.round(process.uptime()) });
  });
  router.get('/readyz', async (_req, res) => {
    const r = await readiness(probe);
    res.status(r.status === 'ready' ? 200 : 503).json(r);
  });
  router.get('/metrics', async (_req, res) => {
    try {
      res.type(registry.contentType).send(await metricsText());
    } catch (err) {
      res.status(503).type('text/plain').send(`metrics unavailable: ${(err as Error).message}\n`);
    }
  });
  return router;
}

/** OPS_PORT: the three endpoints on a port of their own; returns its URL and a close function. */
export async function startOpsServer(host: string, port: number, probe: ReadinessProbe): Promise<{ url: string; server: http.Server; close: () => Promise<void> }> {
  const app = express();
  app.disable('x-powered-by');
  app.use(opsRouter(probe));
  const server = http.createServer(app);
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => resolve());
  });
  const addr = server.address();
  return {
    url: `http://${host}:${typeof addr === 'object' && addr ? addr.port : port}/`,
    server,
    close: () =>
      new Promise<void>((r) => {
        server.close(() => r());
        server.closeAllConnections();
      }),
  };
}

/** Runs every probe; one list of checks. */
export function allOf(probes: ReadinessProbe[]): ReadinessProbe {
  return async () => (await Promise.all(probes.map((p) => p()))).flat();
}
