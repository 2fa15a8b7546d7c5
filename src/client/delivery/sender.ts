import { TransportError } from '../../transport/transport-error.js';
import type { SendMessageResponse } from '../../transport/wire-types.js';
import type { Clock } from '../clock.js';
import { retryDelay, type BackoffOptions } from './backoff.js';
import type { Outbox, OutboxEntry } from './outbox.js';

export interface SenderOptions {
  outbox: Outbox;
  /** Schedules the waits between retries. */
  clock: Clock;
  backoff: BackoffOptions;
  send(entry: OutboxEntry): Promise<SendMessageResponse>;
  /** The server has it (exactly once, thanks to the entry's idempotency key). */
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
    for (let entry; this.#running && (entry = this.#options.outbox.next()); ) {
      try {
        const response = await this.#options.send(entry);
        this.#attempt = 0;
        await this.#options.sent(entry, response);
      } catch (error) {
        if (error instanceof TransportError && error.retryable) {
          this.#options.retrying(error);
          await this.#sleep(retryDelay(this.#attempt++, error, this.#options.backoff));
        } else {
          this.#attempt = 0;
          await this.#options.refused(entry, error);
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
