import type { GraphQLResolveInfo } from 'graphql';
import { today } from '../../lib/dates.ts';
import { appError, badInput, ErrorCode } from '../../lib/errors.ts';
import { page } from '../../lib/pagination.ts';
import type { BaseContext } from '../shared/context.ts';
import { pick, versionOn, type Language } from '../shared/i18n.ts';
import { evaluate, type ApplicabilityOut, type PathStep, type Reason, type Report } from './applicability.ts';
import { checkContext, checkReport, deploymentSubject, optionsOf, type ContextInput } from './reports.ts';
import * as Q from './cypher.ts';
import { changeResolvers, changes, upcomingChanges, type ChangesArgs } from './changes-query.ts';
import type { Hit, ObligationNode, ObligationsLoaders } from './loaders.ts';
import type { AddresseeRole } from './addressees.ts';
import { josa } from '../../lib/korean.ts';
import { webhookResolvers } from './webhooks/resolvers.ts';

type Ctx = BaseContext<ObligationsLoaders>;
type Ref = { id: string };

const present = <T>(xs: (T | Error | null)[]): T[] => xs.filter((x): x is T => x !== null && !(x instanceof Error));

async function versionAt(o: Ref, asOf: string | null | undefined, ctx: Ctx) {
  return versionOn(await ctx.loaders.versions.load(o.id), asOf, today);
}

/** The flagship question for one service type or deployment. */
export async function applicabilityReport(ctx: Ctx, args: { serviceType?: string | null; deployment?: string | null; context?: ContextInput | null }): Promise<Report> {
  const c = args.context ?? {};
  checkContext(c);
  if (!args.serviceType && !args.deployment) throw badInput('Give serviceType or deployment', 'serviceType');
  if (!args.deployment) return ctx.loaders.serviceTypeReport.load({ serviceTypeId: args.serviceType as string, context: c });
  const rows = await ctx.exec.read('deploymentSubject', Q.DEPLOYMENT_SUBJECT, { id: args.deployment });
  const row = rows[0];
  if (!row) throw appError(ErrorCode.NOT_FOUND, `Deployment ${args.deployment} not found`, { field: 'deployment' });
  if (args.serviceType && args.serviceType !== row.serviceTypeId) throw badInput(`Deployment ${args.deployment} is of type ${row.serviceTypeId}, not ${args.serviceType}`, 'serviceType');
  const subject = deploymentSubject('only', row, c);
  const reports = await evaluate(ctx.exec, [subject], { ...optionsOf(c, c.asOf ?? today()), prime: ctx.loaders.prime, ...(ctx.loaders.cache ? { cache: ctx.loaders.cache } : {}) });
  return checkReport(reports.get('only'), subject, c);
}

export const resolvers = {
  Query: {
    obligation: (_: unknown, a: Ref, ctx: Ctx) => ctx.loaders.obligation.load(a.id),
    obligations: async (_: unknown, a: { kind?: string; asOf?: string; limit?: number; offset?: number }, ctx: Ctx, info: GraphQLResolveInfo) => {
      const rows = await ctx.exec.read('obligationList', Q.OBLIGATION_LIST, {
        kind: a.kind ?? null,
        asOf: a.asOf ?? null,
        ...page(a, info, ctx.config.limits),
      });
      return present(await ctx.loaders.obligation.loadMany(rows.map((r) => r.id as string)));
    },
    applicableObligations: (_: unknown, a: { serviceType?: string; deployment?: string; context?: ContextInput }, ctx: Ctx) => applicabilityReport(ctx, a),
    changes: (_: unknown, a: ChangesArgs, ctx: Ctx) => changes(ctx, a),
    upcomingChanges: (_: unknown, a: { months: number; from?: string | null }, ctx: Ctx) => upcomingChanges(ctx, a),
    ...webhookResolvers.Query,
  },
  Mutation: webhookResolvers.Mutation,
  WebhookSubscription: webhookResolvers.WebhookSubscription,
  WebhookDelivery: webhookResolvers.WebhookDelivery,
  ...changeResolvers,
  Obligation: {
    __resolveReference: (ref: Ref, ctx: Ctx) => ctx.loaders.obligation.load(ref.id),
    sandboxOnly: (o: ObligationNode) => Boolean(o.sandboxOnly),
    statement: async (o: ObligationNode, a: { language?: Language; asOf?: string }, ctx: Ctx) => {
      const v = await versionAt(o, a.asOf, ctx);
      return v ? pick(v.statementKo, v.statementEn, a.language) : null;
    },
    actor: async (o: ObligationNode, a: { language?: Language; asOf?: string }, ctx: Ctx) => {
      const v = await versionAt(o, a.asOf, ctx);
      return v ? pick(v.actorKo, v.actorEn, a.language) : null;
    },
    versionAt: (o: ObligationNode, a: { asOf?: string }, ctx: Ctx) => versionAt(o, a.asOf, ctx),
    versions: (o: ObligationNode, _: unknown, ctx: Ctx) => ctx.loaders.versions.load(o.id),
    provisions: (o: ObligationNode) => o.provisionRefs,
    triggers: (o: ObligationNode) => {
      const of = (label: string) => o.triggers.filter((t) => t.label === label && t.id).map((t) => ({ id: t.id }));
      return {
        serviceTypes: of('AIServiceType'),
        capabilities: of('Capability'),
        dataCategories: of('DataCategory'),
        designations: of('SandboxDesignation'),
        riskLevels: o.triggerRiskLevels ?? [],
        statutoryClasses: o.triggerStatutoryClasses ?? [],
        institutionTypes: o.triggerInstitutionTypes ?? [],
      };
    },
    addressees: (o: ObligationNode) => o.addressees ?? [],
    affectedServiceTypes: async (o: ObligationNode, _: unknown, ctx: Ctx) => {
      const hits = await ctx.loaders.hits.load(o.id);
      const byService = new Map<string, Hit[]>();
      for (const h of hits) byService.set(h.service.id, [...(byService.get(h.service.id) ?? []), h]);
      return [...byService.values()].map((list) => ({
        serviceType: { id: list[0]!.service.id },
        reasons: list.map((h): Reason => ({
          kind: h.kind,
          path: [
            { type: 'AIServiceType', id: h.service.id, nameKo: String(h.service.nameKo), nameEn: String(h.service.nameEn), via: h.kind === 'RISK_LEVEL' ? 'RISK_LEVEL' : 'REACHES' },
            ...(h.kind === 'RISK_LEVEL' ? [] : [{ type: h.kind, id: h.trigger.id, nameKo: String(h.trigger.nameKo), nameEn: String(h.trigger.nameEn), via: 'TRIGGERS' }]),
            { type: 'Obligation', id: o.id, nameKo: o.id, nameEn: o.id, via: null },
          ],
          explanationEn: `${h.service.nameEn} reaches this obligation through ${h.kind.toLowerCase().replace('_', ' ')} "${h.trigger.nameEn ?? h.trigger.id}".`,
          explanationKo: `${josa(String(h.service.nameKo), '은/는')} ${josa(`'${String(h.trigger.nameKo ?? h.trigger.id)}'`, '을/를')} 통해 이 의무의 대상이 됩니다.`,
        })),
      }));
    },
  },
  ObligationVersion: {
    amendment: (v: { amendmentId?: string | null }) => (v.amendmentId ? { id: v.amendmentId } : null),
  },
  ApplicabilityReport: {
    serviceType: (r: Report) => ({ id: r.serviceTypeId }),
    deployment: (r: Report) => (r.deploymentId ? { id: r.deploymentId } : null),
    designations: (r: Report) => r.designations,
    notes: (r: Report, a: { language?: Language }) => r.notes.map((n) => (a.language === 'KO' ? n.ko : n.en)),
  },
  Applicability: {
    obligation: (a: ApplicabilityOut, _: unknown, ctx: Ctx) => ctx.loaders.obligation.load(a.obligationId),
    appliesIf: (a: ApplicabilityOut, args: { language?: Language }) => (a.appliesIf ? (args.language === 'KO' ? a.appliesIf.ko : a.appliesIf.en) : null),
    designationEffect: (a: ApplicabilityOut) =>
      a.designationEffect ? { ...a.designationEffect, designation: { id: a.designationEffect.designationId } } : null,
  },
  AddresseeRole: {
    name: (r: AddresseeRole, a: { language?: Language }) => pick(r.nameKo, r.nameEn, a.language ?? 'EN'),
    institutionTypes: (r: AddresseeRole) => (r.anyInstitutionType ? [] : (r.institutionTypes ?? [])),
    anyInstitutionType: (r: AddresseeRole) => r.anyInstitutionType === true,
    definition: (r: AddresseeRole, a: { language?: Language }) => pick(r.definitionKo, r.definitionEn, a.language ?? 'EN'),
  },
  Citation: {
    provision: (c: { provisionId: string }) => ({ id: c.provisionId }),
  },
  ApplicabilityReason: {
    explanation: (r: Reason, a: { language?: Language }) => (a.language === 'KO' ? r.explanationKo : r.explanationEn),
  },
  PathStep: {
    name: (s: PathStep, a: { language?: Language }) => pick(s.nameKo, s.nameEn, a.language ?? 'EN'),
  },
  Provision: {
    obligations: async (p: Ref, a: { asOf?: string }, ctx: Ctx) =>
      present(await ctx.loaders.obligation.loadMany(await ctx.loaders.obligationsOfProvision.load({ provisionId: p.id, asOf: a.asOf ?? null }))),
  },
  AIServiceType: {
    applicableObligations: (s: Ref, a: { context?: ContextInput }, ctx: Ctx) => {
      checkContext(a.context ?? {});
      return ctx.loaders.serviceTypeReport.load({ serviceTypeId: s.id, context: a.context ?? {} });
    },
  },
  Institution: {
    obligations: (i: Ref, a: { asOf?: string }, ctx: Ctx) => ctx.loaders.institutionReports.load({ institutionId: i.id, asOf: a.asOf ?? today() }),
  },
};
