/**
 * Reason wording by status. A reason states a fact of the graph ("AI 여신심사는 AI 신용평가의 한
 * 유형이며 …"); the verdict that follows depends on the result's status, so that a duty not yet in
 * force never reads "이 의무가 적용됩니다". Reasons repeated through several paths (a capability
 * reached through the service and its broader type) are given once.
 */
import { koDate } from '../../lib/korean.ts';
import { activeOn } from '../shared/i18n.ts';
import { article } from './addressees.ts';
import type { Candidate, Reason } from './engine-types.ts';

export interface Verdict {
  status: string;
  asOf: string;
  /** Designation names when a designation exempts or modifies the duty. */
  designation?: { nameKo: string; nameEn: string } | null;
  /** The addressee roles, or-listed, when the provider's role is not known: "applies if the provider is …". */
  condition?: { ko: string; en: string } | null;
}

function appliesOn(cand: Candidate, date: string): boolean {
  return (
    cand.versions.some((v) => activeOn(v, date)) &&
    cand.provisions.some((p) => (!p.applicableFrom || p.applicableFrom <= date) && p.versions.some((v) => v.validFrom !== null && activeOn(v, date)))
  );
}

/** The first date after `asOf` on which the duty is in force, if any. */
export function startsOn(cand: Candidate, asOf: string): string | null {
  const dates = [...cand.versions.map((v) => v.validFrom), ...cand.provisions.flatMap((p) => [p.applicableFrom, ...p.versions.map((v) => v.validFrom)])]
    .filter((d): d is string => Boolean(d) && (d as string) > asOf)
    .sort();
  return dates.find((d) => appliesOn(cand, d)) ?? null;
}

/** The date (exclusive) on which the duty last stopped being in force before `asOf`, if any. */
export function endedOn(cand: Candidate, asOf: string): string | null {
  const ends = [...cand.versions.map((v) => v.validTo), ...cand.provisions.flatMap((p) => p.versions.map((v) => v.validTo))]
    .filter((d): d is string => Boolean(d) && (d as string) <= asOf)
    .sort()
    .reverse();
  return ends.find((d) => appliesOn(cand, dayBefore(d))) ?? null;
}

function dayBefore(iso: string): string {
  const d = new Date(`${iso}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() - 1);
  return d.toISOString().slice(0, 10);
}

/** The sentence that follows each fact, by status. */
export function verdictSentence(v: Verdict, cand: Candidate): { ko: string; en: string } {
  const ifEn = v.condition ? ` if the provider is ${article(v.condition.en)} ${v.condition.en}` : '';
  const ifKo = v.condition ? `제공자가 ${v.condition.ko}인 경우 ` : '';
  switch (v.status) {
    case 'NOT_YET_IN_FORCE': {
      const d = startsOn(cand, v.asOf);
      return d
        ? { en: `This obligation is not yet in force: it will apply from ${d}${ifEn}.`, ko: `이 의무는 아직 시행 전이며, ${ifKo}${koDate(d)}부터 적용됩니다.` }
        : { en: `This obligation is not yet in force on ${v.asOf}.`, ko: `이 의무는 ${koDate(v.asOf)} 현재 시행 전입니다.` };
    }
    case 'NO_LONGER_IN_FORCE': {
      const d = endedOn(cand, v.asOf);
      return d
        ? { en: `This obligation applied until ${d} and is no longer in force.`, ko: `이 의무는 ${koDate(d)} 전까지 적용되었으며, 현재는 효력이 없습니다.` }
        : { en: `This obligation is no longer in force on ${v.asOf}.`, ko: `이 의무는 ${koDate(v.asOf)} 현재 효력이 없습니다.` };
    }
    case 'EXEMPTED_BY_DESIGNATION':
      return { en: `The designation "${v.designation?.nameEn ?? ''}" exempts the service from it.`, ko: `혁신금융서비스 지정 '${v.designation?.nameKo ?? ''}'에 따라 이 의무는 면제됩니다.` };
    case 'MODIFIED_BY_DESIGNATION':
      return { en: `It applies${ifEn} as the designation "${v.designation?.nameEn ?? ''}" modifies it.`, ko: `${ifKo}혁신금융서비스 지정 '${v.designation?.nameKo ?? ''}'에 따라 변경된 내용으로 적용됩니다.` };
    default:
      return v.condition
        ? { en: `This obligation applies only if the provider is ${article(v.condition.en)} ${v.condition.en}.`, ko: `제공자가 ${v.condition.ko}인 경우에만 이 의무가 적용됩니다.` }
        : { en: 'This obligation applies.', ko: '따라서 이 의무가 적용됩니다.' };
  }
}

/**
 * Final explanations: each fact followed by the status's verdict; reasons without a fact (written
 * elsewhere in full) are kept as they are. Duplicates (same kind and words) are dropped, first kept.
 */
export function finishReasons(reasons: Reason[], v: Verdict, cand: Candidate): Reason[] {
  const verdict = verdictSentence(v, cand);
  const seen = new Set<string>();
  const out: Reason[] = [];
  for (const r of reasons) {
    const done: Reason = r.factEn === undefined ? r : { kind: r.kind, path: r.path, explanationEn: `${r.factEn} ${verdict.en}`, explanationKo: `${r.factKo ?? ''} ${verdict.ko}` };
    const key = `${done.kind}\u0000${done.explanationEn}\u0000${done.explanationKo}`;
    if (seen.has(key)) continue;
    seen.add(key);
    out.push(done);
  }
  return out;
}
