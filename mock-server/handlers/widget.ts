import { HttpResponse, http } from 'msw';
import type { StoredTicket } from '../store.js';
import { HttpError, jsonBody, withErrors, type HandlerContext } from './context.js';

const BASE = '*/api/conversations/v1/widget';
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

interface Caller {
  sessionId: string;
}

/** The customer-side API: what the widget calls, with a public token and per-browser credentials. */
export function widgetHandlers({ store, config }: HandlerContext) {
  function checkToken(request: Request) {
    if (request.headers.get('X-Conversations-Token') !== config.widgetToken) {
      throw new HttpError(403, 'Invalid widget token');
    }
  }

  function caller(fields: Record<string, unknown>): Caller {
    const sessionId = fields.widget_session_id;
    if (typeof sessionId !== 'string' || !UUID.test(sessionId)) {
      throw new HttpError(400, 'widget_session_id must be a UUID', { widget_session_id: 'must be a UUID' });
    }
    return { sessionId };
  }

  function ownTicket(id: string, who: Caller): StoredTicket {
    if (!UUID.test(id)) throw new HttpError(400, 'ticket_id must be a UUID', { ticket_id: 'must be a UUID' });
    const ticket = store.ticket(id);
    if (!ticket) throw new HttpError(404, 'Ticket not found');
    if (ticket.session_id !== who.sessionId) throw new HttpError(403, 'Not your ticket');
    return ticket;
  }

  const query = (request: Request) => Object.fromEntries(new URL(request.url).searchParams);

  return [
    http.post(
      `${BASE}/message`,
      withErrors(async ({ request }) => {
        checkToken(request);
        const body = await jsonBody(request);
        const who = caller(body);
        const content = typeof body.message === 'string' ? body.message.trim() : '';
        if (!content || content.length > 10_000) {
          throw new HttpError(400, 'message must be 1 to 10000 characters', { message: 'must be 1 to 10000 characters' });
        }
        const traits = (body.traits ?? {}) as { name?: string; email?: string };
        let ticket: StoredTicket;
        if (body.ticket_id == null) {
          ticket = store.createTicket({
            session_id: who.sessionId,
            distinct_id: null,
            customer_name: traits.name ?? null,
            customer_email: traits.email ?? null,
            current_url: null,
          });
        } else {
          ticket = ownTicket(String(body.ticket_id), who);
        }
        const clientMessageId = typeof body.client_message_id === 'string' ? body.client_message_id : null;
        const message =
          (clientMessageId && store.data.messages.find((m) => m.client_message_id === clientMessageId)) ||
          store.addMessage({
            ticket_id: ticket.id,
            content,
            author_type: 'customer',
            author_name: traits.name ?? null,
            is_private: false,
            client_message_id: clientMessageId,
          });
        return HttpResponse.json({
          ticket_id: ticket.id,
          message_id: message.id,
          ticket_status: ticket.status,
          created_at: message.created_at,
          unread_count: store.unreadCount(ticket.id),
        });
      }),
    ),

    http.get(
      `${BASE}/messages/:ticketId`,
      withErrors(({ request, params }) => {
        checkToken(request);
        const q = query(request);
        const ticket = ownTicket(String(params.ticketId), caller(q));
        const after = q.after ? Date.parse(q.after) : -Infinity;
        const limit = q.limit ? Number(q.limit) : 500;
        const visible = store
          .messagesOf(ticket.id)
          .filter((m) => !m.is_private && Date.parse(m.created_at) > after);
        return HttpResponse.json({
          ticket_id: ticket.id,
          ticket_status: ticket.status,
          messages: visible.slice(0, limit).map(({ id, content, author_type, author_name, created_at }) => ({
            id,
            content,
            author_type,
            author_name,
            created_at,
          })),
          has_more: visible.length > limit,
          unread_count: store.unreadCount(ticket.id),
        });
      }),
    ),

    http.post(
      `${BASE}/messages/:ticketId/read`,
      withErrors(async ({ request, params }) => {
        checkToken(request);
        const ticket = ownTicket(String(params.ticketId), caller(await jsonBody(request)));
        store.markRead(ticket.id);
        return HttpResponse.json({ success: true, unread_count: 0 });
      }),
    ),

    http.get(
      `${BASE}/tickets`,
      withErrors(({ request }) => {
        checkToken(request);
        const q = query(request);
        const who = caller(q);
        const limit = q.limit ? Number(q.limit) : 100;
        const offset = q.offset ? Number(q.offset) : 0;
        const mine = store.data.tickets
          .filter((t) => t.session_id === who.sessionId && (!q.status || t.status === q.status))
          .sort((a, b) => b.created_at.localeCompare(a.created_at));
        return HttpResponse.json({
          count: mine.length,
          results: mine.slice(offset, offset + limit).map((t) => store.publicTicket(t)),
        });
      }),
    ),
  ];
}
