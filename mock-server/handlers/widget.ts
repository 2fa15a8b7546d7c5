import { HttpResponse, http } from 'msw';
import { attachmentIds } from '../attachments/upload.js';
import { HttpError, invalid } from '../lib/errors.js';
import * as field from '../lib/fields.js';
import {
  MAX_DISTINCT_ID_LENGTH,
  MAX_MESSAGE_LENGTH,
  MAX_OFFSET,
  MAX_SESSION_ID_LENGTH,
  MESSAGES_PAGE,
  RATE_LIMITS,
  SESSION_CONTEXT_LIMITS,
  TICKETS_PAGE,
  TRAITS_LIMITS,
} from '../../contract/limits.js';
import { TICKET_STATUSES } from '../../contract/names.js';
import { widgetCaller } from '../live/deliveries.js';
import { publicMessage, type Owner, type StoredTicket } from '../store.js';
import { checkPageOrigin, checkWidgetToken, ownerFrom } from './credentials.js';
import { jsonBody, originOf, queryOf, route, tooManyRequests, type HandlerContext } from './context.js';

export const WIDGET_BASE = '*/api/conversations/v1/widget';

/** Size limits of the production backend: over them, traits and context are cut, not refused. */
const TRAIT_LIMITS = { ...TRAITS_LIMITS, stringify: true };
const CONTEXT_LIMITS = { ...SESSION_CONTEXT_LIMITS, stringify: false };

/** The customer-side API: what the widget calls, with a public token and per-browser credentials. */
export function widgetHandlers({ store, config }: HandlerContext) {
  const { flavor } = config;

  /** A POST body, after the token and the bot trap (the production backend's order). */
  async function widgetBody(request: Request, { checkOrigin = false } = {}) {
    checkWidgetToken(request, config);
    const body = await jsonBody(request, flavor);
    if (body._hp) throw new HttpError(400, 'Invalid request', { _hp: 'must be empty' });
    if (checkOrigin) checkPageOrigin(request, config, { pageRequired: false });
    return body;
  }

  function countWrite(owner: Owner) {
    const wait = store.rateLimit(`write:${owner.kind}:${owner.id}`, RATE_LIMITS.widgetWrite);
    if (wait) throw tooManyRequests(wait, flavor);
  }

  /** A ticket id from a path: not a UUID is as unknown as an unknown one (404). */
  function pathTicketId(raw: unknown): string {
    if (typeof raw !== 'string' || !field.UUID.test(raw)) throw new HttpError(404, 'Ticket not found');
    return raw.toLowerCase();
  }

  /** The ticket, if it exists and belongs to the caller; a foreign one answers with nothing of it. */
  function ownTicket(id: string, owner: Owner): StoredTicket {
    const ticket = store.ticket(id);
    if (!ticket) throw new HttpError(404, 'Ticket not found');
    if (!store.owns(owner, ticket)) throw new HttpError(403, 'Forbidden');
    return ticket;
  }

  return [
    http.post(
      `${WIDGET_BASE}/message`,
      route(store, async ({ request }) => {
        const body = await widgetBody(request, { checkOrigin: true });
        // Every field is checked before the signature and the store are touched. The
        // production backend has no attachments: there the field is ignored, as unknown ones are.
        const attachments = flavor === 'posthog' ? [] : attachmentIds(body.attachment_ids);
        // A message may be files alone.
        const message = field.text(body.message, 'message', {
          min: attachments.length ? 0 : 1,
          max: MAX_MESSAGE_LENGTH,
          multiline: true,
        });
        const ticketId = field.optionalUuid(body.ticket_id, 'ticket_id');
        // The production backend has no idempotent send: there a resend is stored twice.
        const clientMessageId = flavor === 'posthog' ? null : field.optionalUuid(body.client_message_id, 'client_message_id');
        const distinctId = field.optionalText(body.distinct_id, 'distinct_id', { max: MAX_DISTINCT_ID_LENGTH, trim: false });
        field.optionalText(body.session_id, 'session_id', { max: MAX_SESSION_ID_LENGTH });
        const traits = field.lenientMap(body.traits, 'traits', TRAIT_LIMITS) as Record<string, string | null>;
        const sessionContext = field.lenientMap(body.session_context, 'session_context', CONTEXT_LIMITS);
        const owner = await ownerFrom(body, config);
        // The person this browser is in analytics; a verified identity is its own.
        if (owner.kind === 'session' && distinctId === null) throw invalid('distinct_id', 'is required with widget_session_id');
        countWrite(owner);

        const ticket = ticketId ? ownTicket(ticketId, owner) : null;
        // A repeat of an idempotent send answers as the first did: its files are already on
        // that message, so they are not checked (nor attached) again.
        if (!store.earlierSend(owner, clientMessageId)) {
          const problem = store.attachmentProblem(widgetCaller(owner), attachments);
          if (problem) throw invalid('attachment_ids', problem);
        }
        const sent = store.sendCustomerMessage({
          owner,
          ticket,
          content: message,
          traits,
          distinctId,
          sessionContext,
          clientMessageId,
          attachmentIds: attachments,
          origin: originOf(request),
        });
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
        checkWidgetToken(request, config);
        const q = queryOf(request);
        const ticketId = pathTicketId(params.ticketId);
        const after = q.after ? field.dateTime(q.after, 'after') : -Infinity;
        const limit = field.integer(q.limit, 'limit', MESSAGES_PAGE);
        const ticket = ownTicket(ticketId, await ownerFrom(q, config));

        const newer = store.visibleMessages(ticket.id).filter((m) => Date.parse(m.created_at) > after);
        const links = store.attachmentLinks(originOf(request));
        return HttpResponse.json({
          ticket_id: ticket.id,
          ticket_status: ticket.status,
          messages: newer.slice(0, limit).map((m) => publicMessage(m, links)),
          // The production backend only says whether the page is full, even when nothing follows.
          has_more: flavor === 'posthog' ? Math.min(newer.length, limit) === limit : newer.length > limit,
          unread_count: store.unreadCount(ticket.id),
        });
      }),
    ),

    http.post(
      `${WIDGET_BASE}/messages/:ticketId/read`,
      route(store, async ({ request, params }) => {
        const body = await widgetBody(request);
        const ticketId = pathTicketId(params.ticketId);
        const owner = await ownerFrom(body, config);
        countWrite(owner);
        store.markRead(ownTicket(ticketId, owner));
        return HttpResponse.json({ success: true, unread_count: 0 });
      }),
    ),

    http.get(
      `${WIDGET_BASE}/tickets`,
      route(store, async ({ request }) => {
        checkWidgetToken(request, config);
        const q = queryOf(request);
        const status = q.status ? field.oneOf(q.status, 'status', TICKET_STATUSES) : undefined;
        const limit = field.integer(q.limit, 'limit', TICKETS_PAGE);
        const offset = field.integer(q.offset, 'offset', { min: 0, max: MAX_OFFSET, fallback: 0 });
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

export { wireAuthorType } from '../store.js';
