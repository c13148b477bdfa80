/**
 * Single-fetch pass-through for Apollo Gateway.
 *
 * Most questions the product is asked are answered by one subgraph: the query plan is one fetch
 * whose operation selects exactly what the client selected. Apollo Gateway still builds an
 * operation model of the request, merges the subgraph's answer into an empty result and re-walks
 * it against the operation ("result shaping") — a fifth of the gateway's CPU on the flagship
 * question (BENCHMARKS.md). For such plans the subgraph's `data` already is the answer, so this
 * wrapper sends the fetch itself and returns that data.
 *
 * It is conservative. A request is passed through only when
 *  - the gateway has planned that document (and operation name) before: the wrapper learns each
 *    plan from the gateway's `experimental_didResolveQueryPlan` hook, so the first request of a
 *    document always takes the gateway's own path;
 *  - the plan is a single query fetch with no `@requires` inputs and no rewrites;
 *  - neither operation has directives, and the client's selection set, with fragments spread in
 *    place, prints identically to the fetch's (so no `__typename` or key fields were added,
 *    nothing renamed, nothing reordered);
 *  - and the subgraph answers without errors. When it reports errors, or the fetch fails, the
 *    request is run again on the gateway's path so errors keep the gateway's form (paths,
 *    `serviceName`): a read twice, only for failing requests.
 * Anything else goes through the gateway unchanged. `GATEWAY_PASS_THROUGH=0` turns it off.
 */
import type { ApolloGateway, GatewayConfig, GraphQLDataSource } from '@apollo/gateway';
import {
  BREAK,
  getNamedType,
  isCompositeType,
  Kind,
  parse,
  print,
  visit,
  type ASTNode,
  type DocumentNode,
  type FragmentDefinitionNode,
  type GraphQLCompositeType,
  type GraphQLSchema,
  type OperationDefinitionNode,
  type SelectionNode,
  type SelectionSetNode,
} from 'graphql';

type LoadOptions = Parameters<ApolloGateway['load']>[0];
type LoadResult = Awaited<ReturnType<ApolloGateway['load']>>;
type Executor = NonNullable<LoadResult['executor']>;
type RequestContext = Parameters<Executor>[0];
type ExecutionResult = Awaited<ReturnType<Executor>>;
type DidResolveQueryPlan = NonNullable<GatewayConfig['experimental_didResolveQueryPlan']>;
type QueryPlan = Parameters<DidResolveQueryPlan>[0]['queryPlan'];
type PlanNode = NonNullable<QueryPlan['node']>;
type FetchNode = Extract<PlanNode, { kind: 'Fetch' }>;

/** What a pass-through needs of a learnt plan. */
interface Route {
  serviceName: string;
  operation: string;
  operationName: string | undefined;
  document: DocumentNode | undefined;
  variableUsages: string[];
}

export interface PassThroughStats {
  passedThrough: number;
  viaGateway: number;
  /** subgraph answered with errors: re-run on the gateway's path */
  retried: number;
}

/** At most this many documents are remembered (a bounded map: oldest learnt first out). */
const MAX_ROUTES = 2000;

export class SingleFetchPassThrough {
  private readonly routes = new Map<string, Route | null>();
  private sources: Record<string, GraphQLDataSource> = {};
  readonly stats: PassThroughStats = { passedThrough: 0, viaGateway: 0, retried: 0 };

  constructor(private readonly enabled = true) {}

  /** For `new ApolloGateway({ experimental_didResolveQueryPlan })`: learns each planned document. */
  readonly didResolveQueryPlan: DidResolveQueryPlan = ({ queryPlan, serviceMap, requestContext, operationContext }) => {
    if (!this.enabled) return;
    this.sources = serviceMap as Record<string, GraphQLDataSource>;
    const key = keyOf(requestContext);
    if (this.routes.has(key)) return;
    let route: Route | null = null;
    try {
      route = routeOf(queryPlan, operationContext.schema, operationContext.operation, operationContext.fragments);
    } catch {
      // A plan this module cannot read is simply left to the gateway.
    }
    this.routes.set(key, route);
    if (this.routes.size > MAX_ROUTES) this.routes.delete(this.routes.keys().next().value as string);
  };

  /** Wraps the gateway for ApolloServer's `gateway` option. */
  wrap(gateway: ApolloGateway): Pick<ApolloGateway, 'load' | 'onSchemaLoadOrUpdate' | 'stop'> {
    return {
      load: async (options: LoadOptions) => {
        const loaded = await gateway.load(options);
        const inner = loaded.executor;
        if (!inner || !this.enabled) return loaded;
        return { ...loaded, executor: (requestContext) => this.execute(requestContext, inner) };
      },
      onSchemaLoadOrUpdate: (callback) =>
        gateway.onSchemaLoadOrUpdate((schema) => {
          // A new supergraph means new plans.
          this.routes.clear();
          callback(schema);
        }),
      stop: () => gateway.stop(),
    };
  }

  private async execute(requestContext: RequestContext, inner: Executor): Promise<ExecutionResult> {
    const route = this.routes.get(keyOf(requestContext));
    const source = route ? this.sources[route.serviceName] : undefined;
    if (!route || !source) {
      this.stats.viaGateway++;
      return inner(requestContext);
    }
    const provided = requestContext.request.variables ?? {};
    const variables: Record<string, unknown> = Object.create(null);
    for (const name of route.variableUsages) {
      if (Object.hasOwn(provided, name) && provided[name] !== undefined) variables[name] = provided[name];
    }
    let response: Awaited<ReturnType<GraphQLDataSource['process']>> | null = null;
    try {
      response = await source.process({
        // GraphQLDataSourceRequestKind.INCOMING_OPERATION (the enum is not exported by @apollo/gateway)
        kind: 'incoming operation' as never,
        request: { query: route.operation, variables, operationName: route.operationName },
        incomingRequestContext: requestContext as never,
        context: requestContext.context,
        document: route.document,
        pathInIncomingRequest: [],
      } as never);
    } catch {
      // A failed fetch (a subgraph unreachable, a non-2xx answer) is reported as the gateway reports it.
    }
    if (!response || response.errors?.length || response.data === undefined) {
      this.stats.retried++;
      return inner(requestContext);
    }
    this.stats.passedThrough++;
    return { data: response.data };
  }
}

function keyOf(requestContext: { queryHash: string; request: { operationName?: string | null } }): string {
  return `${requestContext.queryHash}\u0000${requestContext.request.operationName ?? ''}`;
}

/** The route of a plan that can be passed through, else null. */
export function routeOf(
  queryPlan: QueryPlan,
  schema: GraphQLSchema,
  operation: OperationDefinitionNode,
  fragments: Record<string, FragmentDefinitionNode>,
): Route | null {
  const node = queryPlan.node;
  if (!node || node.kind !== 'Fetch') return null;
  const fetch = node as FetchNode;
  if (fetch.requires || fetch.inputRewrites?.length || fetch.outputRewrites?.length || fetch.contextRewrites?.length) return null;
  const query = schema.getQueryType();
  if (!query || operation.operation !== 'query' || fetch.operationKind !== 'query') return null;
  if (hasDirectives(operation) || Object.values(fragments).some(hasDirectives)) return null;
  const fetched = parse(fetch.operation);
  const fetchedOperation = fetched.definitions.find((d): d is OperationDefinitionNode => d.kind === Kind.OPERATION_DEFINITION);
  if (!fetchedOperation || hasDirectives(fetchedOperation)) return null;
  const fetchedFragments = Object.fromEntries(
    fetched.definitions.filter((d): d is FragmentDefinitionNode => d.kind === Kind.FRAGMENT_DEFINITION).map((d) => [d.name.value, d]),
  );
  const asked = print(normalise(operation.selectionSet, query, schema, fragments));
  const sent = print(normalise(fetchedOperation.selectionSet, query, schema, fetchedFragments));
  if (asked !== sent) return null;
  return {
    serviceName: fetch.serviceName,
    operation: fetch.operation,
    operationName: fetch.operationName,
    document: fetch.operationDocumentNode,
    variableUsages: fetch.variableUsages ?? [],
  };
}

function hasDirectives(node: ASTNode): boolean {
  let found = false;
  visit(node, {
    Directive() {
      found = true;
      return BREAK;
    },
  });
  return found;
}

/**
 * The selection set as the planner writes it: fragments spread in place, and a fragment on the
 * type it is already in replaced by its selections (the planner drops such type conditions).
 * Throws on a field the schema does not know (the route is then left to the gateway).
 */
function normalise(set: SelectionSetNode, parent: GraphQLCompositeType, schema: GraphQLSchema, fragments: Record<string, FragmentDefinitionNode>, depth = 0): SelectionSetNode {
  if (depth > 100) throw new Error('selection nesting too deep');
  const out: SelectionNode[] = [];
  const inline = (typeName: string | undefined, inner: SelectionSetNode) => {
    if (!typeName || typeName === parent.name) {
      out.push(...normalise(inner, parent, schema, fragments, depth + 1).selections);
      return;
    }
    const type = schema.getType(typeName);
    if (!type || !isCompositeType(type)) throw new Error(`unknown type ${typeName}`);
    out.push({ kind: Kind.INLINE_FRAGMENT, typeCondition: { kind: Kind.NAMED_TYPE, name: { kind: Kind.NAME, value: typeName } }, selectionSet: normalise(inner, type, schema, fragments, depth + 1) });
  };
  for (const sel of set.selections) {
    if (sel.kind === Kind.FIELD) {
      if (!sel.selectionSet) {
        out.push(sel);
        continue;
      }
      if (!('getFields' in parent)) throw new Error(`selection on union ${parent.name}`);
      const field = parent.getFields()[sel.name.value];
      if (!field) throw new Error(`unknown field ${parent.name}.${sel.name.value}`);
      const type = getNamedType(field.type);
      if (!isCompositeType(type)) throw new Error(`selection on leaf ${parent.name}.${sel.name.value}`);
      out.push({ ...sel, selectionSet: normalise(sel.selectionSet, type, schema, fragments, depth + 1) });
    } else if (sel.kind === Kind.INLINE_FRAGMENT) {
      inline(sel.typeCondition?.name.value, sel.selectionSet);
    } else {
      const f = fragments[sel.name.value];
      if (!f) throw new Error(`unknown fragment ${sel.name.value}`);
      inline(f.typeCondition.name.value, f.selectionSet);
    }
  }
  return { kind: Kind.SELECTION_SET, selections: out };
}
