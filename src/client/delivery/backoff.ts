import type { TransportError } from '../../transport/transport-error.js';

export interface BackoffOptions {
  /** First retry after about this many milliseconds... */
  base: number;
  /** ...doubling each time up to this. */
  max: number;
}

/**
 * How long to wait before retry number `attempt` (0-based): exponential, with "equal jitter"
 * (half fixed, half random) so that many browsers recovering from the same outage don't
 * retry in lockstep. A server's `Retry-After` is a floor, never shortened. `random` is for tests.
 */
export function retryDelay(attempt: number, error: TransportError, { base, max }: BackoffOptions, random = Math.random): number {
  const ceiling = Math.min(max, base * 2 ** attempt);
  const jittered = ceiling / 2 + (random() * ceiling) / 2;
  return Math.max(jittered, (error.retryAfter ?? 0) * 1000);
}
