import { HttpResponse, http } from 'msw';
import { HttpError, invalid } from '../lib/errors.js';
import * as field from '../lib/fields.js';
import { WEBHOOK_EVENTS, type StoredDelivery, type StoredWebhook } from '../store.js';
import { webhookDispatcher } from '../webhooks/dispatcher.js';
import { pagedList } from './paged-list.js';
import { jsonBody, route, type HandlerContext } from './context.js';
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

  return [
    http.get(
      base,
      route(store, ({ request, params }) => {
        authoriseTeam(request, params.projectId, config);
        return pagedList(request, store.settings.list('webhooks'), wire);
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
        const mine = store.settings
          .list('webhookDeliveries')
          .filter((d) => d.webhook_id === hook.id)
          .reverse();
        return pagedList(request, mine, wireDelivery);
      }),
    ),
  ];
}
