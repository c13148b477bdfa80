/** How `seed plan` prints the change feed an apply would cause (seed/plan-feed.ts), in Korean or English. */
import type { PlanFeed, PlanFeedChange } from './plan-feed.ts';

const MAX_PRINTED = 200;

function subjectOf(c: PlanFeedChange, language: 'KO' | 'EN'): string {
  if (c.deploymentId) return `${c.deploymentId}${c.institutionId ? ` (${c.institutionId})` : ''}`;
  if (!c.institutionTypes.length) return c.serviceTypeId;
  return `${c.serviceTypeId} ${language === 'KO' ? '기관유형' : 'as'} ${c.institutionTypes.join(', ')}`;
}

export function printFeed(io: { out: (s: string) => void }, feed: PlanFeed, language: 'KO' | 'EN'): void {
  const ko = language === 'KO';
  const head = ko
    ? `\n  적용 변경 (${feed.from} … ${feed.to}, 대상 ${feed.subjects}개): 반영 시 ${feed.changes.length}건`
    : `\n  applicability changes (${feed.from} … ${feed.to}, ${feed.subjects} subjects): ${feed.changes.length} caused or cancelled by the apply`;
  io.out(head);
  if (feed.note) io.out(`    ${ko ? '참고' : 'note'}: ${feed.note}`);
  for (const c of feed.changes.slice(0, MAX_PRINTED)) {
    const sign = c.effect === 'CAUSED' ? '+' : '-';
    const cause = c.causes[0];
    const why = cause ? `${cause.kind}${cause.amendmentId ? ` ${cause.amendmentId}` : cause.designationId ? ` ${cause.designationId}` : cause.provisionId ? ` ${cause.provisionId}` : ''}` : '';
    io.out(`  ${sign} ${c.on} ${c.kind} ${subjectOf(c, language)}  ${c.obligationId}  ${c.before ?? '—'} → ${c.after ?? '—'}${why ? `  [${why}]` : ''}`);
    io.out(`      ${ko ? c.explanationKo : c.explanationEn}`);
  }
  if (feed.changes.length > MAX_PRINTED) io.out(`  … ${feed.changes.length - MAX_PRINTED} more (--json lists all)`);
}
