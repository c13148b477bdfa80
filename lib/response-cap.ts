/**
 * A cap on what one response may hold, beside the cost limit: the cost is an estimate made before
 * execution (a list without a page argument is assumed to hold DEFAULT_LIST_SIZE items), this counts
 * the list items execution actually produces. Every list field of a subgraph's schema charges its
 * length to the request's budget; past MAX_RESPONSE_ITEMS the field throws, every list field after
 * it throws before its resolver runs (no further reads), and the response becomes one
 * RESPONSE_TOO_LARGE error without data — so an accepted request cannot build an answer that runs a
 * worker out of heap. The gateway's in-process subgraph calls share the gateway request's budget, so
 * the cap is per client request in the default topology; over HTTP each subgraph answer is capped.
 */
import type { ApolloServerPlugin } from '@apollo/server';
import { defaultFieldResolver, getNullableType, isListType, isObjectType, type GraphQLFieldResolver, type GraphQLSchema } from 'graphql';
import { appError, ErrorCode } from './errors.ts';

export class ResponseBudget {
  items = 0;
  exceeded = false;
  constructor(readonly maxItems: number) {}

  /** Throws RESPONSE_TOO_LARGE once the items produced pass the cap. */
  charge(items: number): void {
    this.items += items;
    if (this.items > this.maxItems) this.exceeded = true;
    this.check();
  }

  check(): void {
    if (this.exceeded) throw responseTooLarge(this.maxItems);
  }
}

export function responseTooLarge(maxItems: number) {
  return appError(ErrorCode.RESPONSE_TOO_LARGE, `The response would hold more than ${maxItems} list items; ask for smaller pages or fewer fields`, { maxItems });
}

/** One budget per request, keyed by the request's context object. */
const budgets = new WeakMap<object, ResponseBudget>();

export function budgetOf(context: object, maxItems: number): ResponseBudget {
  let b = budgets.get(context);
  if (!b) budgets.set(context, (b = new ResponseBudget(maxItems)));
  return b;
}

/** Makes `context` (a subgraph call's) charge the same budget as `parent` (the gateway request's), if it has one. */
export function shareBudget(parent: object, context: object): void {
  const b = budgets.get(parent);
  if (b) budgets.set(context, b);
}

function charge<T>(budget: ResponseBudget, value: T): T {
  if (Array.isArray(value)) budget.charge(value.length);
  return value;
}

/** Wraps the resolver of every list field of `schema` (default resolver included) to charge its length. */
export function capListFields(schema: GraphQLSchema, maxItems: number): void {
  for (const type of Object.values(schema.getTypeMap())) {
    if (!isObjectType(type) || type.name.startsWith('__')) continue;
    for (const field of Object.values(type.getFields())) {
      if (!isListType(getNullableType(field.type))) continue;
      const resolve: GraphQLFieldResolver<unknown, unknown> = field.resolve ?? defaultFieldResolver;
      field.resolve = (source, args, context, info) => {
        const budget = budgetOf(context as object, maxItems);
        budget.check();
        const out = resolve(source, args, context, info);
        return out instanceof Promise ? out.then((v) => charge(budget, v)) : charge(budget, out);
      };
    }
  }
}

/** Replaces an answer that hit the cap by the one error (partial data would be arbitrary and large). */
export function responseCapPlugin(maxItems: number): ApolloServerPlugin<object> {
  return {
    async requestDidStart({ contextValue }) {
      budgetOf(contextValue, maxItems);
      return {
        async willSendResponse({ contextValue, response }) {
          if (response.body.kind !== 'single') return;
          const hit = budgets.get(contextValue)?.exceeded || response.body.singleResult.errors?.some((e) => e.extensions?.code === ErrorCode.RESPONSE_TOO_LARGE);
          if (!hit) return;
          const error = responseTooLarge(maxItems);
          response.body.singleResult = { data: null, errors: [{ message: error.message, extensions: error.extensions }] };
        },
      };
    },
  };
}
