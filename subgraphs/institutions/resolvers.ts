import { addMonths, today } from '../../lib/dates.ts';
import type { GraphQLResolveInfo } from 'graphql';
import { checkedInt, page } from '../../lib/pagination.ts';
import type { BaseContext } from '../shared/context.ts';
import { pick, type Language } from '../shared/i18n.ts';
import { endOf, factsOf, inForce, lifecycleOf, statusOn, type DesignationDates, type DesignationStatus, type Lifecycle } from '../shared/designation-lifecycle.ts';
import * as Q from './cypher.ts';
import type { InstitutionsLoaders, Node } from './loaders.ts';

type Ctx = BaseContext<InstitutionsLoaders>;
type Ref = { id: string };
type LangArgs = { language?: Language };

const present = <T>(xs: (T | Error | null)[]): T[] => xs.filter((x): x is T => x !== null && !(x instanceof Error));
const name = (n: Node, a: LangArgs) => pick(n.nameKo, n.nameEn, a.language);
const refs = (ids: string[]) => ids.map((id) => ({ id }));

async function designationsByIds(ctx: Ctx, rows: Record<string, unknown>[]) {
  return present(await ctx.loaders.designation.loadMany(rows.map((r) => r.id as string)));
}

/** Each designation node's lifecycle, computed once per node object (the loader's cache holds the node). */
const lifecycles = new WeakMap<Node, Lifecycle>();
export function lifecycleOfNode(z: Node): Lifecycle {
  let l = lifecycles.get(z);
  if (!l) {
    l = lifecycleOf(factsOf(z as DesignationDates));
    lifecycles.set(z, l);
  }
  return l;
}

/** The lifecycle status on `asOf` (shared with the applicability engine). */
export function designationStatus(z: Node, asOf: string): DesignationStatus {
  return statusOn(lifecycleOfNode(z), asOf);
}

export const resolvers = {
  Query: {
    institutions: async (_: unknown, a: { type?: string; limit?: number; offset?: number }, ctx: Ctx, info: GraphQLResolveInfo) =>
      (
        await ctx.exec.read('institutionList', Q.INSTITUTION_LIST, {
          type: a.type ?? null,
          ...page(a, info, ctx.config.limits),
        })
      ).map((r) => r.node as Node),
    institution: (_: unknown, a: Ref, ctx: Ctx) => ctx.loaders.institution.load(a.id),
    designations: async (_: unknown, a: { limit?: number }, ctx: Ctx, info: GraphQLResolveInfo) =>
      designationsByIds(ctx, await ctx.exec.read('designationList', Q.DESIGNATION_LIST, { limit: page(a, info, ctx.config.limits).limit })),
    designation: (_: unknown, a: Ref, ctx: Ctx) => ctx.loaders.designation.load(a.id),
    designationsExpiring: async (_: unknown, a: { months: number; from?: string }, ctx: Ctx) => {
      checkedInt(a.months, { argument: 'months', coordinate: 'Query.designationsExpiring', min: 0, max: 600 });
      const from = a.from ?? today();
      const until = addMonths(from, a.months);
      const ending = (await ctx.exec.read('designationDates', Q.DESIGNATION_DATES, {}))
        .map((r) => ({ id: r.id as string, end: endOf(lifecycleOf(factsOf(r as DesignationDates))) }))
        .filter((x): x is { id: string; end: string } => x.end !== null && x.end >= from && x.end <= until)
        .sort((x, y) => x.end.localeCompare(y.end) || x.id.localeCompare(y.id));
      return designationsByIds(ctx, ending);
    },
  },
  Institution: {
    __resolveReference: (ref: Ref, ctx: Ctx) => ctx.loaders.institution.load(ref.id),
    name,
    group: (i: Node, _: unknown, ctx: Ctx) => (i.groupId ? ctx.loaders.institution.load(i.groupId as string) : null),
    members: async (i: Node, _: unknown, ctx: Ctx) => present(await ctx.loaders.institution.loadMany(await ctx.loaders.membersOf.load(i.id))),
    deployments: async (i: Node, _: unknown, ctx: Ctx) => present(await ctx.loaders.deployment.loadMany(await ctx.loaders.deploymentsOfInstitution.load(i.id))),
    designations: async (i: Node, _: unknown, ctx: Ctx) => present(await ctx.loaders.designation.loadMany(await ctx.loaders.designationsOfInstitution.load(i.id))),
  },
  Deployment: {
    __resolveReference: (ref: Ref, ctx: Ctx) => ctx.loaders.deployment.load(ref.id),
    name,
    institution: (d: Node, _: unknown, ctx: Ctx) => ctx.loaders.institution.load(d.institutionId as string),
    serviceType: (d: Node) => ({ id: d.serviceTypeId }),
    designation: (d: Node, _: unknown, ctx: Ctx) => (d.designationId ? ctx.loaders.designation.load(d.designationId as string) : null),
  },
  SandboxDesignation: {
    __resolveReference: (ref: Ref, ctx: Ctx) => ctx.loaders.designation.load(ref.id),
    name,
    sources: (z: Node) => (z.sources as string[] | null) ?? [],
    start: (z: Node) => lifecycleOfNode(z).start,
    startEstimated: (z: Node) => lifecycleOfNode(z).startEstimated,
    periodEnd: (z: Node) => lifecycleOfNode(z).periodEnd,
    periodEndEstimated: (z: Node) => lifecycleOfNode(z).periodEndEstimated,
    deemedEnd: (z: Node) => lifecycleOfNode(z).deemedEnd,
    latestPossibleEnd: (z: Node) => lifecycleOfNode(z).latestPossibleEnd,
    end: (z: Node) => endOf(lifecycleOfNode(z)),
    status: (z: Node, a: { asOf?: string }) => designationStatus(z, a.asOf ?? today()),
    inForce: (z: Node, a: { asOf?: string }) => inForce(designationStatus(z, a.asOf ?? today())),
    institution: (z: Node, _: unknown, ctx: Ctx) => ctx.loaders.institution.load(z.institutionId as string),
    serviceType: (z: Node) => ({ id: z.serviceTypeId }),
    deployment: (z: Node, _: unknown, ctx: Ctx) => (z.deploymentId ? ctx.loaders.deployment.load(z.deploymentId as string) : null),
    legalBasis: async (z: Node, _: unknown, ctx: Ctx) => refs(await ctx.loaders.legalBasisOf.load(z.id)),
    exemptions: (z: Node, _: unknown, ctx: Ctx) => ctx.loaders.exemptionsOf.load(z.id),
  },
  Exemption: {
    provision: (e: Node) => ({ id: e.provisionId }),
    obligations: (e: Node) => refs((e.obligationIds as string[] | null) ?? []),
  },
  AIServiceType: {
    deployments: async (s: Ref, _: unknown, ctx: Ctx) => present(await ctx.loaders.deployment.loadMany(await ctx.loaders.deploymentsOfServiceType.load(s.id))),
    designations: async (s: Ref, _: unknown, ctx: Ctx) => present(await ctx.loaders.designation.loadMany(await ctx.loaders.designationsOfServiceType.load(s.id))),
  },
};
