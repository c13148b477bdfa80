import fs from 'node:fs';
import { describe, expect, it } from 'vitest';
import { composeSupergraph, SUPERGRAPH_PATH } from '../../schema/compose.ts';

describe('supergraph', () => {
  it('the committed schema/supergraph.graphql matches the subgraph SDLs (run npm run compose)', () => {
    expect(fs.readFileSync(SUPERGRAPH_PATH, 'utf8')).toBe(composeSupergraph());
  });

  it('composes the five subgraphs with their entities', () => {
    const sdl = composeSupergraph();
    for (const graph of ['REGULATIONS', 'OBLIGATIONS', 'AI_SERVICES', 'INSTITUTIONS', 'ASSISTANT']) {
      expect(sdl).toContain(`${graph} @join__graph`);
    }
    expect(sdl).toMatch(/type Obligation\s+@join__type\(graph: ASSISTANT, key: "id", resolvable: false\)/);
  });
});
