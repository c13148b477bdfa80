/**
 * The Korean evaluation corpus: every article (제N조, 제N조의M) of the latest text of every statute
 * under `<shared>/laws/kr/` (files named exactly `법률.md` or `시행령.md`; dated `@YYYY-MM-DD` versions
 * are older or future texts), one passage per article.
 */
import { readdirSync, readFileSync, existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

export interface CorpusPassage {
  id: string;
  title: string;
  text: string;
}

const REPO_ROOT = resolve(fileURLToPath(new URL('..', import.meta.url)));

/** `../shared/laws/kr` beside the repository (as on CI), else `/work/shared/laws/kr`. */
export function defaultLawsDir(): string {
  const candidates = [join(REPO_ROOT, '..', 'shared', 'laws', 'kr'), '/work/shared/laws/kr'];
  return candidates.find((c) => existsSync(c)) ?? candidates[0]!;
}

const HEADING = /^#{5}\s+제(\d+)조(?:의(\d+))?\s*(?:\((.*)\))?\s*$/;

/** `제36조의2` → `36-2` */
export function articleKey(n: string, m?: string): string {
  return m ? `${n}-${m}` : n;
}

function cleanBody(lines: string[]): string {
  return lines
    .join('\n')
    .replace(/\*\*/g, '')
    .replace(/\\([.\-*_()[\]])/g, '$1')
    .replace(/<(개정|신설|전문개정|본조신설|제목개정|삭제|종전)[^>]*>/g, '')
    .replace(/[ \t]+\n/g, '\n')
    .replace(/\n{3,}/g, '\n\n')
    .trim();
}

/** Articles of one statute file. */
export function parseStatute(markdown: string, idPrefix: string, lawName: string): CorpusPassage[] {
  const out: CorpusPassage[] = [];
  let cur: { key: string; heading: string; lines: string[] } | null = null;
  const flush = () => {
    if (!cur) return;
    const text = cleanBody(cur.lines);
    out.push({ id: `${idPrefix}/art-${cur.key}`, title: `${lawName} ${cur.heading}`.trim(), text: text || cur.heading });
    cur = null;
  };
  for (const line of markdown.split(/\r?\n/)) {
    if (line.startsWith('#')) {
      flush();
      const m = HEADING.exec(line.trim());
      if (m) {
        const heading = `제${m[1]}조${m[2] ? `의${m[2]}` : ''}${m[3] ? ` (${m[3]})` : ''}`;
        cur = { key: articleKey(m[1]!, m[2]), heading, lines: [] };
      }
      continue;
    }
    cur?.lines.push(line);
  }
  flush();
  return out;
}

function lawTitle(markdown: string, fallback: string): string {
  const m = /^제목:\s*(.+)$/m.exec(markdown);
  return m ? m[1]!.trim() : fallback;
}

/** Build the corpus from a `laws/kr` folder. Throws when the folder has no statute file. */
export function buildKrCorpus(lawsDir = defaultLawsDir()): CorpusPassage[] {
  if (!existsSync(lawsDir)) throw new Error(`laws folder not found: ${lawsDir} (pass --laws DIR)`);
  const out: CorpusPassage[] = [];
  for (const law of readdirSync(lawsDir, { withFileTypes: true }).filter((d) => d.isDirectory()).map((d) => d.name).sort()) {
    for (const file of ['법률.md', '시행령.md']) {
      const path = join(lawsDir, law, file);
      if (!existsSync(path)) continue;
      const md = readFileSync(path, 'utf8');
      const name = lawTitle(md, law) + (file === '시행령.md' && !lawTitle(md, '').endsWith('시행령') ? ' 시행령' : '');
      out.push(...parseStatute(md, `kr/${law}/${file.replace(/\.md$/, '')}`, name));
    }
  }
  if (out.length === 0) throw new Error(`no statute articles found under ${lawsDir}`);
  return out;
}
