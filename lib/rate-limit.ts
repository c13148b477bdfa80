/**
 * Per-key rate limits of the API's costly mutations (seed files, webhook subscriptions), over
 * rate-limiter-flexible: the limiter, and one way of refusing past it — RATE_LIMITED with
 * `retryAfterSeconds`, at least 1.
 */
import { RateLimiterMemory, RateLimiterRes } from 'rate-limiter-flexible';
import { appError, ErrorCode } from './errors.ts';

/** In memory, per serving process: with SERVE_WORKERS=N a key gets at most N× the limit (README, security). */
export const perKeyLimiter = (rate: { points: number; durationSec: number }): RateLimiterMemory => new RateLimiterMemory({ points: rate.points, duration: rate.durationSec });

/** Takes one point for `key`, or throws RATE_LIMITED with `message(retryAfterSeconds)`. */
export async function consumeOrRefuse(limiter: RateLimiterMemory, key: string, message: (retryAfterSeconds: number) => string): Promise<void> {
  try {
    await limiter.consume(key);
  } catch (err) {
    if (!(err instanceof RateLimiterRes)) throw err;
    const retryAfterSeconds = Math.max(1, Math.ceil(err.msBeforeNext / 1000));
    throw appError(ErrorCode.RATE_LIMITED, message(retryAfterSeconds), { retryAfterSeconds });
  }
}
