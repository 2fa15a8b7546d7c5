import { HttpResponse, http } from 'msw';
import { automationEngine } from '../automations/engine.js';
import { automationRule } from '../automations/rule-fields.js';
import { HttpError } from '../lib/errors.js';
import * as field from '../lib/fields.js';
import { pagedList } from './paged-list.js';
import { jsonBody, route, type HandlerContext } from './context.js';
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
        return pagedList(request, store.settings.list('automations'));
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
