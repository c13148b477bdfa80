import fs from 'node:fs';
import path from 'node:path';
import type { Driver } from 'neo4j-driver';
import { parse } from 'yaml';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { buildFiles } from '../../seed/amendments/build.ts';
import { readLaw } from '../../seed/amendments/extract.ts';
import { applyFiles, graphChecksum, planFiles, provisionHistory, resetGraph, SeedValidationError } from '../../seed/index.ts';
import { AMENDMENTS, ROOT, cypher, testDriver, tmpDir, writeTmp } from '../fixtures/seed/support.ts';

const LAWS = path.resolve(ROOT, '../shared/laws');
const CIA_BASE = path.join(AMENDMENTS, 'base/kr-cia-2016.yaml');
const CIA_2020 = path.join(AMENDMENTS, 'kr-cia-2020-02-04-16957.yaml');
const CIA_NOW = path.join(AMENDMENTS, 'kr-cia-2026-03-10-21445.yaml');
const EFTA_BASE = path.join(AMENDMENTS, 'base/kr-efta-2024.yaml');
const EFTA_2026 = path.join(AMENDMENTS, 'kr-efta-2025-12-16-21205.yaml');

let driver: Driver;
beforeAll(() => {
  driver = testDriver();
});
afterAll(async () => {
  await resetGraph(driver);
  await driver.close();
});
beforeEach(async () => {
  await resetGraph(driver);
});

/** The text of a provision as of a date, straight from the graph. */
async function textAsOf(id: string, date: string): Promise<string | null> {
  const rows = await cypher(
    driver,
    `MATCH (:Provision {id: $id})-[:HAS_VERSION]->(v:ProvisionVersion)
     WHERE v.validFrom <= date($d) AND (v.validTo IS NULL OR date($d) < v.validTo) RETURN v.textKo AS t`,
    { id, d: date },
  );
  expect(rows.length).toBeLessThanOrEqual(1);
  return rows.length ? String(rows[0]!.t) : null;
}

async function obligationsAsOf(date: string): Promise<string[]> {
  const rows = await cypher(
    driver,
    `MATCH (o:Obligation)-[:HAS_VERSION]->(v:ObligationVersion)
     WHERE v.validFrom <= date($d) AND (v.validTo IS NULL OR date($d) < v.validTo) RETURN o.id AS id ORDER BY id`,
    { d: date },
  );
  return rows.map((r) => String(r.id));
}

describe.skipIf(!fs.existsSync(LAWS))('shipped example files match the statute texts', () => {
  it('build.ts regenerates exactly the committed files (texts verbatim from ../shared/laws)', () => {
    for (const [name, text] of buildFiles(LAWS)) expect(fs.readFileSync(path.join(AMENDMENTS, name), 'utf8'), name).toBe(text);
  });
  it('Art. 36-2 of the 2020 amendment is the 2020 text, verbatim', () => {
    const law = readLaw(path.join(LAWS, 'kr/신용정보의이용및보호에관한법률/법률@2020-08-05.md'));
    const amd = parse(fs.readFileSync(CIA_2020, 'utf8')) as { changes: { provisions: Array<{ provision: string; textKo: string }> } };
    const op = amd.changes.provisions.find((p) => p.provision === 'kr/cia/art-36-2')!;
    expect(op.textKo).toBe(law.articles.get('36-2')!.text);
    expect(op.textKo).toContain('자동화평가');
  });
});

describe('Credit Information Act: 2016 base + real amendments', () => {
  it('asOf before 2020-08-05 sees the 2016 text and obligations; after, the amended ones (Art. 36-2 appears)', async () => {
    await applyFiles(driver, [CIA_BASE], { by: 'tester' });
    const r = await applyFiles(driver, [CIA_2020], { by: 'FSC desk' });
    expect(r.summary!.provisions.new).toContain('kr/cia/art-36-2');
    expect(r.summary!.obligations.retired).toEqual(['obl/cia/leak-notification']);

    expect(await textAsOf('kr/cia/art-36-2', '2020-08-04')).toBeNull();
    expect(await textAsOf('kr/cia/art-36-2', '2020-08-05')).toContain('자동화평가를 하는지 여부');
    expect(await textAsOf('kr/cia/art-36-2', '2020-08-05')).toContain('설명하여 줄 것을 요구할 수 있다');
    // Art. 39-2 was 신용정보 누설통지 in 2016 and is 채권자변동정보 after 2020.
    expect(await textAsOf('kr/cia/art-39-2', '2019-01-01')).toContain('누설');
    expect(await textAsOf('kr/cia/art-39-2', '2021-01-01')).toContain('채권자변동정보');
    expect(await textAsOf('kr/cia/art-1', '2016-09-29')).toBeNull();
    expect(await textAsOf('kr/cia/art-1', '2017-01-01')).toContain('신용정보업을 건전하게 육성하고');
    expect(await textAsOf('kr/cia/art-1', '2020-08-05')).toContain('신용정보 관련 산업을 건전하게 육성하고');

    const before = await obligationsAsOf('2020-08-04');
    const after = await obligationsAsOf('2020-08-05');
    expect(before).toEqual(['obl/cia/access-and-correction', 'obl/cia/consent-for-provision', 'obl/cia/leak-notification', 'obl/cia/refusal-notice']);
    expect(after).toContain('obl/cia/automated-evaluation-explanation');
    expect(after).toContain('obl/cia/pseudonymisation-safeguards');
    expect(after).toContain('obl/cia/personal-credit-leak-notification');
    expect(after).not.toContain('obl/cia/leak-notification');
    const consent = await cypher(
      driver,
      `MATCH (:Obligation {id: 'obl/cia/consent-for-provision'})-[:HAS_VERSION]->(v) RETURN v.validFrom AS f, v.validTo AS t, v.statementKo AS s, v.amendmentId AS a ORDER BY f`,
    );
    expect(consent.map((c) => [String(c.f), c.t === null ? null : String(c.t), c.a])).toEqual([
      ['2016-09-30', '2020-08-05', null],
      ['2020-08-05', null, 'amd/kr/cia/2020-02-04-16957'],
    ]);
    expect(String(consent[1]!.s)).toContain('가명정보');
    // The derived-from link of the new obligation points at the new provision.
    const d = await cypher(driver, "MATCH (:Obligation {id: 'obl/cia/automated-evaluation-explanation'})-[:DERIVED_FROM]->(p) RETURN p.id AS id");
    expect(d.map((x) => x.id)).toEqual(['kr/cia/art-36-2']);

    // Audit trail: ChangeSet -[:APPLIED]-> Amendment <-[:PRODUCED_BY]- versions.
    const audit = await cypher(
      driver,
      `MATCH (c:ChangeSet)-[:APPLIED]->(a:Amendment {id: 'amd/kr/cia/2020-02-04-16957'})<-[:PRODUCED_BY]-(v:ProvisionVersion)
       RETURN c.appliedBy AS by, c.summary AS summary, a.effectiveOn AS eff, count(v) AS versions`,
    );
    expect(audit[0]!.by).toBe('FSC desk');
    expect(String(audit[0]!.eff)).toBe('2020-08-05');
    expect(Number(audit[0]!.versions)).toBe(15);
    expect(String(audit[0]!.summary)).toContain('6 new');

    const h = await provisionHistory(driver, 'kr/cia/art-39-2');
    expect(h!.versions.map((v) => [v.validFrom, v.validTo, v.amendment?.id ?? null, v.amendment?.appliedBy ?? null])).toEqual([
      ['2016-09-30', '2020-08-05', null, null],
      ['2020-08-05', null, 'amd/kr/cia/2020-02-04-16957', 'FSC desk'],
    ]);
    expect(h!.titleKo).toBe('채권자변동정보의 열람 등');
  });

  it('applies base and both amendments as one file set, in effective-date order', async () => {
    await applyFiles(driver, [CIA_NOW, CIA_2020, CIA_BASE], { by: 'tester' });
    // Art. 40-2 was inserted in 2020; the current text (in force 2026-09-11) changes its title.
    const h = await provisionHistory(driver, 'kr/cia/art-40-2');
    expect(h!.versions.map((v) => v.validFrom)).toEqual(['2020-08-05', '2026-09-11']);
    expect(h!.titleKo).toBe('가명처리ㆍ익명처리에 관한 행위규칙');
    expect(await textAsOf('kr/cia/art-15', '2026-09-10')).not.toBe(await textAsOf('kr/cia/art-15', '2026-09-11'));
    expect((await provisionHistory(driver, 'kr/cia/art-32'))!.versions.map((v) => v.validFrom)).toEqual(['2016-09-30', '2020-08-05', '2026-09-11']);
    expect((await provisionHistory(driver, 'kr/cia/art-36-2'))!.versions.map((v) => v.validFrom)).toEqual(['2020-08-05']);
  });

  it('conflicts are clear errors and leave the graph unchanged', async () => {
    // Amending before the base exists: unknown provision / obligation.
    await expect(applyFiles(driver, [CIA_2020], { by: 'tester' })).rejects.toThrow(/cannot substitute provision kr\/cia\/art-1: it does not exist/);
    await expect(applyFiles(driver, [CIA_2020], { by: 'tester' })).rejects.toThrow(/cannot change obligation obl\/cia\/consent-for-provision: it does not exist/);

    await applyFiles(driver, [CIA_BASE, CIA_2020], { by: 'tester' });
    const sum = await graphChecksum(driver);
    const dir = tmpDir();
    // Same amendment id again (different bytes): already applied.
    const again = writeTmp(dir, 'again.yaml', `${fs.readFileSync(CIA_2020, 'utf8')}\n# touched\n`);
    await expect(applyFiles(driver, [again], { by: 'tester' })).rejects.toThrow(/amendment amd\/kr\/cia\/2020-02-04-16957 has already been applied/);
    // Effective date before the current version's start.
    const early = writeTmp(
      dir,
      'early.yaml',
      `kind: Amendment
id: amd/kr/cia/test-early
instrument: { regulation: kr/cia, effectiveOn: 2018-01-01 }
changes:
  provisions:
    - { op: substitute, provision: kr/cia/art-1, textKo: 새 본문 }
  obligations:
    - { op: change, obligation: obl/cia/nope, statementKo: x }
    - { op: add, obligation: obl/cia/new, kind: OTHER, provisions: [kr/cia/art-1], statementKo: x, triggers: { serviceTypes: [svc/unknown] } }
`,
    );
    let err: SeedValidationError | null = null;
    try {
      await applyFiles(driver, [early], { by: 'tester' });
    } catch (e) {
      err = e as SeedValidationError;
    }
    expect(err).toBeInstanceOf(SeedValidationError);
    const msgs = err!.issues.map((i) => `${i.path}: ${i.message}`).join('\n');
    expect(msgs).toMatch(/instrument\.effectiveOn: effective date 2018-01-01 is not after the start of the current version of kr\/cia\/art-1 \(2020-08-05\)/);
    expect(msgs).toMatch(/changes\.obligations\[0\]\.obligation: cannot change obligation obl\/cia\/nope: it does not exist/);
    expect(msgs).toMatch(/changes\.obligations\[1\]\.triggers\.serviceTypes\[0\]: dangling reference: no AIServiceType "svc\/unknown"/);
    expect(err!.issues.every((i) => i.file.endsWith('early.yaml') && i.line > 0)).toBe(true);
    // Inserting a provision that exists.
    const dup = writeTmp(
      dir,
      'dup.yaml',
      `kind: Amendment
id: amd/kr/cia/test-dup
instrument: { regulation: kr/cia, effectiveOn: 2030-01-01 }
changes:
  provisions:
    - { op: insert, provision: kr/cia/art-36-2, article: "36-2", citationKo: 신용정보법 제36조의2, textKo: 중복 }
`,
    );
    await expect(planFiles(driver, [dup])).rejects.toThrow(/cannot insert kr\/cia\/art-36-2: it already exists and is in force/);
    expect(await graphChecksum(driver)).toBe(sum);
  });
});

describe('Electronic Financial Transactions Act: future-dated amendment', () => {
  it('takes effect on 2026-12-17: asOf before sees the current text, from that date the new one', async () => {
    await applyFiles(driver, [EFTA_BASE], { by: 'tester' });
    const plan = await planFiles(driver, [EFTA_2026]);
    expect(plan.summary.provisions.new).toEqual(['kr/efta/art-25-4']);
    expect(plan.summary.provisions.changed).toEqual(['kr/efta/art-25-2', 'kr/efta/art-28']);
    await applyFiles(driver, [EFTA_2026], { by: 'tester' });
    expect(await textAsOf('kr/efta/art-25-4', '2026-12-16')).toBeNull();
    expect(await textAsOf('kr/efta/art-25-4', '2026-12-17')).toContain('정산대상금액');
    const before = await textAsOf('kr/efta/art-25-2', '2026-12-16');
    const after = await textAsOf('kr/efta/art-25-2', '2026-12-17');
    expect(before).not.toBeNull();
    expect(after).not.toBeNull();
    expect(before).not.toBe(after);
    // Verbatim check only where the statute texts are at hand (../shared/laws is not part of a clone).
    if (fs.existsSync(LAWS)) expect(after).toBe(readLaw(path.join(LAWS, 'kr/전자금융거래법/법률@2026-12-17.md')).articles.get('25-2')!.text);
  });
});
