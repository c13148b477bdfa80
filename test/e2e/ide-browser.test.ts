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
import { expectNoOffences, openIsolatedPage, postData, type Offences } from '../support/ide-page.ts';
import { changeFeedTests } from './ide-browser-changes.ts';
import { readKeyDownloadTests } from './ide-browser-read-key.ts';
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
const REPORT_SCREENSHOT = 'test-artifacts/ide-report.png';
const PATH_SCREENSHOT = 'test-artifacts/ide-report-path.png';
const REPORT_PDF = 'test-artifacts/ide-report.pdf';
const PRINT_SCREENSHOT = 'test-artifacts/ide-report-print.png';

interface FlagshipAnswer {
  dataVersion: number;
  applicableObligations: {
    asOf: string;
    results: {
      status: string;
      obligation: { id: string; statementKo: string | null; statementEn: string | null };
      reasons: { path: { nameKo: string; nameEn: string }[] }[];
    }[];
  };
}

const flagship = EXAMPLE_OPERATIONS.find((e) => e.id === 'flagship-face-payment-sandbox')!;
const expiring = EXAMPLE_OPERATIONS.find((e) => e.id === 'expiring-designations')!;
const withApiKeyHeader = EXAMPLE_OPERATIONS.find((e) => e.headers?.includes('x-api-key'))!;
const institution = EXAMPLE_OPERATIONS.find((e) => e.id === 'institution-obligations')!;

let stack: TestStack;
let browser: Browser;
let context: BrowserContext;
let page: Page;
let origin: string;
let introspectionOk = false;
/** The flagship's answer as the gateway gives it, for comparing with what the report view shows. */
let flagshipAnswer: FlagshipAnswer;
/** Status → badge background in the report view, for the change feed to match. */
let reportColours = new Map<string, string>();
const offences: Offences = { offOrigin: [], csp: [], pageErrors: [] };

/** Visible text of a Monaco editor inside the GraphiQL section with this class. */
function editorText(section: string): Promise<string> {
  return page.locator(`${section} .view-lines`).first().innerText();
}

beforeAll(async () => {
  // First, so that a machine without a usable browser hears what to install before the stack starts.
  const chromiumChoice = await findChromium();
  console.error(`ide-browser: ${chromiumChoice.source}`);
  await ensureIdeBuilt({ log: (line) => console.error(line) });
  // A generous subgraph timeout: this file tests the browser, and the flagship's first, cold answer
  // can take over the 5 s default on a loaded machine.
  stack = await startStack({ env: { IDE_ENABLED: 'true', SUBGRAPH_TIMEOUT_MS: '30000', REQUEST_TIMEOUT_MS: '40000' } });
  origin = new URL(stack.gatewayUrl).origin;

  // Belt and braces: no host but the gateway's resolves, whatever the interception below misses.
  const hostRules = `--host-resolver-rules=MAP * ~NOTFOUND, EXCLUDE ${new URL(stack.gatewayUrl).hostname}`;
  browser = await chromium
    .launch({ executablePath: chromiumChoice.executablePath, args: [...CHROMIUM_ARGS, hostRules], headless: true })
    .catch((error: unknown) => {
      throw launchFailure(chromiumChoice, error);
    });
  ({ context, page } = await openIsolatedPage(browser, origin, offences));
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
    const expected = await stack.gql<FlagshipAnswer>(flagship.query, flagship.variables);
    expect(expected.errors).toBeUndefined();
    flagshipAnswer = expected.data!;
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

  it('opens the flagship answer in the report view: a row per result, a coloured badge per status, grouped by regulation', async () => {
    const results = flagshipAnswer.applicableObligations.results;
    const report = page.locator('.regkg-report');
    await expect.poll(() => report.isVisible(), { timeout: 10_000 }).toBe(true);
    expect(await page.locator('.regkg-row').count()).toBe(results.length);
    const shownStatuses = await page.locator('.regkg-row').evaluateAll((rows) => rows.map((r) => r.getAttribute('data-status')).sort());
    expect(shownStatuses).toEqual(results.map((r) => r.status).sort());

    const colours = new Map<string, string>();
    for (const status of new Set(results.map((r) => r.status))) {
      const badge = page.locator(`.regkg-row[data-status="${status}"] .regkg-badge`);
      expect(await badge.count(), status).toBeGreaterThanOrEqual(1);
      colours.set(status, await badge.first().evaluate((el) => getComputedStyle(el).backgroundColor));
    }
    // Coloured: not transparent, and a different colour for each status.
    for (const colour of colours.values()) expect(colour).not.toMatch(/rgba\(0, 0, 0, 0\)|transparent/);
    expect(new Set(colours.values()).size).toBe(colours.size);
    reportColours = colours;

    expect(await page.locator('.regkg-table tbody[data-regulation]').count()).toBeGreaterThanOrEqual(2);
    expect(await page.locator('[data-field="asOf"]').innerText()).toBe(flagshipAnswer.applicableObligations.asOf);
    expect(await page.locator('[data-field="dataVersion"]').innerText()).toBe(String(flagshipAnswer.dataVersion));
    expect(await page.locator('[data-field="question"]').innerText()).toContain('FaceRecognitionPaymentUnderSandbox');
    await page.screenshot({ path: REPORT_SCREENSHOT });
  }, 60_000);

  it('filters by status and sorts by column', async () => {
    const results = flagshipAnswer.applicableObligations.results;
    const applies = results.filter((r) => r.status === 'APPLIES').length;
    expect(applies, 'the flagship has obligations that apply').toBeGreaterThan(0);
    await page.locator('[data-filter-status="APPLIES"]').uncheck();
    expect(await page.locator('.regkg-row').count()).toBe(results.length - applies);
    expect(await page.locator('.regkg-row[data-status="APPLIES"]').count()).toBe(0);
    await page.locator('[data-filter-status="APPLIES"]').check();
    expect(await page.locator('.regkg-row').count()).toBe(results.length);

    await page.locator('.regkg-sort[data-sort="obligation"]').click();
    const ids = await page.locator('tbody[data-regulation]').first().locator('.regkg-row').evaluateAll((rows) => rows.map((r) => r.getAttribute('data-obligation-id')!));
    expect(ids).toEqual([...ids].sort((a, b) => a.localeCompare(b)));
    await page.locator('.regkg-sort[data-sort="obligation"]').click();
    const descending = await page.locator('tbody[data-regulation]').first().locator('.regkg-row').evaluateAll((rows) => rows.map((r) => r.getAttribute('data-obligation-id')!));
    expect(descending).toEqual([...ids].reverse());
  }, 30_000);

  it('switches between Korean and English, starting from the query\'s language argument (KO)', async () => {
    const withStatement = flagshipAnswer.applicableObligations.results.find((r) => r.obligation.statementKo && r.obligation.statementEn)!;
    const statement = page.locator(`.regkg-row[data-obligation-id="${withStatement.obligation.id}"] .regkg-statement`);
    expect(await page.locator('.regkg-table thead').innerText()).toContain('상태');
    expect(await statement.innerText()).toBe(withStatement.obligation.statementKo);
    await page.locator('[data-language="EN"]').click();
    expect(await page.locator('.regkg-table thead').innerText()).toContain('Status');
    expect(await statement.innerText()).toBe(withStatement.obligation.statementEn);
    expect(await page.locator('.regkg-row[data-status="APPLIES"] .regkg-badge').first().innerText()).toBe('applies');
    expect(await page.locator('.regkg-downloads a[data-format="csv"]').getAttribute('href')).toContain('language=EN');
    await page.locator('[data-language="KO"]').click();
    expect(await statement.innerText()).toBe(withStatement.obligation.statementKo);
  }, 30_000);

  it('expands a row to its reason path drawn as SVG, nodes named in the chosen language', async () => {
    const result = flagshipAnswer.applicableObligations.results.find((r) => r.reasons.some((x) => x.path.length >= 3))!;
    expect(result, 'some reason has a path of three steps or more').toBeTruthy();
    const row = page.locator(`.regkg-row[data-obligation-id="${result.obligation.id}"]`);
    await row.locator('.regkg-expand').click();
    const details = page.locator('.regkg-details');
    await expect.poll(() => details.locator('svg.regkg-path').count(), { timeout: 5_000 }).toBe(result.reasons.filter((x) => x.path.length).length);
    const path = result.reasons.find((x) => x.path.length >= 3)!.path;
    const svgTexts = await details.locator('svg.regkg-path').evaluateAll((svgs) => svgs.map((svg) => [...svg.querySelectorAll('title')].map((t) => t.textContent ?? '').join('\n')).join('\n'));
    for (const step of path) expect(svgTexts).toContain(step.nameKo);
    const firstNode = await details.locator('svg.regkg-path .regkg-path-node').first().innerHTML();
    expect(firstNode).toContain('<rect');
    // Arrows say the relationship in words; the graph's name (DERIVED_FROM …) is only the title.
    const arrows = await details.locator('svg.regkg-path text.regkg-path-via').evaluateAll((texts) =>
      texts.map((t) => ({ raw: t.getAttribute('data-via')!, title: t.querySelector('title')?.textContent, shown: [...t.querySelectorAll('tspan')].map((x) => x.textContent).join(' ') })),
    );
    expect(arrows.length).toBeGreaterThan(0);
    for (const a of arrows) {
      expect(a.title).toBe(a.raw);
      expect(a.shown, a.raw).not.toMatch(/[A-Z]{2,}|_/);
    }
    expect(arrows.find((a) => a.raw === 'DERIVED_FROM')?.shown).toBe('근거 조문');
    await details.scrollIntoViewIfNeeded();
    await page.screenshot({ path: PATH_SCREENSHOT });
    await page.locator('[data-language="EN"]').click();
    const svgTextsEn = await details.locator('svg.regkg-path title').evaluateAll((titles) => titles.map((t) => t.textContent ?? '').join('\n'));
    for (const step of path) expect(svgTextsEn).toContain(step.nameEn);
    expect(await details.locator('svg.regkg-path text[data-via="DERIVED_FROM"]').first().locator('tspan').allTextContents()).toEqual(['derived from']);
    await page.locator('[data-language="KO"]').click();
  }, 30_000);

  it('links the same report as CSV and XLSX from the gateway, and prints only the report', async () => {
    const href = await page.locator('.regkg-downloads a[data-format="csv"]').getAttribute('href');
    expect(href).toMatch(/^\.\/reports\/applicability\.csv\?serviceType=svc%2Fface-recognition-payment&.*sandbox=true/);
    const csv = await page.evaluate(async (url) => {
      const res = await fetch(url);
      return { status: res.status, type: res.headers.get('content-type'), text: await res.text() };
    }, href!);
    expect(csv.status).toBe(200);
    expect(csv.type).toContain('text/csv');
    for (const r of flagshipAnswer.applicableObligations.results) expect(csv.text).toContain(r.obligation.id);
    const xlsx = await page.locator('.regkg-downloads a[data-format="xlsx"]').getAttribute('href');
    expect(xlsx).toBe(href!.replace('.csv?', '.xlsx?'));

    await page.emulateMedia({ media: 'print' });
    expect(await page.locator('.graphiql-query-editor').isVisible()).toBe(false);
    expect(await page.locator('.regkg-report').isVisible()).toBe(true);
    expect(await page.locator('.regkg-filter').isVisible()).toBe(false);
    await page.screenshot({ path: PRINT_SCREENSHOT, fullPage: true });
    const pdf = await page.pdf({ path: REPORT_PDF, printBackground: true });
    expect(pdf.subarray(0, 5).toString()).toBe('%PDF-');
    // More than one page: the table runs on instead of being cut at the pane's height.
    expect((pdf.toString('latin1').match(/\/Type\s*\/Page[^s]/g) ?? []).length).toBeGreaterThan(1);
    await page.emulateMedia({ media: 'screen' });
  }, 60_000);

  it('shows the JSON pane again on request', async () => {
    await page.locator('[data-view="json"]').click();
    expect(await page.locator('.regkg-report').count()).toBe(0);
    expect(await editorText('.graphiql-response')).toContain(flagshipAnswer.applicableObligations.results[0]!.obligation.id);
    await page.locator('[data-view="report"]').click();
    expect(await page.locator('.regkg-report').isVisible()).toBe(true);
  }, 30_000);

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

  it('opens the institution example in the report view, one section per deployment', async () => {
    await page.locator(`[data-example-id="${institution.id}"] button`).click();
    await expect.poll(() => editorText('.graphiql-query-editor'), { timeout: 10_000 }).toContain('InstitutionObligations');
    const run = page.waitForResponse((r) => r.url().endsWith('/graphql') && postData(r.request().postData()).includes('InstitutionObligations'));
    await page.locator('.graphiql-execute-button').click();
    const body = (await (await run).json()) as { errors?: unknown; data: { institution: { obligations: { results: unknown[] }[] } } };
    expect(body.errors).toBeUndefined();
    const reports = body.data.institution.obligations;
    await expect.poll(() => page.locator('.regkg-report-section').count(), { timeout: 10_000 }).toBe(reports.length);
    expect(await page.locator('.regkg-row').count()).toBe(reports.reduce((n, r) => n + r.results.length, 0));
    expect(await page.locator('.regkg-downloads a[data-format="xlsx"]').first().getAttribute('href')).toMatch(/deployment=/);
  }, 60_000);

  changeFeedTests(() => ({ page, reportColours }));

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
    await expectNoOffences(page, offences);
  });
});

readKeyDownloadTests(() => browser);
