/**
 * What one operation may ask, checked on the gateway and on every subgraph before anything runs:
 *
 * - tokens: graphql-js's own parse limit (`parseOptions.maxTokens`, the check GraphQL Armor's
 *   max-tokens plugin reimplements with a lexer proxy; Armor's Apollo plugin throws from
 *   `parsingDidStart`, outside Apollo's error handling). Applied first, it also bounds the work of
 *   every later rule (4,000 aliases do not parse under 2,000 tokens).
 * - aliases, directives, depth: GraphQL Armor's rules (`ApolloArmor`), with `__typename` counted
 *   like any field (Armor's default allow-list exempts it). Run here rather than as Apollo
 *   validation rules so that a refusal keeps its own code (QUERY_TOO_COMPLEX naming the limit):
 *   Apollo rewrites every validation error's code to GRAPHQL_VALIDATION_FAILED.
 * - cost: the project's own model. Armor's cost limit charges fixed per-field costs with a depth
 *   factor; it cannot multiply a subtree by the page size the field will serve (`limit`/`first`, or
 *   the number of `_entities` representations), which is what bounds the work of a list.
 * - root types: an operation for a root type the schema lacks (`mutation` without a Mutation type)
 *   is a validation error (as in graphql-js 17), not a planner failure answered with a 500.
 */
import { ApolloArmor } from '@escape.tech/graphql-armor';
import type { ApolloServerPlugin } from '@apollo/server';
import {
  GraphQLError,
  getNamedType,
  getNullableType,
  isInterfaceType,
  isListType,
  isObjectType,
  Kind,
  validate,
  type DocumentNode,
  type FragmentDefinitionNode,
  type GraphQLField,
  type GraphQLNamedType,
  type GraphQLSchema,
  type OperationDefinitionNode,
  type SelectionSetNode,
  type ValidationContext,
  type ValidationRule,
  type ValueNode,
} from 'graphql';
import { appError, ErrorCode } from './errors.ts';
import { pageOf, type PageLimits } from './pagination.ts';

/** The size assumed for a list field without a page argument (its real size is capped by response-cap.ts). */
export const DEFAULT_LIST_SIZE = 10;

export interface QueryLimits extends PageLimits {
  maxDepth: number;
  maxCost: number;
  maxAliases: number;
  maxDirectives: number;
  maxTokens: number;
  /** When set, the `text` arguments of TEXT_WORK_FIELDS in one operation together hold at most this many characters. */
  maxTextLength?: number;
}

/**
 * Fields whose work grows with their `text` argument, not with the page they serve: the matcher
 * tokenises, tags and scores the whole text, synchronously, once per field. Measured at ×100
 * (BENCHMARKS.md, "Worst accepted query"): seven aliases of `matchObligations` on a 20,000-character
 * text (cost 18,907, accepted) held the worker's event loop for 10 s. So the texts of one operation
 * share one MAX_TEXT_LENGTH: a request does at most one maximal search's work, however it is split.
 */
const TEXT_WORK_FIELDS = new Set(['Query.matchObligations', 'Query.analyzeAmendment']);

type Variables = Record<string, unknown>;

function literal(value: ValueNode): unknown {
  switch (value.kind) {
    case Kind.INT:
    case Kind.FLOAT:
      return Number(value.value);
    case Kind.NULL:
      return null;
    case Kind.LIST:
      return value.values.map(literal);
    case Kind.STRING:
    case Kind.ENUM:
      return value.value;
    case Kind.BOOLEAN:
      return value.value;
    default:
      // Objects and variables nested in lists: only their presence counts here.
      return {};
  }
}

/** An argument's value as the resolver will see it: literal, variable (or the variable's default), or undefined. */
function argumentValue(value: ValueNode | undefined, variables: Variables, defaults: Variables): unknown {
  if (!value) return undefined;
  if (value.kind === Kind.VARIABLE) {
    const name = value.name.value;
    return name in variables ? variables[name] : defaults[name];
  }
  return literal(value);
}

interface Walk {
  /** Characters of TEXT_WORK_FIELDS texts seen so far, and the longest one. */
  text: { total: number; longest: number; at: string };
  fragments: Record<string, FragmentDefinitionNode>;
  variables: Variables;
  defaults: Variables;
  limits: PageLimits;
  schemaType: (name: string) => GraphQLNamedType | undefined;
}

/**
 * How many times a field's subtree runs: the page it will serve (never less than 1, so no argument
 * lowers the cost), the number of representations for `_entities`, a default for other lists.
 */
function multiplier(field: GraphQLField<unknown, unknown>, coordinate: string, args: Variables, w: Walk): number {
  if (field.name === '_entities') {
    const reps = args.representations;
    return Math.max(1, Array.isArray(reps) ? reps.length : w.limits.maxListLimit);
  }
  const page = pageOf(field, coordinate, args, w.limits);
  if (page.sizeArg) return Math.max(1, page.limit);
  return isListType(getNullableType(field.type)) ? DEFAULT_LIST_SIZE : 1;
}

function cost(set: SelectionSetNode, parent: GraphQLNamedType | undefined, w: Walk, seen: ReadonlySet<string>): number {
  let total = 0;
  for (const sel of set.selections) {
    if (sel.kind === Kind.FIELD) {
      const name = sel.name.value;
      // Introspection (`__schema`, `__type`) is bounded by the schema and off in production; `__typename` is a field like any other.
      if (name.startsWith('__') && name !== '__typename') continue;
      const def = parent && (isObjectType(parent) || isInterfaceType(parent)) ? parent.getFields()[name] : undefined;
      if (!def || !sel.selectionSet) {
        total += 1;
        continue;
      }
      const args: Variables = {};
      for (const a of sel.arguments ?? []) args[a.name.value] = argumentValue(a.value, w.variables, w.defaults);
      const coordinate = `${parent!.name}.${name}`;
      if (TEXT_WORK_FIELDS.has(coordinate) && typeof args.text === 'string') {
        w.text.total += args.text.length;
        if (args.text.length > w.text.longest) Object.assign(w.text, { longest: args.text.length, at: coordinate });
      }
      total += 1 + multiplier(def, coordinate, args, w) * cost(sel.selectionSet, getNamedType(def.type), w, seen);
    } else if (sel.kind === Kind.INLINE_FRAGMENT) {
      total += cost(sel.selectionSet, sel.typeCondition ? w.schemaType(sel.typeCondition.name.value) : parent, w, seen);
    } else {
      const frag = w.fragments[sel.name.value];
      if (!frag || seen.has(frag.name.value)) continue;
      total += cost(frag.selectionSet, w.schemaType(frag.typeCondition.name.value), w, new Set([...seen, frag.name.value]));
    }
  }
  return total;
}

function operationOf(document: DocumentNode, operationName: string | null | undefined): OperationDefinitionNode | undefined {
  return document.definitions.find(
    (d): d is OperationDefinitionNode => d.kind === Kind.OPERATION_DEFINITION && (!operationName || d.name?.value === operationName),
  );
}

/**
 * Estimated cost of the operation a request will run: every field 1, a field's subtree multiplied by
 * `multiplier`. Throws BAD_USER_INPUT for a page argument out of range (what the resolver would throw).
 */
export function operationCost(schema: GraphQLSchema, document: DocumentNode, operationName: string | null | undefined, variables: Variables, limits: PageLimits): number {
  return measure(schema, document, operationName, variables, limits).cost;
}

/** The operation's estimated cost and the characters its TEXT_WORK_FIELDS are given. */
function measure(schema: GraphQLSchema, document: DocumentNode, operationName: string | null | undefined, variables: Variables, limits: PageLimits): { cost: number; text: Walk['text'] } {
  const op = operationOf(document, operationName);
  if (!op) return { cost: 0, text: { total: 0, longest: 0, at: '' } };
  const fragments: Record<string, FragmentDefinitionNode> = {};
  for (const d of document.definitions) if (d.kind === Kind.FRAGMENT_DEFINITION) fragments[d.name.value] = d;
  const defaults: Variables = {};
  for (const v of op.variableDefinitions ?? []) if (v.defaultValue) defaults[v.variable.name.value] = literal(v.defaultValue);
  const root = schema.getRootType(op.operation) ?? undefined;
  const text = { total: 0, longest: 0, at: '' };
  const c = cost(op.selectionSet, root, { text, fragments, variables, defaults, limits, schemaType: (n) => schema.getType(n) }, new Set());
  return { cost: c, text };
}

/** An operation for a root type the schema does not have (e.g. `subscription` here) is refused. */
export const knownRootTypeRule: ValidationRule = (context: ValidationContext) => ({
  OperationDefinition(node) {
    if (!context.getSchema().getRootType(node.operation)) {
      context.reportError(new GraphQLError(`This API has no ${node.operation} operations`, { nodes: [node] }));
    }
  },
});

function tooComplex(message: string, limit: string): GraphQLError {
  return new GraphQLError(message, { extensions: { code: ErrorCode.QUERY_TOO_COMPLEX, limit, http: { status: 400 } } });
}

/** Armor's alias, directive and depth rules with our limits; refusals are collected, not thrown. */
function armorRules(limits: QueryLimits, onReject: (message: string, limit: string) => void): ValidationRule[] {
  const collect = (limit: string) => [(_: unknown, err: GraphQLError) => onReject(err.message.replace(/^Syntax Error: /, ''), limit)];
  return new ApolloArmor({
    blockFieldSuggestion: { enabled: false },
    costLimit: { enabled: false },
    maxTokens: { enabled: false },
    maxAliases: { n: limits.maxAliases, allowList: [], propagateOnRejection: false, onReject: collect('aliases') },
    maxDirectives: { n: limits.maxDirectives, propagateOnRejection: false, onReject: collect('directives') },
    maxDepth: { n: limits.maxDepth, flattenFragments: true, ignoreIntrospection: true, propagateOnRejection: false, onReject: collect('depth') },
  }).protect().validationRules;
}

/**
 * Checks an operation against the limits; throws QUERY_TOO_COMPLEX (naming the limit in
 * `extensions.limit`) or BAD_USER_INPUT (a page argument out of range).
 */
export function checkOperation(
  schema: GraphQLSchema,
  document: DocumentNode,
  operationName: string | null | undefined,
  variables: Variables,
  limits: QueryLimits,
  /** Armor's verdict per parsed document (Apollo reuses the document of a repeated query). */
  verdicts?: WeakMap<DocumentNode, Refusal | null>,
): void {
  let refusal = verdicts?.get(document);
  if (refusal === undefined) {
    const refusals: Refusal[] = [];
    validate(schema, document, armorRules(limits, (message, limit) => refusals.push({ message, limit })));
    refusal = refusals[0] ?? null;
    verdicts?.set(document, refusal);
  }
  if (refusal) throw tooComplex(refusal.message, refusal.limit);
  const m = measure(schema, document, operationName, variables, limits);
  if (m.cost > limits.maxCost) throw tooComplex(`Query cost ${m.cost} exceeds the limit of ${limits.maxCost}`, 'cost');
  const maxText = limits.maxTextLength;
  if (maxText !== undefined && m.text.longest > maxText) {
    // One text over the limit is the client's input error, as the resolver itself would report it.
    throw appError(ErrorCode.BAD_USER_INPUT, `text is ${m.text.longest} characters; the limit is ${maxText}`, { argument: 'text', field: m.text.at });
  }
  if (maxText !== undefined && m.text.total > maxText) {
    throw tooComplex(`The texts to match in this operation hold ${m.text.total} characters together; the limit is ${maxText} per operation`, 'text');
  }
}

interface Refusal {
  message: string;
  limit: string;
}

/** ApolloServer options that apply `limits`: the token limit at parse, the root-type rule, the rest before execution. */
export function limitOptions(limits: QueryLimits): { parseOptions: { maxTokens: number }; validationRules: ValidationRule[]; plugin: ApolloServerPlugin } {
  const verdicts = new WeakMap<DocumentNode, Refusal | null>();
  return {
    parseOptions: { maxTokens: limits.maxTokens },
    validationRules: [knownRootTypeRule],
    plugin: {
      async requestDidStart() {
        return {
          async didResolveOperation({ document, request, schema, operationName }) {
            checkOperation(schema, document, operationName, request.variables ?? {}, limits, verdicts);
          },
        };
      },
    },
  };
}

/**
 * The subgraphs' limits: the gateway's, with room for what its query plans add to a client's
 * operation — one level for `_entities`, aliases the planner adds when fields conflict, key fields
 * and `__typename` (tokens), and costs from real list sizes (an `_entities` fetch is multiplied by
 * its representations, where the gateway assumed DEFAULT_LIST_SIZE). Measured on the e2e suite: the
 * largest subgraph fetch cost 5,686 (the flagship question, the same as at the gateway), 114 tokens,
 * depth 6 — well inside these.
 */
export function subgraphLimits(l: QueryLimits): QueryLimits {
  return { ...l, maxDepth: l.maxDepth + 1, maxAliases: l.maxAliases * 2, maxDirectives: l.maxDirectives * 2, maxTokens: l.maxTokens * 3, maxCost: l.maxCost * 5 };
}
