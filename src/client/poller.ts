export interface PollerOptions {
  /** Milliseconds between polls while the panel is open. */
  openInterval: number;
  /** Milliseconds between badge polls while the panel is closed. */
  closedInterval: number;
  /** One poll; `open` says which kind. Rejections are the caller's to handle. */
  poll: (open: boolean) => Promise<void>;
}

/**
 * Runs the polling schedule of DESIGN.md: often while the panel is open, rarely while it
 * is closed, never while the page is hidden, and at once when the page comes back, the
 * network returns or the panel opens. Never two polls at once.
 */
export class Poller {
  private timer: ReturnType<typeof setTimeout> | undefined;
  private running = false;
  private inFlight: Promise<void> | undefined;
  private open = false;

  constructor(private readonly options: PollerOptions) {}

  start(open: boolean) {
    if (this.running) return;
    this.running = true;
    this.open = open;
    document.addEventListener('visibilitychange', this.onWake);
    window.addEventListener('online', this.onWake);
    this.schedule();
  }

  stop() {
    this.running = false;
    clearTimeout(this.timer);
    document.removeEventListener('visibilitychange', this.onWake);
    window.removeEventListener('online', this.onWake);
  }

  /** The panel opened or closed: an opening polls at once, a closing slows down. */
  setOpen(open: boolean) {
    if (open === this.open) return;
    this.open = open;
    if (open) void this.pollNow();
    else this.schedule();
  }

  /** Polls now (joining a poll already under way) and restarts the clock. */
  pollNow(): Promise<void> {
    if (!this.running || document.visibilityState === 'hidden') return Promise.resolve();
    clearTimeout(this.timer);
    this.inFlight ??= this.options.poll(this.open).finally(() => {
      this.inFlight = undefined;
      this.schedule();
    });
    return this.inFlight;
  }

  private schedule() {
    clearTimeout(this.timer);
    if (!this.running || this.inFlight || document.visibilityState === 'hidden') return;
    const delay = this.open ? this.options.openInterval : this.options.closedInterval;
    this.timer = setTimeout(() => void this.pollNow(), delay);
  }

  private readonly onWake = () => {
    if (document.visibilityState === 'hidden') clearTimeout(this.timer);
    else void this.pollNow();
  };
}
