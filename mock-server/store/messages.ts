import type { Attachments } from './attachments.js';
import type { Clock } from './clock.js';
import type { Owner, RichDoc, SessionContext, StoreData, StoredMessage, StoredTicket, Traits } from './data.js';
import type { EventLog } from './event-log.js';
import type { ChangeFeed } from './feed.js';
import type { Tickets } from './tickets.js';

/** A customer's message as the widget API hands it over, already checked. */
export interface CustomerMessage {
  owner: Owner;
  ticket: StoredTicket | null;
  content: string;
  traits: Traits;
  distinctId: string | null;
  sessionContext: SessionContext;
  clientMessageId: string | null;
  /** Uploads of this caller to put on the message, already checked (`Attachments.problem`). */
  attachmentIds?: readonly string[];
  /** Where the request came (its attachment URLs in webhooks point there). */
  origin?: string;
}

export interface TeamMessage {
  content: string;
  author_type: 'support' | 'AI';
  author_name: string | null;
  is_private: boolean;
  rich_content?: RichDoc;
  /** Team uploads of this ticket, already checked (`Attachments.problem`). */
  attachment_ids?: readonly string[];
  /** Where the request came (its attachment URLs in webhooks point there). */
  origin?: string;
}

/** What else a customer's message may carry. */
interface Received {
  clientMessageId?: string | null;
  attachmentIds?: readonly string[];
  origin?: string;
}

/** The messages of every ticket: threads, idempotent customer sends, team replies and notes, read marks. */
export class Messages {
  #byTicket = new Map<string, StoredMessage[]>();
  #byClientId = new Map<string, StoredMessage[]>();

  constructor(
    private readonly data: () => StoreData,
    private readonly clock: Clock,
    private readonly tickets: Tickets,
    private readonly events: EventLog,
    private readonly feed: ChangeFeed,
    private readonly attachments: Attachments,
  ) {}

  reindex() {
    this.#byTicket = new Map();
    this.#byClientId = new Map();
    for (const m of this.data().messages) this.index(m);
  }

  of(ticketId: string): readonly StoredMessage[] {
    return this.#byTicket.get(ticketId) ?? [];
  }

  /** What the customer may see: never a private note. */
  visible(ticketId: string): StoredMessage[] {
    return this.of(ticketId).filter((m) => !m.is_private);
  }

  /** Team/AI messages the customer can see and has not marked read. */
  unreadCount(ticketId: string): number {
    return this.of(ticketId).filter((m) => !m.is_private && !m.read_by_customer).length;
  }

  /** The message an idempotent send with this `client_message_id` stored before, if any. */
  earlierSend(owner: Owner, clientMessageId: string | null): StoredMessage | undefined {
    if (!clientMessageId) return undefined;
    return this.#byClientId.get(clientMessageId)?.find((m) => this.isOwnedMessage(owner, m));
  }

  /**
   * A customer's message. With a `client_message_id` the send is idempotent per owner:
   * the same id again returns the message stored the first time and stores nothing.
   */
  sendCustomerMessage(input: CustomerMessage): { ticket: StoredTicket; message: StoredMessage } {
    const earlier = this.earlierSend(input.owner, input.clientMessageId);
    if (earlier) return { ticket: this.tickets.get(earlier.ticket_id)!, message: earlier };

    let ticket = input.ticket;
    if (ticket) {
      Object.assign(ticket.traits, input.traits);
      Object.assign(ticket.session_context, input.sessionContext);
      if (input.distinctId) ticket.distinct_id = input.distinctId;
    } else {
      ticket = this.tickets.create({
        channel_source: 'widget',
        session_id: input.owner.kind === 'session' ? input.owner.id : null,
        identity_id: input.owner.kind === 'identity' ? input.owner.id : null,
        distinct_id: input.distinctId ?? (input.owner.kind === 'identity' ? input.owner.id : null),
        traits: { ...input.traits },
        session_context: { ...input.sessionContext },
      });
    }
    const { clientMessageId, attachmentIds, origin } = input;
    return { ticket, message: this.receive(ticket, input.content, { clientMessageId, attachmentIds, origin }) };
  }

  /**
   * A message from the ticket's customer: a widget send, or the description of a ticket the
   * team made for them (seed 004), which is their first message.
   */
  receive(
    ticket: StoredTicket,
    content: string,
    { clientMessageId = null, attachmentIds = [], origin }: Received = {},
  ): StoredMessage {
    ticket.unread_team_count++;
    const message = this.add(ticket, {
      content,
      author_type: 'customer',
      author_name: ticket.traits.name ?? null,
      is_private: false,
      client_message_id: clientMessageId,
      ...(attachmentIds.length ? { attachment_ids: [...attachmentIds] } : {}),
    });
    this.events.append('$conversation_message_received', ticket, {
      message_id: message.id,
      message_content: message.content,
      author_type: 'customer',
      customer_name: ticket.traits.name ?? '',
      customer_email: ticket.traits.email ?? '',
    });
    this.feed.publish({ type: 'message', ticket, message, ...(origin ? { origin } : {}) });
    return message;
  }

  /** A reply (seen by the customer) or a private note (never seen by them). */
  addTeamMessage(ticket: StoredTicket, { rich_content, attachment_ids, origin, ...fields }: TeamMessage): StoredMessage {
    // Absent rather than null when plain or bare: saved messages stay as they were.
    const message = this.add(ticket, {
      ...fields,
      client_message_id: null,
      ...(rich_content ? { rich_content } : {}),
      ...(attachment_ids?.length ? { attachment_ids: [...attachment_ids] } : {}),
    });
    if (!message.is_private) {
      this.events.append('$conversation_message_sent', ticket, {
        message_id: message.id,
        message_content: message.content,
        author_type: message.author_type,
        author_id: message.author_name,
      });
    }
    this.feed.publish({ type: 'message', ticket, message, ...(origin ? { origin } : {}) });
    return message;
  }

  markRead(ticket: StoredTicket) {
    for (const m of this.of(ticket.id)) m.read_by_customer = true;
    this.feed.publish({ type: 'read', ticket, by: 'customer' });
  }

  /** Removes every message of a ticket that is being deleted. */
  deleteThread(ticketId: string) {
    const data = this.data();
    data.messages = data.messages.filter((m) => m.ticket_id !== ticketId);
    this.reindex();
  }

  private add(ticket: StoredTicket, fields: Omit<StoredMessage, 'id' | 'ticket_id' | 'created_at' | 'read_by_customer'>) {
    const message: StoredMessage = {
      id: crypto.randomUUID(),
      ticket_id: ticket.id,
      created_at: this.clock.stamp(),
      read_by_customer: fields.author_type === 'customer',
      ...fields,
    };
    this.data().messages.push(message);
    this.index(message);
    // Before the feed hears of the message: its record (and the journal) shows them taken.
    this.attachments.claim(message);
    ticket.updated_at = message.created_at;
    return message;
  }

  private index(message: StoredMessage) {
    let thread = this.#byTicket.get(message.ticket_id);
    if (!thread) this.#byTicket.set(message.ticket_id, (thread = []));
    thread.push(message);
    if (message.client_message_id) {
      const same = this.#byClientId.get(message.client_message_id) ?? [];
      this.#byClientId.set(message.client_message_id, [...same, message]);
    }
  }

  private isOwnedMessage(owner: Owner, message: StoredMessage) {
    const ticket = this.tickets.get(message.ticket_id);
    return !!ticket && this.tickets.owns(owner, ticket);
  }
}
