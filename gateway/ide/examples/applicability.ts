/**
 * Examples that return applicability reports; the IDE opens their answers in the report view
 * (app/report/), so they select what it shows: both languages of statements and path-node names,
 * regulation names and sources of citations, designation effects, and the data version.
 */
import type { ExampleOperation } from './types.ts';

export const APPLICABILITY_EXAMPLES: readonly ExampleOperation[] = [
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
query FaceRecognitionPaymentUnderSandbox($serviceType: ID!, $asOf: Date, $language: Language = KO) {
  dataVersion
  applicableObligations(serviceType: $serviceType, context: { sandbox: true, asOf: $asOf }) {
    results {
      obligation {
        id
        kind
        statementKo: statement(language: KO, asOf: $asOf)
        statementEn: statement(language: EN, asOf: $asOf)
      }
      status
      appliesIfKo: appliesIf(language: KO)
      appliesIfEn: appliesIf(language: EN)
      binding
      jurisdiction
      citations {
        citationKo
        citationEn
        regulationNameKo
        regulationNameEn
        inForce
        sourceUrl
        sourceKind
      }
      reasons {
        kind
        explanationKo: explanation(language: KO)
        explanationEn: explanation(language: EN)
        path {
          type
          id
          nameKo: name(language: KO)
          nameEn: name(language: EN)
          via
        }
      }
      designationEffect {
        effect
        noteKo
        noteEn
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
    notes(language: $language)
  }
}
`,
    variables: { serviceType: 'svc/face-recognition-payment', language: 'KO' },
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
  dataVersion
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
      asOf
      sandbox
      serviceType {
        id
        nameKo
        nameEn
      }
      deployment {
        id
        nameKo
        nameEn
      }
      results {
        status
        binding
        appliesIf(language: KO)
        obligation {
          id
          kind
          statementKo: statement(language: KO, asOf: $asOf)
          statementEn: statement(language: EN, asOf: $asOf)
        }
        citations {
          citationKo
          citationEn
          regulationNameKo
          regulationNameEn
          sourceUrl
        }
        designationEffect {
          effect
          noteKo
          noteEn
          designation {
            id
          }
        }
      }
      notes(language: KO)
    }
  }
}
`,
    variables: { institution: 'inst/shinhan-card' },
  },
];
