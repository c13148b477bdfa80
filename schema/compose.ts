/**
 * Composes the five subgraph SDLs into `schema/supergraph.graphql` (committed). Composition is a
 * build step, so the gateway never introspects subgraphs at run time. `npm run compose`.
 */
import fs from 'node:fs';
import { fileURLToPath } from 'node:url';
import { composeServices } from '@apollo/composition';
import { parse } from 'graphql';
import { SUBGRAPH_NAMES } from '../lib/config.ts';

export const SUPERGRAPH_PATH = fileURLToPath(new URL('./supergraph.graphql', import.meta.url));

export function subgraphSdl(name: string): string {
  return fs.readFileSync(new URL(`./${name}.graphql`, import.meta.url), 'utf8');
}

/** Composes from the SDL files; throws with every composition error listed. */
export function composeSupergraph(): string {
  const result = composeServices(
    SUBGRAPH_NAMES.map((name) => ({ name, url: `http://placeholder.invalid/${name}`, typeDefs: parse(subgraphSdl(name)) })),
  );
  if (result.errors) {
    throw new Error(`Composition failed:\n${result.errors.map((e) => `  - ${e.message}`).join('\n')}`);
  }
  return result.supergraphSdl;
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  try {
    fs.writeFileSync(SUPERGRAPH_PATH, composeSupergraph());
    console.log(`wrote ${SUPERGRAPH_PATH}`);
  } catch (err) {
    console.error((err as Error).message);
    process.exitCode = 1;
  }
}
