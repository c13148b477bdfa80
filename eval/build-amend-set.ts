/**
 * The amendment set, from material nobody on the team wrote: the real amendments between the statute
 * versions in `../shared/laws/kr` (law.go.kr via legalize-kr). Each article whose text changed from one
 * version to the next (or was added) becomes a query: its new heading and text. The gold answers are
 * the obligations in `seed/data/obligations-*.yaml` whose `provisions` list names that article — "this
 * amendment touches which of our obligations?".
 *
 * The corpus is every obligation's latest statement, actor and conditions (Korean and English), and
 * deliberately NOT the provision's title or text: with the old text in the documents, the new text
 * finds its own article by near-identity and the set would measure nothing. Gold is fixed by the
 * obligations' provisions lists, written before this set existed and for another purpose.
 *
 *   npx tsx eval/build-amend-set.ts [--laws ../shared/laws/kr]   → eval/sets/kr-amend{,-corpus}.jsonl, kr-versions.jsonl
 */
import { readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { parse } from 'yaml';
import { parseStatute, defaultLawsDir, type CorpusPassage } from './kr-corpus.ts';

/** Statutes with more than one version, oldest first (by date in force), and their provision prefix in seed/data. */
const VERSIONED: { prefix: string; dir: string; files: string[] }[] = [
  { prefix: 'kr/cia', dir: '신용정보의이용및보호에관한법률', files: ['법률@2016-09-30.md', '법률@2020-08-05.md', '법률.md'] },
  { prefix: 'kr/efta', dir: '전자금융거래법', files: ['법률.md', '법률@2026-12-17.md'] },
  { prefix: 'kr/pipa-decree', dir: '개인정보보호법', files: ['시행령.md', '시행령@2026-08-20.md'] },
];

interface ObligationVersion { validTo?: string | null; statementKo?: string; statementEn?: string; actorKo?: string; actorEn?: string; conditionsKo?: string; conditionsEn?: string }
interface Obligation { id: string; provisions?: string[]; versions?: ObligationVersion[] }

const { values } = parseArgs({ options: { laws: { type: 'string' } } });
const lawsDir = values.laws ?? defaultLawsDir();
const seedDir = new URL('../seed/data/', import.meta.url);
const setsDir = new URL('./sets/', import.meta.url);

const obligations: Obligation[] = [];
for (const f of readdirSync(seedDir).filter((f) => /^obligations-.*\.yaml$/.test(f)).sort()) {
  const doc = parse(readFileSync(new URL(f, seedDir), 'utf8')) as { obligations?: Obligation[] };
  obligations.push(...(doc.obligations ?? []));
}

// Corpus: the version in force now (validTo null), else the last listed.
const corpus = obligations.map((o) => {
  const v = o.versions?.find((x) => !x.validTo) ?? o.versions?.at(-1) ?? {};
  const text = [v.statementKo, v.statementEn, v.actorKo, v.actorEn, v.conditionsKo, v.conditionsEn].filter(Boolean).join('\n');
  // the section, as the assistant gives it (subgraphs/assistant/corpus.ts sectionOf): the first provision
  const section = [...(o.provisions ?? [])].sort()[0];
  return { id: o.id, text, ...(section ? { section } : {}) };
});

/** Text compared without amendment notes, markup and whitespace: a changed note alone is not an amendment. */
const canon = (p: CorpusPassage) => p.text.replace(/<[^>]*>/g, '').replace(/[\s\\*]/g, '');

const queries: { id: string; text: string; relevant: string[] }[] = [];
for (const law of VERSIONED) {
  const versions = law.files.map((f) => parseStatute(readFileSync(join(lawsDir, law.dir, f), 'utf8'), law.prefix, ''));
  for (let i = 1; i < versions.length; i++) {
    const before = new Map(versions[i - 1]!.map((p) => [p.id, canon(p)]));
    const tag = law.files[i]!.replace(/\.md$/, '').replace(/^.*@/, '@').replace(/^(법률|시행령)$/, '@current');
    for (const p of versions[i]!) {
      if (before.get(p.id) === canon(p)) continue;
      if (/^삭제/.test(p.text.trim())) continue; // a repealed article has no text to match
      const relevant = obligations.filter((o) => o.provisions?.includes(p.id)).map((o) => o.id);
      if (relevant.length === 0) continue;
      queries.push({ id: `${p.id}${tag}`, text: `${p.title.trim()}\n${p.text}`, relevant });
    }
  }
}

// The easy case, from the same material: an article of another version of a statute (differing from
// today's text) → today's article in the `kr` corpus. Close to the text, but not identical: what
// "never rank worse than plain BM25 on clause paraphrases" is measured on.
const versionsSet: { id: string; text: string; relevant: string[] }[] = [];
for (const law of VERSIONED) {
  const current = law.files.find((f) => !f.includes('@'))!;
  const corpusPrefix = `kr/${law.dir}/${current.replace(/\.md$/, '')}`;
  const now = new Map(parseStatute(readFileSync(join(lawsDir, law.dir, current), 'utf8'), corpusPrefix, '').map((p) => [p.id, p]));
  for (const f of law.files.filter((x) => x !== current)) {
    for (const p of parseStatute(readFileSync(join(lawsDir, law.dir, f), 'utf8'), corpusPrefix, '')) {
      const target = now.get(p.id);
      if (!target || canon(target) === canon(p) || /^삭제/.test(p.text.trim()) || /^삭제/.test(target.text.trim())) continue;
      versionsSet.push({ id: `${p.id}${f.replace(/\.md$/, '').replace(/^.*@/, '@')}`, text: p.text, relevant: [p.id] });
    }
  }
}
writeFileSync(new URL('kr-versions.jsonl', setsDir), versionsSet.map((q) => JSON.stringify(q)).join('\n') + '\n');
process.stderr.write(`${versionsSet.length} articles of other versions → today's article\n`);

writeFileSync(new URL('kr-amend-corpus.jsonl', setsDir), corpus.map((c) => JSON.stringify(c)).join('\n') + '\n');
writeFileSync(new URL('kr-amend.jsonl', setsDir), queries.map((q) => JSON.stringify(q)).join('\n') + '\n');
process.stderr.write(`${queries.length} amended articles with derived obligations; corpus ${corpus.length} obligations\n`);
