/**
 * The report view over GraphiQL's response pane. When the active tab's response holds an
 * applicability report it opens on its own (the examples land here); "JSON" shows the pane beneath.
 * Rendered inside GraphiQL's footer, which GraphiQL places in the response section.
 */
import { useEffect, useMemo, useRef, useState } from 'react';
import { useGraphiQL } from '@graphiql/react';
import { t } from './labels.ts';
import { downloadQuery, findReports, localized, parseResponse, parseVariables, queryFacts, type FoundReport, type Language, type QueryFacts } from './model.ts';
import { ReportTable } from './report-table.tsx';

/** Where the gateway serves the report files (gateway/reports.ts), relative to the IDE page. */
const REPORTS_PATH = './reports/applicability';

function subjectOf(found: FoundReport, lang: Language): string {
  const r = found.report as Record<string, Record<string, unknown> | undefined>;
  const service = r.serviceType ? `${localized(r.serviceType, 'name', lang) ?? ''} (${String(r.serviceType.id ?? '')})` : '';
  const deployment = r.deployment ? `${localized(r.deployment, 'name', lang) ?? String(r.deployment.id ?? '')}: ` : '';
  return `${deployment}${service}`.trim() || found.path;
}

function OneReport({ found, facts, lang }: { found: FoundReport; facts: QueryFacts; lang: Language }) {
  const report = found.report;
  const download = downloadQuery(found, facts, lang);
  const notes = Array.isArray(report.notes) ? report.notes.filter((n): n is string => typeof n === 'string') : [];
  return (
    <section className="regkg-report-section" data-report-path={found.path}>
      <h3>
        {subjectOf(found, lang)}
        {typeof report.sandbox === 'boolean' && (
          <span className="regkg-muted">
            {' '}
            · {t('sandbox', lang)}: {t(report.sandbox ? 'yes' : 'no', lang)}
          </span>
        )}
      </h3>
      {download && (
        <p className="regkg-downloads regkg-no-print">
          {t('download', lang)}:{' '}
          <a href={`${REPORTS_PATH}.csv?${download}`} download data-format="csv">
            CSV
          </a>{' '}
          ·{' '}
          <a href={`${REPORTS_PATH}.xlsx?${download}`} download data-format="xlsx">
            XLSX
          </a>
        </p>
      )}
      {notes.length > 0 && (
        <ul className="regkg-notes" aria-label={t('notes', lang)}>
          {notes.map((n, i) => (
            <li key={i}>{n}</li>
          ))}
        </ul>
      )}
      <ReportTable report={report} lang={lang} />
    </section>
  );
}

export function ReportView() {
  const tab = useGraphiQL((s) => s.tabs[s.activeTabIndex]);
  const response = tab?.response ?? null;
  const parsed = useMemo(() => parseResponse(response), [response]);
  const facts = useMemo(() => queryFacts(tab?.query, parseVariables(tab?.variables), tab?.operationName), [tab?.query, tab?.variables, tab?.operationName]);
  const reports = useMemo(() => (parsed ? findReports(parsed.data, facts.fieldNames) : []), [parsed, facts]);
  const [mode, setMode] = useState<'report' | 'json'>('report');
  const [lang, setLang] = useState<Language>(facts.language ?? 'KO');
  const askedAt = useRef(new Map<string, string>());

  // A new answer (or another tab's) opens in the report view, in the language the query asked for;
  // keyed on the response text alone so a later click on JSON or a language sticks until then.
  useEffect(() => {
    if (!reports.length) return;
    setMode('report');
    setLang(facts.language ?? 'KO');
  }, [response]);

  if (!reports.length || !response) return null;
  // When this answer was first shown (the "date asked" of a printed review); the last few answers only.
  if (!askedAt.current.has(response)) {
    askedAt.current.set(response, new Date().toISOString());
    if (askedAt.current.size > 20) askedAt.current.delete(askedAt.current.keys().next().value!);
  }
  const data = parsed!.data as Record<string, unknown>;
  const dataVersion = typeof data.dataVersion === 'number' ? data.dataVersion : null;
  const asOf = [...new Set(reports.map((r) => r.report.asOf).filter((a): a is string => typeof a === 'string'))].join(', ');
  const question = [facts.title, facts.operationName].filter(Boolean).join(' · ');

  return (
    <div className={`regkg-report-host regkg-report-host--${mode}`}>
      <div className="regkg-report-bar regkg-no-print" role="toolbar" aria-label={t('title', lang)}>
        <div className="regkg-segmented" role="group">
          <button type="button" data-view="report" aria-pressed={mode === 'report'} onClick={() => setMode('report')}>
            {t('report', lang)}
          </button>
          <button type="button" data-view="json" aria-pressed={mode === 'json'} onClick={() => setMode('json')}>
            {t('json', lang)}
          </button>
        </div>
        {mode === 'report' && (
          <>
            <div className="regkg-segmented" role="group" aria-label={t('language', lang)}>
              {(['KO', 'EN'] as const).map((l) => (
                <button key={l} type="button" data-language={l} aria-pressed={lang === l} onClick={() => setLang(l)}>
                  {l === 'KO' ? '한국어' : 'English'}
                </button>
              ))}
            </div>
            <button type="button" className="regkg-print" onClick={() => window.print()}>
              {t('print', lang)}
            </button>
          </>
        )}
      </div>
      {mode === 'report' && (
        <article className="regkg-report" lang={lang === 'KO' ? 'ko' : 'en'}>
          {/* A table so the header repeats on every printed page (browsers repeat <thead>). */}
          <table className="regkg-print-frame">
            <thead>
              <tr>
                <td>
                  <header className="regkg-report-header">
                    <h2>{t('title', lang)}</h2>
                    <dl>
                      <dt>{t('question', lang)}</dt>
                      <dd data-field="question">{question || '—'}</dd>
                      <dt>{t('asOf', lang)}</dt>
                      <dd data-field="asOf">{asOf || '—'}</dd>
                      <dt>{t('dataVersion', lang)}</dt>
                      <dd data-field="dataVersion">{dataVersion ?? '—'}</dd>
                      <dt>{t('askedAt', lang)}</dt>
                      <dd data-field="askedAt">{askedAt.current.get(response)}</dd>
                    </dl>
                  </header>
                </td>
              </tr>
            </thead>
            <tbody>
              <tr>
                <td>
                  {reports.map((found) => (
                    <OneReport key={found.path} found={found} facts={facts} lang={lang} />
                  ))}
                </td>
              </tr>
            </tbody>
          </table>
        </article>
      )}
    </div>
  );
}
