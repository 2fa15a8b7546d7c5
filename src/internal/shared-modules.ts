import * as reactiveElement from '@lit/reactive-element';
import * as property from '@lit/reactive-element/decorators/property.js';
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
import * as panelSlot from '../components/support-chat/panel-slot.js';
import * as ratingSlot from '../client/rating-slot.js';
import * as beside from './beside.js';
import * as define from './define.js';
import * as sharedStyles from './shared.styles.js';
import { VERSION } from '../version.js';

/**
 * What the lazily loaded files (dist/panel.js, dist/conversation-chunk.js) take from the script that loaded them,
 * by these names: Lit's ReactiveElement, which `<support-chat>` is (one copy on the page:
 * the panel's LitElements build on it; the templates, lit-html, come with the panel file
 * only), and the modules both halves use. The panel build (vite.config.ts, mode `panel`) maps each import of these
 * modules to `globalThis[Symbol.for('support-chat <version>')][name]`; keep the two lists
 * in step (scripts/check-bundle.mjs loads the built panel in a browser and would fail).
 * Chosen over passing Lit in as arguments (as rich-content.js gets `html`): the panel's
 * elements are ordinary Lit modules, written and tested as the sources they are.
 */
export const sharedModules = {
  reactiveElement,
  property,
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
  panelSlot,
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
