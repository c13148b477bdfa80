import { GraphQLError, type GraphQLFormattedError } from 'graphql';

/** The one list of error codes clients see in `extensions.code`. */
export const ErrorCode = {
  BAD_USER_INPUT: 'BAD_USER_INPUT',
  NOT_FOUND: 'NOT_FOUND',
  UNAUTHENTICATED: 'UNAUTHENTICATED',
  FORBIDDEN: 'FORBIDDEN',
  DATABASE_UNAVAILABLE: 'DATABASE_UNAVAILABLE',
  /** Over a per-operation limit (depth, cost, aliases, directives); `extensions.limit` names it. */
  QUERY_TOO_COMPLEX: 'QUERY_TOO_COMPLEX',
  /** The answer would hold more than MAX_RESPONSE_ITEMS list items (lib/response-cap.ts). */
  RESPONSE_TOO_LARGE: 'RESPONSE_TOO_LARGE',
  /** HTTP 413: the request body is over the size limit (lib/http-errors.ts). */
  PAYLOAD_TOO_LARGE: 'PAYLOAD_TOO_LARGE',
  /** HTTP 400 before GraphQL: a body that is not JSON, or another malformed request (lib/http-errors.ts). */
  BAD_REQUEST: 'BAD_REQUEST',
  /** A subgraph did not answer within SUBGRAPH_TIMEOUT_MS (or the request's budget); `extensions.serviceName` names it. */
  SUBGRAPH_TIMEOUT: 'SUBGRAPH_TIMEOUT',
  /** A subgraph is down, refused the connection or failed (5xx), or its circuit breaker is open. */
  SUBGRAPH_UNAVAILABLE: 'SUBGRAPH_UNAVAILABLE',
  /** A key's seed operations over WRITE_RATE_LIMIT; `extensions.retryAfterSeconds` says when to retry. */
  RATE_LIMITED: 'RATE_LIMITED',
  INTERNAL_SERVER_ERROR: 'INTERNAL_SERVER_ERROR',
} as const;
export type ErrorCode = (typeof ErrorCode)[keyof typeof ErrorCode];

export function appError(code: ErrorCode, message: string, extensions: Record<string, unknown> = {}): GraphQLError {
  return new GraphQLError(message, { extensions: { ...extensions, code } });
}

/** No valid API key where one is needed: HTTP 401 when raised before execution (gateway, subgraph context). */
export const unauthenticated = (message = 'a valid API key is required (x-api-key header)'): GraphQLError =>
  appError(ErrorCode.UNAUTHENTICATED, message, { http: { status: 401 } });

export const badInput = (message: string, field?: string): GraphQLError =>
  appError(ErrorCode.BAD_USER_INPUT, message, field ? { field } : {});

const KNOWN_CODES = new Set<string>([...Object.values(ErrorCode), 'GRAPHQL_VALIDATION_FAILED', 'GRAPHQL_PARSE_FAILED', 'BAD_REQUEST', 'PERSISTED_QUERY_NOT_FOUND', 'PERSISTED_QUERY_NOT_SUPPORTED', 'OPERATION_RESOLUTION_FAILURE']);

/**
 * graphql-js suggests names that exist ("Did you mean "regulation"?", also for arguments, types and
 * enum values, in validation and in variable errors): in production that maps the schema for a client
 * that cannot introspect it. Stripped here, where every error passes, rather than with GraphQL
 * Armor's block-field-suggestions or Apollo's hideSchemaDetailsFromClientErrors, which rewrite only
 * validation errors and miss `Did you mean the enum value …?`.
 */
export const withoutSuggestions = (message: string): string => message.replace(/\s*Did you mean [^?]*\?/g, '');

/**
 * Apollo `formatError`: errors we raised on purpose pass through; anything else is masked outside
 * development so clients never see stack traces or driver internals.
 */
export function makeFormatError(env: string) {
  return (formatted: GraphQLFormattedError, _error: unknown): GraphQLFormattedError => {
    const code = String(formatted.extensions?.code ?? ErrorCode.INTERNAL_SERVER_ERROR);
    if (env !== 'production') return formatted;
    const { stacktrace: _s, exception: _e, ...extensions } = (formatted.extensions ?? {}) as Record<string, unknown>;
    if (KNOWN_CODES.has(code) && code !== ErrorCode.INTERNAL_SERVER_ERROR) return { ...formatted, message: withoutSuggestions(formatted.message), extensions };
    return { message: 'Internal server error', locations: formatted.locations, path: formatted.path, extensions: { code: ErrorCode.INTERNAL_SERVER_ERROR } };
  };
}

/** Control characters, refused in names and descriptions a client sends (they are cited in messages and logs). */
// eslint-disable-next-line no-control-regex
export const CONTROL_CHARACTERS = /[\u0000-\u001f\u007f]/;
