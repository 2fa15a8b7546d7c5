import { hit, type Limit } from '../lib/rate-limit.js';

/**
 * The hit logs of every rate-limited key, in memory only: a restart forgives, as it does on
 * a production backend whose counters live in a cache.
 */
export class RateLimits {
  #logs = new Map<string, number[]>();

  constructor(private readonly now: () => number) {}

  /** Counts a hit against `key`; 0 if allowed, else the seconds until the next one is. */
  hit(key: string, limit: Limit): number {
    let log = this.#logs.get(key);
    if (!log) this.#logs.set(key, (log = []));
    return hit(log, this.now(), limit);
  }

  clear() {
    this.#logs.clear();
  }
}
