import { HttpResponse } from 'msw';
import { MAX_OFFSET, TEAM_PAGE } from '../../contract/limits.js';
import * as field from '../lib/fields.js';
import { pageLinks } from '../lib/ticket-query.js';
import { queryOf } from './context.js';

/**
 * One page of a team list, as the ticket list pages: `limit` and `offset` from the query,
 * `{count, next, previous, results}` in the answer. Every settings list (saved views, canned
 * responses, webhooks and their deliveries, automations) answers the same way.
 */
export function pagedList<T>(request: Request, all: readonly T[], wire: (item: T) => unknown = (item) => item) {
  const q = queryOf(request);
  const limit = field.integer(q.limit, 'limit', TEAM_PAGE);
  const offset = field.integer(q.offset, 'offset', { min: 0, max: MAX_OFFSET, fallback: 0 });
  return HttpResponse.json({
    count: all.length,
    ...pageLinks(request.url, all.length, limit, offset),
    results: all.slice(offset, offset + limit).map(wire),
  });
}
