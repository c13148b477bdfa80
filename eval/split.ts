/**
 * Development / test halves of every labelled set. A query's half is decided by a hash of its set
 * and id (deterministic, independent of order and of the other queries) and written once to
 * `eval/sets/split.json`, which is what the harness reads: a set that grows keeps its old halves, and
 * an edit to this function cannot silently move queries between halves.
 *
 *   npx tsx eval/split.ts        add queries missing from split.json (existing assignments are kept)
 *
 * Rule: tune (parameters, vocabulary, calibration) on `dev` only; `test` is scored at the end.
 */
import { createHash } from 'node:crypto';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

export type Half = 'dev' | 'test';
export type SplitFile = Record<string, { dev: string[]; test: string[] }>;

export const SPLIT_URL = new URL('./sets/split.json', import.meta.url);

/** First byte of sha256("set\0id"): even → dev, odd → test. */
export function hashHalf(set: string, id: string): Half {
  return createHash('sha256').update(`${set}\0${id}`).digest()[0]! % 2 === 0 ? 'dev' : 'test';
}

export function loadSplit(): SplitFile {
  return existsSync(SPLIT_URL) ? (JSON.parse(readFileSync(SPLIT_URL, 'utf8')) as SplitFile) : {};
}

/** The stored half of a query; throws for a query not in split.json (run `npx tsx eval/split.ts`). */
export function halfOf(split: SplitFile, set: string, id: string): Half {
  const s = split[set];
  if (s?.dev.includes(id)) return 'dev';
  if (s?.test.includes(id)) return 'test';
  throw new Error(`query ${set}/${id} is in no half of eval/sets/split.json: run \`npx tsx eval/split.ts\``);
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const setsDir = new URL('./sets/', import.meta.url);
  const manifest = JSON.parse(readFileSync(new URL('sets.json', setsDir), 'utf8')) as { sets: { name: string; file: string }[] };
  const split = loadSplit();
  for (const def of manifest.sets) {
    const ids = readFileSync(new URL(def.file, setsDir), 'utf8').split('\n').filter((l) => l.trim()).map((l) => String((JSON.parse(l) as { id: string }).id));
    const s = (split[def.name] ??= { dev: [], test: [] });
    for (const id of ids) if (!s.dev.includes(id) && !s.test.includes(id)) s[hashHalf(def.name, id)].push(id);
    process.stderr.write(`${def.name}: dev ${s.dev.length}, test ${s.test.length}\n`);
  }
  writeFileSync(SPLIT_URL, JSON.stringify(split, null, 1) + '\n');
}
