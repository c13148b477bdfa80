/**
 * Builds the gateway (never listens): Apollo Gateway over the committed supergraph, served by
 * Express with the self-hosted IDE at `/`. Subgraph URLs come from config by subgraph name, so the
 * composed file never needs to know where subgraphs run.
 */
import fs from 'node:fs';
import http from 'node:http';
import { ApolloServer } from '@apollo/server';
import { ApolloServerPluginDrainHttpServer } from '@apollo/server/plugin/drainHttpServer';
import { ApolloServerPluginLandingPageDisabled } from '@apollo/server/plugin/disabled';
import { ApolloGateway, RemoteGraphQLDataSource } from '@apollo/gateway';
import { expressMiddleware } from '@as-integrations/express5';
import express from 'express';
import type { Config, SubgraphName } from '../lib/config.ts';
import { makeFormatError } from '../lib/errors.ts';
import { limitsPlugin } from '../lib/graphql-limits.ts';
import { SUPERGRAPH_PATH } from '../schema/compose.ts';

export interface GatewayContext {
  headers: Record<string, string>;
}

/** Headers the gateway passes on to subgraphs (credentials and language preferences only). */
const FORWARDED = ['x-api-key', 'authorization', 'accept-language'];

export interface BuiltGateway {
  app: express.Express;
  httpServer: http.Server;
  stop: () => Promise<void>;
}

export async function buildGateway(config: Config, subgraphUrls: Record<SubgraphName, string>): Promise<BuiltGateway> {
  const supergraphSdl = fs.readFileSync(SUPERGRAPH_PATH, 'utf8');
  const gateway = new ApolloGateway({
    supergraphSdl,
    buildService: ({ name }) => {
      const url = subgraphUrls[name as SubgraphName];
      if (!url) throw new Error(`No URL configured for subgraph ${name}`);
      return new RemoteGraphQLDataSource<GatewayContext>({
        url,
        willSendRequest({ request, context }) {
          for (const h of FORWARDED) {
            const v = context.headers?.[h];
            if (v) request.http?.headers.set(h, v);
          }
        },
      });
    },
  });

  const app = express();
  app.disable('x-powered-by');
  const httpServer = http.createServer(app);
  const server = new ApolloServer<GatewayContext>({
    gateway,
    formatError: makeFormatError(config.env),
    includeStacktraceInErrorResponses: config.env === 'development',
    introspection: config.env !== 'production' || config.ideEnabled,
    csrfPrevention: true,
    plugins: [ApolloServerPluginDrainHttpServer({ httpServer }), ApolloServerPluginLandingPageDisabled(), limitsPlugin(config.limits)],
  });
  await server.start();

  app.get('/healthz', (_req, res) => {
    res.json({ status: 'ok' });
  });
  app.use(
    '/graphql',
    express.json({ limit: '256kb' }),
    expressMiddleware(server, {
      context: async ({ req }) => {
        const headers: Record<string, string> = {};
        for (const h of FORWARDED) {
          const v = req.headers[h];
          if (typeof v === 'string') headers[h] = v;
        }
        return { headers };
      },
    }),
  );
  await mountIde(app, config);

  return {
    app,
    httpServer,
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
