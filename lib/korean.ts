/**
 * Korean particles chosen by how a word is read. es-hangul's `josa` looks at the last Hangul
 * syllable only: after a digit, a Latin letter or closing punctuation it falls back to the no-batchim
 * form ("제20조이(가)" was the old workaround; "AI 여신심사은" the old bug). Here the last character
 * that is pronounced decides: "제20조" ends in 조 (→ 는), "3" is read 삼 (→ 은), "10" 십 (→ 은),
 * "AI" 에이아이 (→ 는), "HTML" …엘 (→ 로, not 으로), "(은행)" 행 (→ 은).
 */
import { josa as esJosa } from 'es-hangul';

export type JosaOption = Parameters<typeof esJosa.pick>[1];

const DIGIT_READING = ['영', '일', '이', '삼', '사', '오', '육', '칠', '팔', '구'];
/** Place names read after trailing zeros: 10 십, 100 백, 1000 천, 10000 만. */
const POWER_READING = ['', '십', '백', '천', '만'];
const LETTER_READING: Record<string, string> = {
  A: '에이', B: '비', C: '씨', D: '디', E: '이', F: '에프', G: '지', H: '에이치', I: '아이', J: '제이', K: '케이', L: '엘', M: '엠',
  N: '엔', O: '오', P: '피', Q: '큐', R: '알', S: '에스', T: '티', U: '유', V: '브이', W: '더블유', X: '엑스', Y: '와이', Z: '지',
};
/** Characters that are not read aloud at the end of a word: closing brackets, quotes, stops. */
const SILENT = /[\s)\]}'"’”》」』.,·…-]+$/u;

/** The syllable a reader pronounces last in `word` (Hangul, a digit's or a letter's reading), or '' when none. */
export function lastReading(word: string): string {
  const w = word.replace(SILENT, '');
  const last = w.at(-1) ?? '';
  if (/[가-힣]/u.test(last)) return last;
  if (/[0-9]/.test(last)) {
    const zeros = /0+$/.exec(w)?.[0].length ?? 0;
    if (zeros === 0) return DIGIT_READING[Number(last)]!;
    if (zeros === w.length) return '영';
    return POWER_READING[Math.min(zeros, 4)]!;
  }
  const letter = LETTER_READING[last.toUpperCase()];
  return letter ? letter.at(-1)! : '';
}

/** The particle for `word`: e.g. josaPick('제20조', '은/는') === '는'. */
export function josaPick(word: string, option: JosaOption): string {
  const reading = lastReading(word);
  return esJosa.pick(reading || '가', option);
}

/** `word` followed by the particle its reading takes: josa('신용정보법', '을/를') === '신용정보법을'. */
export function josa(word: string, option: JosaOption): string {
  return word + josaPick(word, option);
}

/** An ISO date as Korean prose: '2026-01-22' → '2026년 1월 22일'. */
export function koDate(iso: string): string {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(iso);
  return m ? `${m[1]}년 ${Number(m[2])}월 ${Number(m[3])}일` : iso;
}
