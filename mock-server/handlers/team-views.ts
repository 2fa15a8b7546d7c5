import { HttpResponse, http } from 'msw';
import { HttpError, invalid } from '../lib/errors.js';
import * as field from '../lib/fields.js';
import { SHORT_ID, shortId } from '../lib/short-id.js';
import { parseTicketQuery } from '../lib/ticket-query.js';
import type { Store, StoredSavedView } from '../store.js';
import { pagedList } from './paged-list.js';
import { jsonBody, route, type HandlerContext } from './context.js';
import { authoriseTeam, authoriseTeamWrite } from './team-access.js';

/** The ticket-list filters a saved view may hold (seed 001), as the list's query parameters. */
const FILTERS = [
  'status',
  'priority',
  'assignee',
  'tags',
  'search',
  'channel_source',
  'date_from',
  'date_to',
  'order_by',
] as const;
const MAX_VIEWS = 200;

/** A view's `filters`: each a string or a list of strings, checked exactly as the ticket list would check it. */
function viewFilters(value: unknown, now: number): Record<string, string> {
  const given = field.plainObject(value ?? {}, 'filters');
  const filters: Record<string, string> = {};
  for (const [key, raw] of Object.entries(given)) {
    const name = `filters.${key}`;
    if (!(FILTERS as readonly string[]).includes(key)) throw invalid(name, `is not a ticket filter (${FILTERS.join(', ')})`);
    if (raw === null || raw === '') continue;
    if (Array.isArray(raw)) {
      const items = raw.map((item, i) => field.text(item, `${name}[${i}]`, { max: 200 }));
      // The list takes tags as a JSON array (a tag may hold a comma), the rest comma-separated.
      filters[key] = key === 'tags' ? JSON.stringify(items) : items.join(',');
    } else filters[key] = field.text(raw, name, { max: 200 });
  }
  try {
    parseTicketQuery(filters, now, () => []);
  } catch (error) {
    // Name the field as the caller wrote it: `filters.status`, not `status`.
    if (error instanceof HttpError && error.details) {
      const [[key, reason]] = Object.entries(error.details);
      throw invalid(`filters.${key}`, String(reason));
    }
    throw error;
  }
  return filters;
}

/** The ticket list's query with `view=` replaced by that view's filters (parameters given beside it win). */
export function savedViewQuery(store: Store, query: Record<string, string>): Record<string, string> {
  if (!query.view) return query;
  const { view: id, ...rest } = query;
  const view = SHORT_ID.test(id) ? store.settings.get('savedViews', id) : undefined;
  if (!view) throw invalid('view', 'is not the short_id of a saved view');
  return { ...view.filters, ...rest };
}

const wire = ({ short_id, name, filters, created_at }: StoredSavedView) => ({ short_id, name, filters, created_at });

/** Saved views of the inbox (seed 001): `GET`/`POST /views`, `GET`/`DELETE /views/{short_id}`. */
export function savedViewHandlers({ store, config }: HandlerContext) {
  const base = '*/api/projects/:projectId/conversations/views';
  const find = (id: unknown) => {
    const view = typeof id === 'string' && SHORT_ID.test(id) ? store.settings.get('savedViews', id) : undefined;
    if (!view) throw new HttpError(404, 'Saved view not found');
    return view;
  };

  return [
    http.get(
      base,
      route(store, ({ request, params }) => {
        authoriseTeam(request, params.projectId, config);
        return pagedList(request, store.settings.list('savedViews'), wire);
      }),
    ),

    http.post(
      base,
      route(store, async ({ request, params }) => {
        authoriseTeamWrite(request, params.projectId, config);
        const body = await jsonBody(request);
        const name = field.text(body.name, 'name', { max: 200 });
        const filters = viewFilters(body.filters, store.nowMs());
        if (store.settings.list('savedViews').length >= MAX_VIEWS)
          throw new HttpError(409, `A project may have at most ${MAX_VIEWS} saved views`);
        const view = store.settings.save('savedViews', { short_id: shortId(), name, filters, created_at: store.stamp() });
        return HttpResponse.json(wire(view), { status: 201 });
      }),
    ),

    http.get(
      `${base}/:shortId`,
      route(store, ({ request, params }) => {
        authoriseTeam(request, params.projectId, config);
        return HttpResponse.json(wire(find(params.shortId)));
      }),
    ),

    http.delete(
      `${base}/:shortId`,
      route(store, ({ request, params }) => {
        authoriseTeamWrite(request, params.projectId, config);
        store.settings.remove('savedViews', find(params.shortId).short_id);
        return new HttpResponse(null, { status: 204 });
      }),
    ),
  ];
}
