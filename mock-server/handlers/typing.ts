import { HttpResponse, http } from 'msw';
import { RATE_LIMITS } from '../../contract/limits.js';
import { HttpError, invalid } from '../lib/errors.js';
import * as field from '../lib/fields.js';
import { checkWidgetToken, ownerFrom } from './credentials.js';
import { jsonBody, route, tooManyRequests, type HandlerContext } from './context.js';
import { authoriseTeam, findTeamTicket } from './team-access.js';
import { WIDGET_BASE } from './widget.js';

const AUTHOR_NAME_MAX = 200;

/**
 * Typing signals, both ways: the visitor's reach the team's `live` stream (that they type,
 * never what), a team member's reach the widget stream of the ticket's owners. Neither
 * changes state; the visitor's have their own rate limit, so that typing never uses up
 * the allowance for sends.
 */
export function typingHandlers({ store, config }: HandlerContext) {
  const typingFlag = (value: unknown) => {
    if (typeof value !== 'boolean') throw invalid('typing', 'must be true or false');
    return value;
  };

  return [
    http.post(
      `${WIDGET_BASE}/typing`,
      route(store, async ({ request }) => {
        checkWidgetToken(request, config);
        const body = await jsonBody(request, config.flavor);
        const ticketId = field.uuid(body.ticket_id, 'ticket_id');
        const typing = typingFlag(body.typing);
        const owner = await ownerFrom(body, { config, store });
        const wait = store.rateLimit(`typing:${owner.kind}:${owner.id}`, RATE_LIMITS.widgetTyping);
        if (wait) throw tooManyRequests(wait, config.flavor);
        const ticket = store.ticket(ticketId);
        if (!ticket) throw new HttpError(404, 'Ticket not found');
        if (!store.owns(owner, ticket)) throw new HttpError(403, 'Forbidden');
        store.setTyping(ticket, 'customer', typing);
        return HttpResponse.json({ ok: true });
      }),
    ),

    http.post(
      '*/api/projects/:projectId/conversations/tickets/:ticketId/typing',
      route(store, async ({ request, params }) => {
        authoriseTeam(request, params.projectId, config, { write: true });
        const ticket = findTeamTicket(store, params.ticketId);
        const body = await jsonBody(request);
        const typing = typingFlag(body.typing);
        const authorName = field.optionalText(body.author_name, 'author_name', { max: AUTHOR_NAME_MAX });
        store.setTyping(ticket, 'team', typing, authorName);
        return HttpResponse.json({ ok: true });
      }),
    ),
  ];
}
