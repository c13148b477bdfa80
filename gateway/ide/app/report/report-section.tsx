/**
 * One applicability report of the answer: its subject, the CSV/XLSX downloads, the evaluation notes
 * and the table. The downloads keep their href (what they fetch, for a look or a copied link) but
 * are fetched with the headers pane's API key on click (download.ts).
 */
import { useState, type MouseEvent } from 'react';
import { useGraphiQL } from '@graphiql/react';
import { apiKeyOf, downloadReport } from './download.ts';
import { t } from './labels.ts';
import { downloadQuery, localized, parseVariables, type FoundReport, type Language, type QueryFacts } from './model.ts';
import { ReportTable } from './report-table.tsx';

/** Where the gateway serves the report files (gateway/reports.ts), relative to the IDE page. */
const REPORTS_PATH = './reports/applicability';

function subjectOf(found: FoundReport, lang: Language): string {
  const r = found.report as Record<string, Record<string, unknown> | undefined>;
  const service = r.serviceType ? `${localized(r.serviceType, 'name', lang) ?? ''} (${String(r.serviceType.id ?? '')})` : '';
  const deployment = r.deployment ? `${localized(r.deployment, 'name', lang) ?? String(r.deployment.id ?? '')}: ` : '';
  return `${deployment}${service}`.trim() || found.path;
}

function Downloads({ query, lang }: { query: string; lang: Language }) {
  // The headers pane as it is at the click (the tab's stored copy can lag behind the editor).
  const headerEditor = useGraphiQL((s) => s.headerEditor);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const save = async (event: MouseEvent<HTMLAnchorElement>, format: 'csv' | 'xlsx') => {
    event.preventDefault();
    if (busy) return;
    setBusy(true);
    setError(null);
    const key = apiKeyOf(parseVariables(headerEditor?.getValue()));
    setError(await downloadReport(`${REPORTS_PATH}.${format}?${query}`, key, `applicability.${format}`, lang));
    setBusy(false);
  };
  return (
    <>
      <p className="regkg-downloads regkg-no-print" aria-busy={busy}>
        {t('download', lang)}:{' '}
        <a href={`${REPORTS_PATH}.csv?${query}`} download data-format="csv" onClick={(e) => void save(e, 'csv')}>
          CSV
        </a>{' '}
        ·{' '}
        <a href={`${REPORTS_PATH}.xlsx?${query}`} download data-format="xlsx" onClick={(e) => void save(e, 'xlsx')}>
          XLSX
        </a>
      </p>
      {error && (
        <p className="regkg-download-error regkg-no-print" role="alert">
          {error}
        </p>
      )}
    </>
  );
}

export function OneReport({ found, facts, lang }: { found: FoundReport; facts: QueryFacts; lang: Language }) {
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
      {download && <Downloads query={download} lang={lang} />}
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
