/**
 * Batch matching: `npm run --silent match -- --corpus corpus.jsonl --queries queries.jsonl --top 10`
 * prints one TREC run line per hit and nothing else on stdout. Without --corpus the corpus is the
 * obligations in the graph, through `loadObligationCorpus(config)` of subgraphs/assistant/corpus.ts.
 */
import { parseArgs } from 'node:util';
import { runBatch, recordToDocument } from '../matcher/batch.ts';
import { InputError } from '../matcher/jsonl.ts';
import type { MatchDocument } from '../matcher/index.ts';
import { loadConfig } from '../lib/config.ts';

const USAGE = 'usage: npm run --silent match -- [--corpus corpus.jsonl] --queries queries.jsonl [--top 10] [--tag name]';

async function loadGraphCorpus(): Promise<MatchDocument[]> {
  // Resolved at run time: the assistant subgraph's corpus loader is written separately.
  const spec = new URL('../subgraphs/assistant/corpus.ts', import.meta.url).href;
  type Loaded = MatchDocument | { id: string; text: string; title?: string };
  let mod: { loadObligationCorpus?: (config: ReturnType<typeof loadConfig>) => Promise<Loaded[]> };
  try {
    mod = await import(spec);
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    if (code === 'ERR_MODULE_NOT_FOUND' && String((e as Error).message).includes('corpus.ts')) {
      throw new InputError('no --corpus given, and the graph corpus loader subgraphs/assistant/corpus.ts does not exist yet: pass --corpus FILE');
    }
    throw e;
  }
  if (typeof mod.loadObligationCorpus !== 'function') {
    throw new InputError('subgraphs/assistant/corpus.ts does not export loadObligationCorpus(config): pass --corpus FILE');
  }
  const loaded = await mod.loadObligationCorpus(loadConfig(process.env));
  if (loaded.length === 0) throw new InputError('the graph holds no obligations in force (empty corpus): seed it, or pass --corpus FILE');
  // Either matcher documents (with fields) or plain corpus lines.
  return loaded.map((d) => ('fields' in d ? d : recordToDocument(d)));
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
  await runBatch({
    ...(values.corpus ? { corpusPath: values.corpus } : { loadCorpus: loadGraphCorpus }),
    queriesPath: values.queries,
    top,
    tag: values.tag,
    write: (s) => process.stdout.write(s),
  });
}

main().catch((e: unknown) => {
  const msg = e instanceof InputError ? e.message : e instanceof Error ? (e.stack ?? e.message) : String(e);
  process.stderr.write(`match: ${msg}\n`);
  process.exitCode = 1;
});
