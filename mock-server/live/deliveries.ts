import type { Owner, Store, StoreChange, StoredTicket, TicketChanges } from '../store.js';
import { publicMessage, teamMessage } from '../store.js';

/** The team's live stream has one caller: whoever holds the project's key. */
export const TEAM_CALLER = 'team';

/** A widget caller: one anonymous session, or one verified identity. */
export const widgetCaller = (owner: Owner) => `${owner.kind}:${owner.id}`;

/** One event for some callers: the same id and bytes for each of them. */
export interface Delivery {
  to: string[];
  event: string;
  data: Record<string, unknown>;
}

/** Who may hear about a ticket on the widget stream: its owners right now (a restore moves them). */
function ownersOf(ticket: StoredTicket): string[] {
  const callers: string[] = [];
  if (ticket.session_id) callers.push(widgetCaller({ kind: 'session', id: ticket.session_id }));
  if (ticket.identity_id) callers.push(widgetCaller({ kind: 'identity', id: ticket.identity_id }));
  return callers;
}

/**
 * What the streams say about one change of the store, read at once (records carry live
 * objects). The widget's events go to the ticket's owners only and never carry a private
 * note; the team's `live` stream hears everything but the visitor's typed text, which the
 * server never receives.
 */
export function deliveriesOf(change: StoreChange, store: Store): Delivery[] {
  return [...widgetDeliveries(change, store), ...teamDeliveries(change, store)].filter((d) => d.to.length > 0);
}

function widgetDeliveries(change: StoreChange, store: Store): Delivery[] {
  const ticketEvent = (ticket: StoredTicket): Delivery => ({
    to: ownersOf(ticket),
    event: 'ticket',
    data: { ticket_id: ticket.id, status: ticket.status, unread_count: store.unreadCount(ticket.id) },
  });
  switch (change.type) {
    case 'message': {
      const { ticket, message } = change;
      if (message.is_private) return [];
      const sent: Delivery = {
        to: ownersOf(ticket),
        event: 'message',
        // Attachment URLs as paths here: each stream puts its own origin before them (live/origin.ts).
        data: { ticket_id: ticket.id, message: publicMessage(message, store.attachmentLinks('')) },
      };
      // A team or AI message is one more unread: the badge follows without a poll.
      return message.author_type === 'customer' ? [sent] : [sent, ticketEvent(ticket)];
    }
    case 'ticket-created':
      return [ticketEvent(change.ticket)];
    case 'ticket':
      return change.changes.status !== undefined ? [ticketEvent(change.ticket)] : [];
    case 'read':
      return change.by === 'customer' ? [ticketEvent(change.ticket)] : [];
    case 'restored':
      return change.tickets.map(ticketEvent);
    case 'typing':
      if (change.side !== 'team') return [];
      return [
        {
          to: ownersOf(change.ticket),
          event: 'typing',
          data: { ticket_id: change.ticket.id, author_name: change.author_name, typing: change.typing },
        },
      ];
    default:
      return [];
  }
}

function teamDeliveries(change: StoreChange, store: Store): Delivery[] {
  const team = (event: string, data: Record<string, unknown>): Delivery => ({ to: [TEAM_CALLER], event, data });
  const about = (ticket: StoredTicket, changes?: string[]) => ({
    ticket_id: ticket.id,
    ticket: store.teamTicket(ticket),
    ...(changes ? { changes } : {}),
  });
  switch (change.type) {
    case 'ticket-created':
      return [team('conversation.created', about(change.ticket))];
    case 'ticket':
      return ticketChangeEvents(change.changes).map(([event, changes]) => team(event, about(change.ticket, changes)));
    case 'ticket-deleted':
      return [team('conversation.updated', { ticket_id: change.ticket.id, ticket: null, changes: ['deleted'] })];
    case 'read':
      return [
        team(
          'conversation.updated',
          about(change.ticket, [change.by === 'customer' ? 'unread_customer_count' : 'unread_team_count']),
        ),
      ];
    case 'restored':
      return change.tickets.map((ticket) => team('conversation.updated', about(ticket, ['session'])));
    case 'message': {
      const { ticket, message } = change;
      const event = message.author_type === 'customer' ? 'message.received' : 'message.sent';
      return [team(event, { ticket_id: ticket.id, message: teamMessage(message, store.attachmentLinks('')) })];
    }
    case 'typing':
      // Only the visitor's typing: and only that they type, never what.
      return change.side === 'customer' ? [team('typing', { ticket_id: change.ticket.id, typing: change.typing })] : [];
    default:
      return [];
  }
}

/** A team edit as live events: `resolved` and `assigned` by name, whatever else as `updated`. */
function ticketChangeEvents(changes: TicketChanges): Array<[string, string[]]> {
  const events: Array<[string, string[]]> = [];
  const rest = Object.keys(changes).filter((key) => key !== 'assignee' && !(key === 'status' && changes.status === 'resolved'));
  if (changes.status === 'resolved') events.push(['conversation.resolved', ['status']]);
  if (changes.assignee !== undefined) events.push(['conversation.assigned', ['assignee']]);
  if (rest.length) events.push(['conversation.updated', rest]);
  return events;
}
