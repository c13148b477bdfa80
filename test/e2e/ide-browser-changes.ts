/**
 * The change-feed view (issue 18) in the IDE browser test: registered by ide-browser.test.ts, on its
 * page and stack, after the report-view tests (whose badge colours it compares with).
 */
import type { Page } from 'playwright-core';
import { expect, it } from 'vitest';
import { EXAMPLE_OPERATIONS } from '../../gateway/ide/examples.ts';
import { inDateOrder, runExample, type ChangeAnswer } from '../support/ide-page.ts';

const CHANGES_SCREENSHOT = 'test-artifacts/ide-changes.png';
const CHANGES_EN_SCREENSHOT = 'test-artifacts/ide-changes-en.png';
const DIFF_SCREENSHOT = 'test-artifacts/ide-changes-diff.png';
const UPCOMING_SCREENSHOT = 'test-artifacts/ide-upcoming.png';
const CHANGES_PRINT_SCREENSHOT = 'test-artifacts/ide-changes-print.png';

const changesExample = EXAMPLE_OPERATIONS.find((e) => e.id === 'changes-shinhan-card')!;
const upcomingExample = EXAMPLE_OPERATIONS.find((e) => e.id === 'upcoming-changes')!;

/** `state()` is read when each test runs (the page exists only after the file's beforeAll). */
export function changeFeedTests(state: () => { page: Page; reportColours: Map<string, string> }): void {
  it('opens the changes example in the change-feed view: a timeline row per change, in date order, kinds in words', async () => {
    const { page, reportColours } = state();
    const body = await runExample<{ changes: ChangeAnswer[] }>(page, changesExample);
    expect(body.errors).toBeUndefined();
    const changes = body.data.changes;
    expect(changes.length, 'Shinhan Card has changes in the example window').toBeGreaterThan(5);
    const rows = page.locator('.regkg-change');
    await expect.poll(() => rows.count(), { timeout: 15_000 }).toBe(changes.length);
    const shown = await rows.evaluateAll((trs) => trs.map((tr) => [tr.getAttribute('data-on'), tr.getAttribute('data-kind'), tr.getAttribute('data-obligation-id')]));
    expect(shown).toEqual(inDateOrder(changes).map((c) => [c.on, c.kind, c.obligation.id]));
    expect(await rows.locator('td:first-child').allInnerTexts()).toEqual(inDateOrder(changes).map((c) => c.on));
    expect(await page.locator('.regkg-report-header h2').innerText()).toBe('적용 변경 내역');
    expect(await page.locator('[data-field="asOf"]').innerText()).toBe(`${changesExample.variables.from} – ${changesExample.variables.to}`);
    // Kinds in words, statuses in the report's colours.
    const exemption = rows.filter({ has: page.locator('[data-kind="EXEMPTION_STARTS"]') }).first();
    expect(await exemption.locator('.regkg-kind').innerText()).toBe('특례 시작');
    expect(await page.locator('.regkg-change .regkg-badge[data-status="APPLIES"]').first().innerText()).toBe('적용');
    for (const [status, colour] of reportColours) {
      const badge = page.locator(`.regkg-change .regkg-badge[data-status="${status}"]`);
      if (await badge.count()) expect(await badge.first().evaluate((el) => getComputedStyle(el).backgroundColor), status).toBe(colour);
    }
    expect(await page.locator('.regkg-change [data-estimated]').count()).toBe(changes.filter((c) => (c as unknown as { cause?: { estimated?: boolean } }).cause?.estimated).length);
    await page.screenshot({ path: CHANGES_SCREENSHOT });
  }, 90_000);

  it('filters the timeline by kind and switches its words between Korean and English', async () => {
    const { page } = state();
    const rows = page.locator('.regkg-change');
    const total = await rows.count();
    const wording = await page.locator('.regkg-change[data-kind="WORDING_CHANGED"]').count();
    expect(wording).toBeGreaterThan(0);
    await page.locator('[data-filter-kind="WORDING_CHANGED"]').uncheck();
    expect(await rows.count()).toBe(total - wording);
    await page.locator('[data-filter-kind="WORDING_CHANGED"]').check();
    expect(await rows.count()).toBe(total);

    const first = rows.first();
    const koKind = await first.locator('.regkg-kind').innerText();
    const koExplanation = await first.locator('.regkg-change-explanation').innerText();
    expect(await page.locator('.regkg-feed-table thead').innerText()).toContain('시행일');
    await page.locator('[data-language="EN"]').click();
    expect(await page.locator('.regkg-feed-table thead').innerText()).toContain('Date');
    expect(await page.locator('.regkg-report-header h2').innerText()).toBe('Applicability changes');
    expect(await first.locator('.regkg-kind').innerText()).not.toBe(koKind);
    expect(await first.locator('.regkg-kind').innerText()).toMatch(/^[a-z ]+$/);
    expect(await first.locator('.regkg-change-explanation').innerText()).not.toBe(koExplanation);
    expect(await first.locator('.regkg-change-explanation').innerText()).toMatch(/^From \d{4}-\d\d-\d\d/);
    await page.screenshot({ path: CHANGES_EN_SCREENSHOT });
    await page.locator('[data-language="KO"]').click();
    expect(await first.locator('.regkg-change-explanation').innerText()).toBe(koExplanation);
  }, 30_000);

  it('expands a change with a text diff to the provision\'s lines, added and removed styled, the text never parsed as HTML', async () => {
    const { page } = state();
    const row = page.locator('.regkg-change').filter({ has: page.locator('.regkg-expand') }).first();
    await row.locator('.regkg-expand').click();
    const details = page.locator('.regkg-details');
    await expect.poll(() => details.locator('.regkg-diff').count(), { timeout: 5_000 }).toBeGreaterThan(0);
    const added = details.locator('[data-diff="add"]');
    const removed = details.locator('[data-diff="del"]');
    expect(await added.count()).toBeGreaterThan(0);
    expect(await removed.count()).toBeGreaterThan(0);
    const [addBg, delBg] = [await added.first().evaluate((el) => getComputedStyle(el).backgroundColor), await removed.first().evaluate((el) => getComputedStyle(el).backgroundColor)];
    expect(addBg).not.toBe(delBg);
    expect(addBg).not.toMatch(/rgba\(0, 0, 0, 0\)/);
    // Only the view's own spans inside the <pre>: nothing from the patch became an element.
    expect(await details.locator('.regkg-diff pre').first().evaluate((pre) => [...pre.querySelectorAll('*')].every((n) => n.tagName === 'SPAN'))).toBe(true);
    await details.first().scrollIntoViewIfNeeded();
    await page.screenshot({ path: DIFF_SCREENSHOT });

    await page.emulateMedia({ media: 'print' });
    expect(await page.locator('.graphiql-query-editor').isVisible()).toBe(false);
    expect(await page.locator('.regkg-feed-table').isVisible()).toBe(true);
    expect(await page.locator('.regkg-feed .regkg-filter').isVisible()).toBe(false);
    await page.screenshot({ path: CHANGES_PRINT_SCREENSHOT, fullPage: true });
    await page.emulateMedia({ media: 'screen' });
  }, 30_000);

  it('opens the upcomingChanges example grouped by instrument', async () => {
    const { page } = state();
    const body = await runExample<{ upcomingChanges: { regulation: { id: string; nameKo: string }; changes: ChangeAnswer[] }[] }>(page, upcomingExample);
    expect(body.errors).toBeUndefined();
    const groups = body.data.upcomingChanges;
    const feed = page.locator('.regkg-feed[data-grouped="true"]');
    await expect.poll(() => feed.count(), { timeout: 15_000 }).toBe(1);
    if (groups.length === 0) {
      // The window moves with today; past the last future-dated amendment there is nothing to group.
      expect(await feed.locator('[data-feed-empty]').count()).toBe(1);
      return;
    }
    expect(await feed.locator('tbody[data-instrument]').evaluateAll((tbodies) => tbodies.map((t) => t.getAttribute('data-instrument')))).toEqual(groups.map((g) => g.regulation.id));
    for (const g of groups) {
      const tbody = feed.locator(`tbody[data-instrument="${g.regulation.id}"]`);
      expect(await tbody.locator('.regkg-group').innerText()).toContain(g.regulation.nameKo);
      expect(await tbody.locator('.regkg-change').evaluateAll((trs) => trs.map((tr) => [tr.getAttribute('data-on'), tr.getAttribute('data-kind')]))).toEqual(inDateOrder(g.changes).map((c) => [c.on, c.kind]));
    }
    await page.screenshot({ path: UPCOMING_SCREENSHOT });
  }, 60_000);
}
