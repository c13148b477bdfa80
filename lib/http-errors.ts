/**
 * What a request that never reaches GraphQL gets: a body over the size limit (413), a body that is
 * not JSON (400), an unsupported charset (415). Express's default handler answers those with an
 * HTML page and logs a stack trace for each; a client's bad request is the client's problem, so it
 * gets a GraphQL-style JSON error with a code and the server logs one warn line.
 */
import type { ErrorRequestHandler } from 'express';
import { ErrorCode } from './errors.ts';
import { log } from './logger.ts';

interface HttpError {
  status?: number;
  statusCode?: number;
  type?: string;
  limit?: number;
  expose?: boolean;
  message?: string;
}

function describe(err: HttpError, status: number): { code: string; message: string } {
  if (status === 413) return { code: ErrorCode.PAYLOAD_TOO_LARGE, message: `The request body is larger than the limit of ${err.limit ?? '?'} bytes` };
  if (err.type === 'entity.parse.failed') return { code: ErrorCode.BAD_REQUEST, message: 'The request body is not valid JSON' };
  if (status < 500) return { code: ErrorCode.BAD_REQUEST, message: err.expose && err.message ? err.message : 'Bad request' };
  return { code: ErrorCode.INTERNAL_SERVER_ERROR, message: 'Internal server error' };
}

/** Express error middleware (register after the routes): JSON errors, one log line each. */
export function jsonErrorHandler(service: string): ErrorRequestHandler {
  return (err: unknown, req, res, next) => {
    if (res.headersSent) {
      next(err);
      return;
    }
    const e = (err ?? {}) as HttpError;
    const raw = e.status ?? e.statusCode;
    const status = typeof raw === 'number' && raw >= 400 && raw < 600 ? raw : 500;
    const { code, message } = describe(e, status);
    const fields = { service, requestId: req.headers['x-request-id'], status, code, method: req.method, path: req.path };
    if (status < 500) log.warn(fields, `refused a malformed request: ${message}`);
    else log.error({ ...fields, err }, 'request failed before GraphQL');
    res.status(status).json({ errors: [{ message, extensions: { code } }] });
  };
}
