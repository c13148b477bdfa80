import type { GraphQLResolveInfo } from 'graphql';
import { page } from '../../lib/pagination.ts';
import type { BaseContext } from '../shared/context.ts';
import { pick, type Language } from '../shared/i18n.ts';
import * as Q from './cypher.ts';
import type { AiServicesLoaders, Node } from './loaders.ts';

type Ctx = BaseContext<AiServicesLoaders>;
type Ref = { id: string };
type LangArgs = { language?: Language };

const present = <T>(xs: (T | null)[]): T[] => xs.filter((x): x is T => x !== null);
const name = (n: Node, a: LangArgs) => pick(n.nameKo, n.nameEn, a.language);
const list = async (ctx: Ctx, queryName: string, cypher: string, params: Record<string, unknown>) =>
  (await ctx.exec.read(queryName, cypher, params)).map((r) => r.node as Node);

export const resolvers = {
  Query: {
    serviceTypes: (_: unknown, a: { office?: string; riskLevel?: string; limit?: number; offset?: number }, ctx: Ctx, info: GraphQLResolveInfo) =>
      list(ctx, 'serviceTypeList', Q.SERVICE_TYPE_LIST, {
        office: a.office ?? null,
        riskLevel: a.riskLevel ?? null,
        ...page(a, info, ctx.config.limits),
      }),
    serviceType: (_: unknown, a: Ref, ctx: Ctx) => ctx.loaders.serviceType.load(a.id),
    capabilities: (_: unknown, a: { limit?: number }, ctx: Ctx, info: GraphQLResolveInfo) =>
      list(ctx, 'capabilityList', Q.CAPABILITY_LIST, { limit: page(a, info, ctx.config.limits).limit }),
    dataCategories: (_: unknown, a: { limit?: number }, ctx: Ctx, info: GraphQLResolveInfo) =>
      list(ctx, 'dataCategoryList', Q.DATA_CATEGORY_LIST, { limit: page(a, info, ctx.config.limits).limit }),
    concepts: (_: unknown, a: { limit?: number }, ctx: Ctx, info: GraphQLResolveInfo) =>
      list(ctx, 'conceptList', Q.CONCEPT_LIST, { limit: page(a, info, ctx.config.limits).limit }),
  },
  AIServiceType: {
    __resolveReference: (ref: Ref, ctx: Ctx) => ctx.loaders.serviceType.load(ref.id),
    name,
    statutoryClasses: (s: Node) => (s.statutoryClasses as string[] | null | undefined) ?? [],
    broader: (s: Node, _: unknown, ctx: Ctx) => (s.broaderId ? ctx.loaders.serviceType.load(s.broaderId as string) : null),
    narrower: async (s: Node, _: unknown, ctx: Ctx) => present(await ctx.loaders.serviceType.loadMany(await ctx.loaders.narrower.load(s.id)) as (Node | null)[]),
    capabilities: async (s: Node, _: unknown, ctx: Ctx) => present(await ctx.loaders.capability.loadMany(await ctx.loaders.capabilitiesOf.load(s.id)) as (Node | null)[]),
    dataCategories: async (s: Node, _: unknown, ctx: Ctx) => present(await ctx.loaders.dataCategory.loadMany(await ctx.loaders.dataCategoriesOf.load(s.id)) as (Node | null)[]),
  },
  Capability: {
    __resolveReference: (ref: Ref, ctx: Ctx) => ctx.loaders.capability.load(ref.id),
    name,
    concepts: async (c: Node, _: unknown, ctx: Ctx) => present(await ctx.loaders.concept.loadMany(await ctx.loaders.conceptsOf.load(c.id)) as (Node | null)[]),
  },
  DataCategory: {
    __resolveReference: (ref: Ref, ctx: Ctx) => ctx.loaders.dataCategory.load(ref.id),
    name,
    broader: (d: Node, _: unknown, ctx: Ctx) => (d.broaderId ? ctx.loaders.dataCategory.load(d.broaderId as string) : null),
    concepts: async (d: Node, _: unknown, ctx: Ctx) => present(await ctx.loaders.concept.loadMany(await ctx.loaders.conceptsOf.load(d.id)) as (Node | null)[]),
  },
  Concept: {
    __resolveReference: (ref: Ref, ctx: Ctx) => ctx.loaders.concept.load(ref.id),
    aliasesKo: (c: Node) => (c.aliasesKo as string[] | null) ?? [],
    aliasesEn: (c: Node) => (c.aliasesEn as string[] | null) ?? [],
    broader: (c: Node, _: unknown, ctx: Ctx) => (c.broaderId ? ctx.loaders.concept.load(c.broaderId as string) : null),
  },
};
