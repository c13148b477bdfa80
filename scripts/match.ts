/**
 * Batch matching: `npm run --silent match -- --corpus corpus.jsonl --queries queries.jsonl --top 10`
 * prints one TREC run line per hit and nothing else on stdout. Without --corpus the corpus is the
 * obligations in the graph and its concepts, through subgraphs/assistant/corpus.ts.
 */
import { parseArgs } from 'node:util';
import { runBatch } from '../matcher/batch.ts';
import { InputError } from '../matcher/jsonl.ts';
import type { ConceptEntry, MatchDocument } from '../matcher/index.ts';
import { loadConfig } from '../lib/config.ts';

const USAGE = 'usage: npm run --silent match -- [--corpus corpus.jsonl] --queries queries.jsonl [--top 10] [--tag name]';

/** The obligations in the graph (with their fields) and the graph's bilingual concepts. */
async function loadFromGraph(): Promise<{ documents: MatchDocument[]; concepts: ConceptEntry[] }> {
  const { loadGraphCorpus } = await import('../subgraphs/assistant/corpus.ts');
  const loaded = await loadGraphCorpus(loadConfig(process.env));
  if (loaded.documents.length === 0) throw new InputError('the graph holds no obligations in force (empty corpus): seed it, or pass --corpus FILE');
  return loaded;
}

async function main(): Promise<void> {
  let values;
  try {
    ({ values } = parseArgs({
      options: {
        corpus: { type: 'string' },
        queries: { type: 'string' },
        top: { type: 'string', default: '10' },
        tag: { type: 'string', default: 'regkg' },
        help: { type: 'boolean', short: 'h' },
      },
      strict: true,
    }));
  } catch (e) {
    throw new InputError(`${(e as Error).message}\n${USAGE}`);
  }
  if (values.help) {
    process.stderr.write(USAGE + '\n');
    return;
  }
  if (!values.queries) throw new InputError(`--queries is required\n${USAGE}`);
  const top = Number(values.top);
  if (!Number.isInteger(top) || top < 1) throw new InputError(`--top must be a positive integer, got "${values.top}"`);
  const graph = values.corpus ? null : await loadFromGraph();
  await runBatch({
    ...(graph ? { loadCorpus: async () => graph.documents, matcher: { concepts: graph.concepts } } : { corpusPath: values.corpus }),
    queriesPath: values.queries,
    top,
    tag: values.tag,
    write: (s) => process.stdout.write(s),
  });
}

// A reader that stops early (`| head`) closes the pipe: that ends the run quietly, as for any
// Unix filter, instead of an unhandled EPIPE error event and a stack trace.
process.stdout.on('error', (e: NodeJS.ErrnoException) => {
  if (e.code !== 'EPIPE') throw e;
  process.exit(0);
});

main().catch((e: unknown) => {
  const msg = e instanceof InputError ? e.message : e instanceof Error ? (e.stack ?? e.message) : String(e);
  process.stderr.write(`match: ${msg}\n`);
  process.exitCode = 1;
});
