import { HttpResponse, http } from 'msw';
import * as field from '../lib/fields.js';
import { assigneeId, tag, tags, withTags } from '../lib/team-fields.js';
import { jsonBody, route, type HandlerContext } from './context.js';
import { postTeamMessage } from './team-reply.js';
import { authoriseTeamWrite, findTeamTicket } from './team-access.js';

/**
 * The team's one-purpose actions on a ticket, beside the general PATCH: resolve (seed 004),
 * assign, add and remove tags, and the PostHog-style `reply` (seed 003's reply/note).
 */
export function teamActionHandlers({ store, config }: HandlerContext) {
  const base = '*/api/projects/:projectId/conversations/tickets/:ticketId';

  /** The key may write, then the ticket: a read-only key learns nothing of it. */
  const ticketFor = (request: Request, params: Record<string, unknown>) => {
    authoriseTeamWrite(request, params.projectId, config);
    return findTeamTicket(store, params.ticketId);
  };

  /** A bodiless action takes no body, or a JSON object (which it ignores). */
  const optionalBody = async (request: Request) => {
    if ((await request.clone().text()).trim()) await jsonBody(request);
  };

  return [
    http.post(
      `${base}/resolve`,
      route(store, async ({ request, params }) => {
        const ticket = ticketFor(request, params);
        await optionalBody(request);
        store.updateTicket(ticket, { status: 'resolved' });
        return HttpResponse.json(store.teamTicket(ticket));
      }),
    ),

    http.post(
      `${base}/assign`,
      route(store, async ({ request, params }) => {
        const ticket = ticketFor(request, params);
        const body = await jsonBody(request);
        if (!('assignee_id' in body)) throw field.missing('assignee_id');
        store.updateTicket(ticket, { assignee: assigneeId(body.assignee_id, 'assignee_id') });
        return HttpResponse.json(store.teamTicket(ticket));
      }),
    ),

    http.post(
      `${base}/tags`,
      route(store, async ({ request, params }) => {
        const ticket = ticketFor(request, params);
        const body = await jsonBody(request);
        store.updateTicket(ticket, { tags: withTags(ticket.tags, tags(body.tags)) });
        return HttpResponse.json(store.teamTicket(ticket));
      }),
    ),

    // Removing a tag the ticket does not have changes nothing and is not an error (idempotent).
    http.delete(
      `${base}/tags/:tag`,
      route(store, ({ request, params }) => {
        const ticket = ticketFor(request, params);
        const removed = tag(params.tag, 'tag');
        if (ticket.tags.includes(removed)) store.updateTicket(ticket, { tags: ticket.tags.filter((t) => t !== removed) });
        return HttpResponse.json(store.teamTicket(ticket));
      }),
    ),

    http.post(
      `${base}/reply`,
      route(store, async ({ request, params }) => {
        const ticket = ticketFor(request, params);
        const body = await jsonBody(request);
        return postTeamMessage(store, request, ticket, body, {
          flavor: config.flavor,
          text: 'message',
          author: () => ({ author_type: 'support', author_name: 'Support' }),
        });
      }),
    ),
  ];
}
