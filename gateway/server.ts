/**
 * Builds the gateway (never listens): Apollo Gateway over the committed supergraph, served by
 * Express with the self-hosted IDE at `/`. Subgraph URLs come from config by subgraph name, so the
 * composed file never needs to know where subgraphs run.
 */
import fs from 'node:fs';
import http from 'node:http';
import https from 'node:https';
import { ApolloServer, type ApolloServerPlugin } from '@apollo/server';
import { ApolloServerPluginDrainHttpServer } from '@apollo/server/plugin/drainHttpServer';
import { ApolloServerPluginCacheControlDisabled, ApolloServerPluginLandingPageDisabled } from '@apollo/server/plugin/disabled';
import { ApolloGateway, RemoteGraphQLDataSource, type GraphQLDataSource } from '@apollo/gateway';
import { expressMiddleware } from '@as-integrations/express5';
import express from 'express';
import { GraphQLError } from 'graphql';
import { SUBGRAPH_NAMES, type Config, type SubgraphName } from '../lib/config.ts';
import { makeFormatError } from '../lib/errors.ts';
import { dateInputPlugin } from '../lib/date-input-plugin.ts';
import { limitOptions } from '../lib/graphql-limits.ts';
import { jsonErrorHandler } from '../lib/http-errors.ts';
import { responseCapPlugin, shareBudget } from '../lib/response-cap.ts';
import type { Caller } from '../lib/api-keys.ts';
import { authAndBody, mutationAuthPlugin } from './auth.ts';
import { reportsRouter } from './reports.ts';
import { SUBGRAPH_SECRET_HEADER } from '../lib/subgraph-secret.ts';
import { SUPERGRAPH_PATH } from '../schema/compose.ts';
import { SingleFetchPassThrough, type PassThroughStats } from './single-fetch.ts';
import { fetchSignal, ResilientDataSource, type Deadline } from './subgraph-resilience.ts';
import type { BuiltSubgraph } from '../subgraphs/shared/server.ts';
import { opsRouter, type ReadinessProbe } from '../lib/health.ts';
import { requestId, requestLogPlugin } from '../lib/request-log.ts';
import { gatewayReadiness } from './readiness.ts';

export interface GatewayContext extends Deadline {
  headers: Record<string, string>;
  /** The API key's holder, decided at the gateway (gateway/auth.ts); subgraphs check the forwarded key again. */
  caller: Caller | null;
}

/** Headers the gateway passes on to subgraphs (credentials, language preferences, the request id of lib/request-log.ts). */
const FORWARDED = ['x-api-key', 'authorization', 'accept-language', 'x-request-id'];

/**
 * Subgraph requests over HTTP reuse connections: one keep-alive agent per gateway (Apollo's default
 * fetcher, make-fetch-happen, costs more per request than Node's http with a keep-alive agent).
 */
function keepAliveFetcher(): typeof fetch {
  // An idle socket is closed after 4 s, before the subgraph's server closes it (Node's default
  // keepAliveTimeout is 5 s; load balancers wait longer): a request sent on a socket the server is
  // closing fails with ECONNRESET.
  const options = { keepAlive: true, maxSockets: 256, keepAliveMsecs: 30_000, timeout: 4_000 };
  const agents = { http: new http.Agent(options), https: new https.Agent(options) };
  return ((url: string, init: { method?: string; headers?: Record<string, string>; body?: string }) =>
    new Promise((resolve, reject) => {
      const secure = url.startsWith('https:');
      const request = secure ? https.request : http.request;
      const req = request(url, { method: init.method ?? 'POST', headers: init.headers, agent: secure ? agents.https : agents.http }, (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('error', reject);
        res.on('end', () => {
          const headers = new Headers();
          for (const [k, v] of Object.entries(res.headers)) if (v !== undefined) headers.set(k, Array.isArray(v) ? v.join(', ') : v);
          const response = new Response(Buffer.concat(chunks), { status: res.statusCode ?? 500, statusText: res.statusMessage ?? '', headers });
          // Error messages built by RemoteGraphQLDataSource name the subgraph URL.
          Object.defineProperty(response, 'url', { value: url });
          resolve(response);
        });
      });
      req.on('error', reject);
      // The fetch's time limit (subgraph-resilience.ts): a hung subgraph's socket is destroyed, not left waiting.
      const signal = fetchSignal.getStore();
      if (signal) {
        const abort = () => req.destroy(signal.reason instanceof Error ? signal.reason : new Error('subgraph fetch aborted'));
        if (signal.aborted) abort();
        else {
          signal.addEventListener('abort', abort, { once: true });
          req.once('close', () => signal.removeEventListener('abort', abort));
        }
      }
      req.end(init.body);
    })) as unknown as typeof fetch;
}

/**
 * A subgraph built in this process, called without HTTP: the operation goes through the subgraph's
 * own ApolloServer (`executeOperation`: same plugins, error formatting and context, incl. the
 * forwarded headers) — what RemoteGraphQLDataSource would reach over the loopback, minus the socket
 * and two JSON round trips. The subgraph still listens on its own port and deploys on its own.
 */
type ProcessOptions = Parameters<GraphQLDataSource<GatewayContext>['process']>[0];

class InProcessDataSource implements GraphQLDataSource<GatewayContext> {
  constructor(
    private readonly built: BuiltSubgraph<unknown>,
    private readonly url: string,
  ) {}

  async process({ request, context }: ProcessOptions): ReturnType<GraphQLDataSource<GatewayContext>['process']> {
    const headers: Record<string, string> = {};
    for (const h of FORWARDED) {
      const v = (context as Partial<GatewayContext>).headers?.[h];
      if (v) headers[h] = v;
    }
    const contextValue = await this.built.context({ headers });
    // The subgraph's list items count toward the client request's response cap (lib/response-cap.ts).
    shareBudget(context, contextValue);
    const res = await this.built.server.executeOperation(
      { query: request.query, variables: request.variables, operationName: request.operationName, extensions: request.extensions },
      { contextValue },
    );
    if (res.body.kind !== 'single') throw new Error(`subgraph ${this.built.name} answered with an incremental response`);
    const status = res.http.status ?? 200;
    if (status !== 200) {
      // What RemoteGraphQLDataSource throws for a non-2xx answer (e.g. 400 for a variable the subgraph rejects).
      const statusText = http.STATUS_CODES[status] ?? '';
      throw new GraphQLError(`${status}: ${statusText}`, { extensions: { response: { url: this.url, status, statusText, body: res.body.singleResult } } });
    }
    const { data, errors, extensions } = res.body.singleResult;
    return { data: data as Record<string, unknown> | null | undefined, errors, extensions };
  }
}

export interface GatewayOptions {
  /** Subgraphs built in this process: called directly instead of over HTTP (lib/stack.ts). */
  local?: Partial<Record<SubgraphName, BuiltSubgraph<unknown>>>;
  /** Subgraphs in this process reached over HTTP all the same: /readyz asks them directly. */
  inProcess?: Partial<Record<SubgraphName, BuiltSubgraph<unknown>>>;
}

export interface BuiltGateway {
  app: express.Express;
  httpServer: http.Server;
  /** How requests were answered: passed through from one subgraph, or via the gateway's own execution. */
  passThrough: PassThroughStats;
  /** What /readyz reports (lib/health.ts): the local subgraphs' checks and the remote ones' /readyz. */
  readiness: ReadinessProbe;
  stop: () => Promise<void>;
}

export async function buildGateway(config: Config, subgraphUrls: Record<SubgraphName, string>, opts: GatewayOptions = {}): Promise<BuiltGateway> {
  // @apollo/gateway otherwise sends anonymous usage metrics to Apollo and probes cloud metadata
  // endpoints (AWS, GCP, Azure, Alibaba) at start-up: outbound traffic a closed bank network must
  // not see. The library reads only this environment variable, so it is set here, before it starts.
  process.env.APOLLO_TELEMETRY_DISABLED = 'true';
  const supergraphSdl = fs.readFileSync(SUPERGRAPH_PATH, 'utf8');
  const fetcher = keepAliveFetcher();
  const passThrough = new SingleFetchPassThrough(config.gatewayPassThrough);
  const gateway = new ApolloGateway({
    supergraphSdl,
    experimental_didResolveQueryPlan: passThrough.didResolveQueryPlan,
    // Every source, in-process or over HTTP, is bounded by a timeout and a circuit breaker.
    buildService: ({ name }) => new ResilientDataSource<GatewayContext>(name, buildSource(name), {
      timeoutMs: config.resilience.subgraphTimeoutMs,
      breakerFailures: config.resilience.breakerFailures,
      breakerResetMs: config.resilience.breakerResetMs,
    }),
  });
  function buildSource(name: string): GraphQLDataSource<GatewayContext> {
      const local = opts.local?.[name as SubgraphName];
      if (local) return new InProcessDataSource(local, subgraphUrls[name as SubgraphName] ?? '');
      const url = subgraphUrls[name as SubgraphName];
      if (!url) throw new Error(`No URL configured for subgraph ${name}`);
      return new RemoteGraphQLDataSource<GatewayContext>({
        url,
        fetcher: fetcher as never,
        willSendRequest({ request, context }) {
          if (config.subgraphSecret) request.http?.headers.set(SUBGRAPH_SECRET_HEADER, config.subgraphSecret);
          for (const h of FORWARDED) {
            const v = context.headers?.[h];
            if (v) request.http?.headers.set(h, v);
          }
        },
      });
  }

  const app = express();
  app.disable('x-powered-by');
  const httpServer = http.createServer(app);
  const limits = limitOptions(config.limits);
  const server = new ApolloServer<GatewayContext>({
    gateway: passThrough.wrap(gateway),
    formatError: makeFormatError(config.env),
    includeStacktraceInErrorResponses: config.env === 'development',
    introspection: config.env !== 'production' || config.ideEnabled,
    csrfPrevention: true,
    // The process stops its servers itself (lib/shutdown.ts); Apollo's own SIGTERM handler would stop
    // this server a second time, and a second concurrent stop() of Apollo Server 5 never resolves.
    stopOnTerminationSignals: false,
    parseOptions: limits.parseOptions,
    validationRules: limits.validationRules,
    plugins: [
      ApolloServerPluginDrainHttpServer({ httpServer, stopGracePeriodMillis: config.shutdownGraceMs }),
      ApolloServerPluginLandingPageDisabled(),
      // No cache hints are used; the default plugin would wrap every field of every response.
      ApolloServerPluginCacheControlDisabled(),
      limits.plugin as ApolloServerPlugin<GatewayContext>,
      responseCapPlugin(config.limits.maxResponseItems),
      mutationAuthPlugin<GatewayContext>(),
      dateInputPlugin(),
      requestLogPlugin<GatewayContext>('gateway'),
    ],
  });
  await server.start();

  const readiness = gatewayReadiness(config, subgraphUrls, { ...opts.inProcess, ...opts.local });
  app.use(requestId());
  if (config.opsPort === null) app.use(opsRouter(readiness));
  const contextOf = (req: express.Request, res: express.Response): GatewayContext => {
    const headers: Record<string, string> = {};
    for (const h of FORWARDED) {
      const v = req.headers[h];
      if (typeof v === 'string') headers[h] = v;
    }
    return { headers, caller: (res.locals.caller as Caller | null) ?? null, deadline: Date.now() + config.resilience.requestTimeoutMs };
  };
  app.use('/graphql', ...authAndBody(config), expressMiddleware(server, { context: async ({ req, res }) => contextOf(req, res) }));
  // The same report as files (CSV, XLSX), under the same key rules as /graphql.
  app.use('/reports', ...authAndBody(config), reportsRouter(server, contextOf));
  await mountIde(app, config);
  app.use(jsonErrorHandler('gateway'));

  return {
    app,
    httpServer,
    passThrough: passThrough.stats,
    readiness,
    stop: async () => {
      await server.stop();
      if (httpServer.listening) await new Promise<void>((r) => httpServer.close(() => r()));
    },
  };
}

/** The IDE module is optional at build time: without it the root URL answers with a short note. */
async function mountIde(app: express.Express, config: Config): Promise<void> {
  try {
    const mod = (await import('./ide/router.ts')) as { createIdeRouter: (o: { enabled: boolean; graphqlPath: string }) => express.Router };
    app.use(mod.createIdeRouter({ enabled: config.ideEnabled, graphqlPath: '/graphql' }));
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== 'ERR_MODULE_NOT_FOUND') throw err;
    app.get('/', (_req, res) => {
      res.json({ service: 'regkg gateway', graphql: '/graphql', ide: 'not built' });
    });
  }
}

export async function listenGateway(built: BuiltGateway, host: string, port: number): Promise<string> {
  await new Promise<void>((resolve, reject) => {
    built.httpServer.once('error', reject);
    built.httpServer.listen(port, host, () => resolve());
  });
  const addr = built.httpServer.address();
  const actual = typeof addr === 'object' && addr ? addr.port : port;
  return `http://${host}:${actual}/`;
}

/** Each subgraph's URL: the configured `*_URL`, else this host's port for it. */
export function subgraphUrlsOf(config: Config): Record<SubgraphName, string> {
  return Object.fromEntries(SUBGRAPH_NAMES.map((n) => [n, config.subgraphUrls[n] ?? `http://${config.host}:${config.subgraphPorts[n]}/`])) as Record<SubgraphName, string>;
}
