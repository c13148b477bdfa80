/**
 * The report view over GraphiQL's response pane. When the active tab's response holds an
 * applicability report or a change feed (changes-view.tsx) it opens on its own (the examples land
 * here); "JSON" shows the pane beneath.
 * Rendered inside GraphiQL's footer, which GraphiQL places in the response section.
 */
import { useEffect, useMemo, useRef, useState } from 'react';
import { useGraphiQL } from '@graphiql/react';
import { ct } from './changes-labels.ts';
import { findFeeds, type FoundFeed } from './changes-model.ts';
import { FeedSection } from './changes-view.tsx';
import { t } from './labels.ts';
import { findReports, parseResponse, parseVariables, queryFacts, type Language, type QueryFacts } from './model.ts';
import { OneReport } from './report-section.tsx';

/** The window a change-feed question asked about, from its arguments (`from`–`to`, or `months` ahead). */
function periodOf(feeds: FoundFeed[], facts: QueryFacts, lang: Language): string {
  const periods = feeds.map((f) => {
    const args = facts.args.get(f.path.split('.').filter((p) => !/^\d+$/.test(p)).join('.')) ?? {};
    if (typeof args.from === 'string' && typeof args.to === 'string') return `${args.from} – ${args.to}`;
    if (typeof args.months === 'number') {
      const start = typeof args.from === 'string' ? args.from : lang === 'KO' ? '오늘' : 'today';
      return lang === 'KO' ? `${start}부터 ${args.months}개월` : `${args.months} months from ${start}`;
    }
    return '';
  });
  return [...new Set(periods.filter(Boolean))].join(', ');
}

export function ReportView() {
  const tab = useGraphiQL((s) => s.tabs[s.activeTabIndex]);
  const response = tab?.response ?? null;
  const parsed = useMemo(() => parseResponse(response), [response]);
  const facts = useMemo(() => queryFacts(tab?.query, parseVariables(tab?.variables), tab?.operationName), [tab?.query, tab?.variables, tab?.operationName]);
  const reports = useMemo(() => (parsed ? findReports(parsed.data, facts.fieldNames) : []), [parsed, facts]);
  const feeds = useMemo(() => (parsed ? findFeeds(parsed.data, facts.fieldNames) : []), [parsed, facts]);
  const shown = reports.length + feeds.length > 0;
  const [mode, setMode] = useState<'report' | 'json'>('report');
  const [lang, setLang] = useState<Language>(facts.language ?? 'KO');
  const askedAt = useRef(new Map<string, string>());

  // A new answer (or another tab's) opens in the report view, in the language the query asked for;
  // keyed on the response text alone so a later click on JSON or a language sticks until then.
  useEffect(() => {
    if (!shown) return;
    setMode('report');
    setLang(facts.language ?? 'KO');
  }, [response]);

  if (!shown || !response) return null;
  // When this answer was first shown (the "date asked" of a printed review); the last few answers only.
  if (!askedAt.current.has(response)) {
    askedAt.current.set(response, new Date().toISOString());
    if (askedAt.current.size > 20) askedAt.current.delete(askedAt.current.keys().next().value!);
  }
  const data = parsed!.data as Record<string, unknown>;
  const dataVersion = typeof data.dataVersion === 'number' ? data.dataVersion : null;
  const asOf = [...new Set(reports.map((r) => r.report.asOf).filter((a): a is string => typeof a === 'string'))].join(', ');
  const question = [facts.title, facts.operationName].filter(Boolean).join(' · ');
  const period = periodOf(feeds, facts, lang);
  // A change feed alone is titled as one; a report (with or without a feed) as the report.
  const title = reports.length ? t('title', lang) : ct('title', lang);

  return (
    <div className={`regkg-report-host regkg-report-host--${mode}`}>
      <div className="regkg-report-bar regkg-no-print" role="toolbar" aria-label={title}>
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
                    <h2>{title}</h2>
                    <dl>
                      <dt>{t('question', lang)}</dt>
                      <dd data-field="question">{question || '—'}</dd>
                      <dt>{feeds.length && !reports.length ? ct('period', lang) : t('asOf', lang)}</dt>
                      <dd data-field="asOf">{(feeds.length && !reports.length ? period : asOf) || '—'}</dd>
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
                  {feeds.map((feed) => (
                    // Keyed on the answer too: another answer's rows must not inherit open diffs or filters by position.
                    <FeedSection key={`${askedAt.current.get(response)}:${feed.path}`} feed={feed} lang={lang} />
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
