import { defaultConfig, type ServerConfig } from '../config.js';
import { store as defaultStore, type Store } from '../store.js';
import { devHandlers } from './dev.js';
import { teamHandlers } from './team.js';
import { widgetHandlers } from './widget.js';

/** Every handler of the reference server, for one store and one configuration. */
export function createHandlers(store: Store = defaultStore, config: ServerConfig = defaultConfig) {
  const context = { store, config };
  return [...devHandlers(context), ...widgetHandlers(context), ...teamHandlers(context)];
}

/** The handlers over the shared default store: what the worker, Node and the HTTP server run. */
export const handlers = createHandlers();
