import type { Ticket } from '../transport/wire-types.js';

/** The badge: unread team replies over every ticket. */
export const totalUnread = (tickets: Ticket[]) => tickets.reduce((sum, t) => sum + t.unread_count, 0);

/** The list with one ticket's unread count replaced (unchanged list when it already was). */
export function withUnread(tickets: Ticket[], ticketId: string, count: number): Ticket[] {
  const ticket = tickets.find((t) => t.id === ticketId);
  if (!ticket || ticket.unread_count === count) return tickets;
  return tickets.map((t) => (t === ticket ? { ...t, unread_count: count } : t));
}
