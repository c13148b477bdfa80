/**
 * Validation rules that bound what one request may ask: selection depth and an estimated cost
 * (every field costs 1; a list field multiplies its subtree by its `limit`/`first` argument, or by
 * a default). Applied at the gateway, before any subgraph is called.
 */
import {
  GraphQLError,
  getNamedType,
  getNullableType,
  isListType,
  isObjectType,
  isInterfaceType,
  Kind,
  type FragmentDefinitionNode,
  type GraphQLNamedType,
  type SelectionSetNode,
  type DocumentNode,
  type GraphQLSchema,
  type OperationDefinitionNode,
  type ValueNode,
} from 'graphql';
import type { ApolloServerPlugin } from '@apollo/server';

const DEFAULT_LIST_SIZE = 10;

function intArg(value: ValueNode | undefined, variables: Record<string, unknown>): number | null {
  if (!value) return null;
  if (value.kind === Kind.INT) return Number(value.value);
  if (value.kind === Kind.VARIABLE) {
    const v = variables[value.name.value];
    return typeof v === 'number' ? v : null;
  }
  return null;
}

export interface Measure {
  depth: number;
  cost: number;
}

function measure(
  set: SelectionSetNode,
  parent: GraphQLNamedType | undefined,
  fragments: Record<string, FragmentDefinitionNode>,
  variables: Record<string, unknown>,
  seen: Set<string>,
): Measure {
  let depth = 0;
  let cost = 0;
  for (const sel of set.selections) {
    if (sel.kind === Kind.FIELD) {
      if (sel.name.value.startsWith('__')) continue;
      const fields = parent && (isObjectType(parent) || isInterfaceType(parent)) ? parent.getFields() : undefined;
      const def = fields?.[sel.name.value];
      const childType = def ? getNamedType(def.type) : undefined;
      const isList = def ? isListType(getNullableType(def.type)) : false;
      const limitNode = sel.arguments?.find((a) => a.name.value === 'limit' || a.name.value === 'first')?.value;
      const multiplier = isList ? (intArg(limitNode, variables) ?? DEFAULT_LIST_SIZE) : 1;
      if (sel.selectionSet) {
        const child = measure(sel.selectionSet, childType, fragments, variables, seen);
        depth = Math.max(depth, child.depth + 1);
        cost += 1 + multiplier * child.cost;
      } else {
        depth = Math.max(depth, 1);
        cost += 1;
      }
    } else if (sel.kind === Kind.INLINE_FRAGMENT) {
      const m = measure(sel.selectionSet, parent, fragments, variables, seen);
      depth = Math.max(depth, m.depth);
      cost += m.cost;
    } else {
      const frag = fragments[sel.name.value];
      if (!frag || seen.has(frag.name.value)) continue;
      const m = measure(frag.selectionSet, parent, fragments, variables, new Set([...seen, frag.name.value]));
      depth = Math.max(depth, m.depth);
      cost += m.cost;
    }
  }
  return { depth, cost };
}

/** Depth and cost of the operation a request will run. */
export function measureOperation(schema: GraphQLSchema, document: DocumentNode, operationName: string | null | undefined, variables: Record<string, unknown>): Measure {
  const fragments: Record<string, FragmentDefinitionNode> = {};
  for (const d of document.definitions) if (d.kind === Kind.FRAGMENT_DEFINITION) fragments[d.name.value] = d;
  const op = document.definitions.find(
    (d): d is OperationDefinitionNode => d.kind === Kind.OPERATION_DEFINITION && (!operationName || d.name?.value === operationName),
  );
  if (!op) return { depth: 0, cost: 0 };
  const root = op.operation === 'query' ? schema.getQueryType() : op.operation === 'mutation' ? schema.getMutationType() : schema.getSubscriptionType();
  return measure(op.selectionSet, root ?? undefined, fragments, variables, new Set());
}

/**
 * An Apollo Server plugin that rejects operations over the depth or cost limit once the operation
 * and its variables are known, before the query plan runs.
 */
export function limitsPlugin(limits: { maxDepth: number; maxCost: number }): ApolloServerPlugin {
  return {
    async requestDidStart() {
      return {
        async didResolveOperation({ document, request, schema, operationName }) {
          const m = measureOperation(schema, document, operationName, request.variables ?? {});
          if (m.depth > limits.maxDepth) {
            throw new GraphQLError(`Query depth ${m.depth} exceeds the limit of ${limits.maxDepth}`, { extensions: { code: 'QUERY_TOO_COMPLEX', http: { status: 400 } } });
          }
          if (m.cost > limits.maxCost) {
            throw new GraphQLError(`Query cost ${m.cost} exceeds the limit of ${limits.maxCost}`, { extensions: { code: 'QUERY_TOO_COMPLEX', http: { status: 400 } } });
          }
        },
      };
    },
  };
}
