/**
 * Tokenisation for Korean and English regulatory text.
 *
 * Every term carries a one-letter namespace so that one inverted index holds all of them:
 * `e:` English Porter stem, `k:` Korean word after particle (조사) / ending stripping,
 * `g:` Korean character bigram (inside a word), `c:` concept id (added by the concept tagger).
 * natural's own tokenizers drop Hangul, so only its Porter stemmer and stop-word list are used.
 */
import PorterStemmer from 'natural/lib/natural/stemmers/porter_stemmer.js';
import { words as naturalStopWords } from 'natural/lib/natural/util/stopwords.js';

export const EN_STOP_WORDS: ReadonlySet<string> = new Set([
  ...naturalStopWords,
  // words that appear in almost every regulatory passage or question and carry no topic
  'shall', 'may', 'must', 'should', 'would', 'also', 'such', 'any', 'each', 'which', 'what', 'whether', 'does',
  'do', 'is', 'are', 'be', 'an', 'the', 'of', 'or', 'and', 'to', 'in', 'on', 'for', 'by', 'with', 'as', 'at',
]);

/**
 * Korean particles and frequent verbal endings, longest first. Stripped from the end of a word
 * when at least two syllables remain (so 정보주체의 → 정보주체, 제공하여야 → 제공).
 */
const KO_SUFFIXES: readonly string[] = [
  // endings of verbs formed with 하다/되다/받다 and question endings
  '하여야한다', '하여서는', '하여야', '하도록', '하였을', '하였거나', '하였다', '하려는', '하려면', '하거나', '하더라도',
  '하는지', '한다면', '하나요', '되나요', '해야하나요', '해야', '해도', '하여', '하고', '하는', '하며', '하면', '한다',
  '하지', '하게', '할수', '되는', '된다', '되어', '되면', '되지', '되었', '받은', '받는', '받아', '받을', '받지',
  '시키는', '시켜', '인가요', '인지', '인가', '일까', '할까', '나요', '까요', '습니까', '합니까', '됩니까',
  '한', '할', '함', '해', '된', '될', '됨', '돼', '됐',
  // particles (조사)
  '에서부터', '으로부터', '로부터', '에게서', '에서는', '에서도', '에서의', '에게는', '에게도', '으로서', '으로써',
  '으로는', '이라는', '이라도', '에서', '에게', '한테', '께서', '까지', '부터', '보다', '처럼', '만큼', '마다',
  '이나', '이며', '이고', '이란', '이라', '라는', '으로', '에는', '에도', '에의', '와의', '과의', '와는', '과는',
  '로서', '로써', '로는', '이면', '이든', '든지',
  '은', '는', '이', '가', '을', '를', '의', '에', '로', '와', '과', '도', '만', '란', '며', '고',
];
/**
 * Korean words that carry no topic in a question: interrogatives, politeness and question endings
 * written as separate words, hedges and fillers (언제, 어떻게, 되나요, 괜찮나, 혹시, 우리 …). Dropped
 * with their bigrams when stop words are on. Statutes almost never use them, so documents are unaffected.
 */
export const KO_STOP_WORDS: ReadonlySet<string> = new Set([
  // question words
  '언제', '언제까지', '어떻게', '어떤', '어떠한', '무엇', '무엇을', '무슨', '뭐', '뭘', '뭐가', '뭔가', '뭔지', '어디', '어디에', '어디서',
  '누가', '누구', '누구한테', '누구에게', '얼마', '얼마나', '몇', '왜', '어느', '어떡해', '어쩌나',
  // question / politeness endings written apart (할 수 있나요, 해도 되나요, …)
  '있나', '있나요', '있는지', '있을까', '있을까요', '있어', '있어요', '있습니까', '있는가', '없나', '없나요', '없는지',
  '되나', '되나요', '돼', '돼요', '되요', '되는지', '될까', '될까요', '됩니까', '되는가', '된다', '되는데',
  '하나', '하나요', '하는지', '할까', '할까요', '합니까', '하는가', '해요', '해야', '해야하나', '해야하나요', '해야해', '해야돼', '해야되나',
  '하면', '하려면', '하는데', '했는데', '해도', '해줘', '해주', '해줘야', '해야지', '하죠', '하지요',
  '괜찮나', '괜찮나요', '괜찮은가', '괜찮은가요', '괜찮을까', '괜찮아', '괜찮은지', '가능한가', '가능한가요', '가능한지', '가능해', '가능할까',
  '인가', '인가요', '인지', '아닌가', '아닌가요', '아니야', '아닌지', '건가', '건가요', '건지', '맞나', '맞나요', '맞는지',
  '알려줘', '알려주세요', '궁금', '궁금해', '궁금해요', '궁금합니다', '질문', '문의',
  // fillers and hedges
  '혹시', '그냥', '정말', '진짜', '좀', '꼭', '반드시', '무조건', '보통', '대체', '도대체', '과연', '만약', '만일',
  '우리', '저희', '제가', '내가', '저는', '나는', '우리가', '저희가', '우리는', '저희는',
  '이런', '그런', '저런', '이거', '그거', '이것', '그것', '이게', '그게', '요즘', '최근',
  '경우', '경우에', '경우에는', '관련', '관련해', '관련해서', '관련된', '대해', '대해서', '대한', '대하여', '싶어', '싶은데', '싶다', '싶으면',
]);

/**
 * Words natural's list drops that carry meaning in a rule: time and order (before, after, until,
 * during), thresholds (above, below, over, more, most, only) and scope (under, between, own). Kept
 * with `TokenizeOptions.keepRelational`: a question about notice "before" an event and a rule on
 * notice "after" it should not look identical.
 */
export const EN_RELATIONAL: ReadonlySet<string> = new Set([
  'before', 'after', 'until', 'during', 'above', 'below', 'over', 'under', 'between', 'more', 'most', 'only',
  'never', 'further', 'same', 'own', 'cannot', 'few', 'much', 'many', 'out',
]);

const KO_SUFFIX_BY_LEN = [...KO_SUFFIXES].sort((a, b) => b.length - a.length);

const HANGUL_RUN = /[\uAC00-\uD7A3]+/g;
const LATIN_RUN = /[a-z0-9]+/g;
const HANGUL_CHAR = /[\uAC00-\uD7A3]/;

/** Normalise width, case and the Korean middle dot before tokenising. */
export function normalize(text: string): string {
  return text.normalize('NFKC').toLowerCase().replace(/[ㆍ·・]/g, ' ');
}

/** Strip one particle or ending; keeps at least two syllables. */
export function stripKoreanSuffix(word: string): string {
  if (word.length < 3) return word;
  for (const s of KO_SUFFIX_BY_LEN) {
    if (word.length - s.length >= 2 && word.endsWith(s)) return word.slice(0, word.length - s.length);
  }
  return word;
}

const stemCache = new Map<string, string>();
/** Porter stem (natural), memoised: stemming dominates English indexing time otherwise. */
export function stemEn(word: string): string {
  let s = stemCache.get(word);
  if (s === undefined) {
    s = PorterStemmer.stem(word);
    if (stemCache.size < 500_000) stemCache.set(word, s);
  }
  return s;
}

export interface Token {
  /** namespaced term, e.g. `e:oblig`, `k:생체정보`, `g:생체` */
  term: string;
  /** the surface form it came from (for explanations) */
  surface: string;
  /** word position, shared by a Korean word and its bigrams; used for proximity */
  pos: number;
  /** true for word-level tokens (English stems, Korean words), false for bigrams */
  word: boolean;
}

export interface TokenizeOptions {
  /** emit Korean character bigrams (default true) */
  bigrams?: boolean;
  /** strip Korean particles/endings (default true) */
  stripParticles?: boolean;
  /** English Porter stemming (default true) */
  stem?: boolean;
  /** drop English stop words (default true) */
  stopWords?: boolean;
  /** Korean bigrams of the whole word, particles included (default false: of the stripped stem) */
  bigramsOfWord?: boolean;
  /** keep EN_RELATIONAL words although natural's list drops them (default false) */
  keepRelational?: boolean;
  /**
   * numbers and references are terms (default false): a dotted rule number (2.1.3) and a Korean
   * article reference (제15조의2 → §15-2) are one term each, and single digits are kept ("5 years" is
   * not "7 years"); natural's stop list holds the digits, so without this a reference vanishes.
   */
  references?: boolean;
}

/** Tokenise mixed Korean/English text in document order. */
export function tokenize(text: string, opts: TokenizeOptions = {}): Token[] {
  return tokenizeNormalized(normalize(text), opts);
}

/** `tokenize` of a text already through `normalize` (the matcher's analysis normalises once for tokens and concepts). */
export function tokenizeNormalized(norm: string, opts: TokenizeOptions = {}): Token[] {
  const bigrams = opts.bigrams ?? true;
  const strip = opts.stripParticles ?? true;
  const stem = opts.stem ?? true;
  const stop = opts.stopWords ?? true;
  const keep = opts.keepRelational ?? false;
  const refs = opts.references ?? false;
  const out: Token[] = [];
  // One pass over alternating runs keeps document order for proximity.
  // With references: a Korean article reference (제15조의2) and a dotted rule number (2.1.3) are one
  // term each; otherwise their single digits fall to the stop list and the reference vanishes.
  const re = wordPattern(refs);
  let pos = 0;
  for (let m = re.exec(norm); m; m = re.exec(norm)) {
    const w = m[0];
    if (refs && w.charCodeAt(0) === 0xc81c && /^제[0-9]/.test(w)) {
      out.push({ term: 'e:§' + w.slice(1).replace('조의', '-').replace(/조$/, ''), surface: w, pos, word: true });
      pos++;
    } else if (HANGUL_CHAR.test(w[0]!)) {
      if (stop && (KO_STOP_WORDS.has(w))) continue;
      const base = strip ? stripKoreanSuffix(w) : w;
      if (stop && KO_STOP_WORDS.has(base)) continue;
      if (base.length >= 2) {
        out.push({ term: 'k:' + base, surface: w, pos, word: true });
        const src = opts.bigramsOfWord ? w : base;
        if (bigrams) {
          for (let i = 0; i + 2 <= src.length; i++) {
            out.push({ term: 'g:' + src.slice(i, i + 2), surface: w, pos, word: false });
          }
        }
        pos++;
      } else if (bigrams && opts.bigramsOfWord) {
        out.push({ term: 'g:' + w, surface: w, pos, word: false });
      }
    } else {
      if (stop && EN_STOP_WORDS.has(w) && !(keep && EN_RELATIONAL.has(w)) && !(refs && w.length === 1 && w >= '0' && w <= '9')) continue;
      if (w.length === 1 && !/[0-9]/.test(w)) continue;
      out.push({ term: 'e:' + (stem && w.length > 2 && !/^[0-9]/.test(w) ? stemEn(w) : w), surface: w, pos, word: true });
      pos++;
    }
  }
  return out;
}

/**
 * The runs `tokenize` reads one at a time, each into tokens that depend on the run alone (so the
 * matcher's analysis can memoise a run's tokens). A new global RegExp per call (it is stateful).
 */
export function wordPattern(references: boolean): RegExp {
  return references ? /제[0-9]+조(?:의[0-9]+)?|[\uAC00-\uD7A3]+|[0-9]+(?:\.[0-9]+)+|[a-z0-9]+/g : /[\uAC00-\uD7A3]+|[a-z0-9]+/g;
}

/** Share of Hangul among letters: `ko` when at least 30 %. */
export function detectLanguage(text: string): 'ko' | 'en' {
  let ko = 0;
  let en = 0;
  for (const ch of text) {
    if (HANGUL_CHAR.test(ch)) ko++;
    else if (/[A-Za-z]/.test(ch)) en++;
  }
  return ko > 0 && ko >= 0.3 * (ko + en) ? 'ko' : 'en';
}

export { HANGUL_RUN, LATIN_RUN };
