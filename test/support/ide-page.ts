/**
 * What the IDE browser tests (test/e2e/ide-browser*.ts) share: a page cut off from every host but
 * the gateway's, recording what it must not do, and running an example the way a person does.
 */
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { expect } from 'vitest';
import type { EXAMPLE_OPERATIONS } from '../../gateway/ide/examples.ts';

/** Everything the page tried that it must not: requests off the gateway's origin, CSP violations, errors. */
export interface Offences {
  offOrigin: string[];
  csp: string[];
  pageErrors: string[];
}

export interface ChangeAnswer {
  on: string;
  kind: string;
  obligation: { id: string };
  explanationKo: string;
  explanationEn: string;
  textDiffs: { provision: { id: string }; patch: string }[];
}

/** Asserts the page reached no other host, broke no CSP rule and threw no error. */
export async function expectNoOffences(p: Page, record: Offences): Promise<void> {
  const violations = await p.evaluate(() => (window as unknown as { __cspViolations: string[] }).__cspViolations);
  expect(record.offOrigin).toEqual([]);
  expect([...record.csp, ...violations]).toEqual([]);
  expect(record.pageErrors).toEqual([]);
}

export function postData(body: string | null | undefined): string {
  return body ?? '';
}

/** The operation's name, as the examples plugin sets it. */
export const operationName = (query: string) => /\b(?:query|mutation)\s+(\w+)/.exec(query)![1]!;

/** Opens an example from the list in `p` and runs it with the run button; returns the answer's body. */
export async function runExample<T>(p: Page, example: (typeof EXAMPLE_OPERATIONS)[number]): Promise<{ data: T; errors?: unknown }> {
  const name = operationName(example.query);
  await p.locator(`[data-example-id="${example.id}"] button`).click();
  await expect.poll(() => p.locator('.graphiql-query-editor .view-lines').first().innerText(), { timeout: 10_000 }).toContain(name);
  const run = p.waitForResponse((r) => r.url().endsWith('/graphql') && postData(r.request().postData()).includes(name));
  await p.locator('.graphiql-execute-button').click();
  return (await (await run).json()) as { data: T; errors?: unknown };
}

/** The changes in the order the view must show them: by day, the answer's order within a day. */
export function inDateOrder(changes: ChangeAnswer[]): ChangeAnswer[] {
  return changes.map((c, i) => ({ c, i })).sort((a, b) => a.c.on.localeCompare(b.c.on) || a.i - b.i).map((x) => x.c);
}

/**
 * A browser context that reaches `allowed` only: every other request is aborted and recorded, as
 * are CSP violations and page errors.
 */
export async function openIsolatedPage(browser: Browser, allowed: string, record: Offences): Promise<{ context: BrowserContext; page: Page }> {
  const ctx = await browser.newContext({ viewport: { width: 1600, height: 1000 }, serviceWorkers: 'block', locale: 'ko-KR', acceptDownloads: true });
  // Cut every other host off, and remember that something tried.
  await ctx.route('**/*', async (route) => {
    const url = route.request().url();
    if (new URL(url).origin === allowed) return route.continue();
    record.offOrigin.push(url);
    return route.abort('blockedbyclient');
  });
  ctx.on('request', (request) => {
    const url = request.url();
    // blob: is the page's own download (report-section.tsx), never a network request.
    if (!url.startsWith(`${allowed}/`) && !url.startsWith(`blob:${allowed}/`) && !record.offOrigin.includes(url)) record.offOrigin.push(url);
  });
  // Runs before the page's own scripts and outside its CSP.
  await ctx.addInitScript(() => {
    const w = window as unknown as { __cspViolations: string[] };
    w.__cspViolations = [];
    document.addEventListener('securitypolicyviolation', (e) => {
      w.__cspViolations.push(`${e.effectiveDirective} blocked ${e.blockedURI || 'inline'} (${e.sourceFile}:${e.lineNumber})`);
    });
  });
  const p = await ctx.newPage();
  p.on('console', (message) => {
    if (/Content.Security.Policy/i.test(message.text())) record.csp.push(message.text());
  });
  p.on('pageerror', (error) => record.pageErrors.push(error.message));
  return { context: ctx, page: p };
}
