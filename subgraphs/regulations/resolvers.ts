import { today } from '../../lib/dates.ts';
import type { GraphQLResolveInfo } from 'graphql';
import { appError, ErrorCode } from '../../lib/errors.ts';
import { page } from '../../lib/pagination.ts';
import type { BaseContext } from '../shared/context.ts';
import { pick, versionOn, type Language } from '../shared/i18n.ts';
import type { RegulationsLoaders } from './loaders.ts';
import type { Amendment, Provision, ProvisionVersion, Regulation } from './repository.ts';

type Ctx = BaseContext<RegulationsLoaders>;
type Ref = { id: string };

async function versionAt(p: Ref, asOf: string | null | undefined, ctx: Ctx): Promise<ProvisionVersion | null> {
  return versionOn(await ctx.loaders.versions.load(p.id), asOf, today);
}

async function must<T>(value: Promise<T | null>, what: string, id: string): Promise<T> {
  const v = await value;
  if (v === null) throw appError(ErrorCode.NOT_FOUND, `${what} ${id} not found`);
  return v;
}

export const resolvers = {
  Query: {
    regulations: (_: unknown, a: { jurisdiction?: string; binding?: boolean; limit?: number; offset?: number }, ctx: Ctx, info: GraphQLResolveInfo) =>
      ctx.loaders.repo.listRegulations({
        jurisdiction: a.jurisdiction ?? null,
        binding: a.binding ?? null,
        ...page(a, info, ctx.config.limits),
      }),
    regulation: (_: unknown, a: { id: string }, ctx: Ctx) => ctx.loaders.regulation.load(a.id),
    provision: (_: unknown, a: { id: string }, ctx: Ctx) => ctx.loaders.provision.load(a.id),
    amendments: (_: unknown, a: { regulationId?: string; limit?: number }, ctx: Ctx, info: GraphQLResolveInfo) =>
      ctx.loaders.repo.listAmendments(a.regulationId ?? null, page(a, info, ctx.config.limits).limit),
    dataVersion: (_: unknown, __: unknown, ctx: Ctx) => ctx.loaders.repo.dataVersion(),
  },
  Regulation: {
    __resolveReference: (ref: Ref, ctx: Ctx) => ctx.loaders.regulation.load(ref.id),
    name: (r: Regulation, a: { language?: Language }) => pick(r.nameKo, r.nameEn, a.language),
    inForce: (r: Regulation, a: { asOf?: string }) => {
      const start = r.applicableFrom ?? r.inForceFrom;
      return !start || start <= (a.asOf ?? today());
    },
    provisions: async (r: Regulation, a: { asOf?: string; limit?: number; offset?: number }, ctx: Ctx, info: GraphQLResolveInfo) => {
      const { limit, offset } = page(a, info, ctx.config.limits);
      const all = await ctx.loaders.provisionsOf.load({ regulationId: r.id, asOf: a.asOf ?? null });
      return all.slice(offset, offset + limit);
    },
    amendments: (r: Regulation, _: unknown, ctx: Ctx) => ctx.loaders.amendmentsOf.load(r.id),
  },
  Provision: {
    __resolveReference: (ref: Ref, ctx: Ctx) => ctx.loaders.provision.load(ref.id),
    citation: (p: Provision, a: { language?: Language }) => pick(p.citationKo, p.citationEn, a.language),
    title: (p: Provision, a: { language?: Language }) => pick(p.titleKo, p.titleEn, a.language),
    regulation: (p: Provision, _: unknown, ctx: Ctx) => must(ctx.loaders.regulation.load(p.regulationId), 'Regulation', p.regulationId),
    versionAt: (p: Provision, a: { asOf?: string }, ctx: Ctx) => versionAt(p, a.asOf, ctx),
    text: async (p: Provision, a: { asOf?: string; language?: Language }, ctx: Ctx) => {
      const v = await versionAt(p, a.asOf, ctx);
      return v ? pick(v.textKo, v.textEn, a.language) : null;
    },
    inForce: async (p: Provision, a: { asOf?: string }, ctx: Ctx) => (await versionAt(p, a.asOf, ctx)) !== null,
    versions: (p: Provision, _: unknown, ctx: Ctx) => ctx.loaders.versions.load(p.id),
  },
  ProvisionVersion: {
    amendment: (v: ProvisionVersion, _: unknown, ctx: Ctx) => (v.amendmentId ? ctx.loaders.amendment.load(v.amendmentId) : null),
  },
  Amendment: {
    __resolveReference: (ref: Ref, ctx: Ctx) => ctx.loaders.amendment.load(ref.id),
    regulation: (a: Amendment, _: unknown, ctx: Ctx) => must(ctx.loaders.regulation.load(a.regulationId), 'Regulation', a.regulationId),
  },
};
