/**
 * The batch matcher behind `npm run match`: corpus + queries in, TREC run lines out
 * (`qid Q0 docid rank score tag`, ranks from 1).
 */
import { createMatcher, type MatchDocument, type MatcherOptions } from './index.ts';
import { readTextRecords, InputError } from './jsonl.ts';
import { groupOf } from './groups.ts';

export interface BatchOptions {
  /**
   * JSONL corpus `{"id","text","title"?,"section"?|"parent"?}` (section: the passage's parent heading or
   * id, for sibling-aware scoring; else derived from the id); when absent, `loadCorpus` supplies the documents
   */
  corpusPath?: string;
  queriesPath: string;
  top?: number;
  tag?: string;
  /** where the corpus comes from without `corpusPath` (e.g. the obligations in the graph) */
  loadCorpus?: () => Promise<MatchDocument[]>;
  matcher?: MatcherOptions;
  write: (chunk: string) => void;
}

/** Map a corpus line to a document: `title` → title, `text` → provision text, its section → group. */
export function recordToDocument(r: { id: string; text: string; title?: string; extra?: Record<string, unknown> }): MatchDocument {
  const group = groupOf(r.id, r.extra);
  return { id: r.id, fields: { ...(r.title ? { title: r.title } : {}), provisionText: r.text }, ...(group ? { group } : {}) };
}

/** Run every query against the corpus and write the TREC run. Returns the number of lines. */
export async function runBatch(o: BatchOptions): Promise<number> {
  const top = o.top ?? 10;
  if (!Number.isInteger(top) || top < 1) throw new InputError(`--top must be a positive integer, got ${o.top}`);
  const queries = readTextRecords(o.queriesPath, { titleAllowed: true });
  let docs: MatchDocument[];
  if (o.corpusPath) docs = readTextRecords(o.corpusPath).map(recordToDocument);
  else if (o.loadCorpus) docs = await o.loadCorpus();
  else throw new InputError('no corpus: pass --corpus FILE');
  if (docs.length === 0) throw new InputError('the corpus is empty');
  const m = createMatcher(o.matcher);
  m.add(docs);
  const tag = (o.tag ?? 'regkg').replace(/\s+/g, '_');
  let n = 0;
  for (const q of queries) {
    const qid = q.id.replace(/\s+/g, '_');
    const res = m.search(q.text, { limit: top, explain: false });
    const buf: string[] = [];
    res.forEach((r, i) => buf.push(`${qid} Q0 ${r.id.replace(/\s+/g, '_')} ${i + 1} ${r.score.toFixed(4)} ${tag}\n`));
    if (buf.length) o.write(buf.join(''));
    n += buf.length;
  }
  return n;
}
