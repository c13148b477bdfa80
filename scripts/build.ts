/**
 * `npm run build`: a production build in dist/ that runs with plain `node` once the dev
 * dependencies are pruned (`npm prune --omit=dev`, then `npm run start:prod`).
 *
 *  1. TypeScript → JavaScript (tsconfig.build.json; relative `.ts` imports rewritten to `.js`);
 *  2. the files the code reads beside itself at run time, copied next to the output: the subgraph
 *     SDLs and the supergraph, the seed JSON Schemas and base data, the matcher's thesaurus, the
 *     plain `.mjs` modules;
 *  3. the IDE (Vite), built unless current, copied to dist/gateway/ide/dist.
 * Data, the bundled Neo4j and node_modules stay where they are (lib/project-root.ts).
 */
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { ensureIdeBuilt, DIST_DIR as IDE_DIST } from '../gateway/ide/build.ts';
import { PROJECT_ROOT } from '../lib/project-root.ts';

const OUT = path.join(PROJECT_ROOT, 'dist');
const log = (m: string) => console.error(`[build] ${m}`);
const t0 = performance.now();

fs.rmSync(OUT, { recursive: true, force: true });
const tsc = createRequire(import.meta.url).resolve('typescript/bin/tsc');
const compiled = spawnSync(process.execPath, [tsc, '-p', path.join(PROJECT_ROOT, 'tsconfig.build.json')], { cwd: PROJECT_ROOT, stdio: 'inherit' });
if (compiled.status !== 0) {
  log('TypeScript compilation failed');
  process.exit(1);
}

/** Copies files under `from` (relative to the root) whose names pass `keep`, keeping their paths. */
function copy(from: string, keep: (name: string) => boolean = () => true): number {
  const src = path.join(PROJECT_ROOT, from);
  if (!fs.existsSync(src)) throw new Error(`build: ${from} is missing`);
  let n = 0;
  for (const entry of fs.readdirSync(src, { withFileTypes: true, recursive: true })) {
    if (!entry.isFile() || !keep(entry.name)) continue;
    const abs = path.join(entry.parentPath, entry.name);
    const dest = path.join(OUT, path.relative(PROJECT_ROOT, abs));
    fs.mkdirSync(path.dirname(dest), { recursive: true });
    fs.copyFileSync(abs, dest);
    n += 1;
  }
  return n;
}

const counts = {
  sdl: copy('schema', (n) => n.endsWith('.graphql')),
  seedSchemas: copy('seed/schema', (n) => n.endsWith('.json')),
  baseData: copy('seed/data'),
  // The matcher's thesaurus (matcher/concepts.ts): without it the assistant's index cannot be built.
  matcherData: copy('matcher', (n) => n.endsWith('.json')),
  mjs: ['lib', 'scripts'].reduce((a, d) => a + copy(d, (n) => n.endsWith('.mjs')), 0),
};
await ensureIdeBuilt({ log });
const ide = copy(path.relative(PROJECT_ROOT, IDE_DIST));
log(`dist/ ready in ${((performance.now() - t0) / 1000).toFixed(1)} s: ${counts.sdl} SDL files, ${counts.seedSchemas} seed schemas, ${counts.baseData} base data files, ${counts.matcherData} matcher data files, ${counts.mjs} .mjs modules, IDE ${ide} files`);
