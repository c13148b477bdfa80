/** The report view's own words in Korean and English (the data's words come from the response). */
import type { Language } from './model.ts';

export const STATUS_LABEL: Record<string, Record<Language, string>> = {
  APPLIES: { KO: '적용', EN: 'applies' },
  EXEMPTED_BY_DESIGNATION: { KO: '면제', EN: 'exempted' },
  MODIFIED_BY_DESIGNATION: { KO: '변경 적용', EN: 'modified' },
  NOT_YET_IN_FORCE: { KO: '시행 전', EN: 'not yet in force' },
  NO_LONGER_IN_FORCE: { KO: '효력 상실', EN: 'no longer in force' },
};

/** Reason kinds in words (the enum name stays in the element's title and data attribute). */
export const REASON_LABEL: Record<string, Record<Language, string>> = {
  SERVICE_TYPE: { KO: '서비스 유형', EN: 'service type' },
  CAPABILITY: { KO: '기능', EN: 'capability' },
  DATA_CATEGORY: { KO: '처리 정보', EN: 'data category' },
  RISK_LEVEL: { KO: '위험 등급(그래프 분류)', EN: 'risk tier (graph)' },
  STATUTORY_CLASS: { KO: '법정 분류', EN: 'statutory class' },
  INSTITUTION_TYPE: { KO: '기관 유형', EN: 'institution type' },
  ADDRESSEE: { KO: '수범자', EN: 'addressee' },
  SANDBOX: { KO: '혁신금융서비스', EN: 'sandbox' },
  DESIGNATION_CONDITION: { KO: '지정 조건', EN: 'designation condition' },
  EXEMPTION: { KO: '특례', EN: 'exemption' },
  DESIGNATION_EXPIRED: { KO: '지정기간 만료', EN: 'designation expired' },
  DESIGNATION_NOT_YET_IN_FORCE: { KO: '지정 전', EN: 'designation not yet in force' },
  DESIGNATION_DATES_UNKNOWN: { KO: '지정일 미상', EN: 'designation dates unknown' },
};

export const reasonLabel = (kind: string, lang: Language): string => REASON_LABEL[kind]?.[lang] ?? kind;

/** CSS modifier per status (ide's report.css colours them). */
export const STATUS_CLASS: Record<string, string> = {
  APPLIES: 'applies',
  EXEMPTED_BY_DESIGNATION: 'exempted',
  MODIFIED_BY_DESIGNATION: 'modified',
  NOT_YET_IN_FORCE: 'not-yet',
  NO_LONGER_IN_FORCE: 'no-longer',
};

const WORDS = {
  report: { KO: '보고서', EN: 'Report' },
  json: { KO: 'JSON', EN: 'JSON' },
  title: { KO: '적용 의무 보고서', EN: 'Applicability report' },
  question: { KO: '질의', EN: 'Question' },
  subject: { KO: '대상', EN: 'Subject' },
  asOf: { KO: '기준일', EN: 'As of' },
  askedAt: { KO: '조회 시각', EN: 'Asked at' },
  dataVersion: { KO: '데이터 버전', EN: 'Data version' },
  sandbox: { KO: '샌드박스', EN: 'Sandbox' },
  yes: { KO: '예', EN: 'yes' },
  no: { KO: '아니오', EN: 'no' },
  status: { KO: '상태', EN: 'Status' },
  binding: { KO: '구속력', EN: 'Binding' },
  bindingYes: { KO: '구속력 있음', EN: 'binding' },
  bindingNo: { KO: '비구속', EN: 'non-binding' },
  obligation: { KO: '의무', EN: 'Obligation' },
  article: { KO: '조문', EN: 'Article' },
  effect: { KO: '지정 효과', EN: 'Designation effect' },
  appliesIf: { KO: '적용 조건', EN: 'Applies if' },
  reasons: { KO: '근거 경로', EN: 'Reason paths' },
  showReasons: { KO: '근거 보기', EN: 'Show reasons' },
  hideReasons: { KO: '근거 숨기기', EN: 'Hide reasons' },
  filter: { KO: '상태 필터', EN: 'Filter by status' },
  sortBy: { KO: '정렬', EN: 'Sort by' },
  language: { KO: '언어', EN: 'Language' },
  download: { KO: '내려받기', EN: 'Download' },
  print: { KO: '인쇄 / PDF', EN: 'Print / PDF' },
  rows: { KO: '건', EN: 'obligations' },
  noRegulation: { KO: '(법령 미상)', EN: '(no regulation)' },
  notes: { KO: '평가 참고', EN: 'Notes' },
  noSource: { KO: '출처 없음', EN: 'no source' },
  notInForce: { KO: '미시행', EN: 'not in force' },
} satisfies Record<string, Record<Language, string>>;

export type Word = keyof typeof WORDS;

export function t(word: Word, lang: Language): string {
  return WORDS[word][lang];
}

export function statusLabel(status: string, lang: Language): string {
  return STATUS_LABEL[status]?.[lang] ?? status;
}

/** Path-node types as people say them. */
const NODE_TYPE: Record<string, Record<Language, string>> = {
  AIServiceType: { KO: '서비스 유형', EN: 'service type' },
  Deployment: { KO: '배포 서비스', EN: 'deployment' },
  Capability: { KO: '기능', EN: 'capability' },
  DataCategory: { KO: '데이터 범주', EN: 'data category' },
  Concept: { KO: '개념', EN: 'concept' },
  Obligation: { KO: '의무', EN: 'obligation' },
  Provision: { KO: '조문', EN: 'provision' },
  Regulation: { KO: '법령', EN: 'regulation' },
  SandboxDesignation: { KO: '샌드박스 지정', EN: 'sandbox designation' },
  Institution: { KO: '금융회사', EN: 'institution' },
  AddresseeRole: { KO: '수범자 역할', EN: 'addressee role' },
  RiskLevel: { KO: '위험 등급', EN: 'risk level' },
};

export function nodeTypeLabel(type: string, lang: Language): string {
  return NODE_TYPE[type]?.[lang] ?? type;
}

/**
 * Path relationships (PathStep.via) in words, read along the arrow from one step to the next; the
 * graph's name stays in the arrow's title. Short: the label sits in the gap between two boxes.
 */
const VIA: Record<string, Record<Language, string>> = {
  REACHES: { KO: '적용 대상', EN: 'falls under' },
  TRIGGERS: { KO: '적용 계기', EN: 'triggers' },
  BROADER: { KO: '상위 개념', EN: 'is a kind of' },
  HAS_CAPABILITY: { KO: '기능 보유', EN: 'has capability' },
  PROCESSES: { KO: '처리', EN: 'processes' },
  DERIVED_FROM: { KO: '근거 조문', EN: 'derived from' },
  ADDRESSED_BY: { KO: '의무 수범자', EN: 'is addressed by' },
  CAN_HOLD: { KO: '역할 보유', EN: 'can hold' },
  PROVIDED_BY: { KO: '제공자 역할', EN: 'provider is' },
  AFFECTS: { KO: '적용 영향', EN: 'affects' },
  HAS_EXEMPTION: { KO: '특례 부여', EN: 'grants exemption' },
  EXPIRED: { KO: '기간 만료', EN: 'expired under' },
  ENDS_EXEMPTION: { KO: '특례 종료', EN: 'ends exemption' },
  KEEPS: { KO: '의무 유지', EN: 'keeps duty' },
  ENDS: { KO: '의무 종료', EN: 'ends duty' },
  CLASSIFIED_AS: { KO: '법정 분류', EN: 'classified as' },
  RISK_LEVEL: { KO: '위험 등급', EN: 'risk tier' },
  DESIGNATED_AS: { KO: '지정', EN: 'designated as' },
  CONDITION: { KO: '지정 조건', EN: 'on condition' },
  OPERATES_UNDER: { KO: '운영 근거', EN: 'operates under' },
  NOT_YET_DESIGNATED: { KO: '지정 전', EN: 'not yet designated' },
};

/** The relationship in words; an unknown one as the graph names it, lower-cased and spaced. */
export function viaLabel(via: string, lang: Language): string {
  return VIA[via]?.[lang] ?? via.toLowerCase().replace(/_/g, ' ');
}
