import { posix } from 'node:path';
import { fileURLToPath } from 'node:url';
import { defineConfig, type Plugin } from 'vite';

/** Vite's `html.cspNonce` writes this into the built page; the router swaps in a fresh nonce per response. */
export const CSP_NONCE_PLACEHOLDER = '__REGKG_CSP_NONCE__';
/** Built files other than index.html live here, so the IDE claims one path prefix on the gateway. */
export const ASSETS_DIR = 'ide-assets';

const EXTENSION_BY_MIME: Record<string, string> = {
  'font/woff2': '.woff2',
  'font/woff': '.woff',
  'application/font-woff': '.woff',
  'font/ttf': '.ttf',
  'application/x-font-ttf': '.ttf',
  'font/otf': '.otf',
  'image/png': '.png',
  'image/gif': '.gif',
  'image/jpeg': '.jpg',
  'image/svg+xml': '.svg',
  'image/webp': '.webp',
};

/**
 * GraphiQL's and Monaco's CSS embed their fonts and icons as `data:` URLs, which `default-src 'self'`
 * refuses. Rather than allow `data:` in font-src and img-src, write each one out as a file beside
 * the stylesheet and point the `url()` at it.
 */
function cssDataUrlsToFiles(): Plugin {
  const pattern = /url\(\s*(?:"(data:[^"]*)"|'(data:[^']*)'|(data:[^)'"\s]*))\s*\)/g;
  return {
    name: 'regkg-css-data-urls-to-files',
    apply: 'build',
    generateBundle(_options, bundle) {
      for (const file of Object.values(bundle)) {
        if (file.type !== 'asset' || !file.fileName.endsWith('.css')) continue;
        const css = typeof file.source === 'string' ? file.source : new TextDecoder().decode(file.source);
        const cssDir = posix.dirname(file.fileName);
        file.source = css.replace(pattern, (whole, dq?: string, sq?: string, bare?: string) => {
          const url = (dq ?? sq ?? bare)!;
          const comma = url.indexOf(',');
          const [mime = '', ...params] = url.slice('data:'.length, comma).split(';');
          const extension = EXTENSION_BY_MIME[mime.toLowerCase()];
          if (comma < 0 || !extension) {
            this.warn(`${file.fileName}: leaving a data: URL of type "${mime}" inline; CSP will block it`);
            return whole;
          }
          const payload = url.slice(comma + 1);
          const source = params.includes('base64')
            ? Buffer.from(payload, 'base64')
            : Buffer.from(decodeURIComponent(payload), 'utf8');
          const ref = this.emitFile({ type: 'asset', name: `${mime.includes('font') ? 'font' : 'image'}${extension}`, source });
          return `url(${posix.relative(cssDir, this.getFileName(ref))})`;
        });
      }
    },
  };
}

export default defineConfig({
  root: fileURLToPath(new URL('./app/', import.meta.url)),
  // Relative URLs: the page works wherever the gateway mounts the router.
  base: './',
  publicDir: false,
  logLevel: 'warn',
  esbuild: { jsx: 'automatic', jsxDev: false },
  // Always React's production build, even when the build runs inside vitest (NODE_ENV=test).
  define: { 'process.env.NODE_ENV': JSON.stringify('production') },
  html: { cspNonce: CSP_NONCE_PLACEHOLDER },
  build: {
    outDir: fileURLToPath(new URL('./dist/', import.meta.url)),
    emptyOutDir: true,
    assetsDir: ASSETS_DIR,
    // Never inline assets as data: URLs (CSP), and keep the build small: no source maps.
    assetsInlineLimit: 0,
    sourcemap: false,
    reportCompressedSize: false,
    chunkSizeWarningLimit: 8000,
    target: 'es2022',
    rollupOptions: {
      onwarn(warning, warn) {
        // React libraries mark modules "use client"; that means nothing in a client-only bundle.
        if (warning.code === 'MODULE_LEVEL_DIRECTIVE') return;
        warn(warning);
      },
    },
  },
  worker: { format: 'es' },
  plugins: [cssDataUrlsToFiles()],
});
