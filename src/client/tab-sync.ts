export interface TabSyncOptions {
  /** Channel and lock name: one per widget token. */
  name: string;
  /** A message from another tab of the same widget. */
  receive(message: unknown): void;
  /** This tab became, or stopped being, the one that polls and delivers. */
  leaderChange(leader: boolean): void;
}

/**
 * Keeps the tabs of one site in step: a BroadcastChannel carries every change to the
 * others, and a Web Lock elects the one tab that polls and delivers. A tab that comes
 * to the foreground takes the lock over (`steal`), since hidden tabs do not poll; the
 * others queue for it, so closing the leader hands over to the next. Without these
 * APIs every tab simply works on its own.
 */
export class TabSync {
  /** Identifies this tab in the messages it sends. */
  readonly id = crypto.randomUUID();
  leader = false;
  /** Asked for the lock at once (`steal`), not granted yet: this tab is about to lead. */
  taking = false;
  #channel: BroadcastChannel | undefined;
  #release: (() => void) | undefined;
  #abort: AbortController | undefined;
  readonly #options: TabSyncOptions;

  constructor(options: TabSyncOptions) {
    this.#options = options;
  }

  start() {
    if (this.#channel || this.leader) return;
    if (!globalThis.BroadcastChannel || !navigator.locks) return this.#setLeader(true);
    this.#channel = new BroadcastChannel(this.#options.name);
    this.#channel.onmessage = (event) => this.#options.receive(event.data);
    document.addEventListener('visibilitychange', this.#onVisibility);
    this.#claim(document.visibilityState === 'visible');
  }

  stop() {
    document.removeEventListener('visibilitychange', this.#onVisibility);
    this.#abort?.abort();
    this.#release?.();
    this.#channel?.close();
    this.#channel = undefined;
    this.#setLeader(false);
  }

  post(message: unknown) {
    this.#channel?.postMessage(message);
  }

  /** Asks for the lock: at once (taking it from a hidden leader) or in turn. */
  #claim(steal: boolean) {
    this.#abort?.abort();
    const abort = (this.#abort = new AbortController());
    const options: LockOptions = steal ? { steal: true } : { signal: abort.signal };
    this.taking = steal;
    navigator.locks
      .request(this.#options.name, options, () => {
        this.taking = false;
        if (abort.signal.aborted) return;
        this.#setLeader(true);
        return new Promise<void>((resolve) => (this.#release = resolve));
      })
      .catch(() => {
        this.taking = false;
        // Another tab stole the lock (or we gave up waiting): back in the queue, unless stopped.
        if (abort.signal.aborted || !this.#channel) return;
        this.#setLeader(false);
        this.#claim(false);
      });
  }

  #setLeader(leader: boolean) {
    if (leader === this.leader) return;
    this.leader = leader;
    if (!leader) this.#release?.();
    this.#options.leaderChange(leader);
  }

  readonly #onVisibility = () => {
    if (document.visibilityState === 'visible' && !this.leader) this.#claim(true);
  };
}
