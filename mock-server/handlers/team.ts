import { HttpResponse, http } from 'msw';
import { postTeamMessage } from './team-reply.js';
import * as field from '../lib/fields.js';
import { MAX_DISTINCT_ID_LENGTH, MAX_OFFSET, TEAM_PAGE, TRAITS_LIMITS } from '../../contract/limits.js';
import { channel, MAX_SUBJECT_LENGTH, messageText, metadata, ticketChanges } from '../lib/team-fields.js';
import { pageLinks, parseTicketQuery } from '../lib/ticket-query.js';
import { EVENT_NAMES, teamMessage } from '../store.js';
import { jsonBody, originOf, queryOf, route, type HandlerContext } from './context.js';
import { authoriseTeam, authoriseTeamWrite, findTeamTicket } from './team-access.js';
import { savedViewQuery } from './team-views.js';

const TRAIT_LIMITS = { ...TRAITS_LIMITS, stringify: true };

/** The agent-side API: used by the demo's inbox and by tests to play the support team. */
export function teamHandlers({ store, config }: HandlerContext) {
  const base = '*/api/projects/:projectId/conversations';

  const authorise = (request: Request, projectId: unknown) => authoriseTeam(request, projectId, config);
  const authoriseWrite = (request: Request, projectId: unknown) => authoriseTeamWrite(request, projectId, config);
  const findTicket = (id: unknown) => findTeamTicket(store, id);

  return [
    http.get(
      `${base}/tickets`,
      route(store, ({ request, params }) => {
        authorise(request, params.projectId);
        const query = parseTicketQuery(savedViewQuery(store, queryOf(request)), store.nowMs(), (id) =>
          store.messagesOf(id).map((m) => m.content),
        );
        const found = store.data.tickets.filter(query.matches).sort(query.compare);
        return HttpResponse.json({
          count: found.length,
          ...pageLinks(request.url, found.length, query.limit, query.offset),
          results: found.slice(query.offset, query.offset + query.limit).map((t) => store.teamTicket(t)),
        });
      }),
    ),

    // Seed 004's create: the description is the customer's first message, the user's email
    // and names become the ticket's traits; the team API's own fields (status, tags, …) too.
    http.post(
      `${base}/tickets`,
      route(store, async ({ request, params }) => {
        authoriseWrite(request, params.projectId);
        const body = await jsonBody(request);
        const changes = ticketChanges(body, store.nowMs());
        const traits = field.lenientMap(body.anonymous_traits, 'anonymous_traits', TRAIT_LIMITS) as Record<string, string | null>;
        const email = body.user_email == null ? null : field.email(body.user_email, 'user_email');
        const name = [body.user_first_name, body.user_last_name]
          .map((part, i) => field.optionalText(part, i ? 'user_last_name' : 'user_first_name', { max: 200 }))
          .filter(Boolean)
          .join(' ');
        const ticket = store.createTicket(
          {
            channel_source: channel(body.channel_source),
            distinct_id: field.optionalText(body.distinct_id, 'distinct_id', { max: MAX_DISTINCT_ID_LENGTH, trim: false }),
            traits: { ...traits, ...(name ? { name } : {}), ...(email ? { email } : {}) },
            session_context: {},
            session_id: null,
            identity_id: null,
            subject: field.optionalText(body.subject, 'subject', { max: MAX_SUBJECT_LENGTH }),
            metadata: metadata(body.metadata),
            ...changes,
            status: changes.status ?? (changes.snoozed_until ? 'on_hold' : 'new'),
          },
          body.description == null ? null : messageText(body.description, 'description'),
        );
        return HttpResponse.json(store.teamTicket(ticket), { status: 201 });
      }),
    ),

    http.get(
      `${base}/tickets/:ticketId`,
      route(store, ({ request, params }) => {
        const { readOnly } = authorise(request, params.projectId);
        const ticket = findTicket(params.ticketId);
        // A read-only key (a dashboard, a report) is nobody answering: the agents' unread stays.
        if (!readOnly) store.markSeenByTeam(ticket);
        return HttpResponse.json(store.teamTicket(ticket));
      }),
    ),

    http.patch(
      `${base}/tickets/:ticketId`,
      route(store, async ({ request, params }) => {
        authoriseWrite(request, params.projectId);
        const ticket = findTicket(params.ticketId);
        store.updateTicket(ticket, ticketChanges(await jsonBody(request), store.nowMs()));
        return HttpResponse.json(store.teamTicket(ticket));
      }),
    ),

    http.delete(
      `${base}/tickets/:ticketId`,
      route(store, ({ request, params }) => {
        authoriseWrite(request, params.projectId);
        store.deleteTicket(findTicket(params.ticketId));
        return new HttpResponse(null, { status: 204 });
      }),
    ),

    http.get(
      `${base}/tickets/:ticketId/messages`,
      route(store, ({ request, params }) => {
        authorise(request, params.projectId);
        const messages = store.messagesOf(findTicket(params.ticketId).id);
        const links = store.attachmentLinks(originOf(request));
        return HttpResponse.json({
          count: messages.length,
          next: null,
          previous: null,
          results: messages.map((m) => teamMessage(m, links)),
        });
      }),
    ),

    http.post(
      `${base}/tickets/:ticketId/messages`,
      route(store, async ({ request, params }) => {
        authoriseWrite(request, params.projectId);
        const ticket = findTicket(params.ticketId);
        const body = await jsonBody(request);
        // `support` is a team member, as the production backend says; the legacy `human` still means one.
        const given =
          body.author_type === undefined
            ? 'support'
            : field.oneOf(body.author_type, 'author_type', ['support', 'AI', 'human'] as const);
        const authorType = given === 'human' ? 'support' : given;
        return postTeamMessage(store, request, ticket, body, {
          flavor: config.flavor,
          text: 'content',
          author: () => ({
            author_type: authorType,
            author_name:
              field.optionalText(body.author_name, 'author_name', { max: 200 }) ??
              (authorType === 'AI' ? 'AI assistant' : 'Support'),
          }),
        });
      }),
    ),

    http.get(
      `${base}/events`,
      route(store, ({ request, params }) => {
        authorise(request, params.projectId);
        const q = queryOf(request);
        const names = q.event ? q.event.split(',').map((e) => field.oneOf(e.trim(), 'event', EVENT_NAMES)) : undefined;
        const ticketId = q.ticket_id ? field.uuid(q.ticket_id, 'ticket_id') : undefined;
        const after = q.after ? field.dateTime(q.after, 'after') : -Infinity;
        const limit = field.integer(q.limit, 'limit', TEAM_PAGE);
        const offset = field.integer(q.offset, 'offset', { min: 0, max: MAX_OFFSET, fallback: 0 });
        const found = store.data.events.filter(
          (e) =>
            (!names || names.includes(e.event)) &&
            (!ticketId || e.properties.ticket_id === ticketId) &&
            Date.parse(e.timestamp) > after,
        );
        return HttpResponse.json({
          count: found.length,
          ...pageLinks(request.url, found.length, limit, offset),
          results: found.slice(offset, offset + limit),
        });
      }),
    ),
  ];
}
