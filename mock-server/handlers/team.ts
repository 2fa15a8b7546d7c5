import { HttpResponse, http } from 'msw';
import { invalid } from '../lib/errors.js';
import * as field from '../lib/fields.js';
import { MAX_DISTINCT_ID_LENGTH, MAX_MESSAGE_LENGTH, MAX_OFFSET, TEAM_PAGE, TRAITS_LIMITS } from '../../contract/limits.js';
import { CHANNELS, PRIORITIES, TICKET_STATUSES } from '../../contract/names.js';
import { pageLinks, parseTicketQuery } from '../lib/ticket-query.js';
import {
  EVENT_NAMES,
  type Assignee,
  teamMessage,
  type TicketChanges,
} from '../store.js';
import { jsonBody, queryOf, route, type HandlerContext } from './context.js';
import { authoriseTeam, findTeamTicket } from './team-access.js';

const TRAIT_LIMITS = { ...TRAITS_LIMITS, stringify: true };

/** The agent-side API: used by the demo's inbox and by tests to play the support team. */
export function teamHandlers({ store, config }: HandlerContext) {
  const base = '*/api/projects/:projectId/conversations';

  const authorise = (request: Request, projectId: unknown) => authoriseTeam(request, projectId, config);
  const findTicket = (id: unknown) => findTeamTicket(store, id);

  return [
    http.get(
      `${base}/tickets`,
      route(store, ({ request, params }) => {
        authorise(request, params.projectId);
        const query = parseTicketQuery(queryOf(request), store.nowMs(), (id) => store.messagesOf(id).map((m) => m.content));
        const found = store.data.tickets.filter(query.matches).sort(query.compare);
        return HttpResponse.json({
          count: found.length,
          ...pageLinks(request.url, found.length, query.limit, query.offset),
          results: found.slice(query.offset, query.offset + query.limit).map((t) => store.teamTicket(t)),
        });
      }),
    ),

    http.post(
      `${base}/tickets`,
      route(store, async ({ request, params }) => {
        authorise(request, params.projectId);
        const body = await jsonBody(request);
        const changes = ticketChanges(body, store.nowMs());
        const ticket = store.createTicket({
          channel_source: body.channel_source === undefined ? 'widget' : field.oneOf(body.channel_source, 'channel_source', CHANNELS),
          distinct_id: field.optionalText(body.distinct_id, 'distinct_id', { max: MAX_DISTINCT_ID_LENGTH, trim: false }),
          traits: field.lenientMap(body.anonymous_traits, 'anonymous_traits', TRAIT_LIMITS) as Record<string, string | null>,
          session_context: {},
          session_id: null,
          identity_id: null,
          ...changes,
          status: changes.status ?? (changes.snoozed_until ? 'on_hold' : 'new'),
        });
        return HttpResponse.json(store.teamTicket(ticket), { status: 201 });
      }),
    ),

    http.get(
      `${base}/tickets/:ticketId`,
      route(store, ({ request, params }) => {
        authorise(request, params.projectId);
        const ticket = findTicket(params.ticketId);
        store.markSeenByTeam(ticket);
        return HttpResponse.json(store.teamTicket(ticket));
      }),
    ),

    http.patch(
      `${base}/tickets/:ticketId`,
      route(store, async ({ request, params }) => {
        authorise(request, params.projectId);
        const ticket = findTicket(params.ticketId);
        store.updateTicket(ticket, ticketChanges(await jsonBody(request), store.nowMs()));
        return HttpResponse.json(store.teamTicket(ticket));
      }),
    ),

    http.delete(
      `${base}/tickets/:ticketId`,
      route(store, ({ request, params }) => {
        authorise(request, params.projectId);
        store.deleteTicket(findTicket(params.ticketId));
        return new HttpResponse(null, { status: 204 });
      }),
    ),

    http.get(
      `${base}/tickets/:ticketId/messages`,
      route(store, ({ request, params }) => {
        authorise(request, params.projectId);
        const messages = store.messagesOf(findTicket(params.ticketId).id);
        return HttpResponse.json({ count: messages.length, next: null, previous: null, results: messages.map(teamMessage) });
      }),
    ),

    http.post(
      `${base}/tickets/:ticketId/messages`,
      route(store, async ({ request, params }) => {
        authorise(request, params.projectId);
        const ticket = findTicket(params.ticketId);
        const body = await jsonBody(request);
        // `support` is a team member, as the production backend says; the legacy `human` still means one.
        const given = body.author_type === undefined ? 'support' : field.oneOf(body.author_type, 'author_type', ['support', 'AI', 'human'] as const);
        const authorType = given === 'human' ? 'support' : given;
        const message = store.addTeamMessage(ticket, {
          content: field.text(body.content, 'content', { max: MAX_MESSAGE_LENGTH, multiline: true }),
          is_private: field.boolean(body.is_private, 'is_private', false),
          author_type: authorType,
          author_name:
            field.optionalText(body.author_name, 'author_name', { max: 200 }) ?? (authorType === 'AI' ? 'AI assistant' : 'Support'),
        });
        return HttpResponse.json(teamMessage(message), { status: 201 });
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

/** The editable fields of a ticket, checked; absent fields stay as they are. */
function ticketChanges(body: Record<string, unknown>, now: number): TicketChanges {
  const changes: TicketChanges = {};
  if (body.status !== undefined) changes.status = field.oneOf(body.status, 'status', TICKET_STATUSES);
  if (body.priority !== undefined) changes.priority = field.oneOf(body.priority, 'priority', PRIORITIES);
  if (body.assignee !== undefined) changes.assignee = assignee(body.assignee);
  if (body.tags !== undefined) changes.tags = tags(body.tags);
  if (body.snoozed_until !== undefined) {
    if (body.snoozed_until === null) changes.snoozed_until = null;
    else {
      const until = field.dateTime(body.snoozed_until, 'snoozed_until');
      if (until <= now) throw invalid('snoozed_until', 'must be in the future');
      changes.snoozed_until = new Date(until).toISOString();
    }
  }
  return changes;
}

function assignee(value: unknown): Assignee | null {
  if (value === null) return null;
  const o = field.plainObject(value, 'assignee');
  return {
    type: field.oneOf(o.type, 'assignee.type', ['user', 'role'] as const),
    id: typeof o.id === 'number' && Number.isInteger(o.id) ? String(o.id) : field.text(o.id, 'assignee.id', { max: 200 }),
  };
}

function tags(value: unknown): string[] {
  if (!Array.isArray(value)) throw invalid('tags', 'must be an array of strings');
  if (value.length > 50) throw invalid('tags', 'must have at most 50 tags');
  return [...new Set(value.map((t, i) => field.text(t, `tags[${i}]`, { max: 100 })))];
}
