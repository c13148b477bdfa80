import path from 'node:path';

/**
 * Where the running code is: the checkout itself (TypeScript run by tsx), or `dist/` inside it
 * (`npm run build`: compiled JavaScript, started with plain `node`).
 */
export const CODE_ROOT = path.resolve(import.meta.dirname, '..');
/** Whether this is the compiled build (dist/), which needs no TypeScript loader. */
export const COMPILED = path.basename(CODE_ROOT) === 'dist' && import.meta.filename.endsWith('.js');
/**
 * The checkout's root folder (data, the bundled Neo4j, node_modules), also for the compiled build.
 * A module of its own so that light processes need not load the Neo4j launcher for it.
 */
export const PROJECT_ROOT = COMPILED ? path.dirname(CODE_ROOT) : CODE_ROOT;

/** A script of the project as this build runs it: `scripts/start.ts` → `dist/scripts/start.js` when compiled. */
export const codePath = (relative: string): string => path.join(CODE_ROOT, COMPILED ? relative.replace(/\.ts$/, '.js') : relative);
/** Node arguments that load a script of the project: the TypeScript loader unless compiled. */
export const LOADER_ARGS: readonly string[] = COMPILED ? [] : ['--import', 'tsx'];
