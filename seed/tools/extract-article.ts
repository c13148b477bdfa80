/**
 * Prints one article of a Korean statute file verbatim (the `textKo` the dataset carries), or with
 * `--yaml` a provision-version snippet ready to paste, with the dates the generator would use.
 *
 *   npx tsx seed/tools/extract-article.ts <law file> <article> [--yaml]
 *   npx tsx seed/tools/extract-article.ts 신용정보의이용및보호에관한법률/법률.md 36-2
 *
 * <law file> is absolute or relative to ../shared/laws/kr; <article> is "36-2" or "제36조의2".
 */
import { existsSync } from 'node:fs';
import { isAbsolute, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { stringify } from 'yaml';
import { DEFAULT_LAWS_ROOT } from './generate-kr-regulations.ts';
import { amendmentDates, parseLawFile } from './law-files.ts';

/** "제36조의2" or "36의2" or "36-2" → "36-2". */
export function normaliseArticle(input: string): string {
  const m = /^(?:제)?\s*(\d+)\s*(?:조)?\s*(?:(?:의|-)\s*(\d+))?$/.exec(input.trim());
  if (!m) throw new Error(`not an article number: ${input}`);
  return m[2] ? `${m[1]}-${m[2]}` : m[1]!;
}

function main(argv: string[]): number {
  const args = argv.filter((a) => !a.startsWith('--'));
  if (args.length !== 2) {
    console.error('usage: extract-article.ts <law file> <article> [--yaml]');
    return 2;
  }
  const path = isAbsolute(args[0]!) ? args[0]! : join(DEFAULT_LAWS_ROOT, args[0]!);
  if (!existsSync(path)) {
    console.error(`law file not found: ${path}`);
    return 2;
  }
  const article = normaliseArticle(args[1]!);
  const law = parseLawFile(path);
  const a = law.articles.get(article);
  if (!a) {
    console.error(`${path}: no article ${article} (제${article.replace('-', '조의')}${article.includes('-') ? '' : '조'})`);
    return 1;
  }
  if (!argv.includes('--yaml')) {
    console.log(a.text);
    return 0;
  }
  const marks = amendmentDates(a.text);
  console.log(
    stringify(
      {
        article,
        titleKo: a.titleKo,
        lawFile: path,
        line: a.line,
        lawInForceFrom: law.meta.inForceFrom,
        amendmentMarks: marks,
        version: { textKo: a.text, sourceUrl: law.meta.sourceUrl },
      },
      { lineWidth: 0 },
    ),
  );
  return 0;
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  process.exitCode = main(process.argv.slice(2));
}
