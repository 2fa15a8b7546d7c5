/**
 * The reference server's state: one module, the same in the browser, in Node and behind
 * the HTTP server. Plain data, so that it can be saved as JSON (`--data FILE`, or
 * localStorage in the browser) and loaded back.
 */

export type TicketStatus = 'new' | 'open' | 'pending' | 'on_hold' | 'resolved';
export type AuthorType = 'customer' | 'AI' | 'human';

export interface StoredTicket {
  id: string;
  ticket_number: number;
  status: TicketStatus;
  priority: 'low' | 'normal' | 'high' | 'urgent';
  assignee: string | null;
  tags: string[];
  snoozed_until: string | null;
  channel_source: 'widget';
  /** Owner: the anonymous browser session that created it (moved by a restore)... */
  session_id: string;
  /** ...or the verified identity it belongs to. */
  distinct_id: string | null;
  customer_name: string | null;
  customer_email: string | null;
  current_url: string | null;
  created_at: string;
  updated_at: string;
}

export interface StoredMessage {
  id: string;
  ticket_id: string;
  content: string;
  author_type: AuthorType;
  author_name: string | null;
  is_private: boolean;
  /** Team/AI messages only: whether the customer has marked it read. */
  read_by_customer: boolean;
  client_message_id: string | null;
  created_at: string;
}

export interface StoreData {
  tickets: StoredTicket[];
  messages: StoredMessage[];
  nextTicketNumber: number;
  lastTimestamp: number;
}

export const emptyData = (): StoreData => ({ tickets: [], messages: [], nextTicketNumber: 1, lastTimestamp: 0 });

/** Faults injected through `/api/_dev/chaos`; they touch only the widget API. */
export interface Chaos {
  latency_ms?: number;
  /** 0..1: share of widget requests answered with `error_status`. */
  error_rate?: number;
  error_status?: number;
  /** Every widget request fails as a network error. */
  offline?: boolean;
}

export class Store {
  data: StoreData = emptyData();
  chaos: Chaos = {};
  /** Called after every change, to persist. */
  onChange: ((data: StoreData) => void) | undefined;

  load(data: StoreData) {
    this.data = { ...emptyData(), ...data };
  }

  reset() {
    this.data = emptyData();
    this.chaos = {};
    this.changed();
  }

  changed() {
    this.onChange?.(this.data);
  }

  /**
   * Strictly increasing ISO times: clients poll with `after` (strictly greater), so two
   * messages in the same millisecond must still get different times.
   */
  now(): string {
    const ms = Math.max(Date.now(), this.data.lastTimestamp + 1);
    this.data.lastTimestamp = ms;
    return new Date(ms).toISOString();
  }

  ticket(id: string): StoredTicket | undefined {
    return this.data.tickets.find((t) => t.id === id);
  }

  messagesOf(ticketId: string): StoredMessage[] {
    return this.data.messages.filter((m) => m.ticket_id === ticketId);
  }

  createTicket(fields: Pick<StoredTicket, 'session_id' | 'distinct_id' | 'customer_name' | 'customer_email' | 'current_url'>) {
    const now = this.now();
    const ticket: StoredTicket = {
      id: crypto.randomUUID(),
      ticket_number: this.data.nextTicketNumber++,
      status: 'new',
      priority: 'normal',
      assignee: null,
      tags: [],
      snoozed_until: null,
      channel_source: 'widget',
      created_at: now,
      updated_at: now,
      ...fields,
    };
    this.data.tickets.push(ticket);
    return ticket;
  }

  addMessage(fields: Omit<StoredMessage, 'id' | 'created_at' | 'read_by_customer'>): StoredMessage {
    const message: StoredMessage = {
      id: crypto.randomUUID(),
      created_at: this.now(),
      read_by_customer: fields.author_type === 'customer',
      ...fields,
    };
    this.data.messages.push(message);
    const ticket = this.ticket(fields.ticket_id);
    if (ticket) ticket.updated_at = message.created_at;
    this.changed();
    return message;
  }

  /** Team/AI messages the customer can see and has not marked read. */
  unreadCount(ticketId: string): number {
    return this.messagesOf(ticketId).filter((m) => !m.is_private && !m.read_by_customer).length;
  }

  markRead(ticketId: string) {
    for (const m of this.messagesOf(ticketId)) m.read_by_customer = true;
    this.changed();
  }

  /** The widget's view of a ticket: no private note ever shows through. */
  publicTicket(ticket: StoredTicket) {
    const visible = this.messagesOf(ticket.id).filter((m) => !m.is_private);
    const last = visible.at(-1);
    return {
      id: ticket.id,
      ticket_number: ticket.ticket_number,
      status: ticket.status,
      unread_count: this.unreadCount(ticket.id),
      last_message: last?.content ?? null,
      last_message_at: last?.created_at ?? null,
      message_count: visible.length,
      created_at: ticket.created_at,
    };
  }
}

/** The store every handler uses unless given another. */
export const store = new Store();
