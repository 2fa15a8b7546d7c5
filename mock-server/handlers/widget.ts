import { HttpResponse, http } from 'msw';
import { HttpError } from '../lib/errors.js';
import * as field from '../lib/fields.js';
import { LIMITS } from '../lib/rate-limit.js';
import { STATUSES, type Owner, type StoredMessage, type StoredTicket } from '../store.js';
import { checkWidgetAccess, ownerFrom } from './credentials.js';
import { jsonBody, queryOf, route, tooManyRequests, type HandlerContext } from './context.js';

export const WIDGET_BASE = '*/api/conversations/v1/widget';

/** Size limits of the production backend: over them, traits and context are cut, not refused. */
const TRAIT_LIMITS = { maxKeys: 50, maxKeyLength: 200, maxValueLength: 500, stringify: true };
const CONTEXT_LIMITS = { maxKeys: 20, maxKeyLength: 100, maxValueLength: 2000, stringify: false };

/** The customer-side API: what the widget calls, with a public token and per-browser credentials. */
export function widgetHandlers({ store, config }: HandlerContext) {
  /** A POST body, after the token and the bot trap. */
  async function widgetBody(request: Request) {
    checkWidgetAccess(request, config);
    const body = await jsonBody(request);
    if (body._hp) throw new HttpError(400, 'Invalid request', { _hp: 'must be empty' });
    return body;
  }

  function countWrite(owner: Owner) {
    const wait = store.rateLimit(`write:${owner.kind}:${owner.id}`, LIMITS.widgetWrite);
    if (wait) throw tooManyRequests(wait);
  }

  /** The ticket, if it exists and belongs to the caller; a foreign one answers with nothing of it. */
  function ownTicket(id: string, owner: Owner): StoredTicket {
    const ticket = store.ticket(field.uuid(id, 'ticket_id'));
    if (!ticket) throw new HttpError(404, 'Ticket not found');
    if (!store.owns(owner, ticket)) throw new HttpError(403, 'Forbidden');
    return ticket;
  }

  const wireMessage = ({ id, content, author_type, author_name, created_at }: StoredMessage) => ({
    id,
    content,
    author_type,
    author_name,
    created_at,
  });

  return [
    http.post(
      `${WIDGET_BASE}/message`,
      route(store, async ({ request }) => {
        const body = await widgetBody(request);
        // Every field is checked before the signature and the store are touched.
        const message = field.text(body.message, 'message', { max: 10_000, multiline: true });
        const ticketId = field.optionalUuid(body.ticket_id, 'ticket_id');
        const clientMessageId = field.optionalUuid(body.client_message_id, 'client_message_id');
        const distinctId = field.optionalText(body.distinct_id, 'distinct_id', { max: 400, trim: false });
        const traits = field.lenientMap(body.traits, 'traits', TRAIT_LIMITS) as Record<string, string | null>;
        const sessionContext = field.lenientMap(body.session_context, 'session_context', CONTEXT_LIMITS);
        const owner = await ownerFrom(body, config);
        countWrite(owner);

        const ticket = ticketId ? ownTicket(ticketId, owner) : null;
        const sent = store.sendCustomerMessage({ owner, ticket, content: message, traits, distinctId, sessionContext, clientMessageId });
        return HttpResponse.json({
          ticket_id: sent.ticket.id,
          message_id: sent.message.id,
          ticket_status: sent.ticket.status,
          created_at: sent.message.created_at,
          unread_count: store.unreadCount(sent.ticket.id),
        });
      }),
    ),

    http.get(
      `${WIDGET_BASE}/messages/:ticketId`,
      route(store, async ({ request, params }) => {
        checkWidgetAccess(request, config);
        const q = queryOf(request);
        const ticketId = field.uuid(params.ticketId, 'ticket_id');
        const after = q.after ? field.dateTime(q.after, 'after') : -Infinity;
        const limit = field.integer(q.limit, 'limit', { min: 1, max: 500, fallback: 500 });
        const ticket = ownTicket(ticketId, await ownerFrom(q, config));

        const newer = store.visibleMessages(ticket.id).filter((m) => Date.parse(m.created_at) > after);
        return HttpResponse.json({
          ticket_id: ticket.id,
          ticket_status: ticket.status,
          messages: newer.slice(0, limit).map(wireMessage),
          has_more: newer.length > limit,
          unread_count: store.unreadCount(ticket.id),
        });
      }),
    ),

    http.post(
      `${WIDGET_BASE}/messages/:ticketId/read`,
      route(store, async ({ request, params }) => {
        const body = await widgetBody(request);
        const ticketId = field.uuid(params.ticketId, 'ticket_id');
        const owner = await ownerFrom(body, config);
        countWrite(owner);
        store.markRead(ownTicket(ticketId, owner));
        return HttpResponse.json({ success: true, unread_count: 0 });
      }),
    ),

    http.get(
      `${WIDGET_BASE}/tickets`,
      route(store, async ({ request }) => {
        checkWidgetAccess(request, config);
        const q = queryOf(request);
        const status = q.status ? field.oneOf(q.status, 'status', STATUSES) : undefined;
        const limit = field.integer(q.limit, 'limit', { min: 1, max: 500, fallback: 100 });
        const offset = field.integer(q.offset, 'offset', { min: 0, max: 1_000_000, fallback: 0 });
        const owner = await ownerFrom(q, config);

        const mine = store
          .ticketsOf(owner)
          .filter((t) => !status || t.status === status)
          .sort((a, b) => b.created_at.localeCompare(a.created_at));
        return HttpResponse.json({
          count: mine.length,
          results: mine.slice(offset, offset + limit).map((t) => store.publicTicket(t)),
        });
      }),
    ),
  ];
}
