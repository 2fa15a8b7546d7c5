import type { TabState } from './tab-state.js';
import { takeRestoreToken } from './restore.js';

/**
 * A restore token found in the page URL, held until the visitor says it is theirs. Redeeming
 * on load with no question lets anyone plant a conversation: they ask for a link to their own
 * email, send it to a victim, the victim's widget adopts it and whatever the victim types
 * there the sender restores and reads. So the token only waits here (`pendingRestore` in the
 * state of this tab alone: it came from this tab's address bar) until the UI asks.
 */
export class PendingRestore {
  #token: string | null = null;

  readonly #tab: TabState;
  /** The query parameter of restore links. */
  readonly param: string;

  constructor(tab: TabState, param: string) {
    this.#tab = tab;
    this.param = param;
    // A reset forgets everything, a link waiting for an answer too.
    tab.on('reset', () => this.take());
  }

  /** Moves a token from the address bar (it leaves it at once, as before) into waiting. */
  collect() {
    const token = takeRestoreToken(this.param);
    if (!token) return;
    this.#token = token;
    this.#tab.update({ pendingRestore: true });
  }

  /** The waiting token (or one in the URL now), which stops waiting. */
  take(): string | null {
    const token = this.#token ?? takeRestoreToken(this.param);
    this.#token = null;
    if (this.#tab.state.pendingRestore) this.#tab.update({ pendingRestore: false });
    return token;
  }
}
