import { TYPING_LAPSE_MS } from '../../contract/limits.js';
import type { Clock } from './clock.js';
import type { StoredTicket } from './data.js';
import type { ChangeFeed, TypingSide } from './feed.js';

interface Typist {
  ticket: StoredTicket;
  side: TypingSide;
  author_name: string | null;
  /** Store-clock time at which a `typing: true` without another lapses. */
  until: number;
  timer?: ReturnType<typeof setTimeout>;
}

/**
 * Who is typing on which ticket, as feed records (`typing`). Only changes are published:
 * a repeated `typing: true` just moves the lapse, so a client that signals every few
 * seconds while the user types costs the streams nothing. A `typing: true` lapses
 * `TYPING_LAPSE_MS` after the last one, by the store's clock (tests move it with
 * `POST /api/_dev/clock`); a real timer notices the lapse in a server left alone.
 * In memory only: typing is not state worth saving.
 */
export class Typing {
  #typists = new Map<string, Typist>();

  constructor(
    private readonly clock: Clock,
    private readonly feed: ChangeFeed,
  ) {}

  set(ticket: StoredTicket, side: TypingSide, typing: boolean, authorName: string | null) {
    const key = keyOf(ticket.id, side, authorName);
    const current = this.#typists.get(key);
    if (!typing) {
      if (current) this.#stop(key, current);
      return;
    }
    const until = this.clock.nowMs() + TYPING_LAPSE_MS;
    if (current) {
      current.until = until;
      return;
    }
    const typist: Typist = { ticket, side, author_name: authorName, until };
    this.#typists.set(key, typist);
    this.#schedule(key, typist);
    this.feed.publish({ type: 'typing', ticket, side, author_name: authorName, typing: true });
  }

  /** Every `typing: true` whose time has passed on the store clock ends now. */
  expire() {
    const now = this.clock.nowMs();
    for (const [key, typist] of [...this.#typists]) if (typist.until <= now) this.#stop(key, typist);
  }

  /** Drops the typists of one ticket (deleted), or all (reset, load), without a word: the tickets are gone. */
  forget(ticketId?: string) {
    for (const [key, typist] of [...this.#typists]) {
      if (ticketId !== undefined && typist.ticket.id !== ticketId) continue;
      clearTimeout(typist.timer);
      this.#typists.delete(key);
    }
  }

  #stop(key: string, typist: Typist) {
    clearTimeout(typist.timer);
    this.#typists.delete(key);
    this.feed.publish({
      type: 'typing',
      ticket: typist.ticket,
      side: typist.side,
      author_name: typist.author_name,
      typing: false,
    });
  }

  /**
   * Wakes when the lapse is due by the store clock; if that clock runs slower than real time
   * (a test froze it), it looks again later. At most one timer per typist, never holding a
   * Node process open.
   */
  #schedule(key: string, typist: Typist) {
    const wait = Math.max(50, Math.min(TYPING_LAPSE_MS, typist.until - this.clock.nowMs()));
    typist.timer = setTimeout(() => {
      if (this.#typists.get(key) !== typist) return;
      if (typist.until > this.clock.nowMs()) return this.#schedule(key, typist);
      try {
        this.#stop(key, typist);
      } catch (error) {
        // A subscriber failed (a full localStorage): no request to fail here, so only log it.
        console.error(error);
      }
    }, wait);
    (typist.timer as { unref?: () => void }).unref?.();
  }
}

const keyOf = (ticketId: string, side: TypingSide, authorName: string | null) => `${ticketId}\n${side}\n${authorName ?? ''}`;
