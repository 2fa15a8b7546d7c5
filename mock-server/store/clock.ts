import type { StoreData } from './data.js';

/**
 * The server's time: the wall clock (tests replace `source`) plus what the dev endpoint
 * moved it forward by, and the strictly increasing stamps records get.
 */
export class Clock {
  /** The wall clock; tests replace it, or move it with `advance` (`POST /api/_dev/clock`). */
  source: () => number = () => Date.now();
  #offset = 0;

  /** `data` is read at each stamp, because a load or reset replaces it. */
  constructor(private readonly data: () => StoreData) {}

  /** Current time in ms, as the server sees it (wall clock plus any dev advance). */
  nowMs(): number {
    return this.source() + this.#offset;
  }

  advance(ms: number) {
    this.#offset += ms;
  }

  reset() {
    this.#offset = 0;
  }

  /**
   * Strictly increasing ISO times for records: clients poll with `after` (strictly greater),
   * so two messages in the same millisecond must still get different times. The last one is
   * kept in the data, so that it holds across a restart too.
   */
  stamp(): string {
    const data = this.data();
    const ms = Math.max(this.nowMs(), data.lastTimestamp + 1);
    data.lastTimestamp = ms;
    return new Date(ms).toISOString();
  }
}
