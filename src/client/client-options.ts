import type { Transport } from '../transport/transport.js';
import type { ChatError } from './chat-state.js';
import type { Clock } from './clock.js';
import type { KeyValueStorage } from './storage.js';

export interface SupportChatClientOptions {
  /** The public widget token of the project. */
  token: string;
  /** Backend origin for the default HTTP transport; defaults to the page's origin. */
  apiHost?: string;
  /**
   * The site's id of the visitor (its analytics id), sent as `distinct_id` with every request; default: the
   * session id. A verified identity (`setIdentity`) wins over it. Also `client.distinctId`.
   */
  distinctId?: string;
  /** Another backend: anything implementing `Transport`. Overrides `apiHost`. */
  transport?: Transport;
  /** Defaults to IndexedDB, one database per token, with an in-memory fallback. */
  storage?: KeyValueStorage;
  /** Where the `support-chat-*` events are dispatched; defaults to the client itself. */
  eventTarget?: EventTarget;
  /** Poll intervals in milliseconds (defaults: 5 s open, 30 s closed). */
  pollIntervals?: { open?: number; closed?: number };
  /** Query parameter carrying a restore token (default `ph_conv_restore`, as the backend writes it). */
  restoreParam?: string;
  /** Write nothing to storage until the visitor first interacts with the widget. */
  consentRequired?: boolean;
  /** Outbox retry delays in milliseconds: the first about `base`, doubling up to `max` (defaults 1 s, 30 s). */
  retryDelays?: { base?: number; max?: number };
  /** The default transport gives up on a request after this many milliseconds (default 15 s). */
  requestTimeout?: number;
  /** The sentence of an error in `support-chat-error` events (default: English; the element passes its locale's). */
  describeError?: (error: ChatError) => string;
  /** Time for polling, retries and outbox order (default: the real clock); tests pass a fake one. */
  clock?: Clock;
  /**
   * Delivery, message sync, live and the restore flow come in a second file beside the script
   * (dist/conversation-chunk.js). By default `start()` waits for it; with `lazy` it does not:
   * the file loads when the browser is idle, when a method needs it (they wait for it), when the
   * panel opens, or at once when unsent messages wait. `<support-chat>` sets it, so that a page
   * pays for the badge only until then.
   */
  lazy?: boolean;
}
