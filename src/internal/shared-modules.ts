import * as viewController from '../controllers/view-controller.js';
import * as strings from '../i18n/strings.js';
import * as visitorInput from '../client/visitor-input.js';
import * as conversationSlot from '../client/conversation-slot.js';
import * as events from '../client/events.js';
import * as chatError from '../client/chat-error.js';
import * as storedFields from '../client/stored-fields.js';
import * as unread from '../client/unread.js';
import * as restore from '../client/restore.js';
import * as transportError from '../transport/transport-error.js';
import * as guards from '../transport/guards.js';
import * as panelSlot from '../components/support-chat/panel-slot.js';
import * as panelLoader from '../components/support-chat/panel-loader.js';
import * as chatState from '../client/chat-state.js';
import * as clock from '../client/clock.js';
import * as ratingSlot from '../client/rating-slot.js';
import * as beside from './beside.js';
import * as define from './define.js';
import * as sharedStyles from './shared.styles.js';
import { VERSION } from '../version.js';

/**
 * What the lazily loaded files (dist/panel.js, dist/conversation-chunk.js) take from the
 * script that loaded them, by these names: the modules both halves use (one copy of a class
 * that `instanceof` checks, one slot to fill, no second copy of what the first file has). Lit
 * is not among them: the first file has none of it (see host-element.ts), the panel file all.
 * Their builds (vite.config.ts, modes `panel` and `conversation`) map each import of these
 * modules to `globalThis[Symbol.for('support-chat <version>')][name]`; keep the two lists in
 * step (scripts/check-bundle.mjs loads the built panel in a browser and would fail). Chosen
 * over passing modules in as arguments: the lazy files' modules are ordinary ones, written
 * and tested as the sources they are.
 */
export const sharedModules = {
  viewController,
  strings,
  visitorInput,
  conversationSlot,
  events,
  chatError,
  storedFields,
  unread,
  restore,
  transportError,
  guards,
  panelSlot,
  panelLoader,
  chatState,
  clock,
  ratingSlot,
  beside,
  define,
  sharedStyles,
};

/** One registry per version: a panel file from another version never picks up this one's modules. */
const KEY = Symbol.for(`support-chat ${VERSION}`);

/** Puts the modules where the panel file looks for them, with the URL it was loaded from (its import.meta.url). */
export function shareModules(url: string) {
  (globalThis as Record<symbol, unknown>)[KEY] ??= { ...sharedModules, url };
}
