/**
 * Korean a Korean reader does not stumble on: every Korean reason, note, "applies if" and path name
 * of the flagship answer, for every seed service type, in and out of the sandbox, before and after
 * the laws' in-force dates, with and without an institution type. Fails on the slash-less fallback
 * particles ("은(는)", "이(가)", "을(를)", "(으)로") and on any enum value of the API (HIGH,
 * CREDIT_BUREAU, NOT_YET_IN_FORCE …) in Korean text.
 */
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startStack, type TestStack } from '../support/stack.ts';

const REPORT = /* GraphQL */ `
  query Ko($serviceType: ID, $context: ApplicabilityContext) {
    applicableObligations(serviceType: $serviceType, context: $context) {
      notes(language: KO)
      results {
        obligation { id }
        appliesIf(language: KO)
        reasons { explanation(language: KO) path { name(language: KO) } }
      }
    }
  }
`;
interface Report {
  notes: string[];
  results: { obligation: { id: string }; appliesIf: string | null; reasons: { explanation: string; path: { name: string }[] }[] }[];
}

/** Values of the API's enums (not languages, jurisdictions such as "EU", or source kinds). */
function enumValues(): string[] {
  const sdl = readFileSync(new URL('../../schema/obligations.graphql', import.meta.url), 'utf8');
  const out: string[] = [];
  for (const m of sdl.matchAll(/enum (\w+) \{([^}]*)\}/g)) {
    if (['Language', 'Jurisdiction', 'SourceKind'].includes(m[1]!)) continue;
    for (const line of m[2]!.split('\n')) {
      const v = /^\s*([A-Z][A-Z0-9_]+)\s*$/.exec(line)?.[1];
      if (v) out.push(v);
    }
  }
  return out;
}
const ENUMS = enumValues();
const ENUM_RE = new RegExp(`(?<![A-Za-z0-9_])(${ENUMS.join('|')})(?![A-Za-z0-9_])`);
const PARTICLE_FALLBACK = /\((은|는|이|가|을|를|으|과|와)\)|\(으\)로/;
/** Graph ids (`sbx/…`, `svc/…`, `obl/…`) and camelCase field names are not Korean prose. */
const ID_OR_FIELD = /(?<![A-Za-z0-9_/])((?:sbx|svc|obl|dep|inst|cap|dc|role)\/[a-z0-9/-]+|[a-z]+[A-Z][A-Za-z]*)(?![A-Za-z0-9_])/;

function serviceTypeIds(): string[] {
  const yaml = readFileSync(new URL('../../seed/data/services.yaml', import.meta.url), 'utf8');
  return [...yaml.matchAll(/^  - id: (svc\/[a-z0-9-]+)$/gm)].map((m) => m[1]!);
}

let stack: TestStack;
beforeAll(async () => {
  // Four sessions share two cores: a cold first answer (engine index build) may pass the default 5 s.
  stack = await startStack({ env: { SUBGRAPH_TIMEOUT_MS: '60000' } });
});
afterAll(async () => {
  await stack?.stop();
});

describe('Korean output reads as Korean', () => {
  it('finds the enum names it guards against', () => {
    expect(ENUMS).toEqual(expect.arrayContaining(['HIGH', 'CREDIT_BUREAU', 'NOT_YET_IN_FORCE', 'KR_AIBA_HIGH_IMPACT_SA', 'ADDRESSEE']));
    expect(ENUM_RE.test('위험등급 HIGH로')).toBe(true);
    expect(PARTICLE_FALLBACK.test('AI 여신심사은(는)')).toBe(true);
    expect(PARTICLE_FALLBACK.test('제20조이(가) 적용됩니다')).toBe(true);
    expect(ENUM_RE.test('EU AI Act 제26조')).toBe(false);
    expect(ID_OR_FIELD.test('혁신금융서비스 지정 sbx/shinhan-card-face-pay(신한카드)')).toBe(true);
    expect(ID_OR_FIELD.test('지정의 periodEnd 필드 참조')).toBe(true);
    expect(ID_OR_FIELD.test('https://www.law.go.kr/법령/전자금융거래법')).toBe(false);
  });

  it('has no fallback particle and no enum name in any Korean reason, note, condition or path name of any seed service', async () => {
    const services = serviceTypeIds();
    expect(services.length).toBeGreaterThanOrEqual(20);
    const contexts = [
      { sandbox: true, asOf: '2026-11-24' },
      { sandbox: true, asOf: '2020-01-01' },
      { institutionType: 'BANK', asOf: '2026-11-24' },
      { institutionType: 'CREDIT_BUREAU', asOf: '2021-01-01' },
    ];
    const problems: string[] = [];
    let texts = 0;
    for (const serviceType of services) {
      for (const context of contexts) {
        const body = await stack.gql<{ applicableObligations: Report }>(REPORT, { serviceType, context });
        expect(body.errors, JSON.stringify(body.errors)).toBeUndefined();
        const r = body.data!.applicableObligations;
        const where = `${serviceType} ${JSON.stringify(context)}`;
        const check = (text: string, what: string) => {
          texts += 1;
          if (PARTICLE_FALLBACK.test(text)) problems.push(`${where} ${what}: fallback particle in "${text}"`);
          const e = ENUM_RE.exec(text);
          if (e) problems.push(`${where} ${what}: enum name ${e[1]} in "${text}"`);
          const f = ID_OR_FIELD.exec(text);
          if (f) problems.push(`${where} ${what}: id or field name ${f[1]} in "${text}"`);
        };
        r.notes.forEach((n) => check(n, 'note'));
        for (const x of r.results) {
          if (x.appliesIf) check(x.appliesIf, `${x.obligation.id} appliesIf`);
          for (const y of x.reasons) {
            check(y.explanation, `${x.obligation.id} reason`);
            y.path.forEach((p) => check(p.name, `${x.obligation.id} path`));
          }
        }
      }
    }
    expect(texts).toBeGreaterThan(1000);
    expect(problems.slice(0, 20)).toEqual([]);
  });
});
