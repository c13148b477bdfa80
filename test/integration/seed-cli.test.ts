import fs from 'node:fs';
import path from 'node:path';
import type { Driver } from 'neo4j-driver';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { resetGraph } from '../../seed/index.ts';
import { AMENDMENTS, basicFiles, cypher, spawnCli, testDriver, tmpDir } from '../fixtures/seed/support.ts';

let driver: Driver;
beforeAll(async () => {
  driver = testDriver();
  await resetGraph(driver);
});
afterAll(async () => {
  await resetGraph(driver);
  await driver.close();
});

describe('regkg-seed CLI (real child processes)', () => {
  it('--help for every command', async () => {
    for (const cmd of ['validate', 'plan', 'apply', 'history', 'export', 'make-key']) {
      const r = await spawnCli([cmd, '--help']).done;
      expect(r.code, cmd).toBe(0);
      expect(r.stdout, cmd).toContain(`npm run seed -- ${cmd}`);
    }
    const unknown = await spawnCli(['frobnicate']).done;
    expect(unknown.code).toBe(2);
  });

  it('validate → plan --json → apply with an API key → history → export', async () => {
    const base = path.join(AMENDMENTS, 'base/kr-cia-2016.yaml');
    const amd = path.join(AMENDMENTS, 'kr-cia-2020-02-04-16957.yaml');
    expect((await spawnCli(['validate', base, amd]).done).stdout).toContain('ok: 2 file(s) valid');

    const applied = await spawnCli(['apply', base, '--by', 'ops', '--quiet']).done;
    expect(applied.code, applied.stderr).toBe(0);
    expect(applied.stdout).toMatch(/applied changeset .* by ops \(direct, neo4j user neo4j\)/);

    const plan = await spawnCli(['plan', amd, '--json']).done;
    expect(plan.code, plan.stderr).toBe(0);
    const p = JSON.parse(plan.stdout) as { summary: { provisions: { new: string[] }; textDiffs: Array<{ provision: string; patch: string }> } };
    expect(p.summary.provisions.new).toContain('kr/cia/art-36-2');
    expect(p.summary.textDiffs.find((d) => d.provision === 'kr/cia/art-1')!.patch).toContain('+이 법은 신용정보 관련 산업을');
    const text = await spawnCli(['plan', amd]).done;
    expect(text.stdout).toContain('text of kr/cia/art-39-2:');

    const a2 = await spawnCli(['apply', amd, '--by', 'Kim', '--quiet']).done;
    expect(a2.stdout).toContain('by Kim (direct, neo4j user neo4j)');
    const again = await spawnCli(['apply', amd, '--by', 'Kim']).done;
    expect(again.stdout).toContain('no-op');

    const h = await spawnCli(['history', 'kr/cia/art-36-2']).done;
    expect(h.code).toBe(0);
    expect(h.stdout).toMatch(/2020-08-05 … open {2}by amd\/kr\/cia\/2020-02-04-16957 \(No\. 16957, promulgated 2020-02-04\), applied by Kim \(direct, neo4j user neo4j\)/);
    const missing = await spawnCli(['history', 'kr/cia/art-999']).done;
    expect(missing.code).toBe(1);

    const out = tmpDir();
    const e = await spawnCli(['export', '--out', out]).done;
    expect(e.code, e.stderr).toBe(0);
    expect(fs.readdirSync(out).sort()).toEqual(['institutions.yaml', 'obligations.yaml', 'regulations.yaml', 'vocabulary.yaml']);
    expect(fs.readFileSync(path.join(out, 'regulations.yaml'), 'utf8')).toContain('amd/kr/cia/2020-02-04-16957');
    const audit = await cypher(driver, 'MATCH (c:ChangeSet) RETURN c.appliedBy AS by ORDER BY c.appliedAt');
    expect(audit.map((x) => x.by)).toEqual(['ops (direct, neo4j user neo4j)', 'Kim (direct, neo4j user neo4j)']);
  }, 120_000);

  it('apply of a directory applies its files as one set', async () => {
    await resetGraph(driver);
    const r = await spawnCli(['apply', path.dirname(basicFiles()[0]!), '--by', 'dir', '--json']).done;
    expect(r.code, r.stderr).toBe(0);
    const j = JSON.parse(r.stdout) as { noop: boolean; summary: { provisions: { new: string[] } } };
    expect(j.summary.provisions.new).toHaveLength(3);
  });
});
