/**
 * The webhook API: create / list / delete subscriptions and read their delivery log. Who may is
 * decided here from the key the server authenticated (scope `subscribe`), and a key sees and deletes
 * only its own name's subscriptions: any other id is NOT_FOUND, as if it did not exist.
 */
import { randomUUID } from 'node:crypto';
import { GraphQLError, type GraphQLResolveInfo } from 'graphql';
import type { RateLimiterMemory } from 'rate-limiter-flexible';
import { hasScope, type Caller } from '../../../lib/api-keys.ts';
import { today } from '../../../lib/dates.ts';
import { appError, badInput, CONTROL_CHARACTERS, ErrorCode, unauthenticated } from '../../../lib/errors.ts';
import { consumeOrRefuse, perKeyLimiter } from '../../../lib/rate-limit.ts';
import { page } from '../../../lib/pagination.ts';
import { subscriptionSecret, urlProblem } from '../../../lib/webhook-http.ts';
import type { BaseContext } from '../../shared/context.ts';
import type { Config } from '../../../lib/config.ts';
import type { ObligationsLoaders } from '../loaders.ts';
import type { ContextInput } from '../reports.ts';
import * as Q from './cypher.ts';
import { snapshotAt } from './outbox.ts';

type Ctx = BaseContext<ObligationsLoaders>;

interface Input {
  serviceType?: string | null;
  deployment?: string | null;
  institution?: string | null;
  context?: ContextInput | null;
  url: string;
  description?: string | null;
}

const MAX_DESCRIPTION = 500;

// Creating computes a 20-year change feed: per key name and process, at most WRITE_RATE_LIMIT creations.
const limiters = new WeakMap<Config, RateLimiterMemory>();
async function limitCreations(config: Config, name: string): Promise<void> {
  let limiter = limiters.get(config);
  if (!limiter) limiters.set(config, (limiter = perKeyLimiter(config.writeApi.rateLimit)));
  await consumeOrRefuse(limiter, name, (s) => `too many subscriptions created for key "${name}" (WRITE_RATE_LIMIT); retry in ${s}s`);
}

function admit(ctx: Ctx): Caller {
  const caller = ctx.caller;
  if (!caller) throw unauthenticated('webhook subscriptions need an API key with the subscribe scope (x-api-key header)');
  if (!hasScope(caller, 'subscribe')) throw appError(ErrorCode.FORBIDDEN, `the API key "${caller.name}" may not manage webhook subscriptions (it lacks the subscribe scope)`);
  return caller;
}

/** The feed's own argument errors name `serviceType`, `context.designation`…: here they are under `input`. */
function underInput(err: unknown): never {
  if (err instanceof GraphQLError && typeof err.extensions.field === 'string') {
    throw appError(err.extensions.code as never, err.message, { ...err.extensions, field: `input.${err.extensions.field}` });
  }
  throw err;
}

async function create(_: unknown, a: { input: Input }, ctx: Ctx) {
  const caller = admit(ctx);
  const i = a.input;
  const wh = ctx.config.webhooks;
  if (!wh.enabled) throw appError(ErrorCode.FORBIDDEN, 'webhooks are off on this server (WEBHOOKS_ENABLED; in production they need WEBHOOK_SIGNING_SECRET)');
  const problem = urlProblem(i.url, { allowedHosts: wh.allowedHosts, production: ctx.config.env === 'production', maxUrlLength: wh.maxUrlLength });
  if (problem) throw badInput(problem, 'input.url');
  const description = i.description ?? null;
  if (description !== null && (description.length > MAX_DESCRIPTION || CONTROL_CHARACTERS.test(description))) throw badInput(`description must be at most ${MAX_DESCRIPTION} printable characters`, 'input.description');
  await limitCreations(ctx.config, caller.name);
  const [own] = await ctx.exec.read('webhookCountOwn', Q.COUNT_OWN, { owner: caller.name });
  if (Number(own?.n ?? 0) >= wh.maxSubscriptionsPerKey) {
    throw appError(ErrorCode.FORBIDDEN, `the key "${caller.name}" has ${wh.maxSubscriptionsPerKey} subscriptions already (WEBHOOK_MAX_SUBSCRIPTIONS_PER_KEY); delete one first`, { limit: 'subscriptions' });
  }
  const { asOf: _asOf, ...context } = i.context ?? {};
  const watch = { serviceType: i.serviceType ?? null, deployment: i.deployment ?? null, institution: i.institution ?? null, context: i.context ? context : null };
  // The baseline is computed now (it also checks the subject exists): the first apply after this is news.
  const day = (wh.clock ?? today)();
  const at = await snapshotAt(ctx.config, ctx.exec, watch, day).catch(underInput);
  if (!at) throw appError(ErrorCode.DATABASE_UNAVAILABLE, 'the graph kept changing while the subscription was created; try again');
  const id = `whs/${randomUUID()}`;
  const [row] = await ctx.exec.write('webhookCreateSubscription', Q.CREATE_SUBSCRIPTION, {
    id,
    owner: caller.name,
    url: i.url,
    description,
    ...watch,
    context: watch.context ? JSON.stringify(watch.context) : null,
    snapshot: JSON.stringify(at.snapshot),
    version: at.version,
    day,
  });
  return { subscription: row!.s, secret: subscriptionSecret(wh.signingSecret, id) };
}

export const webhookResolvers = {
  Query: {
    webhookSubscriptions: async (_: unknown, __: unknown, ctx: Ctx) => {
      const caller = admit(ctx);
      return (await ctx.exec.read('webhookOwnSubscriptions', Q.OWN_SUBSCRIPTIONS, { owner: caller.name })).map((r) => r.s);
    },
    webhookDeliveries: async (_: unknown, a: { subscription: string; limit?: number }, ctx: Ctx, info: GraphQLResolveInfo) => {
      const caller = admit(ctx);
      const { limit } = page(a as Record<string, unknown>, info, ctx.config.limits);
      const own = await ctx.exec.read('webhookOwnSubscription', Q.OWN_SUBSCRIPTION, { id: a.subscription, owner: caller.name });
      if (own.length === 0) throw appError(ErrorCode.NOT_FOUND, `Webhook subscription ${a.subscription} not found`, { field: 'subscription' });
      return (await ctx.exec.read('webhookDeliveries', Q.DELIVERIES, { id: a.subscription, owner: caller.name, limit })).map((r) => r.d);
    },
  },
  Mutation: {
    createWebhookSubscription: create,
    deleteWebhookSubscription: async (_: unknown, a: { id: string }, ctx: Ctx) => {
      const caller = admit(ctx);
      const rows = await ctx.exec.write('webhookDeleteSubscription', Q.DELETE_SUBSCRIPTION, { id: a.id, owner: caller.name });
      if (rows.length === 0) throw appError(ErrorCode.NOT_FOUND, `Webhook subscription ${a.id} not found`, { field: 'id' });
      return true;
    },
  },
  WebhookSubscription: {
    checkedVersion: (s: { snapshotVersion: number }) => s.snapshotVersion,
    checkedOn: (s: { snapshotDay: string }) => s.snapshotDay,
  },
  WebhookDelivery: {
    changeSets: (d: { changeSets?: string[] | null }) => d.changeSets ?? [],
  },
};
