/**
 * Ready-made operations for the compliance IDE. The IDE opens each one in its own tab, the README
 * quotes them, and the e2e tests run them, so all three always agree. Kept free of Node and DOM
 * imports: the browser bundle imports this file too.
 */
import { CHANGE_EXAMPLES } from './examples-changes.ts';

export interface ExampleOperation {
  /** Stable, kebab-case; used in test names and the IDE's example list. */
  id: string;
  titleKo: string;
  titleEn: string;
  descriptionKo: string;
  descriptionEn: string;
  /** A single named GraphQL operation against the supergraph's API schema. */
  query: string;
  variables: Record<string, unknown>;
  /** Pre-filled request headers (JSON with comments, as GraphiQL's headers pane accepts). */
  headers?: string;
}

/** Pasted into the assistant example: PIPA Art. 37-2(1), the right to refuse automated decisions. */
const PIPA_37_2_CLAUSE =
  '정보주체는 완전히 자동화된 시스템(인공지능 기술을 적용한 시스템을 포함한다)으로 개인정보를 처리하여 ' +
  '이루어지는 결정이 자신의 권리 또는 의무에 중대한 영향을 미치는 경우에는 해당 개인정보처리자에 대하여 ' +
  '해당 결정을 거부할 수 있는 권리를 가진다.';

export const EXAMPLE_OPERATIONS: readonly ExampleOperation[] = [
  {
    id: 'flagship-face-payment-sandbox',
    titleKo: '샌드박스 지정 얼굴인식 결제 서비스에 적용되는 규칙',
    titleEn: 'Rules for a face-recognition payment service under sandbox designation',
    descriptionKo:
      '혁신금융서비스(규제 샌드박스)로 지정된 얼굴인식 결제 서비스에 적용되는 의무를 상태(적용·면제·변경·미시행), ' +
      '그래프 경로로 된 근거, 조문 인용과 함께 보여줍니다.',
    descriptionEn:
      'Every obligation that reaches a face-recognition payment service operating under an innovative ' +
      'financial service (regulatory sandbox) designation, with its status, the graph paths that explain ' +
      'why it applies, and the provisions it cites.',
    query: `# 샌드박스 지정 얼굴인식 결제 서비스에 적용되는 규칙
# Rules for a face-recognition payment service under sandbox designation
query FaceRecognitionPaymentUnderSandbox($serviceType: ID!, $asOf: Date) {
  applicableObligations(serviceType: $serviceType, context: { sandbox: true, asOf: $asOf }) {
    results {
      obligation {
        id
        kind
        statementKo: statement(language: KO, asOf: $asOf)
        statementEn: statement(language: EN, asOf: $asOf)
      }
      status
      binding
      jurisdiction
      citations {
        citationKo
        citationEn
        inForce
        sourceUrl
      }
      reasons {
        kind
        explanation(language: EN)
        path {
          type
          id
          via
        }
      }
      designationEffect {
        effect
        noteKo
        designation {
          id
        }
      }
    }
    asOf
    sandbox
    serviceType {
      id
      nameKo
      nameEn
    }
    designations {
      id
      nameKo
      validFrom
      validTo
      status(asOf: $asOf)
    }
    notes
  }
}
`,
    variables: { serviceType: 'svc/face-recognition-payment' },
  },
  {
    id: 'institution-obligations',
    titleKo: '금융회사의 의무 전체',
    titleEn: "An institution's obligations",
    descriptionKo:
      '한 금융회사가 운영하는 모든 AI 서비스(배포)에 걸친 의무를 서비스별 적용 보고서로 보여줍니다. ' +
      '예시는 신한카드입니다.',
    descriptionEn:
      'Every obligation of one institution across the AI services it has deployed, as one applicability ' +
      'report per deployment. The example uses Shinhan Card.',
    query: `# 금융회사의 의무 전체 / An institution's obligations
query InstitutionObligations($institution: ID!, $asOf: Date) {
  institution(id: $institution) {
    id
    nameKo
    nameEn
    type
    deployments {
      id
      nameKo
      serviceType {
        id
        nameKo
      }
      designation {
        id
        status(asOf: $asOf)
      }
    }
    obligations(asOf: $asOf) {
      serviceType {
        id
        nameKo
      }
      deployment {
        id
        nameEn
      }
      results {
        status
        binding
        obligation {
          id
          kind
          statement(language: KO, asOf: $asOf)
        }
        citations {
          citationKo
        }
      }
      notes
    }
  }
}
`,
    variables: { institution: 'inst/shinhan-card' },
  },
  {
    id: 'expiring-designations',
    titleKo: '만료 예정 샌드박스 지정',
    titleEn: 'Expiring sandbox designations',
    descriptionKo:
      '지정 기간이 앞으로 몇 개월 안에 끝나는 혁신금융서비스 지정을 가까운 순서로, 특례(면제·변경) 조문과 함께 보여줍니다.',
    descriptionEn:
      'Innovative financial service designations whose period ends within the next few months, soonest ' +
      'first, with the provisions their exemptions touch.',
    query: `# 만료 예정 샌드박스 지정 / Expiring sandbox designations
query ExpiringDesignations($months: Int!, $from: Date) {
  designationsExpiring(months: $months, from: $from) {
    id
    nameKo
    nameEn
    designationNumber
    validFrom
    validTo
    extendedOn
    status(asOf: $from)
    institution {
      id
      nameKo
    }
    serviceType {
      id
      nameKo
    }
    exemptions {
      effect
      noteKo
      provision {
        citationKo
      }
    }
  }
}
`,
    variables: { months: 12 },
  },
  {
    id: 'credit-information-act-36-2-as-of',
    titleKo: '신용정보법 제36조의2 개정 전후 비교 (2020-08-04 / 2020-08-05)',
    titleEn: 'Credit Information Act Art. 36-2 before and after the amendment (2020-08-04 vs 2020-08-05)',
    descriptionKo:
      '2020년 8월 5일 시행된 신용정보법 개정(법률 제16957호) 전날과 당일의 제36조의2 조문과 그로부터 도출된 의무를 ' +
      '별칭(alias)으로 나란히 조회합니다. 그날 시행되지 않던 조문은 null로 나옵니다.',
    descriptionEn:
      'The text of Credit Information Act Art. 36-2 and the obligations derived from it on the day before ' +
      'and the day the 2020 amendment (Act No. 16957) took effect, side by side through aliases; a ' +
      'provision not in force on a date comes back as null.',
    query: `# 신용정보법 제36조의2 개정 전후 / Credit Information Act Art. 36-2 before and after
query CreditInformationArt36_2AsOf($provision: ID!, $before: Date!, $after: Date!) {
  provision(id: $provision) {
    id
    citationKo
    citationEn
    inForceBefore: inForce(asOf: $before)
    inForceAfter: inForce(asOf: $after)
    before: versionAt(asOf: $before) {
      id
      validFrom
      validTo
    }
    textBefore: text(asOf: $before, language: KO)
    obligationsBefore: obligations(asOf: $before) {
      id
      kind
      statement(language: KO, asOf: $before)
    }
    after: versionAt(asOf: $after) {
      id
      validFrom
      validTo
      amendment {
        id
        lawNumber
        effectiveOn
      }
    }
    textAfter: text(asOf: $after, language: KO)
    obligationsAfter: obligations(asOf: $after) {
      id
      kind
      statement(language: KO, asOf: $after)
    }
    versions {
      validFrom
      validTo
      amendment {
        id
        lawNumber
        effectiveOn
      }
    }
  }
}
`,
    variables: { provision: 'kr/cia/art-36-2', before: '2020-08-04', after: '2020-08-05' },
  },
  {
    id: 'assistant-match-clause',
    titleKo: '붙여넣은 조항과 기존 의무 매칭 (어시스턴트)',
    titleEn: 'Match a pasted clause against existing obligations (assistant)',
    descriptionKo:
      '규제 문구(한국어 또는 영어)를 붙여넣으면 어시스턴트가 관련 있는 기존 의무를 점수, 신뢰도, 일치한 용어, ' +
      '변경 제안과 함께 순위대로 보여줍니다. 예시는 개인정보 보호법 제37조의2 제1항입니다.',
    descriptionEn:
      'Paste regulatory text (Korean or English) and the assistant ranks the existing obligations it ' +
      'relates to, with score, confidence, the matched terms and a change suggestion. The example is ' +
      'PIPA Art. 37-2(1).',
    query: `# 붙여넣은 조항 매칭 / Match a pasted clause (assistant)
# 보호된 작업에는 헤더 창에 API 키를 넣으세요. / Protected operations need an API key in the headers pane.
query MatchPastedClause($text: String!, $limit: Int) {
  matchObligations(text: $text, limit: $limit) {
    score
    confidence
    needsHumanConfirmation
    suggestion
    explanation
    obligation {
      id
      kind
      statement(language: KO)
      provisions {
        citationKo
      }
    }
    matchedTerms {
      field
      queryTerm
      documentTerm
      via
    }
  }
}
`,
    variables: { text: PIPA_37_2_CLAUSE, limit: 5 },
    headers: `// 보호된 작업(쓰기 등)에는 API 키가 필요합니다. 아래 줄의 주석을 풀고 키를 넣으세요.
// Protected operations (writes) need an API key: uncomment the line below and paste your key.
{
  // "x-api-key": ""
}
`,
  },
  ...CHANGE_EXAMPLES,
];

/** The examples as Markdown (for the README), in the same order as the IDE's tabs. */
export function examplesMarkdown(): string {
  return EXAMPLE_OPERATIONS.map((e) =>
    [
      `### ${e.titleKo} / ${e.titleEn}`,
      '',
      e.descriptionKo,
      '',
      e.descriptionEn,
      '',
      '```graphql',
      e.query.trimEnd(),
      '```',
      '',
      'Variables:',
      '',
      '```json',
      JSON.stringify(e.variables, null, 2),
      '```',
      '',
    ].join('\n'),
  ).join('\n');
}
