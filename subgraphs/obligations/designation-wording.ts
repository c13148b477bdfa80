/**
 * How the engine says what a designation's dates do, in Korean and English: the report's notes and
 * the reasons of duties whose exemption or sandbox status depends on the designation being in force.
 * Every end is said as the last day covered (the lifecycle's ends are exclusive), with whether it is
 * estimated and, when it differs, the latest day a deemed continuation (FISA Art. 10-2(6)-(7)) could
 * have reached.
 */
import { koDate, josa } from '../../lib/korean.ts';
import { lastDay, type Lifecycle } from '../shared/designation-lifecycle.ts';
import type { DesignationState, FoundExemption } from './designations.ts';
import type { Candidate, Note, PathStep, Reason } from './engine-types.ts';
import { obligationStep, tail } from './reasons.ts';

const FISA_KO = '금융혁신지원 특별법';

function zStep(s: DesignationState, via: string | null): PathStep {
  return { type: 'SandboxDesignation', id: s.z.id, nameKo: s.z.nameKo, nameEn: s.z.nameEn, via };
}

/** FISA Art. 9 (expiry of the designation period) as a step of an expiry reason's path: the article that decides it. */
function art9Step(via: string): PathStep {
  return { type: 'Provision', id: 'kr/fisa/art-9', nameKo: `${FISA_KO} 제9조`, nameEn: 'FISA Art. 9', via };
}

/** Why the end is an estimate, or '' when published. */
function estimateWhy(l: Lifecycle): { ko: string; en: string } | null {
  if (!l.periodEndEstimated) return null;
  if (l.startEstimated) {
    return {
      en: 'estimated: only the month of designation is published, so it is counted from the last day of that month at the statutory maximum',
      ko: '추정: 지정 월만 공표되어 그 달의 말일부터 법정 최대 기간으로 계산',
    };
  }
  if (l.extended) {
    return {
      en: 'estimated: the end of the extension is not published, so the statutory maximum of 2 years (FISA Art. 10(1)) is assumed',
      ko: `추정: 연장된 기간의 종료일이 공표되지 않아 ${FISA_KO} 제10조제1항의 최대 2년으로 계산`,
    };
  }
  return {
    en: 'estimated: no end is published, so the statutory maximum of 2 years (FISA Art. 4(1)) is assumed',
    ko: `추정: 종료일이 공표되지 않아 ${FISA_KO} 제4조제1항의 최대 2년으로 계산`,
  };
}

/** "ran until D (estimated: …)" and, when it differs, the latest possible deemed end. */
export function endPhrase(l: Lifecycle): { ko: string; en: string } {
  const end = l.deemedEnd ?? l.periodEnd!;
  const last = lastDay(end);
  const why = l.deemedEnd ? (l.deemedEndEstimated ? { en: 'estimated: 6 months (FISA Art. 10-2(7))', ko: `추정: ${FISA_KO} 제10조의2제7항의 6개월로 계산` } : null) : estimateWhy(l);
  const deemed = l.deemedEnd ? { en: ', deemed not to have expired under FISA Art. 10-2(6)', ko: `(${FISA_KO} 제10조의2제6항에 따라 만료되지 않은 것으로 본 기간 포함)` } : { en: '', ko: '' };
  let en = `its period ran until ${last}${deemed.en}${why ? ` (${why.en})` : ''}`;
  let ko = `지정기간은 ${koDate(last)}까지였습니다${deemed.ko}${why ? `(${why.ko})` : ''}`;
  if (l.latestPossibleEnd) {
    const latest = lastDay(l.latestPossibleEnd);
    en += `; a deemed continuation while financial law is amended (FISA Art. 10-2(6)-(7)) could have lasted until ${latest} at the latest, but none is recorded`;
    ko += `. 금융관련법령 정비 중 만료되지 않은 것으로 보는 기간(${FISA_KO} 제10조의2제6항·제7항)이 있었다면 늦어도 ${koDate(latest)}까지였겠지만, 그러한 통보는 기록되어 있지 않습니다`;
  }
  return { en, ko };
}

function startPhrase(l: Lifecycle): { ko: string; en: string } {
  const est = l.startEstimated ? { en: ' (estimated: only the month is published)', ko: '(추정: 지정 월만 공표됨)' } : { en: '', ko: '' };
  return { en: `${l.start}${est.en}`, ko: `${koDate(l.start!)}${est.ko}` };
}

/** The reason of an exemption that does not apply on the date: the designation is not (or no longer) in force. */
export function exemptionLifecycleReason(e: FoundExemption, cand: Candidate): Reason {
  const s = e.state;
  const verbEn = e.effect === 'EXEMPTS' ? 'exempt the service from' : 'modify';
  const path = [zStep(s, 'HAS_EXEMPTION'), { type: 'Provision', id: e.provisionId, nameKo: e.citationKo, nameEn: e.citationEn, via: 'AFFECTS' }, obligationStep(cand, null)];
  const nameKo = `혁신금융서비스 지정 '${s.z.nameKo}'`;
  if (s.status === 'NOT_YET_DESIGNATED') {
    const st = startPhrase(s.life);
    return {
      kind: 'DESIGNATION_NOT_YET_IN_FORCE',
      path,
      explanationEn: `The designation "${s.z.nameEn}" will ${verbEn} ${e.citationEn} from ${st.en}; until then the duty applies as written.`,
      explanationKo: `${nameKo}에 따른 ${e.citationKo}의 특례는 ${st.ko}부터 적용되므로, 그 전에는 이 의무가 원래대로 적용됩니다.`,
    };
  }
  if (s.status === 'UNKNOWN') {
    return {
      kind: 'DESIGNATION_DATES_UNKNOWN',
      path,
      explanationEn: `No date of the designation "${s.z.nameEn}" is known, so it cannot be shown to be in force and its exemption from ${e.citationEn} is not applied.`,
      explanationKo: `${nameKo}의 지정일이 전혀 알려져 있지 않아 지정기간 중인지 확인할 수 없으므로, ${e.citationKo}의 특례를 적용하지 않습니다.`,
    };
  }
  const end = endPhrase(s.life);
  return {
    kind: 'DESIGNATION_EXPIRED',
    path: [zStep(s, 'EXPIRED'), art9Step('ENDS_EXEMPTION'), ...path.slice(1)],
    explanationEn: `The designation "${s.z.nameEn}" used to ${verbEn} ${e.citationEn}, but it has expired: ${end.en}. With it the exemption ended, and the duty applies as written (FISA Art. 9(1)).`,
    explanationKo: `${nameKo}에 따라 ${e.citationKo}의 특례가 적용되었으나 지정기간이 만료되었습니다. ${end.ko}. 특례도 함께 끝나 이 의무는 원래대로 적용됩니다(${FISA_KO} 제9조제1항).`,
  };
}

/** The reason of a sandbox-only duty whose designation is not yet, or no longer, in force. */
export function sandboxDutyReason(s: DesignationState, cand: Candidate, what: 'NOT_YET' | 'CONTINUES' | 'LAPSES'): Reason {
  const cite = cand.provisions[0];
  const citeKo = cite?.citationKo ?? cand.obligation.id;
  const citeEn = cite?.citationEn ?? cand.obligation.id;
  const nameKo = `혁신금융서비스 지정 '${s.z.nameKo}'`;
  const condition = cand.obligation.kind === 'DESIGNATION_CONDITION';
  if (what === 'NOT_YET') {
    const st = startPhrase(s.life);
    return {
      kind: 'DESIGNATION_NOT_YET_IN_FORCE',
      path: [zStep(s, 'NOT_YET_DESIGNATED'), ...tail(cand)],
      explanationEn: `Will apply from ${st.en}, when the designation "${s.z.nameEn}" takes effect: only an innovative financial business operator owes it (FISA Art. 4(1)), and until then the service is not designated.`,
      explanationKo: `${josa(nameKo, '이/가')} 효력을 갖는 ${st.ko}부터 적용됩니다. 이 의무는 혁신금융사업자의 의무이며(${FISA_KO} 제4조제1항), 그 전에는 지정되지 않은 서비스입니다.`,
    };
  }
  const end = endPhrase(s.life);
  if (what === 'CONTINUES') {
    return {
      kind: 'DESIGNATION_EXPIRED',
      path: [zStep(s, 'EXPIRED'), art9Step('KEEPS'), ...tail(cand)],
      explanationEn: `The designation "${s.z.nameEn}" has expired: ${end.en}. The business lost its status, but FISA Art. 9(1) proviso keeps its duties as an innovative financial business operator as far as consumer protection and supervision and inspection need them; this duty under ${citeEn} is one of them.`,
      explanationKo: `${nameKo}의 지정기간이 만료되었습니다. ${end.ko}. 혁신금융사업자의 지위는 상실되었지만, ${FISA_KO} 제9조제1항 단서에 따라 금융소비자 보호와 감독·검사에 필요한 범위에서는 혁신금융사업자로서의 의무를 계속 지켜야 하며, ${citeKo}에 따른 이 의무도 그에 해당합니다.`,
    };
  }
  const whyEn = condition
    ? 'a condition attached to the designation (FISA Art. 4(3)) governs how the designated service is run, and the service had to end at once on expiry (Art. 9(2))'
    : `${citeEn} binds the business only while it provides the service during the designation period, and the service had to end at once on expiry (Art. 9(2))`;
  const whyKo = condition
    ? `지정에 붙은 조건(${FISA_KO} 제4조제3항)은 지정된 서비스의 운영 방식을 정하는 것이고, 지정기간이 만료되면 즉시 서비스 운영을 종료하여야 하기 때문입니다(같은 법 제9조제2항)`
    : `${josa(citeKo, '은/는')} 지정기간 중 서비스를 제공하는 동안의 의무이고, 지정기간이 만료되면 즉시 서비스 운영을 종료하여야 하기 때문입니다(같은 법 제9조제2항)`;
  return {
    kind: 'DESIGNATION_EXPIRED',
    path: [zStep(s, 'EXPIRED'), art9Step('ENDS'), ...tail(cand)],
    explanationEn: `Applied only under the designation "${s.z.nameEn}", which has expired: ${end.en}. It does not continue after expiry: ${whyEn}.`,
    explanationKo: `${nameKo}에 따라서만 적용되던 의무이며, 지정기간이 만료되었습니다. ${end.ko}. 만료 후에는 적용되지 않습니다. ${whyKo}.`,
  };
}

/** The report's note on each designation in play, on `asOf`. */
export function designationNote(s: DesignationState, asOf: string): Note {
  const id = s.z.id;
  // Korean names the designation by its name only: an id such as `sbx/…` is not Korean text (the English keeps it for reference).
  const ko = `혁신금융서비스 지정 '${s.z.nameKo}'`;
  const en = `Designation ${id} (${s.z.nameEn})`;
  const l = s.life;
  switch (s.status) {
    case 'UNKNOWN':
      return {
        en: `${en}: no date of the designation is known, so whether it is in force on ${asOf} cannot be said; its exemptions are not applied, and the duties of an innovative financial business operator are shown as if it were.`,
        ko: `${ko}: 지정일이 전혀 알려져 있지 않아 ${koDate(asOf)}에 지정기간 중인지 알 수 없습니다. 특례는 적용하지 않고, 혁신금융사업자의 의무는 지정기간 중인 것으로 보고 표시합니다.`,
      };
    case 'NOT_YET_DESIGNATED': {
      const st = startPhrase(l);
      return {
        en: `${en} takes effect on ${st.en}; before that it exempts nothing and the duties of an innovative financial business operator do not bind the service yet.`,
        ko: `${ko}의 효력은 ${st.ko}부터입니다. 그 전에는 특례가 없고 혁신금융사업자의 의무도 아직 적용되지 않습니다.`,
      };
    }
    case 'EXPIRED': {
      const end = endPhrase(l);
      return {
        en: `${en} has expired: ${end.en}. On expiry the business lost its status as an innovative financial business operator and had to end the service at once (FISA Art. 9(1)-(2)); its exemptions no longer apply, and only the duties needed for consumer protection and supervision continue (Art. 9(1) proviso).`,
        ko: `${ko}의 지정기간이 만료되었습니다. ${end.ko}. 지정기간이 만료되면 혁신금융사업자로서의 지위를 상실하고 즉시 서비스 운영을 종료하여야 하므로(${FISA_KO} 제9조제1항·제2항) 특례는 더 이상 적용되지 않으며, 금융소비자 보호와 감독·검사에 필요한 의무만 남습니다(같은 법 제9조제1항 단서).`,
      };
    }
    default: {
      const initial = lastDay(l.initialEnd!);
      const initialWhy = l.initialEndEstimated ? estimateWhy({ ...l, extended: false, periodEndEstimated: true }) : null;
      let en2 = `${en} is in force on ${asOf}. Its initial period runs until ${initial}${initialWhy ? ` (${initialWhy.en})` : ''}`;
      let ko2 = `${ko}: ${koDate(asOf)} 현재 지정기간 중입니다. 최초 지정기간은 ${koDate(initial)}까지입니다${initialWhy ? `(${initialWhy.ko})` : ''}`;
      if (l.extended) {
        const why = estimateWhy(l);
        en2 += `; extended on ${s.z.extendedOn} (FISA Art. 10(1)) until ${lastDay(l.periodEnd!)}${why ? ` (${why.en})` : ''}`;
        ko2 += `. ${koDate(s.z.extendedOn!)}에 연장되어(${FISA_KO} 제10조제1항) ${koDate(lastDay(l.periodEnd!))}까지입니다${why ? `(${why.ko})` : ''}`;
      }
      if (s.status === 'DEEMED_CONTINUING') {
        const est = l.deemedEndEstimated ? { en: ' (estimated: 6 months, Art. 10-2(7))', ko: '(추정: 같은 법 제10조의2제7항의 6개월로 계산)' } : { en: '', ko: '' };
        en2 += `; the period has ended, but it is deemed not to have expired while financial law is amended (FISA Art. 10-2(6)), until ${lastDay(l.deemedEnd!)}${est.en}`;
        ko2 += `. 지정기간은 지났으나 금융관련법령 정비 중이어서 ${koDate(lastDay(l.deemedEnd!))}까지 만료되지 않은 것으로 봅니다(${FISA_KO} 제10조의2제6항)${est.ko}`;
      }
      return { en: `${en2}.`, ko: `${ko2}.` };
    }
  }
}
