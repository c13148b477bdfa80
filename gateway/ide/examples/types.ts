/** One ready-made operation of the compliance IDE (see ../examples.ts). */
export interface ExampleOperation {
  /** Stable, kebab-case; used in test names and the IDE's example list. */
  id: string;
  titleKo: string;
  titleEn: string;
  descriptionKo: string;
  descriptionEn: string;
  /** A single named GraphQL operation against the supergraph's API schema. */
  query: string;
  variables: Record<string, unknown>;
  /** Pre-filled request headers (JSON with comments, as GraphiQL's headers pane accepts). */
  headers?: string;
}
