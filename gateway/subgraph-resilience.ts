/**
 * Every subgraph fetch of the gateway is bounded: a per-fetch timeout (SUBGRAPH_TIMEOUT_MS, capped
 * by what is left of the request's budget, REQUEST_TIMEOUT_MS) and a circuit breaker per subgraph
 * (opossum) that fails fast while a subgraph is down instead of costing each request the timeout.
 *
 * A fetch that fails this way is *answered*, not thrown: Apollo Gateway pushes a thrown error into
 * the response as it is (no path, no service name, masked in production), while errors in a
 * subgraph's response go through its `downstreamServiceError`, which adds `path` (from the error's
 * path under the fetch's place in the result) and `extensions.serviceName`. So the wrapper returns
 * `{ errors }` with SUBGRAPH_TIMEOUT / SUBGRAPH_UNAVAILABLE and a path naming the fields the fetch
 * was to fill; the rest of the plan still runs (partial data).
 *
 * A subgraph that failed once in a request fails at once for the rest of that request: the
 * single-fetch pass-through (single-fetch.ts) re-runs a failed request on the gateway's path, which
 * must not wait for the same dead subgraph a second time.
 */
import { AsyncLocalStorage } from 'node:async_hooks';
import type { GraphQLDataSource } from '@apollo/gateway';
import { Kind, parse, type DocumentNode, type GraphQLFormattedError, type OperationDefinitionNode } from 'graphql';
import CircuitBreaker from 'opossum';
import { ErrorCode } from '../lib/errors.ts';
import { observeSubgraphFetch } from '../lib/metrics.ts';

type ProcessOptions<C extends Record<string, any>> = Parameters<GraphQLDataSource<C>['process']>[0];
type ProcessResult<C extends Record<string, any>> = Awaited<ReturnType<GraphQLDataSource<C>['process']>>;

export interface ResilienceOptions {
  /** Longest one subgraph fetch may take (ms). */
  timeoutMs: number;
  /** Consecutive failed fetches (down, refused, timed out, 5xx) after which the breaker opens. */
  breakerFailures: number;
  /** How long an open breaker fails fast before it lets one trial fetch through (half-open), ms. */
  breakerResetMs: number;
}

/** What the gateway's request context carries for this module (gateway/server.ts sets it). */
export interface Deadline {
  /** Epoch ms by which the whole gateway request must be answered (REQUEST_TIMEOUT_MS). */
  deadline?: number;
}

/** The abort signal of the fetch in progress, for the HTTP fetcher (it destroys the socket on abort). */
export const fetchSignal = new AsyncLocalStorage<AbortSignal>();

class SubgraphFailure extends Error {
  constructor(
    readonly code: typeof ErrorCode.SUBGRAPH_TIMEOUT | typeof ErrorCode.SUBGRAPH_UNAVAILABLE,
    message: string,
  ) {
    super(message);
  }
}

/** Failures of this request, by subgraph: a second fetch to a subgraph that failed is not tried. */
const failedInRequest = new WeakMap<object, Map<string, SubgraphFailure>>();

/** An error thrown by a fetch that says the subgraph cannot serve (as opposed to a client error it answered with). */
function isOutage(err: unknown): boolean {
  const status = (err as { extensions?: { response?: { status?: number } } }).extensions?.response?.status;
  // A 4xx is the subgraph refusing this request (e.g. a variable it rejects): it is up. 401/403 mean
  // the gateway itself is refused (a wrong SUBGRAPH_SECRET), 408/429 that it cannot serve now.
  if (typeof status === 'number') return status >= 500 || [401, 403, 408, 429].includes(status);
  return true;
}

export class ResilientDataSource<C extends Record<string, any>> implements GraphQLDataSource<C> {
  private readonly breaker: CircuitBreaker<[ProcessOptions<C>, AbortSignal], ProcessResult<C>>;
  private consecutiveFailures = 0;

  constructor(
    private readonly serviceName: string,
    private readonly inner: GraphQLDataSource<C>,
    private readonly opts: ResilienceOptions,
  ) {
    // opossum keeps the open / half-open / closed state machine; the rule to open is "N failures
    // in a row" (below), not its rolling error percentage, which a trickle of traffic makes erratic.
    this.breaker = new CircuitBreaker((o: ProcessOptions<C>, signal: AbortSignal) => fetchSignal.run(signal, () => this.inner.process(o)), {
      timeout: false,
      resetTimeout: opts.breakerResetMs,
      errorThresholdPercentage: 100,
      enableSnapshots: false,
      errorFilter: (err: unknown) => !isOutage(err),
      name: serviceName,
    });
    this.breaker.on('success', () => (this.consecutiveFailures = 0));
    this.breaker.on('failure', () => {
      if (++this.consecutiveFailures >= this.opts.breakerFailures && this.breaker.closed) this.breaker.open();
    });
  }

  /** open | halfOpen | closed, for tests and health reports. */
  get state(): 'open' | 'halfOpen' | 'closed' {
    return this.breaker.opened ? 'open' : this.breaker.halfOpen ? 'halfOpen' : 'closed';
  }

  /** One fetch, timed for /metrics; a failure is one this module answered with (SUBGRAPH_TIMEOUT / SUBGRAPH_UNAVAILABLE). */
  async process(options: ProcessOptions<C>): Promise<ProcessResult<C>> {
    const started = process.hrtime.bigint();
    let failure: string | null = null;
    try {
      const result = await this.attempt(options);
      const code = result.errors?.[0]?.extensions?.code;
      if (code === ErrorCode.SUBGRAPH_TIMEOUT || code === ErrorCode.SUBGRAPH_UNAVAILABLE) failure = code;
      return result;
    } finally {
      observeSubgraphFetch(this.serviceName, Number(process.hrtime.bigint() - started) / 1e9, failure);
    }
  }

  private async attempt(options: ProcessOptions<C>): Promise<ProcessResult<C>> {
    const context = options.context as C & Deadline;
    const failed = failedInRequest.get(context)?.get(this.serviceName);
    if (failed) return this.answer(failed, options);
    const left = context.deadline === undefined ? this.opts.timeoutMs : Math.min(this.opts.timeoutMs, context.deadline - Date.now());
    if (left <= 0) return this.fail(context, options, new SubgraphFailure(ErrorCode.SUBGRAPH_TIMEOUT, `The request's time budget ran out before subgraph "${this.serviceName}" was asked.`));
    const abort = new AbortController();
    let timer: NodeJS.Timeout | undefined;
    const timedOut = new Promise<never>((_, reject) => {
      timer = setTimeout(() => {
        const failure = new SubgraphFailure(ErrorCode.SUBGRAPH_TIMEOUT, `Subgraph "${this.serviceName}" did not answer within ${left} ms.`);
        abort.abort(failure);
        reject(failure);
      }, left);
    });
    try {
      return await Promise.race([this.breaker.fire(options, abort.signal), timedOut]);
    } catch (err) {
      if (err instanceof SubgraphFailure) return this.fail(context, options, err);
      if ((err as { code?: string }).code === 'EOPENBREAKER') {
        return this.fail(context, options, new SubgraphFailure(ErrorCode.SUBGRAPH_UNAVAILABLE, `Subgraph "${this.serviceName}" is unavailable (failing fast after ${this.opts.breakerFailures} failed requests; retried in at most ${this.opts.breakerResetMs} ms).`));
      }
      if (abort.signal.aborted && abort.signal.reason instanceof SubgraphFailure) return this.fail(context, options, abort.signal.reason);
      if (!isOutage(err)) throw err;
      return this.fail(context, options, new SubgraphFailure(ErrorCode.SUBGRAPH_UNAVAILABLE, `Subgraph "${this.serviceName}" is unavailable.`));
    } finally {
      clearTimeout(timer);
    }
  }

  private fail(context: object, options: ProcessOptions<C>, failure: SubgraphFailure): ProcessResult<C> {
    let byService = failedInRequest.get(context);
    if (!byService) failedInRequest.set(context, (byService = new Map()));
    byService.set(this.serviceName, failure);
    return this.answer(failure, options);
  }

  /**
   * The failure as the subgraph's own answer: an entity fetch's error points at the first entity
   * (`_entities.0`, which the gateway maps to that entity's place in the result); a root fetch's
   * errors point at each root field it was to resolve.
   */
  private answer(failure: SubgraphFailure, options: ProcessOptions<C>): ProcessResult<C> {
    const extensions = { code: failure.code };
    const entityFetch = options.request.variables !== undefined && 'representations' in options.request.variables;
    const paths: (string | number)[][] = entityFetch ? [['_entities', 0]] : rootFields(options).map((f) => [f]);
    const errors: GraphQLFormattedError[] = (paths.length ? paths : [undefined]).map((path) => ({ message: failure.message, ...(path ? { path } : {}), extensions }));
    return { errors } as ProcessResult<C>;
  }
}

function rootFields<C extends Record<string, any>>(options: ProcessOptions<C>): string[] {
  // The gateway hands some fetches over with their parsed document and others with only the text.
  let document: DocumentNode | undefined = 'document' in options ? options.document : undefined;
  if (!document && options.request.query) {
    try {
      document = parse(options.request.query);
    } catch {
      return [];
    }
  }
  const op = document?.definitions.find((d): d is OperationDefinitionNode => d.kind === Kind.OPERATION_DEFINITION);
  if (!op) return [];
  return op.selectionSet.selections.flatMap((s) => (s.kind === Kind.FIELD ? [(s.alias ?? s.name).value] : []));
}
