/**
 * The compliance IDE as a person in a closed bank network meets it: a headless Chromium (the
 * system's, else the one the npm package @sparticuz/chromium ships: test/support/chromium.ts)
 * loads it from the running gateway with every other host cut off, and must get everything it
 * needs (scripts, Monaco workers, fonts, styles, the schema) from the gateway alone.
 */
import { mkdirSync } from 'node:fs';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ensureIdeBuilt, ideBuildStaleness } from '../../gateway/ide/build.ts';
import { EXAMPLE_OPERATIONS } from '../../gateway/ide/examples.ts';
import { findChromium, launchFailure } from '../support/chromium.ts';
import { startStack, type TestStack } from '../support/stack.ts';

const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];
const SCREENSHOT = 'test-artifacts/ide.png';

const flagship = EXAMPLE_OPERATIONS.find((e) => e.id === 'flagship-face-payment-sandbox')!;
const expiring = EXAMPLE_OPERATIONS.find((e) => e.id === 'expiring-designations')!;
const withApiKeyHeader = EXAMPLE_OPERATIONS.find((e) => e.headers?.includes('x-api-key'))!;

/** Everything the page tried that it must not: requests off the gateway's origin, CSP violations, errors. */
interface Offences {
  offOrigin: string[];
  csp: string[];
  pageErrors: string[];
}

let stack: TestStack;
let browser: Browser;
let context: BrowserContext;
let page: Page;
let origin: string;
let introspectionOk = false;
const offences: Offences = { offOrigin: [], csp: [], pageErrors: [] };

/** Visible text of a Monaco editor inside the GraphiQL section with this class. */
function editorText(section: string): Promise<string> {
  return page.locator(`${section} .view-lines`).first().innerText();
}

function postData(body: string | null | undefined): string {
  return body ?? '';
}

beforeAll(async () => {
  // First, so that a machine without a usable browser hears what to install before the stack starts.
  const chromiumChoice = await findChromium();
  console.error(`ide-browser: ${chromiumChoice.source}`);
  await ensureIdeBuilt({ log: (line) => console.error(line) });
  stack = await startStack({ env: { IDE_ENABLED: 'true' } });
  origin = new URL(stack.gatewayUrl).origin;

  // Belt and braces: no host but the gateway's resolves, whatever the interception below misses.
  const hostRules = `--host-resolver-rules=MAP * ~NOTFOUND, EXCLUDE ${new URL(stack.gatewayUrl).hostname}`;
  browser = await chromium
    .launch({ executablePath: chromiumChoice.executablePath, args: [...CHROMIUM_ARGS, hostRules], headless: true })
    .catch((error: unknown) => {
      throw launchFailure(chromiumChoice, error);
    });
  context = await browser.newContext({ viewport: { width: 1600, height: 1000 }, serviceWorkers: 'block', locale: 'ko-KR' });
  // Cut every other host off, and remember that something tried.
  await context.route('**/*', async (route) => {
    const url = route.request().url();
    if (new URL(url).origin === origin) return route.continue();
    offences.offOrigin.push(url);
    return route.abort('blockedbyclient');
  });
  context.on('request', (request) => {
    const url = request.url();
    if (!url.startsWith(`${origin}/`) && !offences.offOrigin.includes(url)) offences.offOrigin.push(url);
  });
  // Runs before the page's own scripts and outside its CSP.
  await context.addInitScript(() => {
    const w = window as unknown as { __cspViolations: string[] };
    w.__cspViolations = [];
    document.addEventListener('securitypolicyviolation', (e) => {
      w.__cspViolations.push(`${e.effectiveDirective} blocked ${e.blockedURI || 'inline'} (${e.sourceFile}:${e.lineNumber})`);
    });
  });
  page = await context.newPage();
  page.on('console', (message) => {
    if (/Content.Security.Policy/i.test(message.text())) offences.csp.push(message.text());
  });
  page.on('pageerror', (error) => offences.pageErrors.push(error.message));

  const [introspection] = await Promise.all([
    page.waitForResponse((r) => r.url().endsWith('/graphql') && postData(r.request().postData()).includes('__schema')),
    page.goto(stack.gatewayUrl),
  ]);
  introspectionOk = introspection.ok();
}, 300_000);

afterAll(async () => {
  await browser?.close();
  await stack?.stop();
});

describe('compliance IDE (headless Chromium, other hosts blocked)', () => {
  it('is built and up to date, and checking that again is fast', async () => {
    expect(ideBuildStaleness()).toBeNull();
    const started = performance.now();
    expect(await ensureIdeBuilt({ log: () => {} })).toBe(false);
    expect(performance.now() - started).toBeLessThan(500);
  });

  it('is served by the gateway at / under a same-origin Content-Security-Policy', async () => {
    const res = await fetch(stack.gatewayUrl);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-security-policy')).toContain("default-src 'self'");
    expect(await res.text()).toContain('./ide-assets/');
  });

  it('loads the schema and runs the flagship example (Ctrl-Enter), showing its obligations in the result pane', async () => {
    expect(introspectionOk, 'the IDE introspected the schema through the gateway').toBe(true);
    const expected = await stack.gql<{ applicableObligations: { results: { obligation: { id: string } }[] } }>(flagship.query, flagship.variables);
    expect(expected.errors).toBeUndefined();
    const firstId = expected.data!.applicableObligations.results[0]?.obligation.id;
    expect(firstId, 'the flagship question has answers in the base data').toBeTruthy();

    // The first tab is the flagship example, variables included.
    await expect.poll(() => editorText('.graphiql-query-editor'), { timeout: 20_000 }).toContain('FaceRecognitionPaymentUnderSandbox');
    await expect.poll(() => editorText('.graphiql-editor-tool .graphiql-editor:not(.hidden)'), { timeout: 10_000 }).toContain('svc/face-recognition-payment');

    const run = page.waitForResponse((r) => r.url().endsWith('/graphql') && postData(r.request().postData()).includes('FaceRecognitionPaymentUnderSandbox'));
    await page.locator('.graphiql-query-editor .monaco-editor').first().click();
    await page.keyboard.press('Control+Enter');
    const body = (await (await run).json()) as { data?: unknown; errors?: unknown };
    expect(body.errors).toBeUndefined();

    await expect.poll(() => editorText('.graphiql-response'), { timeout: 15_000 }).toContain(firstId!);
    mkdirSync('test-artifacts', { recursive: true });
    await page.screenshot({ path: SCREENSHOT });
  }, 120_000);

  it('validates and completes the query against the introspected schema', async () => {
    await page.locator('.graphiql-tab-add').click();
    const editor = page.locator('.graphiql-query-editor .monaco-editor').first();
    await editor.click();
    await page.keyboard.press('Control+A');
    await page.keyboard.press('Delete');
    await page.keyboard.type('{ designationsExp');
    await page.keyboard.press('Control+Space');
    await expect.poll(() => page.locator('.suggest-widget').innerText(), { timeout: 15_000 }).toContain('designationsExpiring');
    await page.keyboard.press('Escape');

    await page.keyboard.press('Control+A');
    await page.keyboard.type('{ notAFieldOfQuery }');
    await expect.poll(() => page.locator('.graphiql-query-editor .squiggly-error').count(), { timeout: 15_000 }).toBeGreaterThan(0);
  }, 60_000);

  it('opens an example from the examples list in a new tab and runs it with the run button', async () => {
    await page.locator(`[data-example-id="${expiring.id}"] button`).click();
    await expect.poll(() => editorText('.graphiql-query-editor'), { timeout: 10_000 }).toContain('ExpiringDesignations');
    const run = page.waitForResponse((r) => r.url().endsWith('/graphql') && postData(r.request().postData()).includes('ExpiringDesignations'));
    await page.locator('.graphiql-execute-button').click();
    const body = (await (await run).json()) as { errors?: unknown };
    expect(body.errors).toBeUndefined();
    await expect.poll(() => editorText('.graphiql-response'), { timeout: 15_000 }).toContain('designationsExpiring');
  }, 60_000);

  it('offers the API-key header, commented out, in the headers pane', async () => {
    await page.locator(`[data-example-id="${withApiKeyHeader.id}"] button`).click();
    await page.locator('.graphiql-editor-tools button[data-name="headers"]').click();
    await expect.poll(() => editorText('.graphiql-editor-tool .graphiql-editor:not(.hidden)'), { timeout: 10_000 }).toContain('x-api-key');
  }, 60_000);

  it('shows the documentation explorer for the schema', async () => {
    await page.getByRole('button', { name: /documentation explorer/i }).first().click();
    await expect.poll(() => page.locator('.graphiql-doc-explorer').innerText(), { timeout: 10_000 }).toContain('Query');
  }, 30_000);

  it('sent nothing off the gateway origin, broke no CSP rule and threw no error', async () => {
    const violations = await page.evaluate(() => (window as unknown as { __cspViolations: string[] }).__cspViolations);
    expect(offences.offOrigin).toEqual([]);
    expect([...offences.csp, ...violations]).toEqual([]);
    expect(offences.pageErrors).toEqual([]);
  });
});
