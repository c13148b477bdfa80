import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { formatIssue, validateFiles } from '../../seed/index.ts';
import { invalidUtf8Offsets } from '../../seed/files.ts';
import { BAD_CASES } from '../fixtures/seed/bad-cases.ts';
import { AMENDMENTS, basicFiles, tmpDir, writeTmp } from '../fixtures/seed/support.ts';

describe('validate: good files', () => {
  it('accepts the fixtures and the shipped example amendments, without a database', async () => {
    expect((await validateFiles(basicFiles())).issues).toEqual([]);
    const r = await validateFiles([path.join(AMENDMENTS, 'base/kr-cia-2016.yaml'), path.join(AMENDMENTS, 'kr-cia-2020-02-04-16957.yaml'), path.join(AMENDMENTS, 'kr-cia-2026-03-10-21445.yaml')]);
    expect(r.issues).toEqual([]);
    expect(r.ok).toBe(true);
  });

  it('tolerates a UTF-8 byte order mark', async () => {
    const dir = tmpDir();
    const src = fs.readFileSync(basicFiles()[0]!);
    const p = writeTmp(dir, 'bom.yaml', Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), src]));
    expect((await validateFiles([p])).issues).toEqual([]);
  });

  it('amendments that target entities outside the set are left to plan/apply', async () => {
    expect((await validateFiles([path.join(AMENDMENTS, 'kr-cia-2020-02-04-16957.yaml')])).ok).toBe(true);
  });
});

describe('validate: amendments against the file set (no database)', () => {
  it('checks amendment ops against a base in the same set: dates, unknown ids, inserts of existing provisions', async () => {
    const dir = tmpDir();
    const amd = writeTmp(
      dir,
      'amd.yaml',
      `kind: Amendment
id: amd/test/early
instrument: { regulation: kr/test-act, effectiveOn: 2020-01-01 }
changes:
  provisions:
    - { op: substitute, provision: kr/test-act/art-2, textKo: 새 본문 }
    - { op: insert, provision: kr/test-act/art-1, article: "1", citationKo: 시험법 제1조, textKo: 중복 }
  obligations:
    - { op: add, obligation: obl/test/new, kind: OTHER, provisions: [kr/test-act/art-404], statementKo: x }
`,
    );
    const r = await validateFiles([...basicFiles(), amd]);
    expect(r.ok).toBe(false);
    const msgs = r.issues.map((i) => `${path.basename(i.file)}:${i.line} ${i.path}: ${i.message}`);
    expect(msgs).toContain('amd.yaml:3 instrument.effectiveOn: effective date 2020-01-01 is not after the start of the current version of kr/test-act/art-2 (2021-01-01); history cannot be rewritten');
    expect(msgs).toContain('amd.yaml:7 changes.provisions[1].provision: cannot insert kr/test-act/art-1: it already exists and is in force (use op: substitute)');
    // A reference from an amendment to something the set does not hold may be in the graph: left to plan/apply.
    expect(msgs.some((m) => m.includes('art-404'))).toBe(false);
  });

  it('a valid amendment on a base in the same set passes', async () => {
    const dir = tmpDir();
    const amd = writeTmp(
      dir,
      'amd.yaml',
      `kind: Amendment
id: amd/test/ok
instrument: { regulation: kr/test-act, effectiveOn: 2024-01-01 }
changes:
  provisions:
    - { op: substitute, provision: kr/test-act/art-2, textKo: 새 본문 }
    - { op: repeal, provision: kr/test-act/art-1 }
  obligations:
    - { op: change, obligation: obl/test/explain, statementKo: 바뀐 의무 }
    - { op: retire, obligation: obl/test/sandbox-condition }
`,
    );
    expect((await validateFiles([...basicFiles(), amd])).issues).toEqual([]);
  });
});

describe('validate: bad input', () => {
  for (const c of BAD_CASES) {
    it(`rejects ${c.name} with file, line, column, field, expected and found`, async () => {
      const dir = tmpDir();
      const paths = c.files.map((f) => writeTmp(dir, f.name, f.content));
      const r = await validateFiles(paths, { maxTextLength: c.maxTextLength });
      expect(r.ok).toBe(false);
      for (const e of c.expect) {
        const hit = r.issues.find((i) => i.file.endsWith(e.file) && i.path === e.path && e.message.test(i.message));
        expect(hit, `${c.name}: expected ${e.file}:${e.line} ${e.path} ${e.message}\n got:\n${r.issues.map(formatIssue).join('\n')}`).toBeDefined();
        expect(hit!.line).toBe(e.line);
        expect(hit!.column).toBeGreaterThan(0);
        expect(hit!.expected.length).toBeGreaterThan(0);
        expect(hit!.found.length).toBeGreaterThan(0);
      }
    });
  }

  it('reports ALL errors of all files in one run', async () => {
    const dir = tmpDir();
    // (References are only checked once every file parses, so the dangling-reference case is left out.)
    const paths = BAD_CASES.filter((c) => c.files.length === 1 && !c.maxTextLength && c.name !== 'dangling reference').map((c) => writeTmp(dir, c.files[0]!.name, c.files[0]!.content));
    const r = await validateFiles(paths);
    const files = new Set(r.issues.map((i) => path.basename(i.file)));
    expect(files.size).toBe(paths.length);
    expect(r.issues.length).toBeGreaterThanOrEqual(paths.length + 3);
  });

  it('formats an issue as file:line:col: path: message (expected …; found …)', async () => {
    const c = BAD_CASES.find((x) => x.name === 'wrong types')!;
    const p = writeTmp(tmpDir(), 'types.yaml', c.files[0]!.content);
    const r = await validateFiles([p]);
    expect(r.issues.map(formatIssue)).toContain(`${r.issues[0]!.file}:9:14: regulations[0].binding: wrong type (expected boolean; found the string "yes")`);
  });
});

describe('invalidUtf8Offsets', () => {
  it('finds stray, truncated, overlong and surrogate sequences', () => {
    expect(invalidUtf8Offsets(Buffer.from('한국어 ok', 'utf8'))).toEqual([]);
    expect(invalidUtf8Offsets(Buffer.from([0x61, 0xff, 0x62]))).toEqual([1]);
    // The first offset is the start of the bad sequence; its stray continuation bytes follow.
    expect(invalidUtf8Offsets(Buffer.from([0xed, 0x95]))[0]).toBe(0);
    expect(invalidUtf8Offsets(Buffer.from([0xc0, 0xaf]))[0]).toBe(0);
    expect(invalidUtf8Offsets(Buffer.from([0xed, 0xa0, 0x80]))[0]).toBe(0);
    expect(invalidUtf8Offsets(Buffer.from([0xe0, 0x80, 0xaf]))[0]).toBe(0);
    expect(invalidUtf8Offsets(Buffer.from([0x61, 0xe0, 0xa4, 0x80, 0x62]))).toEqual([]);
  });
});
