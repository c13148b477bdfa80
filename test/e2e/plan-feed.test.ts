/**
 * `seed plan` shows the change feed an apply would cause (issue 17): on the CIA 2020 amendment's own
 * older base (as test/e2e/changes.test.ts loads it), direct and through the server's planSeed
 * (--server), without touching the graph (checksum, data version); after the apply, `changes` shows
 * what the plan announced.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeKey } from '../../lib/api-keys.ts';
import { PROJECT_ROOT } from '../../lib/project-root.ts';
import { applyFiles, graphChecksum, planFiles, resetGraph, type PlanFeedChange, type PlanResult } from '../../seed/index.ts';
import { spawnCli } from '../fixtures/seed/support.ts';
import { startStack, type TestStack } from '../support/stack.ts';

const AMENDMENTS = path.join(PROJECT_ROOT, 'seed/amendments');
const CIA_2020 = path.join(AMENDMENTS, 'kr-cia-2020-02-04-16957.yaml');
const AMD = 'amd/kr/cia/2020-02-04-16957';
const DUTIES = ['obl/cia/automated-evaluation-explanation', 'obl/cia/automated-evaluation-objection'];
const reader = makeKey('plan-reader');
const writer = makeKey('plan-writer');

let stack: TestStack;
let dir: string;
beforeAll(async () => {
  stack = await startStack({ env: { READ_API_KEYS: reader.entry, WRITE_API_KEYS: writer.entry } });
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'regkg-plan-feed-'));
  const services = path.join(dir, 'services.yaml');
  // The example bases have no service type: one, as test/e2e/changes.test.ts adds it.
  fs.writeFileSync(
    services,
    `kind: Dataset
id: plan-feed-test-services
description: a service type for the plan-feed test
serviceTypes:
  - id: svc/credit-scoring
    nameKo: AI 개인신용평가
    nameEn: AI credit scoring (personal)
    riskLevel: HIGH
`,
  );
  await resetGraph(stack.driver);
  await applyFiles(stack.driver, [path.join(AMENDMENTS, 'base/kr-cia-2016.yaml'), services], { by: 'plan-feed-test' });
}, 180_000);
afterAll(async () => {
  await stack?.stop();
  if (dir) fs.rmSync(dir, { recursive: true, force: true });
});

/** The CLI with a database it cannot reach: --server is the only way in. */
async function cli(args: string[]): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return spawnCli(args, { NEO4J_URI: 'bolt://127.0.0.1:1' }).done;
}

async function dataVersion(): Promise<number> {
  const r = await stack.gql<{ dataVersion: number }>('{ dataVersion }');
  expect(r.errors).toBeUndefined();
  return r.data!.dataVersion;
}

/** The plan's changes for AI credit scoring at a bank, as comparable rows. */
function bankRows(changes: PlanFeedChange[]) {
  return changes
    .filter((c) => c.serviceTypeId === 'svc/credit-scoring' && !c.deploymentId && (c.institutionTypes.length === 0 || c.institutionTypes.includes('BANK')))
    .map((c) => ({ effect: c.effect, on: c.on, kind: c.kind, before: c.before, after: c.after, obligation: c.obligationId, cause: c.causes[0]?.kind ?? null }))
    .sort((a, b) => `${a.on}${a.obligation}${a.kind}`.localeCompare(`${b.on}${b.obligation}${b.kind}`));
}

describe('seed plan: the change feed an apply would cause', () => {
  let direct: PlanResult;

  it('direct: the Art. 36-2 duties start for AI credit scoring at a bank on 2020-08-05; the graph is untouched', async () => {
    const sum0 = await graphChecksum(stack.driver);
    const v0 = await dataVersion();
    direct = await planFiles(stack.driver, [CIA_2020]);
    expect(direct.feed).not.toBeNull();
    const feed = direct.feed!;
    // The window is the span of the dates the amendment writes: promulgation to entry into force.
    expect(feed).toMatchObject({ from: '2020-02-04', to: '2020-08-05', note: null });
    for (const id of DUTIES) {
      const c = feed.changes.find((x) => x.obligationId === id && x.serviceTypeId === 'svc/credit-scoring')!;
      expect(c, id).toMatchObject({ effect: 'CAUSED', on: '2020-08-05', kind: 'NEW_OBLIGATION', before: null, after: 'APPLIES', deploymentId: null });
      // Act No. 16957's duties are triggered by the institution type (CREDIT_BUREAU, BANK, CARD_COMPANY, INSURER).
      expect(c.institutionTypes).toContain('BANK');
      expect(c.causes[0]).toMatchObject({ kind: 'AMENDMENT', amendmentId: AMD, regulationId: 'kr/cia' });
      expect(c.explanationEn).toContain('From 2020-08-05, a new obligation applies to AI credit scoring (personal)');
      expect(c.explanationKo).toContain('(법률 제16957호)가 시행됩니다');
    }
    expect(await graphChecksum(stack.driver)).toBe(sum0);
    expect(await dataVersion()).toBe(v0);
  }, 120_000);

  it('--server: planSeed gives the same feed, in Korean with --language ko; the graph is untouched', async () => {
    const sum0 = await graphChecksum(stack.driver);
    const v0 = await dataVersion();
    const server = new URL(stack.graphqlUrl).origin;
    const json = await cli(['plan', CIA_2020, '--json', '--server', server, '--api-key', writer.key]);
    expect(json.code, json.stderr).toBe(0);
    const remote = JSON.parse(json.stdout) as PlanResult;
    expect(remote.feed!.changes.map((c) => ({ ...c }))).toEqual(direct.feed!.changes);
    // A read key plans (read-only) but gets no feed: computing it writes in a rolled-back transaction.
    const readOnly = await cli(['plan', CIA_2020, '--json', '--server', server, '--api-key', reader.key]);
    expect(readOnly.code, readOnly.stderr).toBe(0);
    const r = JSON.parse(readOnly.stdout) as PlanResult;
    expect(r.feed).toBeNull();
    expect(r.feedOmitted).toMatch(/write scope/);
    expect(r.summary.changed).toBe(true);
    const text = await cli(['plan', CIA_2020, '--language', 'ko', '--server', server, '--api-key', writer.key]);
    expect(text.code, text.stderr).toBe(0);
    expect(text.stdout).toMatch(/\+ 2020-08-05 NEW_OBLIGATION svc\/credit-scoring 기관유형 .*BANK.* {2}obl\/cia\/automated-evaluation-explanation {2}— → APPLIES {2}\[AMENDMENT amd\/kr\/cia\/2020-02-04-16957\]/);
    expect(text.stdout).toContain('2020년 8월 5일부터');
    expect(await graphChecksum(stack.driver)).toBe(sum0);
    expect(await dataVersion()).toBe(v0);
  }, 120_000);

  it('a chosen window bounds the feed; a window that ends before it starts is refused, naming the argument', async () => {
    const later = await planFiles(stack.driver, [CIA_2020], { feed: { from: '2020-08-06', to: '2021-12-31' } });
    expect(later.feed).toMatchObject({ from: '2020-08-06', to: '2021-12-31', changes: [] });
    await expect(planFiles(stack.driver, [CIA_2020], { feed: { from: '2020-09-01', to: '2020-01-01' } })).rejects.toMatchObject({ extensions: { code: 'BAD_USER_INPUT', field: 'feedTo' } });
    const server = new URL(stack.graphqlUrl).origin;
    const bad = await cli(['plan', CIA_2020, '--from', '2020-09-01', '--to', '2020-01-01', '--server', server, '--api-key', writer.key]);
    expect(bad.code, bad.stderr).toBe(1);
    expect(bad.stderr).toMatch(/ends \(2020-01-01, --to \/ feedTo\) before it starts.*BAD_USER_INPUT/);
    expect((await planFiles(stack.driver, [CIA_2020], { feed: false })).feed).toBeNull();
  }, 120_000);

  it('after the apply, `changes` shows the changes the plan announced (at once: the apply is in this process)', async () => {
    const v0 = await dataVersion();
    await applyFiles(stack.driver, [CIA_2020], { by: 'plan-feed-test' });
    // No waiting: the apply invalidates this process's data-version watches (lib/data-changes.ts).
    expect(await dataVersion()).toBe(v0 + 1);
    const { from, to } = direct.feed!;
    const r = await stack.gql<{ changes: { on: string; kind: string; before: string | null; after: string | null; obligation: { id: string }; cause: { kind: string } | null }[] }>(
      `query($from: Date!, $to: Date!) { changes(from: $from, to: $to, serviceType: "svc/credit-scoring", context: { institutionType: BANK }) { on kind before after obligation { id } cause { kind } } }`,
      { from, to },
    );
    expect(r.errors).toBeUndefined();
    const feed = r.data!.changes.map((c) => ({ effect: 'CAUSED', on: c.on, kind: c.kind, before: c.before, after: c.after, obligation: c.obligation.id, cause: c.cause?.kind ?? null }));
    feed.sort((a, b) => `${a.on}${a.obligation}${a.kind}`.localeCompare(`${b.on}${b.obligation}${b.kind}`));
    // On the base alone the window held no change for the service (its obligations have no triggers), so
    // everything the feed now has is what the plan announced as caused.
    expect(feed.length).toBeGreaterThanOrEqual(2);
    expect(bankRows(direct.feed!.changes)).toEqual(feed);
  }, 120_000);
});
