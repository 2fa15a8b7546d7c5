import type { Clock } from './clock.js';

/**
 * How many more pages of messages polling may fetch than one per poll: a few per poll, and a budget over time. A
 * backend that answers `has_more: true` forever otherwise delivers tens of thousands of
 * messages in seconds and stalls the tab; a limit per poll alone still lets it do so poll after
 * poll. Over budget, paging waits for the next scheduled poll.
 */
export class PageBudget {
  /** When each page of the last window was fetched. */
  #taken: number[] = [];

  readonly #clock: Clock;
  readonly #perWindow: number;
  readonly #windowMs: number;
  readonly perPoll: number;

  constructor(clock: Clock, { perPoll = 10, perWindow = 30, windowMs = 60_000 } = {}) {
    this.#clock = clock;
    this.perPoll = perPoll;
    this.#perWindow = perWindow;
    this.#windowMs = windowMs;
  }

  /** Takes one page from the budget; `false` when it is spent. */
  take(): boolean {
    const now = this.#clock.now();
    this.#taken = this.#taken.filter((at) => now - at < this.#windowMs);
    if (this.#taken.length >= this.#perWindow) return false;
    this.#taken.push(now);
    return true;
  }
}
