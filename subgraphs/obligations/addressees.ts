/**
 * Who must comply: an obligation's addressee roles (seed/data/addressee-roles.yaml, in the
 * statute's words) matched against the provider's institution type — the deployment's
 * Institution.type, or the question's `context.institutionType`.
 *
 * - A role covers institution types (개인신용평가회사 → CREDIT_BUREAU) or follows from the activity
 *   itself (개인정보처리자: whoever processes personal information; `anyInstitutionType`).
 * - Any one of an obligation's roles suffices (the statutes list alternatives: "금융회사 또는
 *   전자금융업자").
 * - Institution type known and no role covers it: the duty does not reach this provider (CIA Art.
 *   26-3 reviews personal credit-scoring companies, not a bank's own scoring).
 * - Institution type unknown and some role is institution-specific: the result is kept, with
 *   "applies if you are …" instead of an assertion.
 */
import { josa } from '../../lib/korean.ts';
import type { Candidate, PathStep, Reason } from './engine-types.ts';

export interface AddresseeRole {
  id: string;
  nameKo: string;
  nameEn: string;
  institutionTypes: string[] | null;
  anyInstitutionType: boolean | null;
  definitionKo: string | null;
  definitionEn: string | null;
}

export type AddresseeMatch =
  /** No addressee recorded: nothing to check (data loaded before roles existed). */
  | { kind: 'UNSTATED' }
  /** Every role the obligation names follows from the activity: whoever provides the service is bound. */
  | { kind: 'BY_ACTIVITY'; roles: AddresseeRole[] }
  /** The provider's institution type is covered by `role`. */
  | { kind: 'MATCHED'; role: AddresseeRole; institutionType: string }
  /** The provider's institution type is known and no role covers it. */
  | { kind: 'NOT_ADDRESSED'; roles: AddresseeRole[]; institutionType: string }
  /** No institution type was given: the duty applies only if the provider holds one of `roles`. */
  | { kind: 'CONDITIONAL'; roles: AddresseeRole[] };

/** Institution.type values in words (never the enum name in Korean text). */
export const INSTITUTION_TYPE_NAMES: Record<string, { ko: string; en: string }> = {
  BANK: { ko: '은행', en: 'bank' },
  SPECIAL_BANK: { ko: '특수은행', en: 'special-purpose bank' },
  CARD_COMPANY: { ko: '신용카드회사', en: 'credit-card company' },
  INSURER: { ko: '보험회사', en: 'insurer' },
  SECURITIES_FIRM: { ko: '금융투자회사', en: 'securities firm' },
  CREDIT_BUREAU: { ko: '신용정보회사', en: 'credit bureau' },
  FINTECH: { ko: '핀테크 기업', en: 'fintech company' },
  AI_VENDOR: { ko: 'AI 기업', en: 'AI vendor' },
  REGULATOR: { ko: '금융규제기관', en: 'regulator' },
  SUPERVISOR: { ko: '감독기관', en: 'supervisor' },
  MINISTRY: { ko: '정부 부처', en: 'ministry' },
  DATA_PROTECTION_AUTHORITY: { ko: '개인정보 감독기관', en: 'data-protection authority' },
  INFRASTRUCTURE: { ko: '금융 인프라 기관', en: 'financial infrastructure body' },
  ASSOCIATION: { ko: '협회', en: 'association' },
  ACADEMIA: { ko: '대학·연구기관', en: 'academic institution' },
  LAW_FIRM: { ko: '법무법인', en: 'law firm' },
  FINANCIAL_GROUP: { ko: '금융지주회사', en: 'financial holding company' },
};

export function institutionTypeName(type: string): { ko: string; en: string } {
  return INSTITUTION_TYPE_NAMES[type] ?? { ko: '기타 기관', en: type.toLowerCase().replace(/_/g, ' ') };
}

function covers(role: AddresseeRole, institutionType: string): boolean {
  return role.anyInstitutionType === true || (role.institutionTypes ?? []).includes(institutionType);
}

/** How the obligation's addressees meet the provider (see the module comment). */
export function matchAddressees(roles: AddresseeRole[] | null | undefined, institutionType: string | null): AddresseeMatch {
  const list = roles ?? [];
  if (list.length === 0) return { kind: 'UNSTATED' };
  if (list.every((r) => r.anyInstitutionType === true)) return { kind: 'BY_ACTIVITY', roles: list };
  if (!institutionType) return { kind: 'CONDITIONAL', roles: list };
  const role = list.find((r) => r.anyInstitutionType !== true && covers(r, institutionType)) ?? list.find((r) => covers(r, institutionType));
  return role ? { kind: 'MATCHED', role, institutionType } : { kind: 'NOT_ADDRESSED', roles: list, institutionType };
}

/** An obligation with addressees and no trigger at all binds every service its addressees provide (AI Basic Act Art. 33(1)). */
export function bindsEveryService(cand: Candidate): boolean {
  const o = cand.obligation;
  return (
    o.sandboxOnly !== true &&
    cand.triggerIds.length === 0 &&
    (o.triggerRiskLevels ?? []).length === 0 &&
    (o.triggerInstitutionTypes ?? []).length === 0 &&
    (o.triggerStatutoryClasses ?? []).length === 0 &&
    (cand.addressees ?? []).length > 0
  );
}

/** "개인신용평가회사 또는 대통령령으로 정하는 …" / "a personal credit-scoring company or …". */
function orList(roles: AddresseeRole[], lang: 'ko' | 'en'): string {
  const names = roles.map((r) => (lang === 'ko' ? r.nameKo : r.nameEn));
  if (names.length <= 1) return names[0] ?? '';
  return `${names.slice(0, -1).join(', ')}${lang === 'ko' ? ' 또는 ' : ' or '}${names.at(-1)}`;
}

/** "a" or "an" before an English noun phrase (by its first letter; enough for the role names). */
export function article(phrase: string): string {
  return /^[aeiou]/i.test(phrase) ? 'an' : 'a';
}

/** The roles of a CONDITIONAL result, or-listed, for the verdict "applies if the provider is …". */
export function conditionalRoles(match: AddresseeMatch): { ko: string; en: string } | null {
  return match.kind === 'CONDITIONAL' ? { ko: orList(match.roles, 'ko'), en: orList(match.roles, 'en') } : null;
}

/** The condition a CONDITIONAL result carries, in both languages: "applies if you are …". */
export function conditionOf(match: AddresseeMatch): { ko: string; en: string } | null {
  if (match.kind !== 'CONDITIONAL') return null;
  const specific = match.roles.filter((r) => r.anyInstitutionType !== true);
  const types = [...new Set(specific.flatMap((r) => r.institutionTypes ?? []))].map(institutionTypeName);
  const typesEn = types.map((t) => t.en).join(', ');
  const typesKo = types.map((t) => t.ko).join('·');
  return {
    en: `Applies only if the provider is ${article(orList(match.roles, 'en'))} ${orList(match.roles, 'en')}${types.length ? ` (institution types: ${typesEn})` : ''}; the question names no institution.`,
    ko: `제공자가 ${orList(match.roles, 'ko')}인 경우에만 적용됩니다${types.length ? `(해당 기관 유형: ${typesKo})` : ''}. 질문에 기관이 지정되지 않았습니다.`,
  };
}

function step(type: string, id: string, nameKo: string, nameEn: string, via: string | null): PathStep {
  return { type, id, nameKo, nameEn, via };
}

/**
 * The ADDRESSEE reason: who the duty binds and why the provider is (or may be) among them. Given
 * when the role is institution-specific (matched or conditional) or when the addressee alone makes
 * the duty reach the service; for activity-based roles next to a trigger it would only repeat the trigger.
 */
export function addresseeReason(match: AddresseeMatch, cand: Candidate, serviceName: { ko: string; en: string }, tail: PathStep[]): Reason | null {
  const cite = cand.provisions[0];
  const citeKo = cite?.citationKo ?? '';
  const citeEn = cite?.citationEn ?? '';
  if (match.kind === 'MATCHED') {
    const t = institutionTypeName(match.institutionType);
    const r = match.role;
    return {
      kind: 'ADDRESSEE',
      path: [step('InstitutionType', match.institutionType, t.ko, t.en, 'CAN_HOLD'), step('AddresseeRole', r.id, r.nameKo, r.nameEn, 'ADDRESSED_BY'), ...tail],
      factEn: `${citeEn} binds the ${r.nameEn}; the provider is ${article(t.en)} ${t.en}, an institution type that holds this role.`,
      factKo: `${josa(citeKo, '은/는')} ${josa(r.nameKo, '을/를')} 수범자로 하며, 제공자는 이 지위에 해당하는 기관 유형인 ${t.ko}입니다.`,
      explanationEn: '',
      explanationKo: '',
    };
  }
  if (match.kind === 'CONDITIONAL') {
    const names = match.roles;
    return {
      kind: 'ADDRESSEE',
      path: [step('AddresseeRole', names[0]!.id, names[0]!.nameKo, names[0]!.nameEn, 'ADDRESSED_BY'), ...tail],
      factEn: `${citeEn} binds only the ${orList(names, 'en')}.`,
      factKo: `${josa(citeKo, '은/는')} ${orList(names, 'ko')}에게만 적용되는 규정입니다.`,
      explanationEn: '',
      explanationKo: '',
    };
  }
  if (match.kind === 'BY_ACTIVITY' && bindsEveryService(cand)) {
    const r = match.roles[0]!;
    return {
      kind: 'ADDRESSEE',
      path: [step('AIServiceType', 'provider', serviceName.ko, serviceName.en, 'PROVIDED_BY'), step('AddresseeRole', r.id, r.nameKo, r.nameEn, 'ADDRESSED_BY'), ...tail],
      factEn: `${citeEn} binds every ${r.nameEn}, whatever the service; whoever provides ${serviceName.en} is one.`,
      factKo: `${josa(citeKo, '은/는')} 서비스의 종류와 관계없이 모든 ${josa(r.nameKo, '을/를')} 수범자로 하며, ${serviceName.ko} 제공자도 이에 해당합니다.`,
      explanationEn: '',
      explanationKo: '',
    };
  }
  return null;
}
