/**
 * The change-feed examples of the IDE (issue 17), kept beside the other example files (examples.ts lists them after
 * its own) so that file stays one concern per screen. Free of Node and DOM imports, like examples.ts.
 */
import type { ExampleOperation } from './types.ts';

/**
 * What the change-feed view (app/report/changes-*.tsx) shows of each change: the statement in both
 * languages, the cited articles with their source, the cause and the provision's text diff. The past
 * feed takes every version's source (the view links the one in force on the change's day); the
 * upcoming feed, lists 10 × 10 deep, would pass the cost limit (MAX_QUERY_COST) with them, so it
 * takes today's (`versionAt`).
 */
const sources = (past: boolean) => (past ? 'versions {\n      validFrom\n      sourceUrl\n    }' : 'versionAt {\n      sourceUrl\n    }');

const fragments = (past: boolean) => `
fragment Change on ApplicabilityChange {
  on
  kind
  before
  after
  serviceType {
    id
  }
  deployment {
    id
  }
  obligation {
    id
    kind
    statementKo: statement(language: KO)
    statementEn: statement(language: EN)
    provisions {
      id
      citationKo
      citationEn
      ${sources(past)}
    }
  }
  cause {
    kind
    estimated
    descriptionKo: description(language: KO)
    descriptionEn: description(language: EN)
  }
  explanationKo: explanation(language: KO)
  explanationEn: explanation(language: EN)
  textDiffs {
    provision {
      id
      citationKo
      citationEn
    }
    fromVersion
    toVersion
    patch
  }
}
`;

export const CHANGE_EXAMPLES: readonly ExampleOperation[] = [
  {
    id: 'changes-shinhan-card',
    titleKo: '신한카드에 대해 두 날짜 사이에 바뀐 것',
    titleEn: 'What changed for Shinhan Card between two dates',
    descriptionKo:
      '신한카드의 모든 배치 서비스에 대하여 두 날짜 사이에 적용 보고서가 바뀐 날과 내용(적용 시작·종료, 지정에 따른 면제의 ' +
      '시작·종료, 조문 문구 변경)을 원인(개정법률 시행, 지정기간 만료 등)과 함께 날짜순으로 보여줍니다.',
    descriptionEn:
      'Every change to the applicability reports of Shinhan Card\'s deployed services between two dates, in ' +
      'date order: duties starting or stopping, designation exemptions starting or ending, wording changes, ' +
      'each with its cause (an amendment taking effect, a designation expiring).',
    query: `# 신한카드에 대해 두 날짜 사이에 바뀐 것 / What changed for Shinhan Card between two dates
query ShinhanCardChanges($institution: ID!, $from: Date!, $to: Date!) {
  dataVersion
  changes(institution: $institution, from: $from, to: $to) {
    ...Change
  }
}
${fragments(true)}`,
    variables: { institution: 'inst/shinhan-card', from: '2019-10-01', to: '2023-12-31' },
  },
  {
    id: 'upcoming-changes',
    titleKo: '앞으로 3개월 안에 시행되는 변경',
    titleEn: 'What takes effect in the next 3 months',
    descriptionKo:
      '모든 서비스 유형과 기관의 배치 서비스에 대하여 앞으로 3개월 안에 효력이 생기는 변경을 법령별로 묶어 보여줍니다 ' +
      '(예: 2026년 12월 17일 시행 전자금융거래법 개정). 조문 문구가 바뀌면 차이(diff)도 함께 보여줍니다.',
    descriptionEn:
      'Every change taking effect in the next 3 months for all service types and institutions\' deployments, ' +
      'grouped by instrument (e.g. the Electronic Financial Transactions Act amendment in force on ' +
      '2026-12-17), with the text diff where a provision\'s wording changes.',
    query: `# 앞으로 3개월 안에 시행되는 변경 / What takes effect in the next 3 months
query UpcomingChanges($months: Int!) {
  dataVersion
  upcomingChanges(months: $months) {
    regulation {
      id
      nameKo
      nameEn
    }
    amendments {
      id
    }
    changes {
      ...Change
    }
  }
}
${fragments(false)}`,
    variables: { months: 3 },
  },
];
