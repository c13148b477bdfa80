import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { normaliseArticle } from '../../seed/tools/extract-article.ts';
import { addMonthsPlusOneDay, amendmentDates, parseLawFile } from '../../seed/tools/law-files.ts';

const dir = mkdtempSync(join(tmpdir(), 'seed-data-tools-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const LAW = `---
제목: 시험법
법령ID: '000001'
법령구분: 법률
공포일자: 2020-02-04
공포번호: '16957'
시행일자: 2020-08-05
출처: https://www.law.go.kr/법령/시험법
---

# 시험법

## 제1장 총칙

##### 제1조 (목적)

이 법은 시험을 목적으로 한다. <개정 2016.3.29>

##### 제36조의2 (자동화평가)

**①** 첫째 항. <신설 2020.2.4>

  1\\. 첫째 호

**②** 둘째 항. <개정 2015.3.11, 2020.2.4>

##### 제5조

삭제 <2013.5.28>

## 부칙

부칙 <제16957호,2020.2.4>


제1조(시행일) 이 법은 공포 후 6개월이 경과한 날부터 시행한다. 다만, 제33조의2의 개정규정은 공포한 날부터 시행한다.

부칙(정부조직법) <제11690호,2013.3.23>

제1조(시행일) 이 법은 공포한 날부터 시행한다.
`;

describe('law-files', () => {
  const path = join(dir, '법률.md');
  writeFileSync(path, LAW);
  const law = parseLawFile(path);

  it('reads the front matter', () => {
    expect(law.meta).toMatchObject({ title: '시험법', lawNumber: '16957', promulgatedOn: '2020-02-04', inForceFrom: '2020-08-05' });
  });

  it('reads articles verbatim, without heading or outer blank lines, and marks deleted ones', () => {
    expect([...law.articles.keys()]).toEqual(['1', '36-2', '5']);
    expect(law.articles.get('36-2')).toMatchObject({ titleKo: '자동화평가', deleted: false });
    expect(law.articles.get('36-2')!.text).toBe('**①** 첫째 항. <신설 2020.2.4>\n\n  1\\. 첫째 호\n\n**②** 둘째 항. <개정 2015.3.11, 2020.2.4>');
    expect(law.articles.get('5')).toMatchObject({ titleKo: null, deleted: true });
  });

  it('reads the addenda: date in force, exceptions, own or other law', () => {
    expect(law.addenda).toEqual([
      expect.objectContaining({ lawNumber: '16957', promulgatedOn: '2020-02-04', inForceFrom: '2020-08-05', hasExceptions: true, otherLaw: null }),
      expect.objectContaining({ lawNumber: '11690', promulgatedOn: '2013-03-23', inForceFrom: '2013-03-23', hasExceptions: false, otherLaw: '정부조직법' }),
    ]);
  });

  it('lists the amendment dates marked in a text', () => {
    expect(amendmentDates(law.articles.get('36-2')!.text)).toEqual(['2015-03-11', '2020-02-04']);
  });

  it('computes "N months after promulgation" the Korean way (first day excluded)', () => {
    expect(addMonthsPlusOneDay('2020-02-04', 6)).toBe('2020-08-05');
    expect(addMonthsPlusOneDay('2025-01-21', 12)).toBe('2026-01-22');
    expect(addMonthsPlusOneDay('2019-08-31', 6)).toBe('2020-03-01');
  });

  it('normalises article numbers', () => {
    expect(normaliseArticle('제36조의2')).toBe('36-2');
    expect(normaliseArticle('36-2')).toBe('36-2');
    expect(normaliseArticle('제83조')).toBe('83');
    expect(() => normaliseArticle('Art. 5')).toThrow(/not an article/);
  });
});
