import fs from 'node:fs';
import path from 'node:path';
import type { Driver } from 'neo4j-driver';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { testConfig } from '../support/test-config.ts';
import { migrate } from '../../db/migrate.ts';
import { applyFiles, ensureBaseData, exportGraph, graphChecksum, planFiles, provisionHistory, resetGraph } from '../../seed/index.ts';
import { basicFiles, cypher, testDriver, tmpDir, writeTmp, BASIC } from '../fixtures/seed/support.ts';

let driver: Driver;

beforeAll(async () => {
  driver = testDriver();
  await migrate(driver, testConfig().neo4j.database);
});
afterAll(async () => {
  await resetGraph(driver);
  await driver.close();
});
beforeEach(async () => {
  await resetGraph(driver);
});

const num = (v: unknown): number => Number(v);

describe('migrate', () => {
  it('creates a uniqueness constraint on id for every label and is idempotent', async () => {
    await migrate(driver);
    await migrate(driver);
    const rows = await cypher(driver, "SHOW CONSTRAINTS YIELD labelsOrTypes, properties, type WHERE type = 'UNIQUENESS' RETURN labelsOrTypes[0] AS label, properties");
    const labels = rows.filter((r) => (r.properties as string[])[0] === 'id').map((r) => r.label);
    for (const l of ['Regulation', 'Provision', 'ProvisionVersion', 'Obligation', 'ObligationVersion', 'Concept', 'Capability', 'DataCategory', 'AIServiceType', 'Institution', 'Deployment', 'SandboxDesignation', 'Exemption', 'Amendment', 'ChangeSet', 'DataVersion'])
      expect(labels).toContain(l);
    const idx = await cypher(driver, "SHOW INDEXES YIELD name RETURN collect(name) AS names");
    expect(idx[0]!.names).toContain('provision_version_provision_id');
    expect(idx[0]!.names).toContain('obligation_version_obligation_id');
  });
});

describe('apply of Datasets', () => {
  it('writes the graph of data-model §2 with Neo4j dates, relationships and a ChangeSet, and bumps DataVersion', async () => {
    const r = await applyFiles(driver, basicFiles(), { by: 'tester' });
    expect(r.noop).toBe(false);
    expect(r.dataVersion).toBe(1);
    expect(r.summary!.provisions.new).toEqual(['kr/test-act/art-1', 'kr/test-act/art-2', 'kr/test-decree/art-3']);

    const v = await cypher(driver, "MATCH (:Provision {id: 'kr/test-act/art-2'})-[:HAS_VERSION]->(v) WHERE v.validFrom <= date('2020-01-01') AND (v.validTo IS NULL OR date('2020-01-01') < v.validTo) RETURN v.textKo AS t, v.id AS id");
    expect(v).toHaveLength(1);
    expect(v[0]!.id).toBe('kr/test-act/art-2@2019-07-01');
    expect(String(v[0]!.t)).toContain('사업자는 설명하여야 한다');

    const rels = await cypher(
      driver,
      `MATCH (o:Obligation {id: 'obl/test/explain'})
       RETURN [(o)-[:DERIVED_FROM]->(p) | p.id] AS provs, [(o)-[:TRIGGERED_BY]->(x) | x.id] AS trig,
              o.triggerRiskLevels AS risks, o.triggerInstitutionTypes AS types, o.sandboxOnly AS sbx`,
    );
    expect((rels[0]!.provs as string[]).sort()).toEqual(['kr/test-act/art-2', 'kr/test-decree/art-3']);
    expect((rels[0]!.trig as string[]).sort()).toEqual(['data/biometric', 'svc/biometric-payment']);
    expect(rels[0]!.risks).toEqual(['HIGH']);
    expect(rels[0]!.sbx).toBe(false);

    const sbx = await cypher(
      driver,
      `MATCH (s:SandboxDesignation {id: 'sbx/test-card-face-pay'})-[:GRANTED_TO]->(i:Institution)-[:PART_OF]->(g),
             (s)-[:COVERS]->(d:Deployment)-[:OF_TYPE]->(t:AIServiceType)-[:BROADER]->(b),
             (s)-[:HAS_EXEMPTION]->(e:Exemption)-[:AFFECTS]->(o:Obligation), (e)-[:FROM_PROVISION]->(p:Provision)
       RETURN i.id AS inst, g.id AS grp, d.id AS dep, b.id AS broader, e.id AS ex, o.id AS obl, p.id AS prov, s.batch AS batch, s.validTo AS validTo`,
    );
    expect(sbx).toHaveLength(1);
    expect(sbx[0]).toMatchObject({ inst: 'inst/test-card', grp: 'inst/test-group', dep: 'dep/test-card/face-pay', broader: 'svc/biometric-payment', ex: 'sbx/test-card-face-pay#kr/test-act/art-2', obl: 'obl/test/explain', prov: 'kr/test-act/art-2' });
    expect(num(sbx[0]!.batch)).toBe(7);
    expect(String(sbx[0]!.validTo)).toBe('2021-10-02');

    const cs = await cypher(driver, 'MATCH (c:ChangeSet) RETURN c.id AS id, c.appliedBy AS by, c.summary AS summary, size(c.files) AS files');
    expect(cs).toHaveLength(1);
    expect(cs[0]).toMatchObject({ id: r.changeSetId, by: 'tester' });
    expect(num(cs[0]!.files)).toBe(4);
    expect(String(cs[0]!.summary)).toContain('provisions: 3 new');
    const dv = await cypher(driver, "MATCH (v:DataVersion {id: 'current'}) RETURN v.version AS v");
    expect(num(dv[0]!.v)).toBe(1);
  });

  it('re-applying the same file set is a no-op: graph byte-for-byte unchanged, version not bumped', async () => {
    await applyFiles(driver, basicFiles(), { by: 'tester' });
    const before = await graphChecksum(driver);
    const again = await applyFiles(driver, basicFiles(), { by: 'someone-else' });
    expect(again.noop).toBe(true);
    expect(await graphChecksum(driver)).toBe(before);
  });

  it('a changed Dataset updates in place, replaces stated relationships and version lists, and plan shows a text diff', async () => {
    await applyFiles(driver, basicFiles(), { by: 'tester' });
    const dir = tmpDir();
    const regs = fs
      .readFileSync(path.join(BASIC, '10-regulations.yaml'), 'utf8')
      .replace('② 제1항은 대통령령으로 정하는 바에 따른다.', '② 제1항은 총리령으로 정하는 바에 따른다.')
      .replace('titleEn: Purpose', 'titleEn: Object');
    const obl = fs
      .readFileSync(path.join(BASIC, '40-obligations.yaml'), 'utf8')
      .replace('provisions: [kr/test-act/art-2, kr/test-decree/art-3]', 'provisions: [kr/test-act/art-2]');
    const files = [writeTmp(dir, '10-regulations.yaml', regs), path.join(BASIC, '20-vocabulary.yaml'), path.join(BASIC, '30-institutions.yaml'), writeTmp(dir, '40-obligations.yaml', obl)];

    const plan = await planFiles(driver, files);
    expect(plan.alreadyApplied).toBeNull();
    expect(plan.summary.provisions.changed).toEqual(['kr/test-act/art-1', 'kr/test-act/art-2']);
    expect(plan.summary.obligations.changed).toEqual(['obl/test/explain']);
    const d = plan.summary.textDiffs.find((x) => x.provision === 'kr/test-act/art-2')!;
    expect(d.patch).toContain('-② 제1항은 대통령령으로 정하는 바에 따른다.');
    expect(d.patch).toContain('+② 제1항은 총리령으로 정하는 바에 따른다.');

    const r = await applyFiles(driver, files, { by: 'tester' });
    expect(r.dataVersion).toBe(2);
    const rows = await cypher(driver, "MATCH (o:Obligation {id: 'obl/test/explain'})-[:DERIVED_FROM]->(p) RETURN collect(p.id) AS ids");
    expect(rows[0]!.ids).toEqual(['kr/test-act/art-2']);
    const t = await cypher(driver, "MATCH (p:Provision {id: 'kr/test-act/art-1'}) RETURN p.titleEn AS t");
    expect(t[0]!.t).toBe('Object');
  });

  it('export → apply on an empty graph → export gives identical files', async () => {
    await applyFiles(driver, basicFiles(), { by: 'tester' });
    const a = tmpDir();
    const b = tmpDir();
    const first = await exportGraph(driver, a);
    expect(first.files.map((f) => path.basename(f)).sort()).toEqual(['institutions.yaml', 'obligations.yaml', 'regulations.yaml', 'vocabulary.yaml']);
    await resetGraph(driver);
    await applyFiles(driver, first.files, { by: 'round-trip' });
    const second = await exportGraph(driver, b);
    for (const f of first.files) expect(fs.readFileSync(path.join(b, path.basename(f)), 'utf8')).toBe(fs.readFileSync(f, 'utf8'));
    expect(second.counts).toEqual(first.counts);
    expect(first.counts.ProvisionVersion).toBe(4);
  });

  it('provisionHistory lists versions oldest first', async () => {
    await applyFiles(driver, basicFiles(), { by: 'tester' });
    const h = await provisionHistory(driver, 'kr/test-act/art-2');
    expect(h!.versions.map((v) => [v.validFrom, v.validTo])).toEqual([
      ['2019-07-01', '2021-01-01'],
      ['2021-01-01', null],
    ]);
    expect(await provisionHistory(driver, 'kr/nope/art-1')).toBeNull();
  });
});

describe('ensureBaseData', () => {
  it('loads the data folder once, when the graph has no Regulation', async () => {
    const logs: string[] = [];
    const first = await ensureBaseData(driver, testConfig(), { dataDir: BASIC, log: (m) => logs.push(m) });
    expect(first.loaded).toBe(true);
    expect(first.files).toBe(4);
    expect(first.regulations).toBe(2);
    expect(first.provisions).toBe(3);
    expect(first.obligations).toBe(2);
    expect(first.dataVersion).toBe(1);
    expect(logs.join('\n')).toContain('applying 4 base data file(s)');
    const sum = await graphChecksum(driver);
    const second = await ensureBaseData(driver, testConfig(), { dataDir: BASIC });
    expect(second.loaded).toBe(false);
    expect(second.regulations).toBe(2);
    expect(await graphChecksum(driver)).toBe(sum);
  });
});
