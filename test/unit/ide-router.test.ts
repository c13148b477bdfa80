import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import type { Server } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import express from 'express';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../lib/config.ts';
import { createIdeRouter, type IdeRouterOptions } from '../../gateway/ide/router.ts';

/** A stand-in build output, shaped like Vite's (placeholders included), so this test needs no build. */
const fixtureDist = mkdtempSync(join(tmpdir(), 'regkg-ide-dist-'));
mkdirSync(join(fixtureDist, 'ide-assets'));
writeFileSync(
  join(fixtureDist, 'index.html'),
  '<!doctype html><html><head><meta name="regkg-graphql-path" content="/graphql" />' +
    '<meta property="csp-nonce" nonce="__REGKG_CSP_NONCE__">' +
    '<script type="module" src="./ide-assets/index-abc.js" nonce="__REGKG_CSP_NONCE__"></script></head>' +
    '<body><div id="ide"></div></body></html>',
);
writeFileSync(join(fixtureDist, 'ide-assets', 'index-abc.js'), 'console.log("ide");\n');
// As the build writes it: a gzip copy beside the file (different text, to tell which one was sent).
writeFileSync(join(fixtureDist, 'ide-assets', 'index-abc.js.gz'), gzipSync('console.log("ide, gzipped");\n'));

const servers: Server[] = [];

/** The router mounted at '/' the way gateway/server.ts mounts it, on an ephemeral port. */
async function serve(opts: IdeRouterOptions): Promise<string> {
  const app = express();
  app.use(createIdeRouter(opts));
  app.post('/graphql', (_req, res) => {
    res.json({ data: { ok: true } });
  });
  const server = await new Promise<Server>((resolve) => {
    const s = app.listen(0, '127.0.0.1', () => resolve(s));
  });
  servers.push(server);
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
}

afterAll(async () => {
  await Promise.all(servers.map((s) => new Promise((resolve) => s.close(resolve))));
  rmSync(fixtureDist, { recursive: true, force: true });
});

describe('IDE router, enabled', () => {
  let base: string;
  beforeAll(async () => {
    base = await serve({ enabled: true, graphqlPath: '/api/graphql', distDir: fixtureDist });
  });

  it('serves the IDE page under a strict, same-origin Content-Security-Policy with a fresh nonce', async () => {
    const first = await fetch(`${base}/`);
    expect(first.status).toBe(200);
    expect(first.headers.get('content-type')).toMatch(/^text\/html/);
    expect(first.headers.get('cache-control')).toBe('no-store');
    const csp = first.headers.get('content-security-policy')!;
    expect(csp).toContain("default-src 'self'");
    for (const directive of csp.split(';').map((d) => d.trim())) {
      const [name, ...sources] = directive.split(/\s+/);
      // Monaco's editor lines carry style attributes; that is the one inline allowance.
      if (name === 'style-src-attr') {
        expect(sources).toEqual(["'unsafe-inline'"]);
        continue;
      }
      for (const source of sources) expect(["'self'", "'none'"].includes(source) || /^'nonce-[A-Za-z0-9+/=]+'$/.test(source), directive).toBe(true);
    }
    expect(csp).not.toMatch(/unsafe-eval|data:|blob:|\*|https?:/);
    expect(csp).toMatch(/style-src-elem 'self' 'nonce-/);

    const html = await first.text();
    const nonce = /style-src 'self' 'nonce-([^']+)'/.exec(csp)?.[1];
    expect(nonce).toBeTruthy();
    expect(html).not.toContain('__REGKG_CSP_NONCE__');
    expect(html).toContain(`nonce="${nonce}"`);
    expect(html).toContain('<meta name="regkg-graphql-path" content="/api/graphql"');

    const second = await fetch(`${base}/`);
    expect(second.headers.get('content-security-policy')).not.toBe(csp);
  });

  it('serves built assets from its own origin with the policy, long-cached, and 404s unknown ones', async () => {
    const asset = await fetch(`${base}/ide-assets/index-abc.js`, { headers: { 'accept-encoding': 'identity' } });
    expect(asset.status).toBe(200);
    expect(asset.headers.get('content-type')).toMatch(/javascript/);
    expect(asset.headers.get('content-security-policy')).toContain("default-src 'self'");
    expect(asset.headers.get('cache-control')).toContain('immutable');
    expect(await asset.text()).toContain('console.log("ide")');

    expect(asset.headers.get('content-encoding')).toBeNull();

    const gzipped = await fetch(`${base}/ide-assets/index-abc.js`, { headers: { 'accept-encoding': 'gzip' } });
    expect(gzipped.status).toBe(200);
    expect(gzipped.headers.get('content-encoding')).toBe('gzip');
    expect(gzipped.headers.get('content-type')).toMatch(/javascript/);
    expect(gzipped.headers.get('content-security-policy')).toContain("default-src 'self'");
    expect(gzipped.headers.get('vary')).toContain('Accept-Encoding');
    expect(await gzipped.text()).toContain('console.log("ide, gzipped")');

    const missing = await fetch(`${base}/ide-assets/nope.js`);
    expect(missing.status).toBe(404);
    const traversal = await fetch(`${base}/ide-assets/..%2findex.html`);
    expect(traversal.status).toBe(404);
  });

  it('leaves other routes to the gateway', async () => {
    const gql = await fetch(`${base}/graphql`, { method: 'POST' });
    expect(await gql.json()).toEqual({ data: { ok: true } });
  });
});

describe('IDE router, not built yet', () => {
  it('says how to build it instead of failing obscurely', async () => {
    const base = await serve({ enabled: true, graphqlPath: '/graphql', distDir: join(fixtureDist, 'missing') });
    const res = await fetch(`${base}/`);
    expect(res.status).toBe(503);
    const body = await res.text();
    expect(body).toContain('npm run build:ide');
    expect(body).toContain('/graphql');
  });
});

describe('IDE router, disabled', () => {
  it('answers the root URL with a short JSON note and serves no IDE files', async () => {
    const base = await serve({ enabled: false, graphqlPath: '/graphql', distDir: fixtureDist });
    const res = await fetch(`${base}/`);
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ service: 'regkg gateway', graphql: '/graphql', ide: 'disabled' });
    expect((await fetch(`${base}/ide-assets/index-abc.js`)).status).toBe(404);
  });

  it('is what production gets by default, and IDE_ENABLED switches it', () => {
    expect(loadConfig({ APP_ENV: 'production', NEO4J_PASSWORD: 'a-real-password', SUBGRAPH_SECRET: 's'.repeat(32), WRITE_API_KEYS: `ops:sha256:${'a'.repeat(64)}` }).ideEnabled).toBe(false);
    expect(loadConfig({ APP_ENV: 'production', NEO4J_PASSWORD: 'a-real-password', SUBGRAPH_SECRET: 's'.repeat(32), IDE_ENABLED: 'true' }).ideEnabled).toBe(true);
    expect(loadConfig({ APP_ENV: 'development' }).ideEnabled).toBe(true);
    expect(loadConfig({ APP_ENV: 'development', IDE_ENABLED: 'false' }).ideEnabled).toBe(false);
  });
});
