/**
 * Serves the compliance IDE (the GraphiQL build in `dist/`) at `/` with everything it loads under
 * `/ide-assets/`, all from this origin and under a strict Content-Security-Policy. With the IDE
 * disabled (the production default) `/` answers with a short JSON note instead.
 */
import { randomBytes } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { existsSync } from 'node:fs';
import { extname, join } from 'node:path';
import express, { type NextFunction, type Request, type Response, type Router } from 'express';
import { DIST_DIR, INDEX_HTML } from './build.ts';

export interface IdeRouterOptions {
  enabled: boolean;
  /** Where the gateway serves GraphQL; the IDE sends every operation there (same origin). */
  graphqlPath: string;
  /** The built IDE; defaults to `gateway/ide/dist`. */
  distDir?: string;
}

/** Must match `ASSETS_DIR` in vite.config.ts (not imported: that would load Vite into the gateway). */
const ASSETS_PATH = '/ide-assets';
const NONCE_PLACEHOLDER = '__REGKG_CSP_NONCE__';

/**
 * Only this origin, for everything; no 'unsafe-eval', no data: or blob: URLs, workers are
 * same-origin files. Two concessions to Monaco, both without a network reach:
 * - <style> elements need the per-response nonce (Monaco adds them at run time; app/csp-nonce.ts
 *   stamps the nonce on them);
 * - style *attributes* are allowed (`style-src-attr 'unsafe-inline'`): Monaco renders editor lines
 *   as HTML strings with `style="top:…"`. Attributes cannot hold selectors, and any url() in them is
 *   still held to img-src/font-src 'self'.
 */
export function contentSecurityPolicy(nonce?: string): string {
  return [
    "default-src 'self'",
    "script-src 'self'",
    nonce ? `style-src 'self' 'nonce-${nonce}'` : "style-src 'self'",
    nonce ? `style-src-elem 'self' 'nonce-${nonce}'` : "style-src-elem 'self'",
    "style-src-attr 'unsafe-inline'",
    "img-src 'self'",
    "font-src 'self'",
    "connect-src 'self'",
    "worker-src 'self'",
    "object-src 'none'",
    "base-uri 'none'",
    "form-action 'none'",
    "frame-ancestors 'none'",
  ].join('; ');
}

function setCommonHeaders(res: Response, csp: string): void {
  res.setHeader('Content-Security-Policy', csp);
  res.setHeader('X-Content-Type-Options', 'nosniff');
  res.setHeader('Referrer-Policy', 'no-referrer');
  res.setHeader('X-Frame-Options', 'DENY');
  res.setHeader('Cross-Origin-Opener-Policy', 'same-origin');
  res.setHeader('Cross-Origin-Resource-Policy', 'same-origin');
}

function escapeAttribute(value: string): string {
  return value.replace(/&/g, '&amp;').replace(/"/g, '&quot;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

export function createIdeRouter(opts: IdeRouterOptions): Router {
  const router = express.Router();

  if (!opts.enabled) {
    router.get('/', (_req: Request, res: Response) => {
      res.json({ service: 'regkg gateway', graphql: opts.graphqlPath, ide: 'disabled' });
    });
    return router;
  }

  const distDir = opts.distDir ?? DIST_DIR;
  const indexHtml = opts.distDir ? join(opts.distDir, 'index.html') : INDEX_HTML;

  router.get(['/', '/index.html'], async (_req: Request, res: Response) => {
    let html: string;
    try {
      // Read per request (about 1 KB) so a rebuild shows up without restarting the gateway.
      html = await readFile(indexHtml, 'utf8');
    } catch {
      res
        .status(503)
        .type('text/plain; charset=utf-8')
        .send(
          `The compliance IDE has not been built (${indexHtml} is missing).\n` +
            `Run \`npm run build:ide\` (or \`npm start\`, which builds it), then reload.\n` +
            `GraphQL itself is available at ${opts.graphqlPath}.\n`,
        );
      return;
    }
    const nonce = randomBytes(18).toString('base64');
    html = html
      .replaceAll(NONCE_PLACEHOLDER, nonce)
      .replace(
        /<meta name="regkg-graphql-path" content="[^"]*"/,
        `<meta name="regkg-graphql-path" content="${escapeAttribute(opts.graphqlPath)}"`,
      );
    setCommonHeaders(res, contentSecurityPolicy(nonce));
    res.setHeader('Cache-Control', 'no-store');
    res.type('html').send(html);
  });

  const assetsDir = join(distDir, ASSETS_PATH);
  const assetHeaders = (res: Response) => {
    setCommonHeaders(res, contentSecurityPolicy());
    res.setHeader('Vary', 'Accept-Encoding');
  };

  // The build writes gzip copies (6.5 MB of Monaco and GraphiQL become about 2 MB); send one when
  // the client takes gzip. Only plain file names, so no path can step outside the assets folder.
  router.get(`${ASSETS_PATH}/:file`, (req: Request, res: Response, next: NextFunction) => {
    const file = String(req.params.file);
    if (!/^[\w.-]+$/.test(file) || file.startsWith('.') || !req.acceptsEncodings('gzip')) return next();
    const gzipped = join(assetsDir, `${file}.gz`);
    if (!existsSync(gzipped)) return next();
    assetHeaders(res);
    res.setHeader('Content-Encoding', 'gzip');
    res.type(extname(file));
    res.sendFile(gzipped, { maxAge: '365d', immutable: true }, (error) => {
      if (!error || res.headersSent) return;
      res.removeHeader('Content-Encoding');
      next();
    });
  });

  // File names carry content hashes, so they can be cached for good. The CSP header matters here
  // too: a worker runs under the policy of its own script's response.
  router.use(
    ASSETS_PATH,
    express.static(assetsDir, {
      index: false,
      immutable: true,
      maxAge: '365d',
      setHeaders: (res) => assetHeaders(res as Response),
    }),
    (_req: Request, res: Response) => {
      res.status(404).type('text/plain').send('No such IDE asset.\n');
    },
  );

  // Browsers ask for it on their own; answer here rather than with the gateway's 404.
  router.get('/favicon.ico', (_req: Request, res: Response) => {
    res.status(204).end();
  });

  return router;
}
