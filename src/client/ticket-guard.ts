import { TransportError } from '../transport/transport-error.js';
import type { Transport } from '../transport/transport.js';
import type { DeliveryQueue } from './delivery/delivery-queue.js';
import { NEW_TICKET, type OutboxEntry } from './delivery/outbox.js';
import type { Session } from './session.js';
import type { Shared, TabState } from './tab-state.js';

/** What `ConversationSync` asks of the guard. */
export interface TicketChecks {
  /** The messages of `ticketId` were refused with `error`: resolves `true` when the ticket is gone, and was dropped. */
  check(ticketId: string, error: unknown): Promise<boolean>;
  /** Moves what still waits for a gone ticket (a send refused meanwhile) into the new conversation. */
  sweep(): Promise<void>;
}

/**
 * Tickets that are gone or no longer ours: deleted by the team, or moved to another browser
 * by a restore. Every request about one answers 404 or 403 from then on; kept, it would lock
 * the visitor out for good (each poll an error, each message "Not sent", stored across
 * reloads). So it is dropped (from the state, the list and storage), the visitor is told
 * (`ticket_gone`), and their unsent messages go to a new conversation. The composer's text
 * stays where it is: the view does not change, only the ticket behind it.
 */
export class TicketGuard implements TicketChecks {
  readonly #gone = new Set<string>();

  readonly #tab: TabState;
  readonly #session: Session;
  readonly #transport: Transport;
  readonly #queue: DeliveryQueue;

  constructor(tab: TabState, session: Session, transport: Transport, queue: DeliveryQueue) {
    this.#tab = tab;
    this.#session = session;
    this.#transport = transport;
    this.#queue = queue;
  }

  async check(ticketId: string, error: unknown) {
    if (!(error instanceof TransportError) || error.kind !== 'http' || (error.status !== 403 && error.status !== 404))
      return false;
    // A refusal of everything (a wrong widget token, a bad identity hash) is not one ticket
    // gone: the ticket list must still answer, without this ticket in it.
    try {
      const { results } = await this.#transport.getTickets(this.#session.credentials, { limit: 100 });
      if (results.some((t) => t.id === ticketId)) return false;
    } catch {
      return false;
    }
    this.#gone.add(ticketId);
    const { tickets } = this.#tab.state;
    const draft = await this.#carry();
    const patch: Shared = { tickets: tickets.filter((t) => t.id !== ticketId), error: { kind: 'rejected', code: 'ticket_gone' } };
    if (this.#tab.state.currentTicketId === ticketId) Object.assign(patch, { currentTicketId: null, draft });
    await this.#tab.share(patch);
    return true;
  }

  async sweep() {
    if (!this.#queue.outbox.entries.some((e) => this.#gone.has(e.ticket))) return;
    const { currentTicketId } = this.#tab.state;
    const into = await this.#carry(this.#gone.has(currentTicketId ?? '') ? null : currentTicketId);
    if (!this.#tab.view) await this.#tab.share({ draft: into });
  }

  /** The gone tickets' unsent messages, on their way again to `into` (default: a new ticket); resolves with where they went. */
  async #carry(into: string | null = null): Promise<string | null> {
    const { outbox, sender } = this.#queue;
    const moving = outbox.entries.filter((e) => this.#gone.has(e.ticket));
    const draft = this.#tab.draft;
    if (!moving.length) return draft;
    // Joining a new ticket already being opened, else opening one with the oldest of them.
    const ticket = into ?? draft ?? NEW_TICKET + moving[0].clientMessageId;
    for (const e of moving) {
      // A message refused because its ticket was gone is worth sending now: the reason went with it.
      const entry: OutboxEntry = { ...e, ticket, state: 'sending', failure: undefined };
      await outbox.put(entry, true);
      this.#tab.post({ t: 'put', entry });
    }
    this.#tab.recompose();
    if (this.#tab.tabs.leader) sender.kick();
    return ticket;
  }
}
