import type { Driver } from 'neo4j-driver';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { applyFiles, graphChecksum, resetGraph } from '../../seed/index.ts';
import { generateSyntheticSet } from '../../seed/synthetic.ts';
import { basicFiles, cypher, spawnCli, testDriver, tmpDir } from '../fixtures/seed/support.ts';

let driver: Driver;
let bigSet: string[];

beforeAll(() => {
  driver = testDriver();
  // Large enough that apply runs for seconds: ~40k nodes and ~40k relationships.
  bigSet = generateSyntheticSet(tmpDir('regkg-seed-faults-'), 10_000, 10_000, 2);
});
afterAll(async () => {
  await resetGraph(driver);
  await driver.close();
});
beforeEach(async () => {
  await resetGraph(driver);
  await applyFiles(driver, basicFiles(), { by: 'tester' });
});

/** Waits until the loader's transaction is writing (seen in SHOW TRANSACTIONS by its metadata). */
async function waitForSeedWrite(timeoutMs = 60_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    const rows = await cypher(driver, "SHOW TRANSACTIONS YIELD metaData, currentQuery WHERE metaData.app = 'regkg-seed' RETURN currentQuery AS q");
    if (rows.some((r) => /CREATE \(n:/.test(String(r.q)))) return;
    await new Promise((r) => setTimeout(r, 50));
  }
  throw new Error('the seed transaction never started writing');
}

async function waitNoSeedTransaction(timeoutMs = 60_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    const rows = await cypher(driver, "SHOW TRANSACTIONS YIELD metaData WHERE metaData.app = 'regkg-seed' RETURN count(*) AS n");
    if (Number(rows[0]!.n) === 0) return;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error('the killed transaction was not rolled back');
}

describe('faults', () => {
  it('SIGKILL in the middle of apply leaves the graph exactly as before', async () => {
    const before = await graphChecksum(driver);
    const { child, done } = spawnCli(['apply', ...bigSet, '--by', 'killer', '--quiet']);
    await waitForSeedWrite();
    child.kill('SIGKILL');
    const r = await done;
    expect(r.signal).toBe('SIGKILL');
    await waitNoSeedTransaction();
    expect(await graphChecksum(driver)).toBe(before);
    const n = await cypher(driver, "MATCH (p:Provision) WHERE p.id STARTS WITH 'bench/' RETURN count(p) AS n");
    expect(Number(n[0]!.n)).toBe(0);
  }, 180_000);

  it('two applies of the same set at once: one applies, the other waits and is a no-op', async () => {
    const a = spawnCli(['apply', ...bigSet, '--by', 'first', '--quiet']);
    const b = spawnCli(['apply', ...bigSet, '--by', 'second', '--quiet']);
    const [ra, rb] = await Promise.all([a.done, b.done]);
    expect([ra.code, rb.code], `${ra.stderr}\n${rb.stderr}`).toEqual([0, 0]);
    const outs = [ra.stdout, rb.stdout];
    expect(outs.filter((o) => o.includes('applied changeset'))).toHaveLength(1);
    expect(outs.filter((o) => o.includes('no-op'))).toHaveLength(1);
    const rows = await cypher(
      driver,
      `MATCH (c:ChangeSet) WITH count(c) AS changeSets
       MATCH (p:Provision) WHERE p.id STARTS WITH 'bench/' WITH changeSets, count(p) AS provisions
       MATCH (v:DataVersion {id: 'current'}) RETURN changeSets, provisions, v.version AS version`,
    );
    expect(Number(rows[0]!.changeSets)).toBe(2);
    expect(Number(rows[0]!.provisions)).toBe(10_000);
    expect(Number(rows[0]!.version)).toBe(2);
  }, 240_000);

  it('two different sets at once are serialised: both land, nothing is lost', async () => {
    await resetGraph(driver);
    const a = spawnCli(['apply', ...bigSet, '--by', 'big', '--quiet']);
    const b = spawnCli(['apply', ...basicFiles(), '--by', 'small', '--quiet']);
    const [ra, rb] = await Promise.all([a.done, b.done]);
    expect([ra.code, rb.code], `${ra.stderr}\n${rb.stderr}`).toEqual([0, 0]);
    const rows = await cypher(
      driver,
      `MATCH (p:Provision) WITH count(p) AS provisions
       MATCH (o:ObligationVersion) WITH provisions, count(o) AS obligationVersions
       MATCH (v:DataVersion {id: 'current'}) RETURN provisions, obligationVersions, v.version AS version`,
    );
    expect(Number(rows[0]!.provisions)).toBe(10_003);
    expect(Number(rows[0]!.obligationVersions)).toBe(10_003);
    expect(Number(rows[0]!.version)).toBe(2);
  }, 240_000);
});
