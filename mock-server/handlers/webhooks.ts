import { HttpResponse, http } from 'msw';
import { MAX_OFFSET, TEAM_PAGE } from '../../contract/limits.js';
import { HttpError, invalid } from '../lib/errors.js';
import * as field from '../lib/fields.js';
import { pageLinks } from '../lib/ticket-query.js';
import { WEBHOOK_EVENTS, type StoredDelivery, type StoredWebhook } from '../store.js';
import { webhookDispatcher } from '../webhooks/dispatcher.js';
import { jsonBody, queryOf, route, type HandlerContext } from './context.js';
import { authoriseTeam, authoriseTeamWrite } from './team-access.js';

const MAX_WEBHOOKS = 20;

const wire = ({ id, url, events, secret, created_at }: StoredWebhook) => ({ id, url, events, secret, created_at });
const wireDelivery = ({ body, ...delivery }: StoredDelivery) => ({ ...delivery, payload: JSON.parse(body) as unknown });

function events(value: unknown): StoredWebhook['events'] {
  if (!Array.isArray(value) || value.length === 0)
    throw invalid('events', `must be a non-empty array of ${WEBHOOK_EVENTS.join(', ')}`);
  return [...new Set(value.map((e, i) => field.oneOf(e, `events[${i}]`, WEBHOOK_EVENTS)))];
}

/** A secret for a webhook made without one: 32 random bytes as hex. */
const newSecret = () =>
  `whsec_${Array.from(crypto.getRandomValues(new Uint8Array(32)), (b) => b.toString(16).padStart(2, '0')).join('')}`;

/**
 * Webhooks (seed 003): signed POSTs of conversation events to a URL, retried, with a log.
 * The sending is the dispatcher's (webhooks/dispatcher.ts), a subscriber of the store's feed.
 */
export function webhookHandlers({ store, config }: HandlerContext) {
  webhookDispatcher(store, config);
  const base = '*/api/projects/:projectId/conversations/webhooks';
  const find = (id: unknown) => {
    const hook = typeof id === 'string' && field.UUID.test(id) ? store.settings.get('webhooks', id.toLowerCase()) : undefined;
    if (!hook) throw new HttpError(404, 'Webhook not found');
    return hook;
  };
  const page = (request: Request) => {
    const q = queryOf(request);
    return {
      limit: field.integer(q.limit, 'limit', TEAM_PAGE),
      offset: field.integer(q.offset, 'offset', { min: 0, max: MAX_OFFSET, fallback: 0 }),
    };
  };

  return [
    http.get(
      base,
      route(store, ({ request, params }) => {
        authoriseTeam(request, params.projectId, config);
        const { limit, offset } = page(request);
        const all = store.settings.list('webhooks');
        return HttpResponse.json({
          count: all.length,
          ...pageLinks(request.url, all.length, limit, offset),
          results: all.slice(offset, offset + limit).map(wire),
        });
      }),
    ),

    http.post(
      base,
      route(store, async ({ request, params }) => {
        authoriseTeamWrite(request, params.projectId, config);
        const body = await jsonBody(request);
        // Only http(s): a file:, data: or javascript: URL is never fetched.
        const url = field.httpUrl(body.url, 'url').toString();
        const hook = {
          id: crypto.randomUUID(),
          url,
          events: events(body.events),
          secret: field.optionalText(body.secret, 'secret', { min: 8, max: 200 }) ?? newSecret(),
          created_at: store.stamp(),
        };
        if (store.settings.list('webhooks').length >= MAX_WEBHOOKS)
          throw new HttpError(409, `A project may have at most ${MAX_WEBHOOKS} webhooks`);
        return HttpResponse.json(wire(store.settings.save('webhooks', hook)), { status: 201 });
      }),
    ),

    http.delete(
      `${base}/:id`,
      route(store, ({ request, params }) => {
        authoriseTeamWrite(request, params.projectId, config);
        const hook = find(params.id);
        // Its log goes with it, and its pending retries stop (they are the log).
        for (const d of store.settings.list('webhookDeliveries').filter((d) => d.webhook_id === hook.id)) {
          store.settings.remove('webhookDeliveries', d.id);
        }
        store.settings.remove('webhooks', hook.id);
        return new HttpResponse(null, { status: 204 });
      }),
    ),

    // Newest first: what a person looking at a failing receiver wants to see.
    http.get(
      `${base}/:id/deliveries`,
      route(store, ({ request, params }) => {
        authoriseTeam(request, params.projectId, config);
        const hook = find(params.id);
        const { limit, offset } = page(request);
        const mine = store.settings
          .list('webhookDeliveries')
          .filter((d) => d.webhook_id === hook.id)
          .reverse();
        return HttpResponse.json({
          count: mine.length,
          ...pageLinks(request.url, mine.length, limit, offset),
          results: mine.slice(offset, offset + limit).map(wireDelivery),
        });
      }),
    ),
  ];
}
