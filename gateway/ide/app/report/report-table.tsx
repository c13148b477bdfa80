/**
 * One applicability report as a table: a row per obligation, grouped by regulation, filterable by
 * status and sortable by column; each row expands to its reason paths.
 */
import { Fragment, useMemo, useState } from 'react';
import { reasonLabel, STATUS_CLASS, statusLabel, t } from './labels.ts';
import { groupRows, rowsOf, STATUSES, type Language, type Row, type SortKey } from './model.ts';
import { PathDiagram } from './path-diagram.tsx';

const COLUMNS = 6;

export function StatusBadge({ status, lang }: { status: string; lang: Language }) {
  return (
    <span className={`regkg-badge regkg-badge--${STATUS_CLASS[status] ?? 'other'}`} data-status={status}>
      {statusLabel(status, lang)}
    </span>
  );
}

function SortHeader({ label, column, sort, descending, onSort }: { label: string; column: SortKey; sort: SortKey; descending: boolean; onSort: (c: SortKey) => void }) {
  const active = sort === column;
  return (
    <th scope="col" aria-sort={active ? (descending ? 'descending' : 'ascending') : 'none'}>
      <button type="button" className="regkg-sort" data-sort={column} onClick={() => onSort(column)}>
        {label}
        <span aria-hidden="true">{active ? (descending ? ' ▼' : ' ▲') : ' ↕'}</span>
      </button>
    </th>
  );
}

function Reasons({ row, lang }: { row: Row; lang: Language }) {
  if (!row.reasons.length) return <p className="regkg-muted">—</p>;
  return (
    <ol className="regkg-reasons">
      {row.reasons.map((reason, i) => (
        <li key={i} data-reason-kind={reason.kind}>
          <p>
            <code title={reason.kind}>{reasonLabel(reason.kind, lang)}</code> {reason.explanation}
          </p>
          {reason.path.length > 0 && (
            <div className="regkg-path-scroll">
              <PathDiagram path={reason.path} lang={lang} label={reason.path.map((s) => s.name).join(' → ')} />
            </div>
          )}
        </li>
      ))}
    </ol>
  );
}

function ObligationRow({ row, lang, open, onToggle }: { row: Row; lang: Language; open: boolean; onToggle: () => void }) {
  const detailsId = `regkg-reasons-${row.index}`;
  return (
    <Fragment>
      <tr className="regkg-row" data-obligation-id={row.id} data-status={row.status}>
        <td>
          <StatusBadge status={row.status} lang={lang} />
        </td>
        <td>{row.binding === null ? '—' : t(row.binding ? 'bindingYes' : 'bindingNo', lang)}</td>
        <td>
          {/* Only when the query selected reasons (the institution example leaves them out: query cost). */}
          {row.reasons.length > 0 && (
            <button type="button" className="regkg-expand" aria-expanded={open} aria-controls={detailsId} onClick={onToggle} title={t(open ? 'hideReasons' : 'showReasons', lang)}>
              <span aria-hidden="true">{open ? '▾' : '▸'}</span>
            </button>
          )}
          <span className="regkg-statement">{row.statement ?? row.id}</span>
          <br />
          <code className="regkg-muted">
            {row.id}
            {row.kind ? ` · ${row.kind}` : ''}
          </code>
        </td>
        <td>
          {row.citations.map((c, i) => (
            <div key={i}>
              {c.url ? (
                <a href={c.url} target="_blank" rel="noopener noreferrer">
                  {c.text}
                </a>
              ) : (
                c.text
              )}
              {c.inForce === false && <span className="regkg-muted"> ({t('notInForce', lang)})</span>}
            </div>
          ))}
        </td>
        <td>
          {row.effect ? (
            <>
              <code>{row.effect.effect}</code>
              {row.effect.designation && <span className="regkg-muted"> · {row.effect.designation}</span>}
              {row.effect.note && <div>{row.effect.note}</div>}
            </>
          ) : (
            '—'
          )}
        </td>
        <td>{row.appliesIf ?? '—'}</td>
      </tr>
      {open && (
        <tr className="regkg-details" id={detailsId}>
          <td colSpan={COLUMNS}>
            <strong>{t('reasons', lang)}</strong>
            <Reasons row={row} lang={lang} />
          </td>
        </tr>
      )}
    </Fragment>
  );
}

export function ReportTable({ report, lang }: { report: Record<string, unknown>; lang: Language }) {
  const rows = useMemo(() => rowsOf(report, lang), [report, lang]);
  const present = useMemo(() => STATUSES.filter((s) => rows.some((r) => r.status === s)), [rows]);
  const [hidden, setHidden] = useState<Set<string>>(new Set());
  const [sort, setSort] = useState<SortKey>('article');
  const [descending, setDescending] = useState(false);
  const [open, setOpen] = useState<Set<number>>(new Set());

  const shown = rows.filter((r) => !hidden.has(r.status));
  const groups = groupRows(shown, sort, descending);
  const onSort = (column: SortKey) => {
    if (column === sort) setDescending(!descending);
    else {
      setSort(column);
      setDescending(false);
    }
  };
  const toggle = <T,>(set: Set<T>, value: T) => {
    const next = new Set(set);
    if (!next.delete(value)) next.add(value);
    return next;
  };

  return (
    <div className="regkg-report-table">
      <fieldset className="regkg-filter regkg-no-print">
        <legend>{t('filter', lang)}</legend>
        {present.map((s) => (
          <label key={s} className="regkg-filter-option">
            <input type="checkbox" data-filter-status={s} checked={!hidden.has(s)} onChange={() => setHidden(toggle(hidden, s))} />
            <StatusBadge status={s} lang={lang} /> {rows.filter((r) => r.status === s).length}
          </label>
        ))}
      </fieldset>
      <table className="regkg-table">
        <thead>
          <tr>
            <SortHeader label={t('status', lang)} column="status" sort={sort} descending={descending} onSort={onSort} />
            <SortHeader label={t('binding', lang)} column="binding" sort={sort} descending={descending} onSort={onSort} />
            <SortHeader label={t('obligation', lang)} column="obligation" sort={sort} descending={descending} onSort={onSort} />
            <SortHeader label={t('article', lang)} column="article" sort={sort} descending={descending} onSort={onSort} />
            <th scope="col">{t('effect', lang)}</th>
            <th scope="col">{t('appliesIf', lang)}</th>
          </tr>
        </thead>
        {groups.map((group) => (
          <tbody key={group.regulation} data-regulation={group.regulation}>
            <tr className="regkg-group">
              <th colSpan={COLUMNS} scope="rowgroup">
                {group.regulation || t('noRegulation', lang)} <span className="regkg-muted">· {group.rows.length} {t('rows', lang)}</span>
              </th>
            </tr>
            {group.rows.map((row) => (
              <ObligationRow key={row.index} row={row} lang={lang} open={open.has(row.index)} onToggle={() => setOpen(toggle(open, row.index))} />
            ))}
          </tbody>
        ))}
      </table>
    </div>
  );
}
