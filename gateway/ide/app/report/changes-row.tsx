/**
 * A row of the change-feed table and its text diff. Every text from the response is a React child
 * (escaped), never HTML: the diff's lines are styled by their kind, not by markup in the patch.
 */
import { Fragment } from 'react';
import { causeLabel, ct, KIND_CLASS, kindLabel } from './changes-labels.ts';
import type { ChangeRow } from './changes-model.ts';
import type { Language } from './model.ts';
import { StatusBadge } from './report-table.tsx';

/** Date, change (kind and before → after), obligation (with the explanation), cause: narrow enough for the response pane. */
export const COLUMNS = 4;

export function KindBadge({ kind, lang }: { kind: string; lang: Language }) {
  return (
    <span className={`regkg-badge regkg-kind regkg-kind--${KIND_CLASS[kind] ?? 'other'}`} data-kind={kind} title={kind}>
      {kindLabel(kind, lang)}
    </span>
  );
}

function Status({ status, lang }: { status: string | null; lang: Language }) {
  if (status) return <StatusBadge status={status} lang={lang} />;
  return (
    <span className="regkg-badge regkg-badge--absent" title={ct('absentTitle', lang)}>
      {ct('absent', lang)}
    </span>
  );
}

function TextDiff({ diff, lang }: { diff: ChangeRow['diffs'][number]; lang: Language }) {
  const marks = { add: '+', del: '−', context: ' ', hunk: '', meta: '' } as const;
  return (
    <figure className="regkg-diff" data-provision-id={diff.provisionId}>
      <figcaption>
        <strong>{diff.citation}</strong>{' '}
        <span className="regkg-muted">
          {diff.fromVersion ?? '—'} → {diff.toVersion ?? '—'} · {ct('diffNote', lang)}
        </span>
      </figcaption>
      <pre lang="ko">
        {diff.lines
          .filter((l) => l.kind !== 'meta')
          .map((l, i) => (
            <span key={i} className={`regkg-diff-line regkg-diff-line--${l.kind}`} data-diff={l.kind}>
              <span className="regkg-diff-mark" aria-hidden="true">
                {marks[l.kind]}
              </span>
              {l.text}
              {'\n'}
            </span>
          ))}
      </pre>
    </figure>
  );
}

export function ChangeRowView({ row, lang, open, onToggle }: { row: ChangeRow; lang: Language; open: boolean; onToggle: () => void }) {
  const detailsId = `regkg-diff-${row.index}`;
  return (
    <Fragment>
      <tr className="regkg-change" data-on={row.on} data-kind={row.kind} data-obligation-id={row.obligationId} data-index={row.index}>
        <td className="regkg-change-date">
          <time dateTime={row.on}>{row.on}</time>
        </td>
        <td className="regkg-change-kind">
          <KindBadge kind={row.kind} lang={lang} />
          <div className="regkg-change-status">
            <Status status={row.before} lang={lang} /> <span aria-hidden="true">→</span> <Status status={row.after} lang={lang} />
          </div>
        </td>
        <td>
          {row.diffs.length > 0 && (
            <button type="button" className="regkg-expand" aria-expanded={open} aria-controls={detailsId} onClick={onToggle} title={ct(open ? 'hideDiff' : 'showDiff', lang)}>
              <span aria-hidden="true">{open ? '▾' : '▸'}</span>
            </button>
          )}
          <span className="regkg-statement">{row.statement ?? row.obligationId}</span>
          <div>
            {row.citations.map((c, i) => (
              <Fragment key={i}>
                {i > 0 && ', '}
                {c.url ? (
                  <a href={c.url} target="_blank" rel="noopener noreferrer">
                    {c.text}
                  </a>
                ) : (
                  c.text
                )}
              </Fragment>
            ))}
          </div>
          <p className="regkg-change-explanation">{row.explanation ?? '—'}</p>
          <code className="regkg-muted">
            {row.obligationId}
            {row.subject ? ` · ${row.subject}` : ''}
          </code>
        </td>
        <td className="regkg-change-cause">
          {row.cause ? (
            <>
              <span title={row.cause.kind}>{causeLabel(row.cause.kind, lang)}</span>
              {row.cause.estimated && (
                <span className="regkg-estimated" data-estimated title={ct('estimatedTitle', lang)}>
                  {ct('estimated', lang)}
                </span>
              )}
              {row.cause.description && <div className="regkg-muted">{row.cause.description}</div>}
            </>
          ) : (
            '—'
          )}
        </td>
      </tr>
      {open && (
        <tr className="regkg-details" id={detailsId}>
          <td colSpan={COLUMNS}>
            <strong>{ct('diff', lang)}</strong>
            {row.diffs.map((d, i) => (
              <TextDiff key={i} diff={d} lang={lang} />
            ))}
          </td>
        </tr>
      )}
    </Fragment>
  );
}
