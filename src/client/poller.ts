import type { Clock } from './clock.js';

export interface PollerOptions {
  /** Milliseconds between polls while the panel is open. */
  openInterval: number;
  /** Milliseconds between badge polls while the panel is closed. */
  closedInterval: number;
  /** Consecutive network failures (while the browser says it is online) that stop polling. */
  maxFailures?: number;
  /** One poll; `open` says which kind. Resolves `true` when it failed for lack of a network. */
  poll: (open: boolean) => Promise<boolean>;
  /** Schedules the polls. */
  clock: Clock;
}

/**
 * Runs the polling schedule of DESIGN.md: often while the panel is open, rarely while it
 * is closed, never while the page is hidden, and at once when the page comes back, the
 * network returns or the panel opens. Never two polls at once. After repeated network
 * failures while online (a dead backend, a captive portal) it stops, a circuit breaker,
 * until the browser reports `online` again or the visitor opens the panel.
 */
export class Poller {
  #timer: unknown;
  #scheduled = false;
  #inFlight: Promise<void> | undefined;
  #again: Promise<void> | undefined;
  #open = false;
  #failures = 0;
  /** A live stream brings the news: no schedule, only the polls asked for (`pollNow`). */
  #suspended = false;

  readonly #options: PollerOptions;

  constructor(options: PollerOptions) {
    this.#options = options;
  }

  /** True while the breaker is open: polling waits for `online`. */
  get broken() {
    return this.#failures >= (this.#options.maxFailures ?? 3);
  }

  get polling() {
    return !!this.#inFlight;
  }

  /** Starts the schedule, with a poll at once (or the one under way: the schedule goes on from its end). */
  start() {
    if (this.#scheduled) return;
    this.#scheduled = true;
    document.addEventListener('visibilitychange', this.#onVisibility);
    addEventListener('online', this.#onOnline);
    if (!this.#inFlight) void this.pollNow();
  }

  stop() {
    this.#scheduled = false;
    this.#options.clock.clearTimeout(this.#timer);
    document.removeEventListener('visibilitychange', this.#onVisibility);
    removeEventListener('online', this.#onOnline);
  }

  /** Stops the schedule (not `pollNow`) while a live stream is healthy. */
  suspend() {
    this.#suspended = true;
    this.#options.clock.clearTimeout(this.#timer);
  }

  /** Back to the schedule (the stream failed), with a poll at once for what it may have missed. */
  resume() {
    if (!this.#suspended) return;
    this.#suspended = false;
    this.#failures = 0;
    if (this.#scheduled) void this.pollNow();
  }

  /** The panel opened or closed: an opening polls at once (and closes the breaker), a closing slows down. */
  setOpen(open: boolean) {
    if (open === this.#open) return;
    this.#open = open;
    if (!this.#scheduled || this.#suspended) return;
    if (open) {
      this.#failures = 0;
      void this.pollNow();
    } else this.#schedule();
  }

  /**
   * Polls now and restarts the clock. Works in a tab
   * that does not run the schedule too: `refresh()` there polls once.
   */
  pollNow(): Promise<void> {
    if (document.visibilityState === 'hidden') return Promise.resolve();
    // A poll under way may be for what was shown before: one more follows it, never two at once.
    if (this.#inFlight) return (this.#again ??= this.#inFlight.then(() => ((this.#again = undefined), this.pollNow())));
    this.#options.clock.clearTimeout(this.#timer);
    this.#inFlight ??= this.#options
      .poll(this.#open)
      .catch(() => true)
      .then((networkFailed) => {
        // Offline is not the backend's fault: only failures while "online" count towards the breaker.
        this.#failures = networkFailed && navigator.onLine ? this.#failures + 1 : 0;
        this.#inFlight = undefined;
        this.#schedule();
      });
    return this.#inFlight;
  }

  #schedule() {
    this.#options.clock.clearTimeout(this.#timer);
    // Offline, nothing can succeed: `online` resumes the schedule.
    if (
      !this.#scheduled ||
      this.#suspended ||
      this.#inFlight ||
      this.broken ||
      !navigator.onLine ||
      document.visibilityState === 'hidden'
    ) {
      return;
    }
    const delay = this.#open ? this.#options.openInterval : this.#options.closedInterval;
    this.#timer = this.#options.clock.setTimeout(() => void this.pollNow(), delay);
  }

  readonly #onVisibility = () => {
    if (document.visibilityState === 'hidden') this.#options.clock.clearTimeout(this.#timer);
    else if (!this.broken && !this.#suspended) void this.pollNow();
  };

  readonly #onOnline = () => {
    if (this.#suspended) return;
    this.#failures = 0;
    void this.pollNow();
  };
}
