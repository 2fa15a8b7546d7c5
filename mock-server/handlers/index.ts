import { http } from 'msw';
import { defaultConfig, type ServerConfig } from '../config.js';
import { noSuchEndpoint } from '../lib/framework-errors.js';
import { store as defaultStore, type Store } from '../store.js';
import { analyticsHandlers } from './analytics.js';
import { attachmentHandlers } from './attachments.js';
import { automationHandlers } from './automations.js';
import { cannedHandlers } from './canned.js';
import { capabilitiesHandlers } from './capabilities.js';
import { route } from './context.js';
import { clientLimitHandlers } from './client-limits.js';
import { devHandlers } from './dev.js';
import { ratingHandlers } from './rating.js';
import { restoreHandlers } from './restore.js';
import { streamHandlers } from './stream.js';
import { teamActionHandlers } from './team-actions.js';
import { savedViewHandlers } from './team-views.js';
import { teamHandlers } from './team.js';
import { typingHandlers } from './typing.js';
import { webhookHandlers } from './webhooks.js';
import { widgetHandlers } from './widget.js';

/**
 * Every handler of the reference server, for one store and one configuration; give only
 * what differs from the defaults, e.g. `createHandlers(store, { flavor: 'posthog' })`.
 */
export function createHandlers(store: Store = defaultStore, options: Partial<ServerConfig> = {}) {
  const config: ServerConfig = { ...defaultConfig, ...options };
  const context = { store, config };
  return [
    ...(config.devEndpoints !== false ? devHandlers(context) : []),
    // The production backend has no extensions: no capabilities (so the widget sees a plain
    // backend), no live streams, no typing, no ratings, no attachments; their paths fall
    // through to its 404.
    ...(config.flavor === 'reference'
      ? [
          ...capabilitiesHandlers(context),
          ...streamHandlers(context),
          ...typingHandlers(context),
          ...ratingHandlers(context),
          ...attachmentHandlers(context),
        ]
      : []),
    ...clientLimitHandlers(context),
    ...widgetHandlers(context),
    ...restoreHandlers(context),
    ...teamHandlers(context),
    ...teamActionHandlers(context),
    ...savedViewHandlers(context),
    ...cannedHandlers(context),
    ...analyticsHandlers(context),
    // Webhooks before automations: both subscribe to the store's feed, and the dispatcher
    // must hear a change before the rules react to it, so deliveries keep the changes' order.
    ...webhookHandlers(context),
    ...automationHandlers(context),
    // Anything else under the API (a wrong method, a mistyped path): a clear JSON 404.
    http.all(
      /\/api\/(conversations|projects|_dev)\//,
      route(store, () => {
        throw noSuchEndpoint(config.flavor);
      }),
    ),
  ];
}

/** The handlers over the shared default store: what the worker, Node and the HTTP server run. */
export const handlers = createHandlers();
