/**
 * Builds the compliance IDE (GraphiQL + Monaco, bundled by Vite) into `gateway/ide/dist/`.
 * `npm run build:ide` builds unconditionally; `ensureIdeBuilt()` (called by `npm start`) builds
 * only when the output is missing or older than its inputs, and costs a few `stat` calls otherwise.
 */
import { existsSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { gzipSync } from 'node:zlib';

export const IDE_DIR = fileURLToPath(new URL('./', import.meta.url));
export const DIST_DIR = join(IDE_DIR, 'dist');
export const INDEX_HTML = join(DIST_DIR, 'index.html');
const BUILD_INFO = join(DIST_DIR, 'build-info.json');
const REPO_ROOT = join(IDE_DIR, '..', '..');

/** Packages whose upgrade changes the bundle; their versions are recorded with each build. */
const BUNDLED_PACKAGES = ['graphiql', '@graphiql/react', '@graphiql/toolkit', 'monaco-editor', 'monaco-graphql', 'react', 'react-dom', 'graphql', 'vite'];

interface BuildInfo {
  builtAt: string;
  versions: Record<string, string>;
}

export interface IdeBuildSummary {
  files: number;
  bytes: number;
  gzipBytes: number;
  largest: { file: string; bytes: number }[];
  ms: number;
}

function packageVersions(): Record<string, string> {
  const versions: Record<string, string> = {};
  for (const name of BUNDLED_PACKAGES) {
    const file = join(REPO_ROOT, 'node_modules', name, 'package.json');
    versions[name] = existsSync(file) ? (JSON.parse(readFileSync(file, 'utf8')) as { version: string }).version : 'missing';
  }
  return versions;
}

function walk(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) =>
    entry.isDirectory() ? walk(join(dir, entry.name)) : [join(dir, entry.name)],
  );
}

/** The inputs of the build: the app folder, the shared examples and the Vite config. */
function sourceFiles(): string[] {
  return [...walk(join(IDE_DIR, 'app')), join(IDE_DIR, 'examples.ts'), ...walk(join(IDE_DIR, 'examples')), join(IDE_DIR, 'vite.config.ts')];
}

/** Why the built IDE must be (re)built, or null when it is up to date. */
export function ideBuildStaleness(): string | null {
  if (!existsSync(INDEX_HTML) || !existsSync(BUILD_INFO)) return `${relative(REPO_ROOT, DIST_DIR)} has no build`;
  let info: BuildInfo;
  try {
    info = JSON.parse(readFileSync(BUILD_INFO, 'utf8')) as BuildInfo;
  } catch {
    return `${relative(REPO_ROOT, BUILD_INFO)} is unreadable`;
  }
  const builtAt = statSync(INDEX_HTML).mtimeMs;
  for (const file of sourceFiles()) {
    if (statSync(file).mtimeMs > builtAt) return `${relative(REPO_ROOT, file)} changed since the last build`;
  }
  const versions = packageVersions();
  for (const [name, version] of Object.entries(versions)) {
    if (info.versions?.[name] !== version) return `${name} is now ${version} (built with ${info.versions?.[name] ?? 'none'})`;
  }
  return null;
}

/** Text-like assets compress 3-4x; woff2 and png already are compressed. */
const COMPRESSIBLE = /\.(js|css|svg|ttf|json)$/;

/** Writes `<file>.gz` beside each compressible asset; the router serves it to clients that accept gzip. */
function precompress(dir: string): void {
  for (const file of walk(dir)) {
    if (COMPRESSIBLE.test(file)) writeFileSync(`${file}.gz`, gzipSync(readFileSync(file), { level: 9 }));
  }
}

/** Runs the Vite build and reports what it wrote. */
export async function buildIde(): Promise<IdeBuildSummary> {
  const started = performance.now();
  let vite: typeof import('vite');
  try {
    vite = await import('vite');
  } catch (error) {
    throw new Error(`Cannot build the IDE: vite is not installed (run npm install with dev dependencies). ${String(error)}`);
  }
  await vite.build({ configFile: join(IDE_DIR, 'vite.config.ts'), mode: 'production' });
  precompress(join(DIST_DIR, 'ide-assets'));
  const info: BuildInfo = { builtAt: new Date().toISOString(), versions: packageVersions() };
  writeFileSync(BUILD_INFO, `${JSON.stringify(info, null, 2)}\n`);
  const sizes = walk(DIST_DIR).filter((file) => !file.endsWith('.gz')).map((file) => {
    const content = readFileSync(file);
    return { file: relative(DIST_DIR, file), bytes: content.length, gzipBytes: gzipSync(content).length };
  });
  return {
    files: sizes.length,
    bytes: sizes.reduce((sum, f) => sum + f.bytes, 0),
    gzipBytes: sizes.reduce((sum, f) => sum + f.gzipBytes, 0),
    largest: [...sizes].sort((a, b) => b.bytes - a.bytes).slice(0, 5).map(({ file, bytes }) => ({ file, bytes })),
    ms: Math.round(performance.now() - started),
  };
}

/**
 * Builds the IDE if `dist/` is missing or older than its sources or bundled package versions.
 * Returns whether a build ran.
 */
export async function ensureIdeBuilt(opts: { log?: (line: string) => void } = {}): Promise<boolean> {
  const log = opts.log ?? ((line: string) => console.log(line));
  const reason = ideBuildStaleness();
  if (!reason) return false;
  log(`Building the compliance IDE (${reason}) ...`);
  const summary = await buildIde();
  log(`Built the compliance IDE in ${(summary.ms / 1000).toFixed(1)} s: ${formatSummary(summary)}`);
  return true;
}

export function formatSummary(s: IdeBuildSummary): string {
  const mb = (n: number) => `${(n / 1024 / 1024).toFixed(2)} MiB`;
  return `${s.files} files, ${mb(s.bytes)} (${mb(s.gzipBytes)} gzipped); largest: ${s.largest
    .map((f) => `${f.file} ${mb(f.bytes)}`)
    .join(', ')}`;
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  buildIde().then(
    (summary) => console.log(`IDE built into ${relative(process.cwd(), DIST_DIR)} in ${(summary.ms / 1000).toFixed(1)} s: ${formatSummary(summary)}`),
    (error: unknown) => {
      console.error(error instanceof Error ? error.message : error);
      process.exitCode = 1;
    },
  );
}
