/**
 * One log line and one set of metrics per GraphQL request, at the gateway and in every subgraph:
 * the request id, the operation name, the duration, the outcome and the error codes.
 *
 * The request id is the client's `x-request-id` when it is a plausible id, else a new UUID; the
 * gateway forwards it to the subgraphs (gateway/server.ts FORWARDED), so one client request can be
 * followed through every process's log. It is echoed in the response's `x-request-id`.
 *
 * Levels: a client's mistake (bad input, a refused key, a query over a limit) is `warn` without a
 * stack: it is the client's problem and a stack would only be noise; a failure of ours is `error`,
 * with the stack when the error was unexpected (no code of ours). A subgraph answering the gateway
 * in-process logs its successes at `debug`: the gateway's line already covers that request.
 */
import { randomUUID } from 'node:crypto';
import type { ApolloServerPlugin } from '@apollo/server';
import type { RequestHandler } from 'express';
import { Kind, type DocumentNode, type GraphQLError } from 'graphql';
import { ErrorCode } from './errors.ts';
import { log } from './logger.ts';
import { observeRequest, operationLabel, type Outcome } from './metrics.ts';

export const REQUEST_ID_HEADER = 'x-request-id';

/** Ids a client may choose: short, and nothing a log viewer could misread (no spaces, quotes, newlines). */
const PLAUSIBLE_ID = /^[\w.:@/+=-]{1,128}$/;

/** The request's id (the client's or a new one), set on the request's headers and on the response. */
export function requestId(): RequestHandler {
  return (req, res, next) => {
    const given = req.headers[REQUEST_ID_HEADER];
    const id = typeof given === 'string' && PLAUSIBLE_ID.test(given) ? given : randomUUID();
    req.headers[REQUEST_ID_HEADER] = id;
    res.setHeader(REQUEST_ID_HEADER, id);
    next();
  };
}

/** Codes that mean the client asked for something it may not or cannot have. */
const CLIENT_CODES = new Set<string>([
  ErrorCode.BAD_USER_INPUT,
  ErrorCode.NOT_FOUND,
  ErrorCode.UNAUTHENTICATED,
  ErrorCode.FORBIDDEN,
  ErrorCode.QUERY_TOO_COMPLEX,
  ErrorCode.RESPONSE_TOO_LARGE,
  ErrorCode.PAYLOAD_TOO_LARGE,
  ErrorCode.BAD_REQUEST,
  ErrorCode.RATE_LIMITED,
  'GRAPHQL_PARSE_FAILED',
  'GRAPHQL_VALIDATION_FAILED',
  'PERSISTED_QUERY_NOT_FOUND',
  'PERSISTED_QUERY_NOT_SUPPORTED',
  'OPERATION_RESOLUTION_FAILURE',
]);

function codeOf(err: GraphQLError): string {
  const own = err.extensions?.code ?? (err.originalError as { extensions?: { code?: unknown } } | undefined)?.extensions?.code;
  return typeof own === 'string' ? own : ErrorCode.INTERNAL_SERVER_ERROR;
}

/** A request that failed validation has no resolved operation; its document still names one. */
function firstOperationName(document: DocumentNode | undefined): string | null {
  for (const d of document?.definitions ?? []) if (d.kind === Kind.OPERATION_DEFINITION) return d.name?.value ?? null;
  return null;
}

/** The Apollo plugin of `service` ("gateway" or a subgraph's name). */
export function requestLogPlugin<C extends object>(service: string): ApolloServerPlugin<C> {
  return {
    async requestDidStart({ request, contextValue }) {
      const started = process.hrtime.bigint();
      const id = request.http?.headers.get(REQUEST_ID_HEADER) ?? (contextValue as { requestId?: string }).requestId;
      const inProcess = request.http === undefined;
      let errors: readonly GraphQLError[] = [];
      return {
        async didEncounterErrors(ctx) {
          errors = [...errors, ...ctx.errors];
        },
        async willSendResponse({ operationName, response, document }) {
          const seconds = Number(process.hrtime.bigint() - started) / 1e9;
          const codes = errors.map(codeOf);
          const unexpected = errors.find((e) => codeOf(e) === ErrorCode.INTERNAL_SERVER_ERROR);
          const outcome: Outcome = codes.length === 0 ? 'ok' : codes.every((c) => CLIENT_CODES.has(c)) ? 'client_error' : 'error';
          const operation = operationName ?? request.operationName ?? firstOperationName(document);
          observeRequest(service, operationLabel(operation), outcome, seconds, codes);
          const fields: Record<string, unknown> = {
            service,
            requestId: id,
            operation: operation?.slice(0, 100) ?? null,
            durationMs: Math.round(seconds * 10_000) / 10,
            outcome,
            status: response.http.status ?? 200,
          };
          if (codes.length) Object.assign(fields, { code: codes[0], codes: [...new Set(codes)], errors: errors.slice(0, 5).map((e) => e.message.slice(0, 300)) });
          if (outcome === 'ok') {
            if (inProcess && service !== 'gateway') log.debug(fields, 'request');
            else log.info(fields, 'request');
          } else if (outcome === 'client_error') log.warn(fields, 'request refused');
          else log.error(unexpected ? { ...fields, err: unexpected.originalError ?? unexpected } : fields, 'request failed');
        },
      };
    },
  };
}
