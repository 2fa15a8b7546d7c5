import type { Transport } from '../../transport/transport.js';
import type { Capabilities } from '../../transport/wire-types.js';
import type { Clock } from '../clock.js';
import type { ConsentStorage } from '../consent-storage.js';
import type { Session } from '../session.js';
import type { TabState } from '../tab-state.js';

/** While the visitor types, `typing: true` again at most this often (the server lets it lapse after 6 s). */
export const TYPING_RESEND_MS = 3_000;
/** No keystroke for this long: they stopped. */
export const TYPING_IDLE_MS = 5_000;

export interface VisitorTypingOptions {
  tab: TabState;
  session: Session;
  transport: Transport;
  clock: Clock;
  consent: ConsentStorage | undefined;
  capabilities(): Promise<Capabilities | null>;
}

/**
 * Tells the team that the visitor types (that, never what): `true` at most every 3 s while
 * keystrokes come, `false` once they stop, clear the box or send. Only on a backend that says
 * `typing`, only in a ticket that exists, and never before consent where consent is asked.
 */
export class VisitorTyping {
  /** The ticket `true` was last sent for, until `false` is. */
  #on: string | null = null;
  #sentAt = -Infinity;
  #idle: unknown;
  readonly #options: VisitorTypingOptions;

  constructor(options: VisitorTypingOptions) {
    this.#options = options;
  }

  set(typing: boolean) {
    const { tab, clock, consent, transport } = this.#options;
    const ticketId = tab.state.currentTicketId;
    if (!typing || ticketId !== this.#on) this.#stop();
    if (!typing || !ticketId || !transport.sendTyping || (consent && !consent.granted)) return;
    clock.clearTimeout(this.#idle);
    this.#idle = clock.setTimeout(() => this.#stop(), TYPING_IDLE_MS);
    if (clock.now() - this.#sentAt < TYPING_RESEND_MS) return;
    this.#on = ticketId;
    this.#sentAt = clock.now();
    void this.#send(ticketId, true);
  }

  #stop() {
    this.#options.clock.clearTimeout(this.#idle);
    const ticketId = this.#on;
    if (!ticketId) return;
    this.#on = null;
    this.#sentAt = -Infinity;
    void this.#send(ticketId, false);
  }

  async #send(ticketId: string, typing: boolean) {
    const { transport, session, capabilities } = this.#options;
    if (!(await capabilities())?.typing) return;
    try {
      await transport.sendTyping?.(session.credentials, { ticketId, typing });
    } catch {
      // A lost signal is harmless: a `true` lapses on the server, and nobody waits for it.
    }
  }
}
