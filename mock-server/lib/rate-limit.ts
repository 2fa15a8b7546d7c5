import type { RateLimit } from '../../contract/limits.js';

/**
 * A sliding-window rate limit over a log of hit times. Sliding rather than fixed windows so
 * that a burst across a window edge cannot get twice the allowance. The limits themselves
 * are the contract's (`RATE_LIMITS` in contract/limits.ts).
 */
export type Limit = RateLimit;

/**
 * Records a hit in `log` (mutated) if the limit allows it. Returns 0 when allowed, else the
 * whole seconds to wait, for `Retry-After`.
 */
export function hit(log: number[], now: number, { max, windowMs }: Limit): number {
  while (log.length && log[0] <= now - windowMs) log.shift();
  if (log.length >= max) return Math.max(1, Math.ceil((log[0] + windowMs - now) / 1000));
  log.push(now);
  return 0;
}
