/**
 * Ready-made operations for the compliance IDE. The IDE opens each one in its own tab, the README
 * quotes them, and the e2e tests run them, so all three always agree. Kept free of Node and DOM
 * imports: the browser bundle imports this file too.
 */

import { APPLICABILITY_EXAMPLES } from './examples/applicability.ts';
import { CHANGE_EXAMPLES } from './examples/changes.ts';
import { LOOKUP_EXAMPLES } from './examples/lookups.ts';

import type { ExampleOperation } from './examples/types.ts';

export type { ExampleOperation };

export const EXAMPLE_OPERATIONS: readonly ExampleOperation[] = [...APPLICABILITY_EXAMPLES, ...LOOKUP_EXAMPLES, ...CHANGE_EXAMPLES];

/** The examples as Markdown (for the README), in the same order as the IDE's tabs. */
export function examplesMarkdown(): string {
  return EXAMPLE_OPERATIONS.map((e) =>
    [
      `### ${e.titleKo} / ${e.titleEn}`,
      '',
      e.descriptionKo,
      '',
      e.descriptionEn,
      '',
      '```graphql',
      e.query.trimEnd(),
      '```',
      '',
      'Variables:',
      '',
      '```json',
      JSON.stringify(e.variables, null, 2),
      '```',
      '',
    ].join('\n'),
  ).join('\n');
}
