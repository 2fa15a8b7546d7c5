import { TransportError } from '../../transport/transport-error.js';
import type { Credentials, Transport } from '../../transport/transport.js';
import type { Capabilities, SendMessageResponse } from '../../transport/wire-types.js';
import type { Clock } from '../clock.js';
import { NEW_TICKET, type OutboxEntry } from './outbox.js';

/**
 * Whether a failed send may still have been stored, so that resending it could store it twice:
 * - `network`: a timeout or a connection lost after the request went out (an offline browser
 *   looks the same; the check then fails too, and is retried).
 * - 502, 503, 504: a gateway answered, not the application; it may have passed the request on
 *   and lost or waited too long for the answer.
 * - `invalid_response`: a 2xx whose body we could not read: the server did store it.
 * Not a 429 (the throttle runs before the view), nor a 500 or another 5xx: the application
 * itself answered that it failed, and it writes a message whole or not at all.
 */
export function mayHaveArrived(error: unknown): boolean {
  if (!(error instanceof TransportError)) return false;
  return (
    error.kind === 'network' ||
    error.kind === 'invalid_response' ||
    (error.kind === 'http' && [502, 503, 504].includes(error.status!))
  );
}

/** Clocks of browsers and servers differ: a message stored this long before our attempt still counts. */
const SLACK_MS = 5_000;
/** New tickets looked into, newest first: the first attempt is recent, so its ticket is among the newest. */
const MAX_TICKETS = 3;

/**
 * Finds out whether the server already has a message whose answer was lost, so that it is
 * settled as sent instead of resent. Needed only where sends are not idempotent (a production
 * backend ignores `client_message_id`); a backend that says `idempotent_send` gets the resend.
 *
 * A match is a customer message with the same text, stored since the first attempt (by the
 * server's clock, learnt from the answers to sends), that no other send accounts for: two
 * identical messages in a row are two messages, never one. Each look is a read the visitor's
 * credentials may make anyway; a failed read is retried like the send, never skipped.
 */
export class Reconciler {
  /** Server time minus ours: a lower bound, from the last answer to a send (0 until one came). */
  #offset = 0;
  /** Messages that sends of this queue account for (a few per visit): each matches one entry at most. */
  readonly #claimed = new Set<string>();

  readonly #transport: Transport;
  readonly #clock: Clock;
  readonly #credentials: () => Credentials;
  readonly #capabilities: () => Promise<Capabilities | null>;

  constructor(
    transport: Transport,
    clock: Clock,
    credentials: () => Credentials,
    capabilities: () => Promise<Capabilities | null>,
  ) {
    this.#transport = transport;
    this.#clock = clock;
    this.#credentials = credentials;
    this.#capabilities = capabilities;
  }

  /** A send went through: its message is accounted for, and its time says how the server's clock runs. */
  sent(response: SendMessageResponse) {
    this.#claimed.add(response.message_id);
    // Stamped before the answer left, so this errs towards an earlier server time: towards finding.
    this.#offset = Date.parse(response.created_at) - this.#clock.now();
  }

  /** The answer the lost send would have had, or `null` when the server does not have it (then send it). */
  async find(entry: OutboxEntry): Promise<SendMessageResponse | null> {
    if (entry.triedAt === undefined || (await this.#capabilities())?.idempotent_send) return null;
    const since = entry.triedAt + this.#offset - SLACK_MS;
    return entry.ticket.startsWith(NEW_TICKET)
      ? this.#inNewTicket(entry.content, since)
      : this.#inTicket(entry.ticket, entry.content, since);
  }

  /**
   * One read, from just before the first attempt: a full page (500) of messages within seconds
   * is not a conversation, so there is no page to follow.
   */
  async #inTicket(ticketId: string, content: string, since: number): Promise<SendMessageResponse | null> {
    const page = await this.#transport.getMessages(this.#credentials(), { ticketId, after: new Date(since).toISOString() });
    const text = content.trim();
    // The newest, not the oldest: this queue sends one message at a time, so the one in doubt is
    // the last it can have stored; an older copy of the same text is another message (written
    // twice by the visitor, sent by an earlier page, or within the slack).
    const found = [...page.messages]
      .reverse()
      .find((m) => m.author_type === 'customer' && m.content.trim() === text && !this.#claimed.has(m.id));
    if (!found) return null;
    this.#claimed.add(found.id);
    return {
      ticket_id: ticketId,
      message_id: found.id,
      ticket_status: page.ticket_status,
      created_at: found.created_at,
      unread_count: page.unread_count,
    };
  }

  /** A new ticket's opener: in one of the tickets made since the first attempt (the list is newest first). */
  async #inNewTicket(content: string, since: number) {
    const { results } = await this.#transport.getTickets(this.#credentials(), { limit: MAX_TICKETS });
    for (const ticket of results.filter((t) => Date.parse(t.created_at) >= since)) {
      const found = await this.#inTicket(ticket.id, content, since);
      if (found) return found;
    }
    return null;
  }
}
