/**
 * A tiny reader for the statute Markdown files (legalize-kr format: YAML front matter, articles
 * as `##### 제N조의M (제목)` headings). Authoring-time only — `build.ts` and the tests use it to
 * copy article text verbatim; the loader never reads the statute files.
 */
import fs from 'node:fs';
import { parse } from 'yaml';

export interface LawText {
  meta: { title: string; promulgatedOn: string; lawNumber: string; inForceFrom: string; sourceUrl: string };
  /** "36-2" → title and the article body exactly as in the file (outer blank lines trimmed). */
  articles: Map<string, { titleKo: string | null; text: string }>;
}

const HEADING = /^##### 제(\d+)조(?:의(\d+))?(?:\s*\((.*)\))?\s*$/;

export function readLaw(file: string): LawText {
  const src = fs.readFileSync(file, 'utf8');
  const fm = /^---\n([\s\S]*?)\n---\n/.exec(src);
  if (!fm) throw new Error(`${file}: no front matter`);
  const m = parse(fm[1]!) as Record<string, unknown>;
  const meta = {
    title: String(m['제목']),
    promulgatedOn: String(m['공포일자']),
    lawNumber: String(m['공포번호']),
    inForceFrom: String(m['시행일자']),
    sourceUrl: String(m['출처']),
  };
  const articles = new Map<string, { titleKo: string | null; text: string }>();
  const lines = src.slice(fm[0].length).split('\n');
  let current: { key: string; titleKo: string | null; body: string[] } | null = null;
  const flush = (): void => {
    if (!current) return;
    const body = [...current.body];
    while (body.length && !body[0]!.trim()) body.shift();
    while (body.length && !body[body.length - 1]!.trim()) body.pop();
    // The first occurrence wins: addenda (부칙) reuse article numbers after the main text.
    if (!articles.has(current.key)) articles.set(current.key, { titleKo: current.titleKo, text: body.join('\n') });
    current = null;
  };
  for (const line of lines) {
    const h = HEADING.exec(line);
    if (h) {
      flush();
      current = { key: h[2] ? `${h[1]}-${h[2]}` : h[1]!, titleKo: h[3]?.trim() || null, body: [] };
    } else if (line.startsWith('#')) flush();
    else current?.body.push(line);
  }
  flush();
  return { meta, articles };
}
