import type { ChatTyping } from '../chat-state.js';
import type { Clock } from '../clock.js';
import { dispatch } from '../events.js';
import type { TabState } from '../tab-state.js';

/** A `typing: true` holds this long without a refresh (the server's lapse too). */
export const TYPING_LAPSE_MS = 6_000;

/**
 * Whether someone of the team types, in `state.typing`: set from the live stream (the leader
 * hears it and tells every tab, each of which keeps its own lapse on the clock), and cleared
 * when they stop, when it lapses, or when their message arrives (whichever way it came).
 * `support-chat-typing` fires on each change only, never on a mere refresh.
 */
export class TeamTyping {
  #lapse: unknown;
  readonly #tab: TabState;
  readonly #clock: Clock;

  constructor(tab: TabState, clock: Clock) {
    this.#tab = tab;
    this.#clock = clock;
    tab.on('typing', ({ typing, on }) => this.#apply(typing, on));
    // A newcomer tab learns who types from the leader, as it learns the rest.
    tab.on('hello', () => {
      if (tab.state.typing) tab.post({ t: 'typing', typing: tab.state.typing, on: true });
    });
    tab.eventTarget.addEventListener('support-chat-message-received', (event) => {
      const { ticketId, message } = (event as CustomEvent<{ ticketId: string; message: { author_type: string } }>).detail;
      if (message.author_type !== 'customer' && this.#tab.state.typing?.ticketId === ticketId)
        this.#apply(this.#tab.state.typing, false);
    });
  }

  /** The leader heard it on the stream. */
  heard(typing: ChatTyping, on: boolean) {
    this.#tab.broadcast({ t: 'typing', typing, on });
  }

  #apply(typing: ChatTyping, on: boolean) {
    const current = this.#tab.state.typing;
    // A stop for another ticket than the one typing leaves that one alone.
    if (!on && current?.ticketId !== typing.ticketId) return;
    this.#clock.clearTimeout(this.#lapse);
    if (on) this.#lapse = this.#clock.setTimeout(() => this.#apply(typing, false), TYPING_LAPSE_MS);
    const next = on ? typing : null;
    if (next?.ticketId === current?.ticketId && next?.authorName === current?.authorName) return;
    this.#tab.update({ typing: next });
    const { ticketId, authorName } = next ?? current ?? typing;
    dispatch(this.#tab.eventTarget, 'support-chat-typing', { ticketId, authorName, typing: on });
  }
}
