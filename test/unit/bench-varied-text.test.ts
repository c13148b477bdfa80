import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { validateFiles } from '../../seed/index.ts';
import { readBase, writeCopies } from '../../bench/synth.ts';
import { LAWS_DIR, parseArticles } from '../../bench/varied-text.ts';

const tmp = () => fs.mkdtempSync(path.join(os.tmpdir(), 'regkg-varied-'));

interface Doc {
  regulations?: { provisions?: { versions?: { textKo: string; textEn?: string | null }[] }[] }[];
  obligations?: { versions?: { statementKo: string; statementEn?: string | null }[] }[];
}

function texts(doc: Doc): string[] {
  const out: string[] = [];
  for (const r of doc.regulations ?? []) for (const p of r.provisions ?? []) for (const v of p.versions ?? []) out.push(v.textKo, ...(v.textEn ? [v.textEn] : []));
  for (const o of doc.obligations ?? []) for (const v of o.versions ?? []) out.push(v.statementKo, ...(v.statementEn ? [v.statementEn] : []));
  return out;
}

describe('bench: varied-text copies (issue 16)', () => {
  it('parses statute articles into clauses, skipping the front matter, chapter headings and deleted articles', () => {
    const md = [
      '---',
      '제목: 보험업법',
      '---',
      '## 제1장 총칙',
      '##### 제1조 (목적)',
      '',
      '이 법은 보험업을 경영하는 자의 건전한 경영을 도모하고',
      '##### 제2조의2 (정의)',
      '**①** 이 법에서 사용하는 용어의 뜻은 다음과 같다.',
      '  1\\. "보험상품"이란 위험보장을 목적으로 하는 계약을 말한다.',
      '##### 제3조 (삭제)',
      '삭제 <2010.7.23>',
    ].join('\n');
    expect(parseArticles(md)).toEqual([
      { title: '목적', clauses: ['이 법은 보험업을 경영하는 자의 건전한 경영을 도모하고'] },
      { title: '정의', clauses: ['① 이 법에서 사용하는 용어의 뜻은 다음과 같다.', '1. "보험상품"이란 위험보장을 목적으로 하는 계약을 말한다.'] },
    ]);
  });

  // The copies draw on ../shared/laws, which a clone of the project alone does not have.
  it.skipIf(!fs.existsSync(LAWS_DIR))('gives every provision and obligation text of every copy its own text, valid for the seed validator, the same for a seed', async () => {
    const base = readBase();
    const dir = tmp();
    const files = writeCopies(base, 1, 3, dir, { variedText: true });
    const all = files.flatMap((f) => texts(JSON.parse(fs.readFileSync(f, 'utf8')) as Doc));
    const baseTexts = new Set(base.datasets.flatMap((d) => texts(d as Doc)));
    expect(all.length).toBeGreaterThan(1000);
    expect(new Set(all).size).toBe(all.length);
    expect(all.filter((t) => baseTexts.has(t))).toEqual([]);
    const r = await validateFiles([...base.files, ...files]);
    expect(r.issues).toEqual([]);
    // Copy 3 written alone (copies 1–2 generated, not written) is the same file: sizes only grow within a run.
    const again = tmp();
    const [three] = writeCopies(base, 3, 3, again, { variedText: true });
    expect(fs.readFileSync(three!, 'utf8')).toBe(fs.readFileSync(files[2]!, 'utf8'));
    const other = writeCopies(base, 1, 1, tmp(), { variedText: true, seed: 17 });
    expect(fs.readFileSync(other[0]!, 'utf8')).not.toBe(fs.readFileSync(files[0]!, 'utf8'));
  }, 60_000);
});
