/**
 * One change feed as a timeline table: a row per change in date order, grouped by instrument for
 * `upcomingChanges`, filterable by kind; rows with text diffs expand to them (changes-row.tsx).
 */
import { useMemo, useState } from 'react';
import { ct } from './changes-labels.ts';
import { feedGroups, kindCounts, type FoundFeed } from './changes-model.ts';
import { ChangeRowView, KindBadge, COLUMNS } from './changes-row.tsx';
import type { Language } from './model.ts';

export function FeedSection({ feed, lang }: { feed: FoundFeed; lang: Language }) {
  const groups = useMemo(() => feedGroups(feed, lang), [feed, lang]);
  const kinds = useMemo(() => kindCounts(groups), [groups]);
  const [hidden, setHidden] = useState<Set<string>>(new Set());
  const [open, setOpen] = useState<Set<number>>(new Set());
  const toggle = <T,>(set: Set<T>, value: T) => {
    const next = new Set(set);
    if (!next.delete(value)) next.add(value);
    return next;
  };
  const total = groups.reduce((n, g) => n + g.rows.length, 0);

  return (
    <section className="regkg-report-section regkg-feed" data-feed-path={feed.path} data-grouped={feed.grouped}>
      {total === 0 ? (
        <p className="regkg-muted" data-feed-empty>
          {ct('none', lang)}
        </p>
      ) : (
        <fieldset className="regkg-filter regkg-no-print">
          <legend>{ct('filter', lang)}</legend>
          {kinds.map(({ kind, count }) => (
            <label key={kind} className="regkg-filter-option">
              <input type="checkbox" data-filter-kind={kind} checked={!hidden.has(kind)} onChange={() => setHidden(toggle(hidden, kind))} />
              <KindBadge kind={kind} lang={lang} /> {count}
            </label>
          ))}
        </fieldset>
      )}
      {total > 0 && (
        <table className="regkg-table regkg-feed-table">
          <thead>
            <tr>
              <th scope="col">{ct('date', lang)}</th>
              <th scope="col">{ct('kind', lang)}</th>
              <th scope="col">{ct('obligation', lang)}</th>
              <th scope="col">{ct('cause', lang)}</th>
            </tr>
          </thead>
          {groups.map((group, g) => {
            const rows = group.rows.filter((r) => !hidden.has(r.kind));
            return (
              <tbody key={g} data-instrument={group.regulation?.id ?? ''}>
                {feed.grouped && (
                  <tr className="regkg-group">
                    <th colSpan={COLUMNS} scope="rowgroup">
                      {group.regulation?.name ?? group.regulation?.id ?? ct('noInstrument', lang)}{' '}
                      <span className="regkg-muted">
                        · {group.rows.length} {ct('changes', lang)}
                        {group.amendments.length > 0 && ` · ${ct('amendments', lang)}: ${group.amendments.join(', ')}`}
                      </span>
                    </th>
                  </tr>
                )}
                {rows.map((row) => (
                  <ChangeRowView key={row.index} row={row} lang={lang} open={open.has(row.index)} onToggle={() => setOpen(toggle(open, row.index))} />
                ))}
              </tbody>
            );
          })}
        </table>
      )}
    </section>
  );
}
