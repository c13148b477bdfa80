/**
 * Feeds the matcher from Neo4j: each obligation in force today becomes a document with its
 * statements, the titles and texts of its provisions, and the labels of what triggers it.
 */
import type { Config } from '../../lib/config.ts';
import { today } from '../../lib/dates.ts';
import { createDriver, Executor } from '../../lib/neo4j.ts';
import type { ConceptEntry, MatchDocument } from '../../matcher/index.ts';
import * as Q from './cypher.ts';

const join = (xs: unknown): string => (Array.isArray(xs) ? xs.filter((x) => typeof x === 'string' && x.trim()).join('\n') : '');

export async function readObligationDocuments(exec: Executor, asOf = today()): Promise<MatchDocument[]> {
  const rows = await exec.read('assistantCorpus', Q.OBLIGATION_CORPUS, { asOf });
  // Obligations derived from one provision carry its text each, and the index keeps every document's
  // text for its explanations: one copy of each distinct text is kept instead of one per obligation.
  const distinct = new Map<string, string>();
  const shared = (text: string): string => {
    const seen = distinct.get(text);
    if (seen !== undefined) return seen;
    distinct.set(text, text);
    return text;
  };
  return rows.map((r) => ({
    id: r.id as string,
    fields: {
      title: shared(join(r.titles)),
      statement: shared([r.statementKo, r.statementEn].filter(Boolean).join('\n')),
      provisionText: shared(join(r.texts)),
      concepts: shared([join(r.conceptLabels), join(r.triggerNames)].filter(Boolean).join('\n')),
    },
    meta: { kind: r.kind },
  }));
}

export async function readConcepts(exec: Executor): Promise<ConceptEntry[]> {
  const rows = await exec.read('assistantConcepts', Q.CONCEPTS);
  return rows.map((r) => ({
    id: r.id as string,
    labelKo: r.labelKo as string,
    labelEn: r.labelEn as string,
    aliasesKo: r.aliasesKo as string[],
    aliasesEn: r.aliasesEn as string[],
  }));
}

/** For the batch CLI (`npm run match` without --corpus): the obligations in the graph and its concepts. */
export async function loadGraphCorpus(config: Config): Promise<{ documents: MatchDocument[]; concepts: ConceptEntry[] }> {
  const driver = createDriver(config.neo4j);
  try {
    const exec = new Executor(driver, config.neo4j.database);
    const [documents, concepts] = await Promise.all([readObligationDocuments(exec), readConcepts(exec)]);
    return { documents, concepts };
  } finally {
    await driver.close();
  }
}

export async function loadObligationCorpus(config: Config): Promise<MatchDocument[]> {
  return (await loadGraphCorpus(config)).documents;
}
