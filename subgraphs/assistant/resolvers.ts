import { Kind, type FieldNode, type GraphQLResolveInfo, type SelectionSetNode } from 'graphql';
import { badInput } from '../../lib/errors.ts';
import type { MatchResult } from '../../matcher/index.ts';
import { page } from '../../lib/pagination.ts';
import type { BaseContext } from '../shared/context.ts';
import * as Q from './cypher.ts';
import type { IndexCache } from './index-cache.ts';

export interface AssistantLoaders {
  index: IndexCache;
}
type Ctx = BaseContext<AssistantLoaders>;
type Language = 'KO' | 'EN';

const FIELD = { title: 'TITLE', statement: 'STATEMENT', provisionText: 'PROVISION_TEXT', concepts: 'CONCEPT' } as const;
const REPEAL = /(삭제|폐지|효력을\s*상실|적용하지\s*아니한다|\brepeal|\bdelete[ds]?\b|\bno longer\b|\brevoke)/i;

/** Text similarity (Matcher.similarity) from which a new text is the matched obligation's own wording. */
export const UNCHANGED_SIMILARITY = 0.9;

/**
 * What the new text seems to do to a matched obligation. UNCHANGED is a text test, not a ranking one:
 * the new text says what the obligation's provision (or statement) already says, word for word up to
 * spacing, particles and inflection (`similarity` ≥ 0.9). A confident match is only "about the same
 * thing", which an amendment to that obligation also is. `similarity` is asked for lazily: only a
 * match that is neither LOW nor a repeal needs it.
 */
export function suggestChange(text: string, m: MatchResult, similarity: () => number): 'NEW' | 'CHANGED' | 'OBSOLETE' | 'UNCHANGED' {
  if (m.confidence === 'LOW') return 'NEW';
  if (REPEAL.test(text)) return 'OBSOLETE';
  if (similarity() >= UNCHANGED_SIMILARITY) return 'UNCHANGED';
  return 'CHANGED';
}

function checkText(text: string, ctx: Ctx): void {
  if (!text.trim()) throw badInput('text must not be empty', 'text');
  if (text.length > ctx.config.limits.maxTextLength) {
    throw badInput(`text is ${text.length} characters; the limit is ${ctx.config.limits.maxTextLength}`, 'text');
  }
}

/** Fields of ObligationMatch that need the matcher's evidence (re-reading the top documents' texts). */
const EXPLAINED = new Set(['matchedTerms', 'explanation']);

/**
 * Whether the operation selects an evidence field on the matches (reached through `path` from the
 * resolved field). The evidence is most of a match's cost (tokenising and tagging the returned
 * documents' texts): a caller asking only for scores and obligations does not pay for it.
 */
export function selectsEvidence(info: Pick<GraphQLResolveInfo, 'fieldNodes' | 'fragments'>, path: string[] = []): boolean {
  const fieldsOf = (sets: readonly SelectionSetNode[]): FieldNode[] => {
    const out: FieldNode[] = [];
    const walk = (set: SelectionSetNode) => {
      for (const sel of set.selections) {
        if (sel.kind === Kind.FIELD) out.push(sel);
        else if (sel.kind === Kind.INLINE_FRAGMENT) walk(sel.selectionSet);
        else {
          const f = info.fragments[sel.name.value];
          if (f) walk(f.selectionSet);
        }
      }
    };
    sets.forEach(walk);
    return out;
  };
  let level = fieldsOf(info.fieldNodes.flatMap((n) => (n.selectionSet ? [n.selectionSet] : [])));
  for (const name of path) level = fieldsOf(level.filter((f) => f.name.value === name && f.selectionSet).map((f) => f.selectionSet!));
  return level.some((f) => EXPLAINED.has(f.name.value));
}

async function match(ctx: Ctx, a: { text: string; language?: Language | null; limit?: number | null }, info: GraphQLResolveInfo, explain: boolean) {
  checkText(a.text, ctx);
  const { limit } = page(a, info, ctx.config.limits);
  // The matcher returns at least one result; a page of 0 is an empty page, as on every list field.
  if (limit === 0) return [];
  const state = await ctx.loaders.index.get(ctx.exec);
  const results = state.matcher.search(a.text, { limit, explain, language: a.language === 'KO' ? 'ko' : a.language === 'EN' ? 'en' : 'auto' });
  return results.map((m) => ({
    obligation: { id: m.id },
    score: m.score,
    confidence: m.confidence,
    needsHumanConfirmation: m.needsHumanConfirmation,
    matchedTerms: m.matches.map((t) => ({ field: FIELD[t.field], queryTerm: t.queryTerm, documentTerm: t.documentTerm, via: t.via })),
    explanation: m.explanation,
    suggestion: suggestChange(a.text, m, () => state.matcher.similarity(m.id, a.text)),
  }));
}

export const resolvers = {
  Query: {
    matchObligations: (_: unknown, a: { text: string; language?: Language; limit?: number }, ctx: Ctx, info: GraphQLResolveInfo) => match(ctx, a, info, selectsEvidence(info)),
    analyzeAmendment: async (_: unknown, a: { text: string; language?: Language; limit?: number }, ctx: Ctx, info: GraphQLResolveInfo) => {
      const matches = await match(ctx, a, info, selectsEvidence(info, ['matches']));
      const confident = matches.filter((m) => m.confidence !== 'LOW').map((m) => m.obligation.id);
      const ids = confident.length > 0 ? confident : matches.slice(0, 3).map((m) => m.obligation.id);
      const rows = ids.length ? await ctx.exec.read('assistantImpact', Q.IMPACT, { ids }) : [];
      const r = rows[0] ?? { provisionIds: [], serviceTypeIds: [], institutionIds: [], designationIds: [] };
      const refs = (xs: unknown) => [...new Set((xs as (string | null)[]).filter(Boolean))].sort().map((id) => ({ id }));
      const impact = {
        matches,
        provisions: refs(r.provisionIds),
        serviceTypes: refs(r.serviceTypeIds),
        institutions: refs(r.institutionIds),
        designations: refs(r.designationIds),
      };
      return { ...impact, basis: ids };
    },
    assistantStatus: async (_: unknown, __: unknown, ctx: Ctx) => {
      const s = await ctx.loaders.index.get(ctx.exec);
      return { indexedObligations: s.size, dataVersion: s.dataVersion, builtAt: s.builtAt };
    },
  },
  AmendmentImpact: {
    summary: (i: { matches: { suggestion: string }[]; provisions: unknown[]; serviceTypes: unknown[]; institutions: unknown[]; designations: unknown[]; basis: string[] }, a: { language?: Language }) => {
      const count = (s: string) => i.matches.filter((m) => m.suggestion === s).length;
      if (a.language === 'KO') {
        return `일치 의무 ${i.matches.length}건(변경 ${count('CHANGED')}, 신규 ${count('NEW')}, 폐지 ${count('OBSOLETE')}, 동일 ${count('UNCHANGED')}). 영향: 조문 ${i.provisions.length}개, 서비스 유형 ${i.serviceTypes.length}개, 기관 ${i.institutions.length}곳, 혁신금융서비스 지정 ${i.designations.length}건 (근거 의무: ${i.basis.join(', ') || '없음'}).`;
      }
      return `${i.matches.length} matching obligations (${count('CHANGED')} changed, ${count('NEW')} new, ${count('OBSOLETE')} obsolete, ${count('UNCHANGED')} unchanged). Impact: ${i.provisions.length} provisions, ${i.serviceTypes.length} service types, ${i.institutions.length} institutions, ${i.designations.length} sandbox designations (through: ${i.basis.join(', ') || 'none'}).`;
    },
  },
};
