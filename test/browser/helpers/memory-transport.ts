import type {
  Credentials,
  GetMessagesRequest,
  GetTicketsRequest,
  RestoreRequest,
  SendMessageRequest,
  Transport,
} from '../../../src/transport/transport.js';
import type { Message, Ticket } from '../../../src/transport/wire-types.js';
import { TransportError } from '../../../src/transport/transport-error.js';

/**
 * Another backend, plugged in by implementing `Transport` and nothing else: everything in
 * memory, no HTTP at all. Shows that the client depends on the interface only, and lets some
 * tests count calls or fail them precisely.
 */
export class MemoryTransport implements Transport {
  readonly tickets = new Map<string, { ticket: Ticket; owner: string; messages: Message[]; unread: Set<string> }>();
  readonly calls: string[] = [];
  /** Set to make the next calls fail with this error. */
  failWith: TransportError | undefined;
  private readonly byClientId = new Map<string, { ticketId: string; message: Message }>();
  private clock = Date.parse('2024-01-01T00:00:00Z');

  private now() {
    return new Date((this.clock += 1000)).toISOString();
  }

  private check(op: string) {
    this.calls.push(op);
    if (this.failWith) throw this.failWith;
  }

  private owned(credentials: Credentials, ticketId: string) {
    const found = this.tickets.get(ticketId);
    if (!found) throw new TransportError('http', 'Ticket not found', 404);
    if (found.owner !== owner(credentials)) throw new TransportError('http', 'Not your ticket', 403);
    return found;
  }

  async sendMessage(credentials: Credentials, r: SendMessageRequest) {
    this.check('send');
    const existing = r.clientMessageId ? this.byClientId.get(r.clientMessageId) : undefined;
    let ticketId = existing?.ticketId ?? r.ticketId;
    if (!ticketId) {
      ticketId = crypto.randomUUID();
      const created_at = this.now();
      const ticket: Ticket = {
        id: ticketId,
        ticket_number: this.tickets.size + 1,
        status: 'new',
        unread_count: 0,
        last_message: null,
        last_message_at: null,
        message_count: 0,
        created_at,
      };
      this.tickets.set(ticketId, { ticket, owner: owner(credentials), messages: [], unread: new Set() });
    }
    const t = this.owned(credentials, ticketId);
    let message = existing?.message;
    if (!message) {
      message = {
        id: crypto.randomUUID(),
        content: r.message,
        author_type: 'customer',
        author_name: r.traits?.name ?? null,
        created_at: this.now(),
      };
      t.messages.push(message);
      if (r.clientMessageId) this.byClientId.set(r.clientMessageId, { ticketId, message });
    }
    return {
      ticket_id: ticketId,
      message_id: message.id,
      ticket_status: t.ticket.status,
      created_at: message.created_at,
      unread_count: t.unread.size,
    };
  }

  /** The team answers. */
  reply(ticketId: string, content: string) {
    const t = this.tickets.get(ticketId)!;
    const message: Message = {
      id: crypto.randomUUID(),
      content,
      author_type: 'human',
      author_name: 'Team',
      created_at: this.now(),
    };
    t.messages.push(message);
    t.unread.add(message.id);
    return message;
  }

  async getMessages(credentials: Credentials, r: GetMessagesRequest) {
    this.check('messages');
    const t = this.owned(credentials, r.ticketId);
    const messages = t.messages.filter((m) => !r.after || m.created_at > r.after);
    return { ticket_id: r.ticketId, ticket_status: t.ticket.status, messages, has_more: false, unread_count: t.unread.size };
  }

  async markAsRead(credentials: Credentials, ticketId: string) {
    this.check('read');
    this.owned(credentials, ticketId).unread.clear();
    return { success: true, unread_count: 0 };
  }

  async getTickets(credentials: Credentials, r: GetTicketsRequest) {
    this.check('tickets');
    const mine = [...this.tickets.values()].filter(
      (t) => t.owner === owner(credentials) && (!r.status || t.ticket.status === r.status),
    );
    const results = mine.reverse().map((t) => ({ ...t.ticket, unread_count: t.unread.size, message_count: t.messages.length }));
    return { count: results.length, results: results.slice(r.offset ?? 0, (r.offset ?? 0) + (r.limit ?? 100)) };
  }

  async requestRestoreLink() {
    this.check('restore-request');
  }

  async restore(r: RestoreRequest) {
    this.check('restore');
    return { status: 'invalid' as const, code: `unknown token ${r.restoreToken.length}` };
  }
}

const owner = (c: Credentials) => ('identityHash' in c ? c.identityDistinctId : c.widgetSessionId);
