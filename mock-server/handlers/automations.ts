import { HttpResponse, http } from 'msw';
import { MAX_OFFSET, TEAM_PAGE } from '../../contract/limits.js';
import { automationEngine } from '../automations/engine.js';
import { automationRule } from '../automations/rule-fields.js';
import { HttpError } from '../lib/errors.js';
import * as field from '../lib/fields.js';
import { pageLinks } from '../lib/ticket-query.js';
import { jsonBody, queryOf, route, type HandlerContext } from './context.js';
import { authoriseTeam, authoriseTeamWrite } from './team-access.js';

const MAX_RULES = 100;

/** Automation rules (seed 003): `GET`/`POST /automations`, `DELETE /automations/{id}`; the engine runs them. */
export function automationHandlers({ store, config }: HandlerContext) {
  automationEngine(store);
  const base = '*/api/projects/:projectId/conversations/automations';

  return [
    http.get(
      base,
      route(store, ({ request, params }) => {
        authoriseTeam(request, params.projectId, config);
        const q = queryOf(request);
        const limit = field.integer(q.limit, 'limit', TEAM_PAGE);
        const offset = field.integer(q.offset, 'offset', { min: 0, max: MAX_OFFSET, fallback: 0 });
        const all = store.settings.list('automations');
        return HttpResponse.json({
          count: all.length,
          ...pageLinks(request.url, all.length, limit, offset),
          results: all.slice(offset, offset + limit),
        });
      }),
    ),

    http.post(
      base,
      route(store, async ({ request, params }) => {
        authoriseTeamWrite(request, params.projectId, config);
        const rule = automationRule(await jsonBody(request));
        if (store.settings.list('automations').length >= MAX_RULES)
          throw new HttpError(409, `A project may have at most ${MAX_RULES} automation rules`);
        const made = store.settings.save('automations', { id: crypto.randomUUID(), ...rule, created_at: store.stamp() });
        return HttpResponse.json(made, { status: 201 });
      }),
    ),

    http.delete(
      `${base}/:id`,
      route(store, ({ request, params }) => {
        authoriseTeamWrite(request, params.projectId, config);
        const id = typeof params.id === 'string' && field.UUID.test(params.id) ? params.id.toLowerCase() : '';
        if (!store.settings.remove('automations', id)) throw new HttpError(404, 'Automation rule not found');
        return new HttpResponse(null, { status: 204 });
      }),
    ),
  ];
}
