/**
 * The Chromium the IDE browser test drives. `npm install` must be enough on a fresh machine, so
 * when no system Chromium is there the test uses the headless Chromium that the npm package
 * `@sparticuz/chromium` ships (brotli-compressed inside the package; it links only libc, libnss3,
 * libnspr4 and libexpat). It is inflated once into `.data/chromium/<version>/`, written to a
 * temporary name and renamed, so a run killed mid-way or two runs at once never see half a binary.
 *
 * `CHROMIUM_PATH` (test-only, like TEST_NEO4J_BOLT_PORT): a path = use that executable and fail if it
 * is not one; `npm` = use the packaged one even when a system Chromium exists.
 */
import { execFileSync } from 'node:child_process';
import { accessSync, constants, createReadStream, createWriteStream, existsSync, mkdirSync, readFileSync, renameSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { pipeline } from 'node:stream/promises';
import { createBrotliDecompress } from 'node:zlib';
import { PROJECT_ROOT } from '../../lib/project-root.ts';

/** Where Debian and Ubuntu put their Chromium. */
const SYSTEM_CHROMIUMS = ['/usr/bin/chromium', '/usr/bin/chromium-browser'];
const PACKAGE = '@sparticuz/chromium';

export interface ChromiumChoice {
  executablePath: string;
  /** Where it came from, for the test log and error messages. */
  source: string;
}

const HOW_TO_GET_ONE =
  `run \`npm install\` (it brings ${PACKAGE}, a headless Chromium for Linux x64), ` +
  'or install a system Chromium (Debian/Ubuntu: `apt-get install chromium`), ' +
  'or point CHROMIUM_PATH at a Chromium executable';

function isExecutable(file: string): boolean {
  try {
    accessSync(file, constants.X_OK);
    return true;
  } catch {
    return false;
  }
}

/** The folder of the installed package's compressed binaries, or null when it is not installed. */
function packagedBinDir(): { dir: string; version: string } | null {
  let entry: string;
  try {
    entry = createRequire(import.meta.url).resolve(PACKAGE);
  } catch {
    return null;
  }
  // entry is <root>/build/cjs/index.cjs; the package.json is not exported, so walk up to it.
  const root = path.resolve(path.dirname(entry), '..', '..');
  const { version } = JSON.parse(readFileSync(path.join(root, 'package.json'), 'utf8')) as { version: string };
  return { dir: path.join(root, 'bin'), version };
}

/** Inflates the packaged Chromium once (about 4 s) and returns its path. */
async function packagedChromium(): Promise<ChromiumChoice> {
  const found = packagedBinDir();
  if (!found) throw new Error(`No Chromium for the IDE browser test: no system Chromium (${SYSTEM_CHROMIUMS.join(', ')}) and ${PACKAGE} is not installed. To fix: ${HOW_TO_GET_ONE}.`);
  if (process.platform !== 'linux' || process.arch !== 'x64') {
    throw new Error(`No Chromium for the IDE browser test: ${PACKAGE} ships a Linux x64 binary only (this is ${process.platform} ${process.arch}). To fix: install Chromium and set CHROMIUM_PATH to it.`);
  }
  const dir = path.join(PROJECT_ROOT, '.data', 'chromium', found.version);
  const executablePath = path.join(dir, 'chromium');
  const source = `${PACKAGE} ${found.version} (inflated to ${path.relative(PROJECT_ROOT, executablePath)})`;
  if (isExecutable(executablePath)) return { executablePath, source };
  mkdirSync(dir, { recursive: true });
  const partial = `${executablePath}.${process.pid}.partial`;
  try {
    await pipeline(createReadStream(path.join(found.dir, 'chromium.br')), createBrotliDecompress(), createWriteStream(partial, { mode: 0o755 }));
    renameSync(partial, executablePath);
  } finally {
    rmSync(partial, { force: true });
  }
  return { executablePath, source };
}

/** The Chromium to launch: CHROMIUM_PATH, else a system Chromium, else the packaged one. */
export async function findChromium(env: Record<string, string | undefined> = process.env): Promise<ChromiumChoice> {
  const wanted = env.CHROMIUM_PATH?.trim();
  if (wanted === 'npm') return packagedChromium();
  if (wanted) {
    if (!isExecutable(wanted)) throw new Error(`CHROMIUM_PATH=${wanted} is not an executable file. Unset it to use a system or the packaged Chromium, or: ${HOW_TO_GET_ONE}.`);
    return { executablePath: wanted, source: `CHROMIUM_PATH=${wanted}` };
  }
  const system = SYSTEM_CHROMIUMS.find(isExecutable);
  return system ? { executablePath: system, source: `system Chromium ${system}` } : packagedChromium();
}

/**
 * Why a Chromium that exists would not start, in words a person can act on: the shared libraries
 * the dynamic loader cannot find (each named), or nothing when `ldd` finds them all.
 */
export function missingLibraries(executablePath: string): string[] {
  if (!existsSync(executablePath)) return [];
  try {
    const out = execFileSync('ldd', [executablePath], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] });
    return [...out.matchAll(/^\s*(\S+) => not found/gm)].map((m) => m[1]!);
  } catch {
    return [];
  }
}

/** An error for a failed launch that says what to install. */
export function launchFailure(choice: ChromiumChoice, cause: unknown): Error {
  const missing = missingLibraries(choice.executablePath);
  const why = missing.length
    ? `it needs shared libraries this machine lacks: ${missing.join(', ')} (Debian/Ubuntu: \`apt-get install libnss3 libexpat1\`, or \`apt-get install chromium\`, which brings them)`
    : String(cause instanceof Error ? cause.message : cause).split('\n')[0];
  return new Error(`The IDE browser test could not start Chromium (${choice.source}): ${why}. To fix: ${HOW_TO_GET_ONE}.`, { cause });
}
