/**
 * Applicability reports as files a compliance officer can attach to a review (issue 18):
 * `GET /reports/applicability.csv` and `.xlsx` with `serviceType` or `deployment`, and optionally
 * `asOf`, `sandbox`, `institutionType`, `language` (KO default, or EN).
 *
 * The report is asked of the gateway's own ApolloServer (`executeOperation`): the same limits,
 * error masking, key rules (REQUIRE_READ_KEY via the same middleware as /graphql) and engine as the
 * GraphQL answer, not a second implementation. Files are built with exceljs (CSV and XLSX from one
 * worksheet); CSV gets a UTF-8 BOM so Excel opens Korean text intact.
 */
import type { ApolloServer } from '@apollo/server';
import ExcelJS from 'exceljs';
import express from 'express';
import type { Caller } from '../lib/api-keys.ts';
import { ErrorCode } from '../lib/errors.ts';

type Language = 'KO' | 'EN';
interface ReportContext {
  headers: Record<string, string>;
  caller: Caller | null;
  deadline?: number;
}

const QUERY = `query Report($serviceType: ID, $deployment: ID, $context: ApplicabilityContext, $lang: Language) {
  dataVersion
  applicableObligations(serviceType: $serviceType, deployment: $deployment, context: $context) {
    asOf sandbox notes(language: $lang)
    serviceType { id nameKo nameEn }
    deployment { id }
    results {
      status binding jurisdiction appliesIf(language: $lang)
      obligation { id kind statement(language: $lang) }
      citations { citationKo citationEn regulationNameKo regulationNameEn sourceUrl sourceKind inForce }
      designationEffect { effect noteKo noteEn designation { id } }
      reasons { explanation(language: $lang) }
    }
  }
}`;

interface Row {
  status: string;
  binding: boolean;
  jurisdiction: string;
  appliesIf: string | null;
  obligation: { id: string; kind: string; statement: string | null };
  citations: { citationKo: string; citationEn: string; regulationNameKo: string; regulationNameEn: string; sourceUrl: string | null; sourceKind: string | null; inForce: boolean }[];
  designationEffect: { effect: string; noteKo: string | null; noteEn: string | null; designation: { id: string } } | null;
  reasons: { explanation: string }[];
}
interface Answer {
  dataVersion: number;
  applicableObligations: { asOf: string; sandbox: boolean; notes: string[]; serviceType: { id: string; nameKo: string; nameEn: string }; deployment: { id: string } | null; results: Row[] };
}

const STATUS: Record<string, { ko: string; en: string }> = {
  APPLIES: { ko: '적용', en: 'applies' },
  EXEMPTED_BY_DESIGNATION: { ko: '지정으로 면제', en: 'exempted by designation' },
  MODIFIED_BY_DESIGNATION: { ko: '지정으로 변경 적용', en: 'modified by designation' },
  NOT_YET_IN_FORCE: { ko: '시행 전', en: 'not yet in force' },
  NO_LONGER_IN_FORCE: { ko: '효력 상실', en: 'no longer in force' },
};

const HEADERS: Record<Language, string[]> = {
  KO: ['법령', '조문', '의무 ID', '유형', '의무 내용', '상태', '구속력', '적용 조건', '지정 효과', '근거', '출처', '출처 구분'],
  EN: ['Instrument', 'Article', 'Obligation id', 'Kind', 'Obligation', 'Status', 'Binding', 'Applies if', 'Designation effect', 'Reasons', 'Source', 'Source kind'],
};

/** A query-string value that is one string (not repeated, not an object), trimmed; undefined when absent. */
function one(q: express.Request['query'], name: string): string | undefined {
  const v = q[name];
  if (v === undefined) return undefined;
  if (typeof v !== 'string') throw new ReportInputError(`query parameter "${name}" must be given once`);
  return v.trim();
}

class ReportInputError extends Error {}

function workbookOf(a: Answer, lang: Language, asked: string): ExcelJS.Workbook {
  const r = a.applicableObligations;
  const wb = new ExcelJS.Workbook();
  wb.creator = 'regkg';
  const ws = wb.addWorksheet(lang === 'KO' ? '적용 의무' : 'Applicable obligations');
  const subject = r.deployment?.id ?? r.serviceType.id;
  const name = lang === 'KO' ? r.serviceType.nameKo : r.serviceType.nameEn;
  // The question, the date asked, asOf and the data version on top: what a review file must say.
  ws.addRow([lang === 'KO' ? `질의: ${subject} (${name})` : `Question: ${subject} (${name})`]);
  ws.addRow([`${lang === 'KO' ? '기준일' : 'asOf'}: ${r.asOf}`, `${lang === 'KO' ? '조회 시각' : 'asked at'}: ${asked}`, `${lang === 'KO' ? '데이터 버전' : 'data version'}: ${a.dataVersion}`, `sandbox: ${r.sandbox}`]);
  for (const n of r.notes) ws.addRow([n]);
  ws.addRow([]);
  const header = ws.addRow(HEADERS[lang]);
  header.font = { bold: true };
  const rows = [...r.results].sort((x, y) => (x.citations[0]?.regulationNameKo ?? '').localeCompare(y.citations[0]?.regulationNameKo ?? '') || x.obligation.id.localeCompare(y.obligation.id));
  for (const x of rows) {
    const c = x.citations;
    const effect = x.designationEffect ? `${x.designationEffect.designation.id}: ${x.designationEffect.effect}${(lang === 'KO' ? x.designationEffect.noteKo : x.designationEffect.noteEn) ? ` — ${lang === 'KO' ? x.designationEffect.noteKo : x.designationEffect.noteEn}` : ''}` : '';
    ws.addRow([
      [...new Set(c.map((p) => (lang === 'KO' ? p.regulationNameKo : p.regulationNameEn)))].join('; '),
      c.map((p) => (lang === 'KO' ? p.citationKo : p.citationEn)).join('; '),
      x.obligation.id,
      x.obligation.kind,
      x.obligation.statement ?? '',
      lang === 'KO' ? (STATUS[x.status]?.ko ?? x.status) : (STATUS[x.status]?.en ?? x.status),
      x.binding ? (lang === 'KO' ? '구속력 있음' : 'binding') : lang === 'KO' ? '비구속' : 'non-binding',
      x.appliesIf ?? '',
      effect,
      [...new Set(x.reasons.map((y) => y.explanation))].join('\n'),
      c.map((p) => p.sourceUrl ?? '').filter(Boolean).join('\n'),
      [...new Set(c.map((p) => p.sourceKind ?? ''))].filter(Boolean).join('; '),
    ]);
  }
  ws.columns.forEach((col, i) => (col.width = [24, 28, 36, 14, 60, 16, 12, 30, 30, 70, 50, 12][i] ?? 20));
  return wb;
}

/** The /reports router: runs the report on the gateway's ApolloServer with the context /graphql would give the request. */
export function reportsRouter<C extends ReportContext>(server: ApolloServer<C>, contextOf: (req: express.Request, res: express.Response) => C): express.Router {
  const router = express.Router();
  router.get('/applicability.:format', async (req, res, next) => {
    try {
      const format = req.params.format;
      if (format !== 'csv' && format !== 'xlsx') {
        res.status(404).json({ errors: [{ message: 'reports: /reports/applicability.csv or .xlsx', extensions: { code: ErrorCode.NOT_FOUND } }] });
        return;
      }
      const q = req.query;
      const langRaw = (one(q, 'language') ?? 'KO').toUpperCase();
      if (langRaw !== 'KO' && langRaw !== 'EN') throw new ReportInputError('query parameter "language" must be KO or EN');
      const lang = langRaw as Language;
      const sandboxRaw = one(q, 'sandbox');
      if (sandboxRaw !== undefined && sandboxRaw !== 'true' && sandboxRaw !== 'false') throw new ReportInputError('query parameter "sandbox" must be true or false');
      const context: Record<string, unknown> = {};
      const asOf = one(q, 'asOf');
      if (asOf !== undefined) context.asOf = asOf;
      if (sandboxRaw !== undefined) context.sandbox = sandboxRaw === 'true';
      const institutionType = one(q, 'institutionType');
      if (institutionType !== undefined) context.institutionType = institutionType;
      const variables = { serviceType: one(q, 'serviceType') ?? null, deployment: one(q, 'deployment') ?? null, context, lang };
      const result = await server.executeOperation({ query: QUERY, variables }, { contextValue: contextOf(req, res) });
      const body = result.body.kind === 'single' ? result.body.singleResult : null;
      if (!body || body.errors?.length || !body.data) {
        // The GraphQL errors as the GraphQL endpoint gives them (masked, with codes), as JSON.
        const code = body?.errors?.[0]?.extensions?.code;
        res.status(code === 'BAD_USER_INPUT' || code === 'GRAPHQL_VALIDATION_FAILED' || code === 'NOT_FOUND' ? 400 : (result.http.status ?? 500) >= 400 ? (result.http.status ?? 500) : 500).json({ errors: body?.errors ?? [{ message: 'no answer' }] });
        return;
      }
      const answer = body.data as unknown as Answer;
      const wb = workbookOf(answer, lang, new Date().toISOString());
      const subject = (answer.applicableObligations.deployment?.id ?? answer.applicableObligations.serviceType.id).replace(/[^A-Za-z0-9._-]+/g, '_');
      const file = `applicability_${subject}_${answer.applicableObligations.asOf}.${format}`;
      res.setHeader('content-disposition', `attachment; filename="${file}"`);
      if (format === 'csv') {
        const csv = Buffer.from(await wb.csv.writeBuffer());
        res.type('text/csv; charset=utf-8').send(Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), csv]));
      } else {
        res.type('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet').send(Buffer.from(await wb.xlsx.writeBuffer()));
      }
    } catch (err) {
      if (err instanceof ReportInputError) {
        res.status(400).json({ errors: [{ message: err.message, extensions: { code: ErrorCode.BAD_USER_INPUT } }] });
        return;
      }
      next(err);
    }
  });
  return router;
}
