/**
 * Report downloads under REQUIRE_READ_KEY=true (issue 18), registered by ide-browser.test.ts with its
 * browser: a second gateway on the same loaded graph, refusing keyless reads.
 */
import { readFileSync } from 'node:fs';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeKey } from '../../lib/api-keys.ts';
import { expectNoOffences, openIsolatedPage, postData, type Offences } from '../support/ide-page.ts';
import { startStack, type TestStack } from '../support/stack.ts';

const DOWNLOAD_ERROR_SCREENSHOT = 'test-artifacts/ide-download-401.png';

export function readKeyDownloadTests(getBrowser: () => Browser): void {
  describe('report downloads under REQUIRE_READ_KEY=true (headless Chromium, other hosts blocked)', () => {
    const reader = makeKey('ide-browser');
    const lockedOffences: Offences = { offOrigin: [], csp: [], pageErrors: [] };
    let locked: TestStack;
    let lockedContext: BrowserContext;
    let lockedPage: Page;

    beforeAll(async () => {
      // A second gateway on the same (already loaded) graph, this one refusing keyless reads.
      locked = await startStack({ env: { IDE_ENABLED: 'true', REQUIRE_READ_KEY: 'true', READ_API_KEYS: reader.entry }, reset: false });
      ({ context: lockedContext, page: lockedPage } = await openIsolatedPage(getBrowser(), new URL(locked.gatewayUrl).origin, lockedOffences));
      await lockedPage.goto(locked.gatewayUrl);
    }, 240_000);

    afterAll(async () => {
      await lockedContext?.close();
      await locked?.stop();
    });

    /** Replaces the headers pane's text (insertText: typing would trip Monaco's auto-closing quotes). */
    async function setHeaders(text: string): Promise<void> {
      await lockedPage.locator('.graphiql-editor-tools button[data-name="headers"]').click();
      await lockedPage.locator('.graphiql-editor-tool .graphiql-editor:not(.hidden) .monaco-editor').first().click();
      await lockedPage.keyboard.press('Control+A');
      await lockedPage.keyboard.press('Delete');
      await lockedPage.keyboard.insertText(text);
      await expect.poll(() => lockedPage.locator('.graphiql-editor-tool .graphiql-editor:not(.hidden) .view-lines').first().innerText(), { timeout: 5_000 }).toContain(text.slice(0, 12));
    }

    it('downloads the CSV with the key set in the headers pane, and says what is missing without it', async () => {
      await expect.poll(() => lockedPage.locator('.graphiql-query-editor .view-lines').first().innerText(), { timeout: 20_000 }).toContain('FaceRecognitionPaymentUnderSandbox');
      await setHeaders(JSON.stringify({ 'x-api-key': reader.key }));
      const run = lockedPage.waitForResponse((r) => r.url().endsWith('/graphql') && postData(r.request().postData()).includes('FaceRecognitionPaymentUnderSandbox'));
      await lockedPage.locator('.graphiql-execute-button').click();
      const answer = await run;
      expect(answer.status()).toBe(200);
      const body = (await answer.json()) as { data: { applicableObligations: { results: { obligation: { id: string } }[] } }; errors?: unknown };
      expect(body.errors).toBeUndefined();
      const csvLink = lockedPage.locator('.regkg-downloads a[data-format="csv"]').first();
      await expect.poll(() => csvLink.isVisible(), { timeout: 15_000 }).toBe(true);

      // Same link a plain GET would follow: refused without the key.
      const href = (await csvLink.getAttribute('href'))!;
      expect((await fetch(new URL(href, `${locked.gatewayUrl.replace(/\/?$/, '/')}`))).status).toBe(401);

      const [download] = await Promise.all([lockedPage.waitForEvent('download', { timeout: 30_000 }), csvLink.click()]);
      expect(download.suggestedFilename()).toMatch(/^applicability_svc_face-recognition-payment_.*\.csv$/);
      const csv = readFileSync((await download.path())!, 'utf8');
      expect(csv.charCodeAt(0)).toBe(0xfeff);
      for (const r of body.data.applicableObligations.results) expect(csv).toContain(r.obligation.id);
      const [xlsx] = await Promise.all([lockedPage.waitForEvent('download', { timeout: 30_000 }), lockedPage.locator('.regkg-downloads a[data-format="xlsx"]').first().click()]);
      expect(xlsx.suggestedFilename()).toMatch(/\.xlsx$/);
      expect(readFileSync((await xlsx.path())!).subarray(0, 2).toString()).toBe('PK');
      expect(await lockedPage.locator('.regkg-download-error').count()).toBe(0);

      await setHeaders('{}');
      await csvLink.click();
      const error = lockedPage.locator('.regkg-download-error');
      await expect.poll(() => error.count(), { timeout: 15_000 }).toBe(1);
      expect(await error.innerText()).toMatch(/x-api-key[\s\S]*\(401/);
      await lockedPage.screenshot({ path: DOWNLOAD_ERROR_SCREENSHOT });

      await setHeaders(JSON.stringify({ 'x-api-key': 'not-a-key' }));
      await csvLink.click();
      await expect.poll(() => error.innerText(), { timeout: 15_000 }).toContain('API 키가 거부되었습니다');
    }, 120_000);

    it('sent nothing off its origin, broke no CSP rule (the Blob download included) and threw no error', async () => {
      await expectNoOffences(lockedPage, lockedOffences);
    });
  });
}
