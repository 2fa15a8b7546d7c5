/**
 * A sliding-window rate limit over a log of hit times. Sliding rather than fixed windows so
 * that a burst across a window edge cannot get twice the allowance.
 */
export interface Limit {
  max: number;
  windowMs: number;
}

export const LIMITS = {
  /** Sends and mark-reads of one session or identity. */
  widgetWrite: { max: 30, windowMs: 60_000 },
  /** Restore-link requests for one email address. */
  restoreRequest: { max: 3, windowMs: 3_600_000 },
  /** Restore-token redeems from one client (socket address). */
  restoreRedeem: { max: 10, windowMs: 60_000 },
} satisfies Record<string, Limit>;

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
