/** The change-feed view's own words in Korean and English (the data's words come from the response). */
import type { Language } from './model.ts';

type Words = Record<string, Record<Language, string>>;

/** ApplicabilityChangeKind in words (the enum name stays in the badge's title and data attribute). */
const KIND_LABEL: Words = {
  NEW_OBLIGATION: { KO: '새 의무', EN: 'new obligation' },
  STARTS_APPLYING: { KO: '적용 시작', EN: 'starts applying' },
  STOPS_APPLYING: { KO: '적용 종료', EN: 'stops applying' },
  RETIRED: { KO: '의무 폐지', EN: 'retired' },
  EXEMPTION_STARTS: { KO: '특례 시작', EN: 'exemption starts' },
  EXEMPTION_ENDS: { KO: '특례 종료', EN: 'exemption ends' },
  WORDING_CHANGED: { KO: '문구 변경', EN: 'wording changed' },
};

/** CSS modifier per kind (changes.css colours them). */
export const KIND_CLASS: Record<string, string> = {
  NEW_OBLIGATION: 'new',
  STARTS_APPLYING: 'starts',
  STOPS_APPLYING: 'stops',
  RETIRED: 'retired',
  EXEMPTION_STARTS: 'exemption-starts',
  EXEMPTION_ENDS: 'exemption-ends',
  WORDING_CHANGED: 'wording',
};

/** ChangeCauseKind in words. */
const CAUSE_LABEL: Words = {
  AMENDMENT: { KO: '개정 법령 시행', EN: 'amendment takes effect' },
  LAW_IN_FORCE: { KO: '법령 시행', EN: 'law comes into force' },
  APPLICATION_DATE: { KO: '적용일 도래', EN: 'date of application' },
  REPEAL: { KO: '폐지', EN: 'repeal' },
  DESIGNATION_STARTS: { KO: '지정 효력 발생', EN: 'designation takes effect' },
  DESIGNATION_ENDS: { KO: '지정기간 만료', EN: 'designation period ends' },
  DESIGNATION_EXTENSION_ENDS: { KO: '연장기간 만료', EN: 'extended period ends' },
  DEEMED_CONTINUATION_ENDS: { KO: '존속 간주기간 만료', EN: 'deemed continuation ends' },
};

const WORDS = {
  title: { KO: '적용 변경 내역', EN: 'Applicability changes' },
  date: { KO: '시행일', EN: 'Date' },
  kind: { KO: '변경 · 상태 (전 → 후)', EN: 'Change · status (before → after)' },
  obligation: { KO: '의무 · 설명', EN: 'Obligation · explanation' },
  cause: { KO: '원인', EN: 'Cause' },
  filter: { KO: '변경 유형 필터', EN: 'Filter by change' },
  estimated: { KO: '추정', EN: 'estimated' },
  estimatedTitle: { KO: '날짜가 추정치입니다 (공표되지 않은 기간을 법정 최대로 계산 등)', EN: 'the date is an estimate (e.g. an unpublished period counted at the statutory maximum)' },
  absent: { KO: '없음', EN: 'none' },
  absentTitle: { KO: '보고서에 없음', EN: 'not in the report' },
  showDiff: { KO: '조문 문구 차이 보기', EN: 'Show the text diff' },
  hideDiff: { KO: '조문 문구 차이 숨기기', EN: 'Hide the text diff' },
  diff: { KO: '조문 문구 차이', EN: 'Text diff' },
  diffNote: { KO: '한국어 원문 기준', EN: 'of the Korean text' },
  none: { KO: '이 기간에 변경이 없습니다.', EN: 'No changes in this period.' },
  allInstruments: { KO: '전체', EN: 'All' },
  noInstrument: { KO: '(법령 미상)', EN: '(no instrument)' },
  amendments: { KO: '개정', EN: 'Amendments' },
  changes: { KO: '건', EN: 'changes' },
  period: { KO: '기간', EN: 'Period' },
} satisfies Words;

export function ct(word: keyof typeof WORDS, lang: Language): string {
  return WORDS[word][lang];
}

export const kindLabel = (kind: string, lang: Language): string => KIND_LABEL[kind]?.[lang] ?? kind;
export const causeLabel = (kind: string, lang: Language): string => CAUSE_LABEL[kind]?.[lang] ?? kind;
