import { TransportError } from '../../transport/transport-error.js';
import type { SendMessageResponse } from '../../transport/wire-types.js';
import type { Clock } from '../clock.js';
import { retryDelay, type BackoffOptions } from './backoff.js';
import type { Outbox, OutboxEntry } from './outbox.js';
import { mayHaveArrived } from './reconcile.js';

export interface SenderOptions {
  outbox: Outbox;
  /** Schedules the waits between retries. */
  clock: Clock;
  backoff: BackoffOptions;
  send(entry: OutboxEntry): Promise<SendMessageResponse>;
  /** Before an entry's first request: records (and stores) `triedAt`, and returns the entry with it. */
  trying(entry: OutboxEntry): Promise<OutboxEntry>;
  /**
   * Before sending again an entry that an earlier attempt may have stored: the server's answer
   * when it has it (then it is settled as sent, not resent), or `null` to send it.
   */
  find(entry: OutboxEntry): Promise<SendMessageResponse | null>;
  /** The server has it, once (by its idempotency key, or because it was found rather than resent). */
  sent(entry: OutboxEntry, response: SendMessageResponse): Promise<void>;
  /** The server refused it (4xx, or an answer we could not read): it waits for retry or discard. */
  refused(entry: OutboxEntry, error: unknown): Promise<void>;
  /** A failure worth retrying: network, 5xx, 429. */
  retrying(error: TransportError): void;
}

/**
 * Delivers the outbox one message at a time, oldest first, so that the team reads them in
 * the order they were written. Transient failures are retried with backoff (cut short when
 * the network comes back); the same entry is retried until it goes through or is refused.
 */
export class Sender {
  #running = false;
  #busy = false;
  #wake: (() => void) | undefined;
  #attempt = 0;
  /**
   * Entries that this sender first tried and that no attempt since may have stored (every
   * failure said so): they are resent without looking. Any other tried entry is looked for first.
   */
  readonly #clean = new Set<string>();

  readonly #options: SenderOptions;

  constructor(options: SenderOptions) {
    this.#options = options;
  }

  start() {
    if (this.#running) return;
    this.#running = true;
    addEventListener('online', this.kick);
    this.kick();
  }

  stop() {
    this.#running = false;
    removeEventListener('online', this.kick);
    this.#wake?.();
  }

  /** Something changed (a new message, a retry, the network is back): deliver now. */
  readonly kick = () => {
    if (this.#wake) this.#wake();
    else if (!this.#busy) void this.#loop();
  };

  async #loop() {
    this.#busy = true;
    const options = this.#options;
    for (let entry; this.#running && (entry = options.outbox.next());) {
      const id = entry.clientMessageId;
      try {
        let response: SendMessageResponse | null = null;
        if (entry.triedAt === undefined) {
          entry = await options.trying(entry);
          this.#clean.add(id);
        } else if (!this.#clean.has(id)) {
          response = await options.find(entry);
          // Not there: from here on it is as if never tried (the next request is the only one on its way).
          if (!response) this.#clean.add(id);
        }
        response ??= await options.send(entry);
        this.#attempt = 0;
        this.#clean.delete(id);
        await options.sent(entry, response);
      } catch (error) {
        if (mayHaveArrived(error)) this.#clean.delete(id);
        if (error instanceof TransportError && error.retryable) {
          options.retrying(error);
          await this.#sleep(retryDelay(this.#attempt++, error, options.backoff));
        } else {
          this.#attempt = 0;
          await options.refused(entry, error);
        }
      }
    }
    this.#busy = false;
  }

  #sleep(ms: number) {
    const { clock } = this.#options;
    return new Promise<void>((resolve) => {
      const timer = clock.setTimeout(done, ms);
      function done() {
        clock.clearTimeout(timer);
        resolve();
      }
      this.#wake = () => {
        this.#wake = undefined;
        done();
      };
    }).finally(() => (this.#wake = undefined));
  }
}
