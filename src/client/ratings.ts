import { RATING } from '../../contract/limits.js';
import type { ChatState } from './chat-state.js';
import { dispatch } from './events.js';
import { ratingSlot, type RatingOffer, type RatingPart, type RatingParts } from './rating-slot.js';

/** Stored: the rated tickets, each with the newest message it had then (which resolution was rated). */
const KEY = 'ratings';
type Rated = Record<string, string>;

/**
 * The visitor's CSAT rating of a resolved conversation, once per resolution. The widget API
 * does not say which resolution a ticket is in, so a rating is remembered with the newest
 * message of the ticket at the time; it is forgotten when the ticket is seen open again, and
 * a resolution with newer messages is another one. Where that guess is wrong, the server's
 * 409 says "already rated", which is taken as what it means: thanks, not an error.
 *
 * In the panel file (imported by the rating element); the client builds it on first use
 * once it is loaded (see rating-slot.ts). It notices reopenings from then on.
 */
export class Ratings implements RatingPart {
  readonly #tab: RatingParts['tab'];
  readonly #storage: RatingParts['storage'];
  readonly #session: RatingParts['session'];
  readonly #transport: RatingParts['transport'];
  readonly #capabilities: RatingParts['capabilities'];
  /** The status each ticket was last seen with, so that a reopening is noticed once. */
  readonly #seen = new Map<string, string>();

  constructor({ tab, storage, session, transport, capabilities }: RatingParts) {
    this.#tab = tab;
    this.#storage = storage;
    this.#session = session;
    this.#transport = transport;
    this.#capabilities = capabilities;
    tab.subscribe((state) => this.#notice(state));
  }

  /** What the ticket on show offers (see `RatingOffer`). */
  async offer(): Promise<RatingOffer> {
    const state = this.#tab.state;
    const ticketId = state.currentTicketId;
    const resolution = resolutionOf(state);
    if (!ticketId || state.ticketStatus !== 'resolved' || !resolution || !this.#transport.rate) return 'none';
    if (!(await this.#capabilities())?.rating) return 'none';
    return (await this.#rated())[ticketId] === resolution ? 'rated' : 'open';
  }

  /** Rates the resolved ticket on show; an "already rated" answer counts as rated. */
  async rate(score: number, comment = ''): Promise<void> {
    if (!Number.isInteger(score) || score < RATING.minScore || score > RATING.maxScore)
      throw new RangeError(`support-chat: a rating is a whole number from ${RATING.minScore} to ${RATING.maxScore}`);
    const text = String(comment).trim();
    if (text.length > RATING.maxCommentLength)
      throw new RangeError(`support-chat: a rating's comment is at most ${RATING.maxCommentLength} characters`);
    const state = this.#tab.state;
    const ticketId = state.currentTicketId;
    if (!ticketId || state.ticketStatus !== 'resolved' || !this.#transport.rate)
      throw new Error('support-chat: only a resolved conversation can be rated');
    await this.#session.interacted();
    try {
      await this.#transport.rate(this.#session.credentialsFor(ticketId), { ticketId, score, comment: text });
    } catch (error) {
      // Not `instanceof TransportError`: this file has its own copy of that class, not the transport's.
      if ((error as { status?: unknown } | null)?.status !== 409) throw error;
    }
    await this.#remember(ticketId, resolutionOf(state));
    dispatch(this.#tab.eventTarget, 'support-chat-rated', { ticketId, score });
  }

  async #rated(): Promise<Rated> {
    const stored = await this.#storage.get<unknown>(KEY);
    return stored && typeof stored === 'object' && !Array.isArray(stored) ? (stored as Rated) : {};
  }

  async #remember(ticketId: string, resolution: string | null) {
    const rated = await this.#rated();
    if (resolution) rated[ticketId] = resolution;
    else delete rated[ticketId];
    await this.#storage.set(KEY, rated);
  }

  /** A ticket seen not resolved was reopened: its next resolution may be rated again. */
  #notice(state: ChatState) {
    if (!state.ready) return;
    const statuses = state.tickets.map((t) => [t.id, t.status] as const);
    if (state.currentTicketId && state.ticketStatus) statuses.push([state.currentTicketId, state.ticketStatus]);
    for (const [id, status] of statuses) {
      if (this.#seen.get(id) === status) continue;
      this.#seen.set(id, status);
      if (status !== 'resolved') void this.#forget(id);
    }
  }

  async #forget(ticketId: string) {
    const rated = await this.#rated().catch((): Rated => ({}));
    if (!(ticketId in rated)) return;
    delete rated[ticketId];
    await this.#storage.set(KEY, rated).catch(() => {});
  }
}

/** The newest message the server has of the ticket on show: which resolution it is in (null until loaded). */
function resolutionOf(state: ChatState): string | null {
  for (let i = state.messages.length - 1; i >= 0; i--) if (state.messages[i].delivery === 'sent') return state.messages[i].id;
  return null;
}

ratingSlot.make = (parts) => new Ratings(parts);
