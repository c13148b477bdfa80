/**
 * Classifications the statutes themselves define, as opposed to the graph's own riskLevel tier
 * (services.yaml: HIGH / TRANSPARENCY / MINIMAL is regkg's reading across the EU AI Act, the AI
 * Basic Act and the FSC guideline, not any one statute's category). Reasons built on a statutory
 * class quote its definition; reasons built on the risk tier say that it is the graph's own.
 */
export interface StatutoryClass {
  id: string;
  provisionId: string;
  nameKo: string;
  nameEn: string;
  /** The defining words, verbatim. */
  textKo: string;
  textEn: string;
}

export const STATUTORY_CLASSES: Record<string, StatutoryClass> = {
  // 인공지능 기본법 제2조제4호: ""고영향 인공지능"이란 사람의 생명, 신체의 안전 및 기본권에 중대한
  // 영향을 미치거나 위험을 초래할 우려가 있는 인공지능시스템으로서 다음 각 목의 어느 하나의 영역에서
  // 활용되는 것을 말한다. … 사. 채용, 대출 심사 등 개인의 권리ㆍ의무 관계에 중대한 영향을 미치는 판단
  // 또는 평가". The decree (시행령 제25조제2항제1호) has the Minister judge "인공지능이 법 제2조제4호
  // 각 목의 어느 하나의 영역에서 활용되는지 여부" and adds no area of its own.
  KR_AIBA_HIGH_IMPACT_SA: {
    id: 'KR_AIBA_HIGH_IMPACT_SA',
    provisionId: 'kr/aiba/art-2',
    nameKo: '고영향 인공지능(인공지능 기본법 제2조제4호사목)',
    nameEn: 'high-impact AI (AI Basic Act Art. 2(4) item 사)',
    textKo: '채용, 대출 심사 등 개인의 권리ㆍ의무 관계에 중대한 영향을 미치는 판단 또는 평가',
    textEn: "judgments or evaluations, such as hiring and loan screening, that significantly affect individuals' rights and duties",
  },
};

/** The graph's own risk tiers in words (never the enum name in Korean text). */
export const RISK_TIER_NAMES: Record<string, { ko: string; en: string }> = {
  PROHIBITED: { ko: '금지', en: 'prohibited' },
  HIGH: { ko: '고위험', en: 'high-risk' },
  TRANSPARENCY: { ko: '투명성 의무', en: 'transparency' },
  MINIMAL: { ko: '최소 위험', en: 'minimal-risk' },
};
