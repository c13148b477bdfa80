/**
 * The applicability report as files (issue 18, exports): GET /reports/applicability.csv and .xlsx,
 * answered by the same engine and rules as GraphQL. CSV opens in Excel with Korean intact (UTF-8
 * BOM); the file says the question, asOf and the data version; bad parameters are 400 JSON.
 */
import { Readable } from 'node:stream';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeKey } from '../../lib/api-keys.ts';
import { startStack, type TestStack } from '../support/stack.ts';

let stack: TestStack;
beforeAll(async () => {
  stack = await startStack({ overrides: { env: 'production', ideEnabled: false } });
});
afterAll(async () => {
  await stack?.stop();
});

const url = (path: string) => new URL(path, stack.gatewayUrl).href;

describe('GET /reports/applicability.(csv|xlsx)', () => {
  it('CSV: BOM, the question and dates on top, one row per obligation with the Korean status and the article', async () => {
    const res = await fetch(url('/reports/applicability.csv?deployment=dep/shinhan-card/face-pay&asOf=2021-01-01&sandbox=true'));
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/text\/csv; charset=utf-8/);
    expect(res.headers.get('content-disposition')).toMatch(/applicability_dep_shinhan-card_face-pay_2021-01-01\.csv/);
    const bytes = Buffer.from(await res.arrayBuffer());
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const text = bytes.subarray(3).toString('utf8');
    expect(text).toContain('질의: dep/shinhan-card/face-pay');
    expect(text).toContain('기준일: 2021-01-01');
    expect(text).toMatch(/데이터 버전: \d+/);
    // EFTA Art. 6 (access-medium identity check) is modified by the designation in force on 2021-01-01.
    // Parsed as a spreadsheet reads it (cells may hold line breaks: the reasons, one per line).
    const wb = new ExcelJS.Workbook();
    const ws = await wb.csv.read(Readable.from([text]));
    const rows: string[][] = [];
    ws.eachRow((row) => rows.push((row.values as unknown[]).slice(1).map((v) => String(v ?? ''))));
    const efta = rows.find((r) => r[2] === 'obl/efta/access-medium-identity-check')!;
    expect(efta[5]).toBe('지정으로 변경 적용');
    expect(efta[1]).toContain('전자금융거래법 제6조');
    expect(efta[10]).toMatch(/^https:\/\/www\.law\.go\.kr\/법령\/전자금융거래법\/제/m);
    expect(efta[8]).toMatch(/^sbx\/shinhan-card-face-pay: /);
  });

  it('XLSX in English: a real workbook with the same rows', async () => {
    const res = await fetch(url('/reports/applicability.xlsx?serviceType=svc/face-recognition-payment&asOf=2024-01-01&language=EN'));
    expect(res.status).toBe(200);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(await res.arrayBuffer());
    const ws = wb.worksheets[0]!;
    expect(ws.name).toBe('Applicable obligations');
    const cells: string[] = [];
    ws.eachRow((row) => cells.push((row.values as unknown[]).map((v) => String(v ?? '')).join('|')));
    expect(cells[0]).toContain('Question: svc/face-recognition-payment');
    expect(cells.some((c) => c.includes('Instrument|Article|Obligation id'))).toBe(true);
    expect(cells.filter((c) => c.includes('|obl/')).length).toBeGreaterThan(10);
  });

  it('bad parameters: 400 JSON naming the parameter; unknown service: the GraphQL error; other formats 404', async () => {
    for (const [q, message] of [
      ['serviceType=svc/face-recognition-payment&language=FR', /language/],
      ['serviceType=svc/face-recognition-payment&sandbox=yes', /sandbox/],
      ['serviceType=a&serviceType=b', /serviceType.*once/],
      ['', /serviceType or deployment/i],
      ['serviceType=svc/face-recognition-payment&asOf=2021-02-30', /asOf|date/i],
    ] as const) {
      const res = await fetch(url(`/reports/applicability.csv?${q}`));
      expect(res.status, q).toBe(400);
      const body = (await res.json()) as { errors: { message: string; extensions?: { code?: string } }[] };
      expect(body.errors[0]!.message, q).toMatch(message);
      expect(JSON.stringify(body)).not.toMatch(/stacktrace/);
    }
    expect((await fetch(url('/reports/applicability.pdf?serviceType=x'))).status).toBe(404);
  });

  it('REQUIRE_READ_KEY applies to files as to GraphQL', async () => {
    const reader = makeKey('vendor');
    const locked = await startStack({ env: { REQUIRE_READ_KEY: 'true', READ_API_KEYS: reader.entry }, overrides: { env: 'production', ideEnabled: false }, reset: false });
    try {
      const path = '/reports/applicability.csv?serviceType=svc/face-recognition-payment';
      expect((await fetch(new URL(path, locked.gatewayUrl))).status).toBe(401);
      expect((await fetch(new URL(path, locked.gatewayUrl), { headers: { 'x-api-key': reader.key } })).status).toBe(200);
    } finally {
      await locked.stop();
    }
  });
});
