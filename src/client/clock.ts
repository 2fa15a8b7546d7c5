/**
 * Time as the scheduled parts see it (poller, sender, backoff, outbox stamps). The real one
 * by default; tests pass a fake so that nothing scheduled needs a test to sleep.
 */
export interface Clock {
  now(): number;
  setTimeout(callback: () => void, ms: number): unknown;
  clearTimeout(handle: unknown): void;
}

export const realClock: Clock = {
  now: Date.now,
  setTimeout: (callback, ms) => setTimeout(callback, ms),
  clearTimeout: (handle) => clearTimeout(handle as number),
};
