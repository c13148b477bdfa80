/**
 * Reading the Korean statute Markdown files of `../shared/laws/kr/` (legalize-kr format): the YAML
 * front matter, the articles (`##### 제N조의M (제목)` headings) and the addenda (부칙), whose
 * 시행일 clauses tell when each amendment took effect. Authoring-time only: the product reads the
 * generated YAML in `seed/data/`, never these files.
 */
import { readFileSync } from 'node:fs';
import { parse as parseYaml } from 'yaml';

export interface LawMeta {
  title: string;
  lawId: string;
  lawKind: string;
  promulgatedOn: string;
  lawNumber: string;
  inForceFrom: string;
  sourceUrl: string;
}

export interface Article {
  /** As the instrument numbers it: "36-2" for 제36조의2. */
  article: string;
  titleKo: string | null;
  /** The article body exactly as in the file, without the heading, outer blank lines trimmed. */
  text: string;
  /** 1-based line of the heading, for error messages. */
  line: number;
  deleted: boolean;
}

export interface Addendum {
  lawNumber: string;
  promulgatedOn: string;
  /** The 시행일 clause (제1조(시행일) … or the single-sentence addendum), if found. */
  clause: string | null;
  /** The general date in force read from the clause; null if the clause could not be read. */
  inForceFrom: string | null;
  /** True when the clause has exceptions (다만 …) that may date some articles differently. */
  hasExceptions: boolean;
  /** Name of the other law whose addendum this is (`부칙(정부조직법)`), null for the law's own amendment. */
  otherLaw: string | null;
}

export interface LawFile {
  path: string;
  meta: LawMeta;
  articles: Map<string, Article>;
  addenda: Addendum[];
}

const HEADING = /^##### 제(\d+)조(?:의(\d+))?(?:\s*\((.*)\))?\s*$/;
const AMEND_MARK = /<(?:개정|신설|전문개정|본조신설|제목개정|종전[^>]*)\s+([0-9.,\s]+)>/g;

function iso(y: string, m: string, d: string): string {
  return `${y.padStart(4, '0')}-${m.padStart(2, '0')}-${d.padStart(2, '0')}`;
}

/** Korean period computation (초일불산입): "공포 후 N개월이 경과한 날" = promulgation + N months + 1 day. */
export function addMonthsPlusOneDay(date: string, months: number): string {
  const [y, m, d] = date.split('-').map(Number) as [number, number, number];
  const target = new Date(Date.UTC(y, m - 1 + months, 1));
  const lastDay = new Date(Date.UTC(target.getUTCFullYear(), target.getUTCMonth() + 1, 0)).getUTCDate();
  target.setUTCDate(Math.min(d, lastDay));
  target.setUTCDate(target.getUTCDate() + 1);
  return target.toISOString().slice(0, 10);
}

function readInForce(clause: string, promulgatedOn: string): string | null {
  const main = clause.split(/다만/)[0] ?? clause;
  if (/공포한 날부터 시행/.test(main)) return promulgatedOn;
  const ym = /공포\s*후\s*(\d+)년\s*(\d+)개월이 경과한 날부터/.exec(main);
  if (ym) return addMonthsPlusOneDay(promulgatedOn, 12 * Number(ym[1]) + Number(ym[2]));
  const months = /공포\s*후\s*(\d+)(?:개월|월)이 경과한 날부터/.exec(main);
  if (months) return addMonthsPlusOneDay(promulgatedOn, Number(months[1]));
  const years = /공포\s*후\s*(\d+)년이 경과한 날부터/.exec(main);
  if (years) return addMonthsPlusOneDay(promulgatedOn, 12 * Number(years[1]));
  const explicit = /(\d{4})년\s*(\d{1,2})월\s*(\d{1,2})일부터 시행/.exec(main);
  if (explicit) return iso(explicit[1]!, explicit[2]!, explicit[3]!);
  return null;
}

function fmDate(v: unknown): string {
  if (v instanceof Date) return v.toISOString().slice(0, 10);
  return String(v);
}

/** Parses one law file. Throws with the file name when the front matter is missing. */
export function parseLawFile(path: string): LawFile {
  const raw = readFileSync(path, 'utf8');
  const fm = /^---\n([\s\S]*?)\n---\n/.exec(raw);
  if (!fm) throw new Error(`${path}: no YAML front matter`);
  const data = parseYaml(fm[1]!) as Record<string, unknown>;
  const meta: LawMeta = {
    title: String(data['제목']),
    lawId: String(data['법령ID']),
    lawKind: String(data['법령구분']),
    promulgatedOn: fmDate(data['공포일자']),
    lawNumber: String(data['공포번호']),
    inForceFrom: fmDate(data['시행일자']),
    sourceUrl: String(data['출처']),
  };
  const lines = raw.split('\n');
  const articles = new Map<string, Article>();
  const addenda: Addendum[] = [];
  let current: { a: Omit<Article, 'text' | 'deleted'>; body: string[] } | null = null;
  let inAddenda = false;
  let addendum: { head: Addendum; body: string[] } | null = null;

  const flushArticle = (): void => {
    if (!current) return;
    const body = [...current.body];
    while (body.length && body[0]!.trim() === '') body.shift();
    while (body.length && body[body.length - 1]!.trim() === '') body.pop();
    const text = body.join('\n');
    articles.set(current.a.article, { ...current.a, text, deleted: /^삭제\s*<[^>]*>$/.test(text.trim()) });
    current = null;
  };
  const flushAddendum = (): void => {
    if (!addendum) return;
    const text = addendum.body.join('\n');
    const m = /제1조\s*\(시행일\)([^\n]*)/.exec(text) ?? /^\s*(이 (?:법|영)은[^\n]*시행한다[^\n]*)/m.exec(text);
    const clause = m ? m[1]!.trim() : null;
    addendum.head.clause = clause;
    addendum.head.inForceFrom = clause ? readInForce(clause, addendum.head.promulgatedOn) : null;
    addendum.head.hasExceptions = clause ? /다만/.test(clause) : false;
    addenda.push(addendum.head);
    addendum = null;
  };

  lines.forEach((line, i) => {
    if (/^## 부칙/.test(line)) {
      flushArticle();
      inAddenda = true;
      return;
    }
    if (inAddenda) {
      const h = /^부칙(?:\(([^)]*)\))?\s*<제(\d+)호,\s*(\d{4})\.\s*(\d{1,2})\.\s*(\d{1,2})\.?>/.exec(line);
      if (h) {
        flushAddendum();
        addendum = {
          head: {
            lawNumber: h[2]!,
            promulgatedOn: iso(h[3]!, h[4]!, h[5]!),
            clause: null,
            inForceFrom: null,
            hasExceptions: false,
            otherLaw: h[1] ?? null,
          },
          body: [],
        };
      } else if (addendum) addendum.body.push(line);
      return;
    }
    const h = HEADING.exec(line);
    if (h) {
      flushArticle();
      current = { a: { article: h[2] ? `${h[1]}-${h[2]}` : h[1]!, titleKo: h[3] ?? null, line: i + 1 }, body: [] };
      return;
    }
    if (/^#/.test(line)) {
      flushArticle();
      return;
    }
    if (current) current.body.push(line);
  });
  flushArticle();
  flushAddendum();
  return { path, meta, articles, addenda };
}

/** Promulgation dates (ISO) of the amendments recorded in an article's `<개정 …>`/`<신설 …>` marks. */
export function amendmentDates(text: string): string[] {
  const out = new Set<string>();
  for (const m of text.matchAll(AMEND_MARK)) {
    for (const part of m[1]!.split(',')) {
      const d = /(\d{4})\.\s*(\d{1,2})\.\s*(\d{1,2})/.exec(part);
      if (d) out.add(iso(d[1]!, d[2]!, d[3]!));
    }
  }
  return [...out].sort();
}
