import { HttpResponse, http } from 'msw';
import { HttpError } from '../lib/errors.js';
import * as field from '../lib/fields.js';
import { messageText } from '../lib/team-fields.js';
import { fillTemplate } from '../lib/template.js';
import type { StoredCannedResponse } from '../store.js';
import { pagedList } from './paged-list.js';
import { jsonBody, route, type HandlerContext } from './context.js';
import { authoriseTeam, authoriseTeamWrite } from './team-access.js';

const MAX_CANNED = 500;

/** Canned responses (seed 003): saved replies with variables, rendered for one ticket. */
export function cannedHandlers({ store, config }: HandlerContext) {
  const base = '*/api/projects/:projectId/conversations/canned_responses';

  const find = (id: unknown) => {
    const found =
      typeof id === 'string' && field.UUID.test(id) ? store.settings.get('cannedResponses', id.toLowerCase()) : undefined;
    if (!found) throw new HttpError(404, 'Canned response not found');
    return found;
  };
  const title = (value: unknown) => field.text(value, 'title', { max: 200 });
  /** Typed by an agent in the composer (`/hello`): one line, no spaces, unique. */
  const shortcut = (value: unknown, except?: string) => {
    const s = field.text(value, 'shortcut', { max: 50 });
    if (/\s/.test(s)) throw field.invalidField('shortcut', 'must not contain spaces');
    if (store.settings.list('cannedResponses').some((c) => c.shortcut === s && c.id !== except)) {
      throw new HttpError(409, `The shortcut ${s} is already used`, { shortcut: 'is already used' });
    }
    return s;
  };

  return [
    http.get(
      base,
      route(store, ({ request, params }) => {
        authoriseTeam(request, params.projectId, config);
        return pagedList(request, store.settings.list('cannedResponses'));
      }),
    ),

    http.post(
      base,
      route(store, async ({ request, params }) => {
        authoriseTeamWrite(request, params.projectId, config);
        const body = await jsonBody(request);
        const fields = {
          title: title(body.title),
          shortcut: shortcut(body.shortcut),
          content: messageText(body.content, 'content'),
        };
        if (store.settings.list('cannedResponses').length >= MAX_CANNED)
          throw new HttpError(409, `A project may have at most ${MAX_CANNED} canned responses`);
        const now = store.stamp();
        const made = store.settings.save('cannedResponses', {
          id: crypto.randomUUID(),
          ...fields,
          created_at: now,
          updated_at: now,
        });
        return HttpResponse.json(made, { status: 201 });
      }),
    ),

    http.patch(
      `${base}/:id`,
      route(store, async ({ request, params }) => {
        authoriseTeamWrite(request, params.projectId, config);
        const current = find(params.id);
        const body = await jsonBody(request);
        // Every field is checked before anything changes.
        const next: StoredCannedResponse = {
          ...current,
          ...(body.title !== undefined && { title: title(body.title) }),
          ...(body.shortcut !== undefined && { shortcut: shortcut(body.shortcut, current.id) }),
          ...(body.content !== undefined && { content: messageText(body.content, 'content') }),
          updated_at: store.stamp(),
        };
        return HttpResponse.json(store.settings.save('cannedResponses', next));
      }),
    ),

    http.delete(
      `${base}/:id`,
      route(store, ({ request, params }) => {
        authoriseTeamWrite(request, params.projectId, config);
        store.settings.remove('cannedResponses', find(params.id).id);
        return new HttpResponse(null, { status: 204 });
      }),
    ),

    // Rendering reads only, but it is a POST with a body: a read-only key may render.
    http.post(
      `${base}/:id/render`,
      route(store, async ({ request, params }) => {
        authoriseTeam(request, params.projectId, config);
        const canned = find(params.id);
        const body = await jsonBody(request);
        const ticketId = field.uuid(body.ticket_id, 'ticket_id');
        const agentName = field.optionalText(body.agent_name, 'agent_name', { max: 200 });
        const ticket = store.ticket(ticketId);
        if (!ticket) throw new HttpError(404, 'Ticket not found');
        const traits = ticket.traits;
        const content = fillTemplate(canned.content, {
          'visitor.name': traits.name,
          'visitor.email': traits.email,
          'agent.name': agentName,
          // The visitor's company, as a trait (seed 003's companies are the customers').
          'company.name': traits.company_name ?? traits.company,
        });
        return HttpResponse.json({ content });
      }),
    ),
  ];
}
