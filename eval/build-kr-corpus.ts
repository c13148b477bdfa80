/**
 * Write the Korean statute corpus as JSONL for `npm run match`:
 *   npx tsx eval/build-kr-corpus.ts [--laws ../shared/laws/kr] [--out eval/out/kr-corpus.jsonl]
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { parseArgs } from 'node:util';
import { buildKrCorpus, defaultLawsDir } from './kr-corpus.ts';

const { values } = parseArgs({ options: { laws: { type: 'string' }, out: { type: 'string', default: 'eval/out/kr-corpus.jsonl' } } });
const lawsDir = values.laws ?? defaultLawsDir();
const passages = buildKrCorpus(lawsDir);
mkdirSync(dirname(values.out!), { recursive: true });
writeFileSync(values.out!, passages.map((p) => JSON.stringify(p)).join('\n') + '\n');
process.stderr.write(`${passages.length} articles from ${lawsDir} → ${values.out}\n`);
