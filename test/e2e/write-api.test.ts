/**
 * The write path (issue 12 item 6): seed mutations authorised by the server from hashed API keys.
 * Mutations without a key, with a wrong key, with a read key and with a write key; the audit name
 * is the key's name from the server; bad files answer with the CLI's file:line:col issues; sizes
 * and rates are capped; the seed CLI's --server mode goes through the same API.
 */
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeKey } from '../../lib/api-keys.ts';
import { PROJECT_ROOT } from '../../lib/project-root.ts';
import { graphChecksum } from '../../seed/index.ts';
import { startStack, type TestStack } from '../support/stack.ts';
import { testConfig } from '../support/test-config.ts';

const writer = makeKey('regulator-kim');
const reader = makeKey('vendor-lee');

let stack: TestStack;
beforeAll(async () => {
  stack = await startStack({
    env: { WRITE_API_KEYS: writer.entry, READ_API_KEYS: reader.entry, WRITE_RATE_LIMIT: '6/minute', MAX_SEED_BYTES: '200000' },
    overrides: { env: 'production', ideEnabled: false },
  });
});
afterAll(async () => {
  await stack?.stop();
});

type Body = { data?: Record<string, Record<string, unknown> | null> | null; errors?: { message: string; extensions?: Record<string, unknown> }[] };
async function post(query: string, variables: Record<string, unknown>, key?: string): Promise<{ status: number; body: Body }> {
  const res = await fetch(stack.graphqlUrl, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(key ? { 'x-api-key': key } : {}) },
    body: JSON.stringify({ query, variables }),
  });
  return { status: res.status, body: (await res.json()) as Body };
}

const APPLY = 'mutation($files: [SeedFileInput!]!) { applySeed(files: $files) { ok noop appliedBy changeSetId dataVersion errors { file line column path message } summary { line provisions { new changed } } } }';
const VALIDATE = 'mutation($files: [SeedFileInput!]!) { validateSeed(files: $files) { ok files errors { file line column path message } } }';
const PLAN = 'mutation($files: [SeedFileInput!]!) { planSeed(files: $files) { ok changeSetId summary { changed provisions { new changed } } } }';

/** A small, valid amendment-free dataset: one new regulation with one provision. */
function dataset(id: string, text = '제1조 이 규정은 시험용이다.'): { name: string; content: string } {
  return {
    name: `${id}.yaml`,
    content: `kind: Dataset
id: test/${id}
regulations:
  - id: kr/test-${id}
    nameKo: 시험 규정 ${id}
    nameEn: Test regulation ${id}
    shortKo: 시험규정
    shortEn: Test Reg
    jurisdiction: KR
    instrumentType: GUIDELINE
    binding: false
    provisions:
      - id: kr/test-${id}/art-1
        article: "1"
        citationKo: 시험규정 제1조
        citationEn: Test Reg Art. 1
        versions:
          - validFrom: 2026-01-01
            validTo: null
            textKo: "${text}"
`,
  };
}

describe('who may write is decided by the server', () => {
  it('without a key: 401, nothing written', async () => {
    const before = await graphChecksum(stack.driver);
    const r = await post(APPLY, { files: [dataset('anon')] });
    expect(r.status).toBe(401);
    expect(r.body.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
    expect(await graphChecksum(stack.driver)).toBe(before);
  });

  it('with a wrong key (or the development key in production): 401', async () => {
    for (const key of ['dev-write-key', `${writer.key}x`, 'x'.repeat(600)]) {
      const r = await post(APPLY, { files: [dataset('wrong')] }, key);
      expect(r.status, key.slice(0, 20)).toBe(401);
      expect(r.body.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
    }
  });

  it('with a read key: validate and plan yes, apply FORBIDDEN', async () => {
    const v = await post(VALIDATE, { files: [dataset('read')] }, reader.key);
    expect(v.body.data?.validateSeed).toMatchObject({ ok: true, files: 1, errors: [] });
    const p = await post(PLAN, { files: [dataset('read')] }, reader.key);
    expect(p.body.data?.planSeed).toMatchObject({ ok: true, summary: { changed: true, provisions: { new: ['kr/test-read/art-1'] } } });
    const before = await graphChecksum(stack.driver);
    const a = await post(APPLY, { files: [dataset('read')] }, reader.key);
    expect(a.body.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    expect(a.body.errors?.[0]?.message).toMatch(/vendor-lee.*write scope/);
    expect(await graphChecksum(stack.driver)).toBe(before);
  });

  it('with a write key: applied once, the audit name is the key name, re-applying is a no-op', async () => {
    const a = await post(APPLY, { files: [dataset('write')] }, writer.key);
    expect(a.body.errors).toBeUndefined();
    expect(a.body.data?.applySeed).toMatchObject({ ok: true, noop: false, appliedBy: 'regulator-kim' });
    const rows = await stack.driver.executeQuery('MATCH (c:ChangeSet {id: $id}) RETURN c.appliedBy AS by', { id: a.body.data!.applySeed!.changeSetId });
    expect(rows.records.map((r) => r.get('by'))).toEqual(['regulator-kim']);
    const again = await post(APPLY, { files: [dataset('write')] }, writer.key);
    expect(again.body.data?.applySeed).toMatchObject({ ok: true, noop: true });
    // The new provision is served at once (data version bumped, caches refreshed).
    const read = await post('{ provision(id: "kr/test-write/art-1") { id citationKo } }', {});
    expect(read.body.data?.provision).toEqual({ id: 'kr/test-write/art-1', citationKo: '시험규정 제1조' });
  });
});

describe('what a writer sends is checked as the CLI checks it', () => {
  it('a bad file answers ok:false with file:line:column, and nothing is written', async () => {
    const before = await graphChecksum(stack.driver);
    const bad = { name: 'bad.yaml', content: dataset('bad').content.replace('validFrom: 2026-01-01', 'validFrom: 2026-02-30') };
    const a = await post(APPLY, { files: [bad] }, writer.key);
    const r = a.body.data?.applySeed as { ok: boolean; errors: { file: string; line: number; path: string; message: string }[] };
    expect(r.ok).toBe(false);
    expect(r.errors[0]).toMatchObject({ file: 'bad.yaml', line: 18 });
    expect(r.errors[0]!.path).toContain('validFrom');
    const syntax = await post(VALIDATE, { files: [{ name: 'x.json', content: '{"kind": ' }] }, reader.key);
    expect(syntax.body.data?.validateSeed).toMatchObject({ ok: false, errors: [{ file: 'x.json', line: 1 }] });
    expect(await graphChecksum(stack.driver)).toBe(before);
  });

  it('refuses empty, too many, duplicate-named, control-character names and oversized content with BAD_USER_INPUT', async () => {
    const cases: Array<[unknown[], RegExp]> = [
      [[], /at least one file/],
      [[dataset('a'), dataset('a')], /given twice/],
      [[{ name: 'a\u0000.yaml', content: 'x' }], /printable/],
      [[{ name: 'big.yaml', content: 'x'.repeat(200_001) }], /MAX_SEED_BYTES/],
    ];
    for (const [files, message] of cases) {
      const r = await post(VALIDATE, { files }, reader.key);
      expect(r.body.errors?.[0]?.extensions?.code, String(message)).toBe('BAD_USER_INPUT');
      expect(r.body.errors?.[0]?.message).toMatch(message);
    }
  });

  it('rate-limits one key (WRITE_RATE_LIMIT) with RATE_LIMITED and retryAfterSeconds', async () => {
    let limited: { message: string; extensions?: Record<string, unknown> } | undefined;
    for (let i = 0; i < 10 && !limited; i++) limited = (await post(VALIDATE, { files: [dataset('rate')] }, reader.key)).body.errors?.[0];
    expect(limited?.extensions).toMatchObject({ code: 'RATE_LIMITED' });
    expect(Number(limited?.extensions?.retryAfterSeconds)).toBeGreaterThan(0);
    // Another key is not affected.
    const other = await post(VALIDATE, { files: [dataset('rate')] }, writer.key);
    expect(other.body.data?.validateSeed).toMatchObject({ ok: true });
  });
});

describe('the seed CLI --server mode', () => {
  function cli(args: string[], env: Record<string, string> = {}): Promise<{ code: number; stdout: string; stderr: string }> {
    return new Promise((resolve) => {
      const child = spawn(process.execPath, ['--import', 'tsx', path.join(PROJECT_ROOT, 'seed/cli.ts'), ...args], {
        cwd: PROJECT_ROOT,
        // No database credentials at all: the server is the only way in.
        env: { PATH: process.env.PATH ?? '', APP_ENV: 'development', NEO4J_URI: 'bolt://127.0.0.1:1', ...env },
      });
      let stdout = '';
      let stderr = '';
      child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
      child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
      child.on('close', (code) => resolve({ code: code ?? -1, stdout, stderr }));
    });
  }

  it('applies a file with only a key; the audit trail names the key holder', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'regkg-write-api-'));
    try {
      const file = path.join(dir, 'cli.yaml');
      fs.writeFileSync(file, dataset('cli').content);
      const server = new URL(stack.graphqlUrl).origin;
      const noKey = await cli(['apply', file, '--server', server]);
      expect(noKey.code).toBe(2);
      const wrong = await cli(['apply', file, '--server', server, '--api-key', 'nope']);
      expect(wrong.code, wrong.stderr).toBe(1);
      expect(wrong.stderr).toMatch(/UNAUTHENTICATED/);
      const ok = await cli(['apply', file, '--quiet'], { REGKG_SERVER: server, REGKG_API_KEY: writer.key });
      expect(ok.code, ok.stderr).toBe(0);
      expect(ok.stdout).toMatch(/applied changeset .* by regulator-kim/);
      const forged = await cli(['apply', file, '--server', server, '--api-key', writer.key, '--by', 'someone-else']);
      expect(forged.code).toBe(2);
      expect(forged.stderr).toMatch(/drop --by/);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  }, 60_000);
});

describe('REQUIRE_READ_KEY', () => {
  it('401 for a keyless query, answers with a read key', async () => {
    const config = testConfig({ REQUIRE_READ_KEY: 'true', READ_API_KEYS: reader.entry });
    expect(config.requireReadKey).toBe(true);
    const locked = await startStack({ env: { REQUIRE_READ_KEY: 'true', READ_API_KEYS: reader.entry }, overrides: { env: 'production', ideEnabled: false }, reset: false });
    try {
      const anon = await fetch(locked.graphqlUrl, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ query: '{ dataVersion }' }) });
      expect(anon.status).toBe(401);
      expect(((await anon.json()) as Body).errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
      const keyed = await locked.gql<{ dataVersion: number }>('{ dataVersion }', undefined, { 'x-api-key': reader.key });
      expect(typeof keyed.data?.dataVersion).toBe('number');
    } finally {
      await locked.stop();
    }
  });
});
