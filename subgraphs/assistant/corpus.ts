/**
 * Feeds the matcher from Neo4j: each obligation in force today becomes a document with its
 * statements, the titles and texts of its provisions, and the labels of what triggers it.
 */
import type { Config } from '../../lib/config.ts';
import { today } from '../../lib/dates.ts';
import { createDriver, Executor } from '../../lib/neo4j.ts';
import type { ConceptEntry, MatchDocument } from '../../matcher/index.ts';
import { StringTable } from '../../lib/string-table.ts';
import * as Q from './cypher.ts';

const join = (xs: unknown): string => (Array.isArray(xs) ? xs.filter((x) => typeof x === 'string' && x.trim()).join('\n') : '');

/**
 * Obligations per corpus query, each page turned into documents before the next is read: the whole
 * corpus as one result grew the heap by its size, and V8 kept the pages after they were garbage
 * (measured at ×100: 13 M characters of text, +43 MB of heap held after the read).
 */
const CORPUS_PAGE = 500;

/**
 * The matcher's section of an obligation: the provision it derives from (the first by id when it
 * derives from several). Obligations from one provision are then siblings, so sibling-aware scoring
 * lifts the other duties of an article with the one that words the question best, as it does for the
 * paragraphs of a rule in a passage corpus.
 */
export function sectionOf(provisionIds: unknown): { group?: string } {
  const ids = Array.isArray(provisionIds) ? provisionIds.filter((x): x is string => typeof x === 'string' && x !== '').sort() : [];
  return ids.length ? { group: ids[0]! } : {};
}

export async function readObligationDocuments(exec: Executor, asOf = today()): Promise<MatchDocument[]> {
  // Obligations derived from one provision carry its text each, and the index keeps every document's
  // text for its explanations: one copy of each distinct text is kept instead of one per obligation.
  const texts = new StringTable();
  const ids = (await exec.read('assistantCorpusIds', Q.OBLIGATION_IDS)).map((r) => r.id as string);
  const docs: MatchDocument[] = [];
  for (let i = 0; i < ids.length; i += CORPUS_PAGE) {
    const rows = await exec.read('assistantCorpus', Q.OBLIGATION_CORPUS, { asOf, ids: ids.slice(i, i + CORPUS_PAGE) }, { shareStrings: true });
    for (const r of rows) {
      docs.push({
        id: r.id as string,
        fields: {
          title: texts.share(join(r.titles)),
          statement: texts.share([r.statementKo, r.statementEn].filter(Boolean).join('\n')),
          provisionText: texts.share(join(r.texts)),
          concepts: texts.share([join(r.conceptLabels), join(r.triggerNames)].filter(Boolean).join('\n')),
        },
        ...sectionOf(r.provisionIds),
        meta: { kind: r.kind },
      });
    }
  }
  return docs;
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
