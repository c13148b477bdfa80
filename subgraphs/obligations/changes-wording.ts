/**
 * How the change feed says what changes and why, in Korean and English. Korean particles follow the
 * last character of the word (lib/korean.ts), and statuses are said in words, never as enum names.
 */
import { createTwoFilesPatch } from 'diff';
import { josa, josaPick, koDate } from '../../lib/korean.ts';
import type { Language } from '../shared/i18n.ts';
import type { Cause, ChangeOut, TextDiffOut } from './changes.ts';

const STATUS: Record<string, { ko: string; en: string }> = {
  APPLIES: { ko: '적용', en: 'applies' },
  EXEMPTED_BY_DESIGNATION: { ko: '지정에 따른 면제', en: 'exempted by designation' },
  MODIFIED_BY_DESIGNATION: { ko: '지정에 따른 변경 적용', en: 'applies as modified by designation' },
  NOT_YET_IN_FORCE: { ko: '시행 전', en: 'not yet in force' },
  NO_LONGER_IN_FORCE: { ko: '효력 상실', en: 'no longer in force' },
};

/** A unified diff of a provision's Korean text, as the seed planner prints it (seed/summary.ts). */
export function patchOf(d: TextDiffOut): string {
  const a = d.before.endsWith('\n') ? d.before : `${d.before}\n`;
  const b = d.after.endsWith('\n') ? d.after : `${d.after}\n`;
  return createTwoFilesPatch(d.fromVersion ?? '(none)', d.toVersion ?? '(none)', a, b, '', '', { context: 2 });
}

const quoteKo = (t: string) => `「${t}」`;

export function causeText(c: Cause, language: Language | null | undefined): string {
  const est = c.estimated;
  if (language === 'KO') {
    switch (c.kind) {
      case 'AMENDMENT': {
        const title = c.amendment?.titleKo ?? c.amendment?.id ?? '개정법률';
        const no = c.amendment?.lawNumber ? `(법률 제${c.amendment.lawNumber}호)` : '';
        return `${quoteKo(title)}${no}${josaPick(no ? '호' : title, '이/가')} 시행됩니다`;
      }
      case 'LAW_IN_FORCE':
        return `${josa(c.citationKo ?? c.regulationNameKo ?? '해당 조문', '이/가')} 시행됩니다`;
      case 'APPLICATION_DATE':
        return `${josa(c.regulationNameKo ?? '해당 법령', '이/가')} 적용되기 시작합니다`;
      case 'REPEAL':
        return `${c.citationKo ?? '해당 조문'}에 따른 의무의 효력이 끝납니다`;
      case 'DESIGNATION_STARTS':
        return `혁신금융서비스 지정 '${c.designationNameKo}'의 효력이 시작됩니다${est ? '(추정일)' : ''}`;
      case 'DESIGNATION_ENDS':
        return `혁신금융서비스 지정 '${c.designationNameKo}'의 지정기간이 만료됩니다${est ? '(법정 최대기간으로 계산한 추정일)' : ''}`;
      case 'DESIGNATION_EXTENSION_ENDS':
        return `혁신금융서비스 지정 '${c.designationNameKo}'의 연장된 지정기간이 만료됩니다${est ? '(법정 최대기간으로 계산한 추정일)' : ''}`;
      case 'DEEMED_CONTINUATION_ENDS':
        return `혁신금융서비스 지정 '${c.designationNameKo}'의 기간 만료에도 불구하고 만료되지 않은 것으로 보는 기간이 끝납니다${est ? '(추정일)' : ''}`;
    }
  }
  switch (c.kind) {
    case 'AMENDMENT': {
      const title = c.amendment?.titleEn ?? c.amendment?.titleKo ?? c.amendment?.id ?? 'an amendment';
      return `the amendment "${title}"${c.amendment?.lawNumber ? ` (Act No. ${c.amendment.lawNumber})` : ''} takes effect`;
    }
    case 'LAW_IN_FORCE':
      return `${c.citationEn ?? c.regulationNameEn ?? 'the provision'} comes into force`;
    case 'APPLICATION_DATE':
      return `${c.regulationNameEn ?? 'the instrument'} starts to apply`;
    case 'REPEAL':
      return `the duty under ${c.citationEn ?? 'its provision'} ceases to be in force`;
    case 'DESIGNATION_STARTS':
      return `the designation "${c.designationNameEn}" takes effect${est ? ' (estimated date)' : ''}`;
    case 'DESIGNATION_ENDS':
      return `the designation "${c.designationNameEn}" expires${est ? ' (estimated: end of the statutory maximum period)' : ''}`;
    case 'DESIGNATION_EXTENSION_ENDS':
      return `the extended period of the designation "${c.designationNameEn}" expires${est ? ' (estimated: end of the statutory maximum period)' : ''}`;
    case 'DEEMED_CONTINUATION_ENDS':
      return `the deemed continuation of the designation "${c.designationNameEn}" ends${est ? ' (estimated)' : ''}`;
  }
}

function what(ch: ChangeOut): { ko: string; en: string } {
  const b = ch.before ? STATUS[ch.before] : null;
  const a = ch.after ? STATUS[ch.after] : null;
  const svcKo = ch.serviceNameKo;
  const svcEn = ch.serviceNameEn;
  switch (ch.kind) {
    case 'NEW_OBLIGATION':
      return { ko: `${svcKo}에 새 의무가 적용됩니다`, en: `a new obligation applies to ${svcEn}` };
    case 'STARTS_APPLYING':
      return { ko: `이 의무가 ${svcKo}에 적용되기 시작합니다`, en: `this obligation starts applying to ${svcEn}` };
    case 'STOPS_APPLYING':
      return { ko: `이 의무가 ${svcKo}에 더 이상 적용되지 않습니다`, en: `this obligation stops applying to ${svcEn}` };
    case 'RETIRED':
      return { ko: `이 의무가 폐지되어 ${svcKo}에 더 이상 적용되지 않습니다`, en: `this obligation is retired and no longer applies to ${svcEn}` };
    case 'EXEMPTION_STARTS':
      return ch.after === 'MODIFIED_BY_DESIGNATION'
        ? { ko: `이 의무가 ${svcKo}에 지정에 따른 특례로 변경되어 적용됩니다`, en: `this obligation applies to ${svcEn} in the form its designation sets` }
        : { ko: `${svcKo}에 대한 이 의무의 적용이 지정에 따라 면제됩니다`, en: `${svcEn} becomes exempt from this obligation under its designation` };
    case 'EXEMPTION_ENDS':
      return {
        ko: `${svcKo}에 대한 지정에 따른 ${ch.before === 'MODIFIED_BY_DESIGNATION' ? '특례' : '면제'}가 끝나${a ? ` 상태가 '${a.ko}'${josaPick(a.ko, '으로/로')} 바뀝니다` : ''}`,
        en: `the designation's ${ch.before === 'MODIFIED_BY_DESIGNATION' ? 'modification' : 'exemption'} of this obligation for ${svcEn} ends${a ? `; it now ${ch.after === 'APPLIES' ? 'applies' : `is ${a.en}`}` : ''}`,
      };
    case 'WORDING_CHANGED':
      return {
        ko: `${svcKo}에 적용되는 이 의무의 ${josa(ch.statementChanged ? '내용' : '근거 조문 문구', '이/가')} 바뀝니다${b ? `. 상태는 '${b.ko}' 그대로입니다` : ''}`,
        en: `the ${ch.statementChanged ? 'wording of this obligation' : 'wording of its provision'} changes for ${svcEn}${b ? ` (it still ${ch.before === 'APPLIES' ? 'applies' : `is ${b.en}`})` : ''}`,
      };
  }
}

/** On which day, what changes for the service, for which obligation (statement and citation), and why. */
export function changeExplanation(ch: ChangeOut, language: Language | null | undefined): string {
  const w = what(ch);
  const cite = ch.cand.provisions[0];
  if (language === 'KO') {
    const target = ch.statementKo ? ` 대상 의무: "${short(ch.statementKo)}"${cite ? `(${cite.citationKo})` : ''}.` : cite ? ` 근거: ${cite.citationKo}.` : '';
    const why = ch.causes.length ? ` 원인: ${ch.causes.map((c) => causeText(c, 'KO')).join('. ')}.` : '';
    return `${koDate(ch.on)}부터 ${w.ko}.${target}${why}`;
  }
  const target = ch.statementEn ? ` Obligation: "${short(ch.statementEn)}"${cite ? ` (${cite.citationEn})` : ''}.` : cite ? ` Under ${cite.citationEn}.` : '';
  const why = ch.causes.length ? ` Because ${ch.causes.map((c) => causeText(c, 'EN')).join('; ')}.` : '';
  return `From ${ch.on}, ${w.en}.${target}${why}`;
}

function short(t: string): string {
  const s = t.replace(/\s+/g, ' ').trim();
  return s.length > 80 ? `${s.slice(0, 79)}…` : s;
}
