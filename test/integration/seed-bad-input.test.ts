import type { Driver } from 'neo4j-driver';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { applyFiles, graphChecksum, planFiles, resetGraph, SeedValidationError } from '../../seed/index.ts';
import { BAD_CASES } from '../fixtures/seed/bad-cases.ts';
import { basicFiles, spawnCli, testDriver, tmpDir, writeTmp } from '../fixtures/seed/support.ts';

let driver: Driver;
let baseline: string;

beforeAll(async () => {
  driver = testDriver();
  await resetGraph(driver);
  await applyFiles(driver, basicFiles(), { by: 'tester' });
  baseline = await graphChecksum(driver);
});
afterAll(async () => {
  await resetGraph(driver);
  await driver.close();
});

describe('apply rejects bad input and leaves the database unchanged', () => {
  for (const c of BAD_CASES) {
    it(`${c.name}: SeedValidationError naming file and line; checksum unchanged`, async () => {
      const dir = tmpDir();
      const paths = c.files.map((f) => writeTmp(dir, f.name, f.content));
      let err: unknown;
      try {
        await applyFiles(driver, paths, { by: 'tester', maxTextLength: c.maxTextLength });
      } catch (e) {
        err = e;
      }
      expect(err).toBeInstanceOf(SeedValidationError);
      const issues = (err as SeedValidationError).issues;
      for (const e of c.expect) {
        const hit = issues.find((i) => i.file.endsWith(e.file) && i.path === e.path && e.message.test(i.message));
        expect(hit, `${c.name}: ${(err as Error).message}`).toBeDefined();
        expect(hit!.line).toBe(e.line);
      }
      expect(await graphChecksum(driver)).toBe(baseline);
    });
  }

  it('a reference that resolves nowhere (not in the set, not in the graph) fails apply; one into the graph passes plan', async () => {
    const dir = tmpDir();
    const refGraph = writeTmp(
      dir,
      'ref-graph.yaml',
      `kind: Dataset
id: more
obligations:
  - id: obl/test/more
    kind: OTHER
    provisions: [kr/test-act/art-1]
    versions:
      - { validFrom: 2020-01-01, statementKo: 더 있다. }
`,
    );
    const plan = await planFiles(driver, [refGraph]);
    expect(plan.summary.obligations.new).toEqual(['obl/test/more']);
    const refNowhere = writeTmp(dir, 'ref-nowhere.yaml', (await import('node:fs')).readFileSync(refGraph, 'utf8').replace('kr/test-act/art-1', 'kr/test-act/art-404'));
    await expect(applyFiles(driver, [refNowhere], { by: 'tester' })).rejects.toThrow(/ref-nowhere\.yaml:6:\d+: obligations\[0\]\.provisions\[0\]: dangling reference: no Provision "kr\/test-act\/art-404" in the file set or the graph/);
    expect(await graphChecksum(driver)).toBe(baseline);
  });
});

describe('the CLI on bad input', () => {
  it('validate exits 1 and prints every error as file:line:col: field: message (expected …; found …)', async () => {
    const dir = tmpDir();
    const c = BAD_CASES.find((x) => x.name === 'wrong types')!;
    const u = BAD_CASES.find((x) => x.name === 'unknown field')!;
    const p1 = writeTmp(dir, 'types.yaml', c.files[0]!.content);
    const p2 = writeTmp(dir, 'unknown.yaml', u.files[0]!.content);
    const r = await spawnCli(['validate', p1, p2]).done;
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/types\.yaml:9:14: regulations\[0\]\.binding: wrong type \(expected boolean; found the string "yes"\)/);
    expect(r.stderr).toMatch(/unknown\.yaml:10:5: regulations\[0\]\.colour: unknown field "colour"/);
    expect(r.stderr).toMatch(/3 error\(s\)/);
  });

  it('apply exits 1, says nothing was written, and the graph is unchanged; apply without a credential exits 2', async () => {
    const dir = tmpDir();
    const c = BAD_CASES.find((x) => x.name === 'overlapping version intervals')!;
    const p = writeTmp(dir, 'overlap.yaml', c.files[0]!.content);
    const r = await spawnCli(['apply', p, '--by', 'tester']).done;
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('nothing was written');
    expect(r.stderr).toMatch(/overlap\.yaml:11:\d+: regulations\[0\]\.provisions\[0\]: versions of kr\/bad\/art-1 overlap/);
    const noCred = await spawnCli(['apply', basicFiles()[0]!]).done;
    expect(noCred.code).toBe(2);
    expect(noCred.stderr).toMatch(/give --server <url> --api-key <key>, or .* --by <name>/);
    // A key is only worth something when a server checks it: locally it is refused, not trusted.
    const localKey = await spawnCli(['apply', basicFiles()[0]!, '--api-key', 'dev-write-key']).done;
    expect(localKey.code).toBe(2);
    expect(localKey.stderr).toMatch(/--api-key is checked by the server: give --server/);
    const noKey = await spawnCli(['apply', basicFiles()[0]!, '--server', 'http://127.0.0.1:9']).done;
    expect(noKey.code).toBe(2);
    expect(noKey.stderr).toMatch(/--server needs an API key/);
    const badUrl = await spawnCli(['apply', basicFiles()[0]!, '--server', 'ftp://x', '--api-key', 'k']).done;
    expect(badUrl.code).toBe(2);
    expect(badUrl.stderr).toMatch(/--server must be an http\(s\) URL/);
    const down = await spawnCli(['apply', basicFiles()[0]!, '--server', 'http://127.0.0.1:9', '--api-key', 'k']).done;
    expect(down.code).toBe(3);
    expect(down.stderr).toMatch(/cannot reach http:\/\/127\.0\.0\.1:9/);
    expect(await graphChecksum(driver)).toBe(baseline);
  });
});
