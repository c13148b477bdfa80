import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
let dir: string;
const file = (name: string, content: string) => {
  const p = join(dir, name);
  writeFileSync(p, content);
  return p;
};
const run = (...args: string[]) =>
  spawnSync(process.execPath, ['--import', 'tsx', join(ROOT, 'scripts/match.ts'), ...args], { cwd: ROOT, encoding: 'utf8', timeout: 60_000 });

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'matcher-cli-'));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('batch CLI (scripts/match.ts)', () => {
  it('prints only TREC run lines, ranks from 1, best first', () => {
    const corpus = file('corpus.jsonl', [
      JSON.stringify({ id: 'kr/pipa/art-23', title: '민감정보의 처리 제한', text: '민감정보를 처리하려면 별도로 동의를 받아야 한다.' }),
      JSON.stringify({ id: 'kr/pipa/art-21', title: '개인정보의 파기', text: '보유기간이 지나면 개인정보를 파기하여야 한다.' }),
      '',
      JSON.stringify({ id: 'en/records', text: 'Records must be kept for six years.' }),
    ].join('\n'));
    const queries = file('queries.jsonl', [
      JSON.stringify({ id: 'q1', text: '민감정보 처리 동의' }),
      JSON.stringify({ id: 'q 2', text: 'how long to keep records' }),
    ].join('\n'));
    const r = run('--corpus', corpus, '--queries', queries, '--top', '2', '--tag', 'test');
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
    const lines = r.stdout.trim().split('\n');
    for (const l of lines) expect(l).toMatch(/^\S+ Q0 \S+ \d+ -?\d+\.\d{4} test$/);
    expect(lines[0]).toMatch(/^q1 Q0 kr\/pipa\/art-23 1 /);
    const q2 = lines.filter((l) => l.startsWith('q_2 '));
    expect(q2[0]).toMatch(/^q_2 Q0 en\/records 1 /);
    const q1 = lines.filter((l) => l.startsWith('q1 '));
    expect(q1.length).toBeLessThanOrEqual(2);
    const scores = q1.map((l) => Number(l.split(' ')[4]));
    expect([...scores].sort((a, b) => b - a)).toEqual(scores);
  });

  it('names file and line of an invalid JSON line and exits non-zero', () => {
    const corpus = file('bad.jsonl', `${JSON.stringify({ id: 'a', text: 'x' })}\n{"id": "b", "text": \n`);
    const queries = file('q.jsonl', JSON.stringify({ id: 'q', text: 'x' }));
    const r = run('--corpus', corpus, '--queries', queries);
    expect(r.status).not.toBe(0);
    expect(r.stdout).toBe('');
    expect(r.stderr).toContain(`${corpus}:2: invalid JSON`);
  });

  it('names the missing field', () => {
    const corpus = file('c.jsonl', JSON.stringify({ id: 'a', text: 'x' }));
    const queries = file('q-missing.jsonl', `${JSON.stringify({ id: 'q1', text: 'x' })}\n${JSON.stringify({ text: 'no id' })}\n`);
    const r = run('--corpus', corpus, '--queries', queries);
    expect(r.status).not.toBe(0);
    expect(r.stderr).toContain(`${queries}:2: field "id" must be a non-empty string`);
    const r2 = run('--corpus', file('c2.jsonl', JSON.stringify({ id: 'a' })), '--queries', file('q-good.jsonl', JSON.stringify({ id: 'q', text: 'x' })));
    expect(r2.stderr).toMatch(/c2\.jsonl:1: field "text" must be a non-empty string/);
  });

  it('rejects an empty file, a missing file and a bad --top', () => {
    const queries = file('q-ok.jsonl', JSON.stringify({ id: 'q', text: 'x' }));
    const empty = file('empty.jsonl', '\n\n');
    expect(run('--corpus', empty, '--queries', queries).stderr).toContain(`${empty}: no records (the file is empty)`);
    expect(run('--corpus', join(dir, 'nope.jsonl'), '--queries', queries).stderr).toMatch(/nope\.jsonl: cannot read file \(ENOENT\)/);
    const r = run('--corpus', empty, '--queries', queries, '--top', '0');
    expect(r.status).not.toBe(0);
    expect(r.stderr).toContain('--top must be a positive integer');
  });

  it('without --corpus, explains that the graph corpus loader is needed (or uses it when present)', () => {
    const queries = file('q-graph.jsonl', JSON.stringify({ id: 'q', text: 'x' }));
    const r = run('--queries', queries);
    // Until subgraphs/assistant/corpus.ts exists the message names it; once it does, it needs a database.
    if (r.status !== 0) expect(r.stderr).toMatch(/subgraphs\/assistant\/corpus\.ts|loadObligationCorpus|no obligations|Neo4j|ECONNREFUSED|connect/i);
  });
});
