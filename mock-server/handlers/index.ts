import { http } from 'msw';
import { defaultConfig, type ServerConfig } from '../config.js';
import { HttpError } from '../lib/errors.js';
import { store as defaultStore, type Store } from '../store.js';
import { route } from './context.js';
import { clientLimitHandlers } from './client-limits.js';
import { devHandlers } from './dev.js';
import { restoreHandlers } from './restore.js';
import { teamHandlers } from './team.js';
import { widgetHandlers } from './widget.js';

/** Every handler of the reference server, for one store and one configuration. */
export function createHandlers(store: Store = defaultStore, config: ServerConfig = defaultConfig) {
  const context = { store, config };
  return [
    ...(config.devEndpoints !== false ? devHandlers(context) : []),
    ...clientLimitHandlers(context),
    ...widgetHandlers(context),
    ...restoreHandlers(context),
    ...teamHandlers(context),
    // Anything else under the API (a wrong method, a mistyped path): a clear JSON 404.
    http.all(
      /\/api\/(conversations|projects|_dev)\//,
      route(store, () => {
        throw new HttpError(404, 'No such endpoint');
      }),
    ),
  ];
}

/** The handlers over the shared default store: what the worker, Node and the HTTP server run. */
export const handlers = createHandlers();
