import type { Clock } from '../../../src/client/clock.js';

/** Lets pending promise callbacks run (many rounds: a poll is a chain of awaits). No time passes. */
export async function settle(rounds = 50) {
  for (let i = 0; i < rounds; i++) await Promise.resolve();
}

/**
 * A clock that moves only when told to: `tick(ms)` runs every timer due within `ms`, in
 * order, letting promises settle after each, so scheduled code runs exactly as it would over
 * that time, at once. Unit tests on it never sleep.
 */
export class FakeClock implements Clock {
  #now = 0;
  #nextId = 0;
  readonly #timers = new Map<number, { at: number; callback: () => void }>();

  constructor(start = 0) {
    this.#now = start;
  }

  now() {
    return this.#now;
  }

  setTimeout(callback: () => void, ms: number) {
    const id = ++this.#nextId;
    this.#timers.set(id, { at: this.#now + Math.max(0, ms || 0), callback });
    return id;
  }

  clearTimeout(handle: unknown) {
    this.#timers.delete(handle as number);
  }

  /** Timers waiting to run. */
  get pending() {
    return this.#timers.size;
  }

  /** When the next timer is due, in ms from now (undefined when none). */
  get nextIn() {
    const next = Math.min(...[...this.#timers.values()].map((t) => t.at));
    return Number.isFinite(next) ? next - this.#now : undefined;
  }

  async tick(ms: number) {
    const end = this.#now + ms;
    for (;;) {
      await settle();
      const due = [...this.#timers].filter(([, t]) => t.at <= end).sort(([a, x], [b, y]) => x.at - y.at || a - b)[0];
      if (!due) break;
      this.#timers.delete(due[0]);
      this.#now = due[1].at;
      due[1].callback();
    }
    this.#now = end;
    await settle();
  }
}
