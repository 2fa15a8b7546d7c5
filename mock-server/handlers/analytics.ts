import { HttpResponse, http } from 'msw';
import { invalid } from '../lib/errors.js';
import { analytics } from '../lib/analytics.js';
import { dateBound } from '../lib/ticket-query.js';
import { queryOf, route, type HandlerContext } from './context.js';
import { authoriseTeam } from './team-access.js';

/** `GET /analytics?date_from&date_to` (seed 003's metrics); the bounds as the ticket list takes them. */
export function analyticsHandlers({ store, config }: HandlerContext) {
  return [
    http.get(
      '*/api/projects/:projectId/conversations/analytics',
      route(store, ({ request, params }) => {
        authoriseTeam(request, params.projectId, config);
        const q = queryOf(request);
        const now = store.nowMs();
        const from = q.date_from && q.date_from !== 'all' ? dateBound(q.date_from, 'date_from', now) : -Infinity;
        const to = q.date_to ? dateBound(q.date_to, 'date_to', now) : Infinity;
        if (from > to) throw invalid('date_to', 'must not be before date_from');
        return HttpResponse.json(analytics(store.data, now, from, to));
      }),
    ),
  ];
}
