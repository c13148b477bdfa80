/**
 * Varied texts for the synthetic copies (issue 16): renamed copies that keep the base's provision
 * and obligation texts repeat each text ×N, which flatters the matcher (each distinct field text is
 * analysed once) and the string tables (one string per distinct text). A real national corpus does
 * not repeat itself, so with `variedText` every provision version and obligation statement of a copy
 * gets a text of its own, recombined from the real statute articles in ../shared/laws.
 *
 * The pool is the clauses of every article of every statute file there (`##### 제N조 (제목)`
 * headings; a clause is one line: a paragraph ①②…, an item `1\.` or a sub-item `가\.`, as the
 * README of the laws describes). A provision text is the opening clause of one real article
 * followed by 2–5 clauses drawn from the whole pool, shuffled by a seeded generator; an obligation
 * statement is 1–2 clauses. English texts are recombined the same way from the base's own English
 * sentences (there is no English statute text). A set of every text handed out (and of the base's
 * texts) guarantees that no two texts are equal: copies must be generated in order 1, 2, … (as writeCopies does) for a given
 * seed to give the same files.
 */
import fs from 'node:fs';
import path from 'node:path';
import { PROJECT_ROOT } from '../lib/project-root.ts';
// The benches' one seeded generator (mulberry32): a seed always gives the same data set.
import { rng } from './workloads.ts';

export const LAWS_DIR = path.resolve(PROJECT_ROOT, '..', 'shared', 'laws');

export interface Article {
  title: string;
  clauses: string[];
}

function markdownFiles(dir: string): string[] {
  const out: string[] = [];
  for (const e of fs.readdirSync(dir, { withFileTypes: true }).sort((a, b) => a.name.localeCompare(b.name))) {
    const p = path.join(dir, e.name);
    if (e.isDirectory()) out.push(...markdownFiles(p));
    else if (e.name.endsWith('.md') && e.name !== 'README.md') out.push(p);
  }
  return out;
}

/** `**①** 개인정보처리자는 …` → `① 개인정보처리자는 …`; `1\.` → `1.`; amendment notes kept (they are part of the text as published). */
const cleanClause = (line: string): string => line.replace(/\*\*/g, '').replace(/\\\./g, '.').trim();

/** The articles of one statute file (front matter and chapter headings skipped; deleted articles `삭제` skipped). */
export function parseArticles(markdown: string): Article[] {
  const body = markdown.replace(/^---\n[\s\S]*?\n---\n/, '');
  const articles: Article[] = [];
  let current: Article | null = null;
  for (const line of body.split('\n')) {
    const h = /^#{5}\s+제\S+조(?:의\d+)?\s*\((.+)\)\s*$/.exec(line);
    if (h) {
      current = { title: h[1]!.trim(), clauses: [] };
      articles.push(current);
      continue;
    }
    if (line.startsWith('#')) {
      current = null;
      continue;
    }
    const c = cleanClause(line);
    if (current && c.length >= 8) current.clauses.push(c);
  }
  return articles.filter((a) => a.clauses.length > 0 && !/^삭제/.test(a.clauses[0]!));
}

export function readLawArticles(dir = LAWS_DIR): Article[] {
  return markdownFiles(dir).flatMap((f) => parseArticles(fs.readFileSync(f, 'utf8')));
}

/** English sentences of the base data's texts (split at sentence ends), for the English side. */
export function englishSentences(texts: string[]): string[] {
  const out = new Set<string>();
  for (const t of texts) for (const s of t.split(/(?<=[.;])\s+/)) if (s.trim().length >= 20 && !s.includes('[Wording not held]')) out.add(s.trim());
  return [...out];
}

export class VariedText {
  private readonly clauses: string[];
  private readonly used = new Set<string>();
  private random: () => number;

  constructor(
    private readonly articles: Article[],
    private readonly english: string[],
    private readonly seed = 16,
    /** Texts of the base data: no copy repeats one of them either. */
    baseTexts: Iterable<string> = [],
  ) {
    for (const t of baseTexts) this.used.add(t);
    if (articles.length === 0) throw new Error(`no statute articles found (looked in ${LAWS_DIR})`);
    if (english.length < 10) throw new Error('too few English sentences in the base data to recombine');
    this.clauses = [...new Set(articles.flatMap((a) => a.clauses))];
    this.random = rng(seed);
  }

  /** Starts copy k: its texts depend on the seed and k (and, for uniqueness, on the copies before it). */
  startCopy(k: number): void {
    this.random = rng((this.seed * 1_000_003 + k) >>> 0);
  }

  private pick<T>(xs: T[]): T {
    return xs[Math.floor(this.random() * xs.length)]!;
  }

  /** A text not handed out before: `make()` again until it is new (after 20 tries, a distinguishing clause number). */
  private unique(make: () => string): string {
    for (let i = 0; i < 20; i++) {
      const t = make();
      if (!this.used.has(t)) return this.remember(t);
    }
    let n = 2;
    const base = make();
    while (this.used.has(`${base} (${n})`)) n++;
    return this.remember(`${base} (${n})`);
  }

  private remember(t: string): string {
    this.used.add(t);
    return t;
  }

  private draw(pool: string[], min: number, max: number): string[] {
    const n = min + Math.floor(this.random() * (max - min + 1));
    return Array.from({ length: n }, () => this.pick(pool));
  }

  /** A provision's Korean title and text: one real article's title and opening clause, then clauses from anywhere. */
  provision(): { titleKo: string; textKo: string } {
    const a = this.pick(this.articles);
    const textKo = this.unique(() => [a.clauses[0]!, ...this.draw(this.clauses, 2, 5)].join('\n'));
    return { titleKo: a.title, textKo };
  }

  provisionEn(): string {
    return this.unique(() => this.draw(this.english, 2, 4).join(' '));
  }

  statementKo(): string {
    return this.unique(() => this.draw(this.clauses, 1, 2).join(' '));
  }

  /** Two sentences at least: one alone may be a base statement (they are one sentence each). */
  statementEn(): string {
    return this.unique(() => this.draw(this.english, 2, 3).join(' '));
  }

  /** Texts handed out so far (all distinct). */
  get count(): number {
    return this.used.size;
  }
}

interface VersionRow {
  textKo?: string;
  textEn?: string | null;
  statementKo?: string;
  statementEn?: string | null;
}

/**
 * Gives every provision version and obligation version of one copy (a merged Dataset document) a
 * text of its own. Structure, ids and dates are untouched, so the copy stays valid for the seed
 * loader; a version's text stays within MAX_TEXT_LENGTH (six clauses of real articles).
 */
export function varyTexts(doc: Record<string, unknown>, texts: VariedText, k: number): void {
  texts.startCopy(k);
  for (const reg of (doc.regulations ?? []) as { provisions?: { titleKo?: string; versions?: VersionRow[] }[] }[]) {
    for (const p of reg.provisions ?? []) {
      let title: string | null = null;
      for (const v of p.versions ?? []) {
        const { titleKo, textKo } = texts.provision();
        title ??= titleKo;
        v.textKo = textKo;
        if (v.textEn) v.textEn = texts.provisionEn();
      }
      if (title && p.titleKo) p.titleKo = title;
    }
  }
  for (const o of (doc.obligations ?? []) as { versions?: VersionRow[] }[]) {
    for (const v of o.versions ?? []) {
      v.statementKo = texts.statementKo();
      if (v.statementEn) v.statementEn = texts.statementEn();
    }
  }
}

/** The provision texts and obligation statements of the base datasets, Korean and English. */
export function baseTexts(datasets: Record<string, unknown>[]): { ko: string[]; en: string[] } {
  const ko: string[] = [];
  const en: string[] = [];
  const add = (k: string | undefined, e: string | null | undefined) => (k && ko.push(k), e && en.push(e));
  for (const d of datasets) {
    for (const reg of (d.regulations ?? []) as { provisions?: { versions?: VersionRow[] }[] }[]) for (const p of reg.provisions ?? []) for (const v of p.versions ?? []) add(v.textKo, v.textEn);
    for (const o of (d.obligations ?? []) as { versions?: VersionRow[] }[]) for (const v of o.versions ?? []) add(v.statementKo, v.statementEn);
  }
  return { ko, en };
}
