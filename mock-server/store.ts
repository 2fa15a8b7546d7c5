import { randomUrlToken, sha256Hex } from './lib/crypto.js';
import { hit, type Limit } from './lib/rate-limit.js';

/**
 * The reference server's state and every operation on it: one module, the same in the
 * browser, in Node and behind the HTTP server. `data` is plain JSON, so that it can be saved
 * (`--data FILE`, or localStorage in the browser) and loaded back; the indexes and rate-limit
 * logs beside it are rebuilt or start empty.
 */

export const STATUSES = ['new', 'open', 'pending', 'on_hold', 'resolved'] as const;
export const PRIORITIES = ['low', 'normal', 'high', 'urgent'] as const;
export const CHANNELS = ['widget', 'email', 'slack', 'teams', 'github'] as const;

export type TicketStatus = (typeof STATUSES)[number];
export type Priority = (typeof PRIORITIES)[number];
export type ChannelSource = (typeof CHANNELS)[number];
export type AuthorType = 'customer' | 'AI' | 'human';
export type Traits = Record<string, string | null>;
export type SessionContext = Record<string, string | number | boolean | null>;

export interface Assignee {
  type: 'user' | 'role';
  id: string;
}

/** Who is asking on the widget API: an anonymous browser session, or a verified identity. */
export type Owner = { kind: 'session'; id: string } | { kind: 'identity'; id: string };

export interface StoredTicket {
  id: string;
  ticket_number: number;
  status: TicketStatus;
  priority: Priority;
  assignee: Assignee | null;
  tags: string[];
  snoozed_until: string | null;
  channel_source: ChannelSource;
  /** Access: the anonymous browser session that owns it (a restore moves it)... */
  session_id: string | null;
  /** ...and/or the verified identity that owns it. */
  identity_id: string | null;
  /** Person linking only, never access control (an email-like id is guessable). */
  distinct_id: string | null;
  /** What the customer told us (`name`, `email`, ...), already cut to size. */
  traits: Traits;
  session_context: SessionContext;
  /** Customer messages the team has not opened yet. */
  unread_team_count: number;
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

export const EVENT_NAMES = [
  '$conversation_ticket_created',
  '$conversation_ticket_status_changed',
  '$conversation_ticket_priority_changed',
  '$conversation_ticket_assigned',
  '$conversation_message_sent',
  '$conversation_message_received',
] as const;
export type EventName = (typeof EVENT_NAMES)[number];

export interface StoredEvent {
  id: string;
  event: EventName;
  timestamp: string;
  properties: Record<string, unknown>;
}

export interface StoredRestoreToken {
  id: string;
  /** SHA-256 of the token: the token itself only ever exists in the email. */
  token_hash: string;
  /** Normalised (trimmed, lower-case). */
  email: string;
  created_at: string;
  expires_at: string;
  consumed_at: string | null;
  consumed_by_session_id: string | null;
}

export interface MailboxEntry {
  to: string;
  subject: string;
  text: string;
  link: string;
  sent_at: string;
}

export interface StoreData {
  tickets: StoredTicket[];
  messages: StoredMessage[];
  events: StoredEvent[];
  restoreTokens: StoredRestoreToken[];
  mailbox: MailboxEntry[];
  nextTicketNumber: number;
  lastTimestamp: number;
}

export const emptyData = (): StoreData => ({
  tickets: [],
  messages: [],
  events: [],
  restoreTokens: [],
  mailbox: [],
  nextTicketNumber: 1,
  lastTimestamp: 0,
});

/** Faults injected through `/api/_dev/chaos`; they touch only the widget API. */
export interface Chaos {
  latency_ms?: number;
  /** 0..1: share of widget requests answered with `error_status`. */
  error_rate?: number;
  error_status?: number;
  /** Every widget request fails as a network error. */
  offline?: boolean;
}

export type RestoreResult =
  | { status: 'success'; widget_session_id: string; migrated_ticket_ids: string[] }
  | { status: 'invalid' | 'expired' | 'used'; code: string };

export const RESTORE_TOKEN_TTL_MS = 60 * 60 * 1000;
export const RESTORE_PARAM = 'ph_conv_restore';

export interface TicketChanges {
  status?: TicketStatus;
  priority?: Priority;
  assignee?: Assignee | null;
  tags?: string[];
  snoozed_until?: string | null;
}

const normaliseEmail = (email: string) => email.trim().toLowerCase();

export class Store {
  data: StoreData = emptyData();
  chaos: Chaos = {};
  /** The wall clock; tests replace it, or move it with `advanceClock` (`POST /api/_dev/clock`). */
  clock: () => number = () => Date.now();
  /** Called after every change, to persist. */
  onChange: ((data: StoreData) => void) | undefined;

  private clockOffset = 0;
  private rateLogs = new Map<string, number[]>();
  private ticketsById = new Map<string, StoredTicket>();
  private messagesByTicket = new Map<string, StoredMessage[]>();
  private messagesByClientId = new Map<string, StoredMessage[]>();

  load(data: Partial<StoreData>) {
    this.data = { ...emptyData(), ...data };
    this.reindex();
  }

  reset() {
    this.data = emptyData();
    this.chaos = {};
    this.clockOffset = 0;
    this.rateLogs.clear();
    this.reindex();
    this.changed();
  }

  changed() {
    this.onChange?.(this.data);
  }

  private reindex() {
    this.ticketsById = new Map(this.data.tickets.map((t) => [t.id, t]));
    this.messagesByTicket = new Map();
    this.messagesByClientId = new Map();
    for (const m of this.data.messages) this.index(m);
  }

  private index(message: StoredMessage) {
    this.threadOf(message.ticket_id).push(message);
    if (message.client_message_id) {
      const same = this.messagesByClientId.get(message.client_message_id) ?? [];
      this.messagesByClientId.set(message.client_message_id, [...same, message]);
    }
  }

  private threadOf(ticketId: string): StoredMessage[] {
    let thread = this.messagesByTicket.get(ticketId);
    if (!thread) this.messagesByTicket.set(ticketId, (thread = []));
    return thread;
  }

  // ---- time ---------------------------------------------------------------------------

  /** Current time in ms, as the server sees it (wall clock plus any dev advance). */
  nowMs(): number {
    return this.clock() + this.clockOffset;
  }

  /** Moves the server's time forward (dev only): expiries, snoozes and rate limits follow. */
  advanceClock(ms: number) {
    this.clockOffset += ms;
    this.wakeSnoozed();
  }

  /**
   * Strictly increasing ISO times for records: clients poll with `after` (strictly greater),
   * so two messages in the same millisecond must still get different times.
   */
  stamp(): string {
    const ms = Math.max(this.nowMs(), this.data.lastTimestamp + 1);
    this.data.lastTimestamp = ms;
    return new Date(ms).toISOString();
  }

  /** Snoozed tickets whose time has come are open again. Called before every request. */
  wakeSnoozed() {
    const now = this.nowMs();
    let woke = false;
    for (const ticket of this.data.tickets) {
      if (ticket.snoozed_until && Date.parse(ticket.snoozed_until) <= now) {
        ticket.snoozed_until = null;
        if (ticket.status === 'on_hold') this.setStatus(ticket, 'open');
        woke = true;
      }
    }
    if (woke) this.changed();
  }

  // ---- rate limits --------------------------------------------------------------------

  /** Counts a hit against `key`; 0 if allowed, else the seconds until the next one is. */
  rateLimit(key: string, limit: Limit): number {
    let log = this.rateLogs.get(key);
    if (!log) this.rateLogs.set(key, (log = []));
    return hit(log, this.nowMs(), limit);
  }

  // ---- reading ------------------------------------------------------------------------

  ticket(id: string): StoredTicket | undefined {
    return this.ticketsById.get(id.toLowerCase());
  }

  messagesOf(ticketId: string): readonly StoredMessage[] {
    return this.messagesByTicket.get(ticketId) ?? [];
  }

  /** What the customer may see: never a private note. */
  visibleMessages(ticketId: string): StoredMessage[] {
    return this.messagesOf(ticketId).filter((m) => !m.is_private);
  }

  owns(owner: Owner, ticket: StoredTicket): boolean {
    return owner.kind === 'session' ? ticket.session_id === owner.id : ticket.identity_id === owner.id;
  }

  ticketsOf(owner: Owner): StoredTicket[] {
    return this.data.tickets.filter((t) => this.owns(owner, t));
  }

  /** Team/AI messages the customer can see and has not marked read. */
  unreadCount(ticketId: string): number {
    return this.messagesOf(ticketId).filter((m) => !m.is_private && !m.read_by_customer).length;
  }

  /** The widget's view of a ticket: no private note ever shows through. */
  publicTicket(ticket: StoredTicket) {
    const visible = this.visibleMessages(ticket.id);
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

  /** The team's view of a ticket: everything, including who the customer is. */
  teamTicket(ticket: StoredTicket) {
    const visible = this.publicTicket(ticket);
    return {
      id: ticket.id,
      ticket_number: ticket.ticket_number,
      channel_source: ticket.channel_source,
      distinct_id: ticket.distinct_id,
      status: ticket.status,
      priority: ticket.priority,
      assignee: ticket.assignee,
      tags: ticket.tags,
      snoozed_until: ticket.snoozed_until,
      customer_name: ticket.traits.name ?? null,
      customer_email: ticket.traits.email ?? null,
      anonymous_traits: ticket.traits,
      session_context: ticket.session_context,
      message_count: visible.message_count,
      last_message_text: visible.last_message,
      last_message_at: visible.last_message_at,
      unread_team_count: ticket.unread_team_count,
      unread_customer_count: visible.unread_count,
      created_at: ticket.created_at,
      updated_at: ticket.updated_at,
    };
  }

  // ---- widget writes ------------------------------------------------------------------

  /**
   * A customer's message. With a `client_message_id` the send is idempotent per owner:
   * the same id again returns the message stored the first time and stores nothing.
   */
  sendCustomerMessage(input: {
    owner: Owner;
    ticket: StoredTicket | null;
    content: string;
    traits: Traits;
    distinctId: string | null;
    sessionContext: SessionContext;
    clientMessageId: string | null;
  }): { ticket: StoredTicket; message: StoredMessage } {
    if (input.clientMessageId) {
      const earlier = this.messagesByClientId.get(input.clientMessageId)?.find((m) => this.isOwnedMessage(input.owner, m));
      if (earlier) return { ticket: this.ticket(earlier.ticket_id)!, message: earlier };
    }

    let ticket = input.ticket;
    if (ticket) {
      Object.assign(ticket.traits, input.traits);
      Object.assign(ticket.session_context, input.sessionContext);
      if (input.distinctId) ticket.distinct_id = input.distinctId;
    } else {
      ticket = this.createTicket({
        channel_source: 'widget',
        session_id: input.owner.kind === 'session' ? input.owner.id : null,
        identity_id: input.owner.kind === 'identity' ? input.owner.id : null,
        distinct_id: input.distinctId ?? (input.owner.kind === 'identity' ? input.owner.id : null),
        traits: { ...input.traits },
        session_context: { ...input.sessionContext },
      });
    }
    ticket.unread_team_count++;
    const message = this.addMessage(ticket, {
      content: input.content,
      author_type: 'customer',
      author_name: ticket.traits.name ?? null,
      is_private: false,
      client_message_id: input.clientMessageId,
    });
    this.emit('$conversation_message_received', ticket, {
      message_id: message.id,
      message_content: message.content,
      author_type: 'customer',
      customer_name: ticket.traits.name ?? '',
      customer_email: ticket.traits.email ?? '',
    });
    this.changed();
    return { ticket, message };
  }

  private isOwnedMessage(owner: Owner, message: StoredMessage) {
    const ticket = this.ticket(message.ticket_id);
    return !!ticket && this.owns(owner, ticket);
  }

  markRead(ticket: StoredTicket) {
    for (const m of this.messagesOf(ticket.id)) m.read_by_customer = true;
    this.changed();
  }

  // ---- restore by email ---------------------------------------------------------------

  /**
   * Mails a single-use link if any ticket carries this email; otherwise does nothing, and
   * the caller answers the same either way so that nobody can learn which emails exist.
   */
  async requestRestore(email: string, requestUrl: URL): Promise<void> {
    const address = normaliseEmail(email);
    if (!this.ticketsByEmail(address).length) return;
    const token = randomUrlToken();
    const now = this.nowMs();
    this.data.restoreTokens.push({
      id: crypto.randomUUID(),
      token_hash: await sha256Hex(token),
      email: address,
      created_at: new Date(now).toISOString(),
      expires_at: new Date(now + RESTORE_TOKEN_TTL_MS).toISOString(),
      consumed_at: null,
      consumed_by_session_id: null,
    });
    const link = new URL(requestUrl);
    link.searchParams.set(RESTORE_PARAM, token);
    link.hash = '';
    this.data.mailbox.push({
      to: address,
      subject: 'Continue your support conversation',
      text: `Open this link to continue your conversations in this browser (valid for 60 minutes, once):\n${link}`,
      link: link.toString(),
      sent_at: this.stamp(),
    });
    this.changed();
  }

  /**
   * Checks in an order that leaks nothing: unknown → invalid; consumed (before expiry, so
   * an old used token says "used") → used; past its time → expired. Success moves every
   * ticket of the email to `sessionId` and uses up the email's other tokens.
   */
  async redeemRestore(token: string, sessionId: string, distinctId: string | null): Promise<RestoreResult> {
    const hash = await sha256Hex(token);
    const record = this.data.restoreTokens.find((t) => t.token_hash === hash);
    if (!record) return { status: 'invalid', code: 'token_invalid' };
    if (record.consumed_at) return { status: 'used', code: 'token_already_used' };
    if (Date.parse(record.expires_at) <= this.nowMs()) return { status: 'expired', code: 'token_expired' };

    const now = new Date(this.nowMs()).toISOString();
    record.consumed_at = now;
    record.consumed_by_session_id = sessionId;
    const tickets = this.ticketsByEmail(record.email);
    for (const ticket of tickets) {
      ticket.session_id = sessionId;
      if (distinctId) ticket.distinct_id = distinctId;
    }
    for (const other of this.data.restoreTokens) {
      if (other.email === record.email && !other.consumed_at) other.consumed_at = now;
    }
    this.changed();
    return { status: 'success', widget_session_id: sessionId, migrated_ticket_ids: tickets.map((t) => t.id) };
  }

  private ticketsByEmail(address: string) {
    return this.data.tickets.filter((t) => typeof t.traits.email === 'string' && normaliseEmail(t.traits.email) === address);
  }

  // ---- team writes --------------------------------------------------------------------

  createTicket(fields: Pick<StoredTicket, 'channel_source' | 'session_id' | 'identity_id' | 'distinct_id' | 'traits' | 'session_context'> & TicketChanges) {
    const now = this.stamp();
    const ticket: StoredTicket = {
      id: crypto.randomUUID(),
      ticket_number: this.data.nextTicketNumber++,
      status: 'new',
      priority: 'normal',
      assignee: null,
      tags: [],
      snoozed_until: null,
      unread_team_count: 0,
      created_at: now,
      updated_at: now,
      ...fields,
    };
    this.data.tickets.push(ticket);
    this.ticketsById.set(ticket.id, ticket);
    this.emit('$conversation_ticket_created', ticket, {
      customer_name: ticket.traits.name ?? '',
      customer_email: ticket.traits.email ?? '',
    });
    this.changed();
    return ticket;
  }

  /** A reply (seen by the customer) or a private note (never seen by them). */
  addTeamMessage(ticket: StoredTicket, fields: { content: string; author_type: 'human' | 'AI'; author_name: string | null; is_private: boolean }) {
    const message = this.addMessage(ticket, { ...fields, client_message_id: null });
    if (!message.is_private) {
      this.emit('$conversation_message_sent', ticket, {
        message_id: message.id,
        message_content: message.content,
        author_type: message.author_type,
        author_id: message.author_name,
      });
    }
    this.changed();
    return message;
  }

  /**
   * Applies a team edit, with the snooze rules of the production backend: snoozing puts the
   * ticket on hold and un-snoozing opens it, unless the same edit sets a status; a status
   * other than on_hold ends the snooze.
   */
  updateTicket(ticket: StoredTicket, changes: TicketChanges) {
    const snoozeChanged = changes.snoozed_until !== undefined && changes.snoozed_until !== ticket.snoozed_until;
    if (changes.snoozed_until !== undefined) ticket.snoozed_until = changes.snoozed_until;
    let status = changes.status;
    if (status === undefined && snoozeChanged) status = ticket.snoozed_until ? 'on_hold' : 'open';
    if (status !== undefined && status !== 'on_hold') ticket.snoozed_until = null;
    if (status !== undefined) this.setStatus(ticket, status);

    if (changes.priority !== undefined && changes.priority !== ticket.priority) {
      const old = ticket.priority;
      ticket.priority = changes.priority;
      this.emit('$conversation_ticket_priority_changed', ticket, { old_priority: old, new_priority: ticket.priority });
    }
    if (changes.assignee !== undefined && !sameAssignee(changes.assignee, ticket.assignee)) {
      ticket.assignee = changes.assignee;
      this.emit('$conversation_ticket_assigned', ticket, {
        assignee_type: ticket.assignee?.type ?? null,
        assignee_id: ticket.assignee?.id ?? null,
      });
    }
    if (changes.tags !== undefined) ticket.tags = changes.tags;
    ticket.updated_at = this.stamp();
    this.changed();
  }

  /** The team opened the ticket: its customer messages are no longer unread for them. */
  markSeenByTeam(ticket: StoredTicket) {
    if (!ticket.unread_team_count) return;
    ticket.unread_team_count = 0;
    this.changed();
  }

  deleteTicket(ticket: StoredTicket) {
    this.data.tickets = this.data.tickets.filter((t) => t !== ticket);
    this.data.messages = this.data.messages.filter((m) => m.ticket_id !== ticket.id);
    this.reindex();
    this.changed();
  }

  // ---- internals ----------------------------------------------------------------------

  private setStatus(ticket: StoredTicket, status: TicketStatus) {
    if (status === ticket.status) return;
    const old = ticket.status;
    ticket.status = status;
    ticket.updated_at = this.stamp();
    this.emit('$conversation_ticket_status_changed', ticket, { old_status: old, new_status: status });
  }

  private addMessage(ticket: StoredTicket, fields: Omit<StoredMessage, 'id' | 'ticket_id' | 'created_at' | 'read_by_customer'>) {
    const message: StoredMessage = {
      id: crypto.randomUUID(),
      ticket_id: ticket.id,
      created_at: this.stamp(),
      read_by_customer: fields.author_type === 'customer',
      ...fields,
    };
    this.data.messages.push(message);
    this.index(message);
    ticket.updated_at = message.created_at;
    return message;
  }

  /** Appends to the event log, with the base properties every event carries. */
  private emit(event: EventName, ticket: StoredTicket, properties: Record<string, unknown>) {
    this.data.events.push({
      id: crypto.randomUUID(),
      event,
      timestamp: this.stamp(),
      properties: {
        ticket_id: ticket.id,
        ticket_number: ticket.ticket_number,
        channel_source: ticket.channel_source,
        status: ticket.status,
        priority: ticket.priority,
        ...properties,
      },
    });
  }
}

const sameAssignee = (a: Assignee | null, b: Assignee | null) => a?.type === b?.type && a?.id === b?.id;

/** The store every handler uses unless given another. */
export const store = new Store();
