import type { ChatState } from '../../client/chat-state.js';
import { chime } from '../../internal/chime.js';
import { TitleCount } from '../../internal/title-count.js';

/** What the notifier reads of the element. */
export interface NotifierHost {
  /** The `sound` attribute, read at each reply. */
  sound: boolean;
}

/**
 * So that a visitor does not miss a reply: while the page is hidden or the panel closed, each
 * reply that arrives is counted in the page's title ("(1) Northwind Coffee") and, with
 * `sound`, chimes; seeing the panel (open, page visible) clears the count. One tab of the site
 * does it, the leading one (`state.leader`: the one most recently in the foreground), so that
 * a reply is announced once however many tabs are open; the others leave their title alone.
 * Counted from the unread total that every tab shares: replies read in another tab leave the
 * count too. Built by the element once the panel file is in (it is fetched when the browser is
 * idle), so the first file carries none of this.
 */
export class ReplyNotifier {
  #state: ChatState | undefined;
  /** Replies that arrived unseen since the panel was last seen. */
  #count = 0;
  readonly #title = new TitleCount();
  readonly #host: NotifierHost;

  constructor(host: NotifierHost) {
    this.#host = host;
    document.addEventListener('visibilitychange', this.#onVisibility);
  }

  /** Every state of the element's client. */
  update(state: ChatState) {
    const before = this.#state;
    this.#state = state;
    if (!state.ready) return;
    const seen = state.open && document.visibilityState === 'visible';
    // The first state seen here is where counting starts: what was unread before is on the launcher's badge.
    const arrived = before?.ready ? state.unreadCount - before.unreadCount : 0;
    if (seen) this.#count = 0;
    else if (arrived > 0) {
      this.#count += arrived;
      if (state.leader && this.#host.sound) void chime();
    }
    this.#count = Math.min(this.#count, state.unreadCount); // read elsewhere
    this.#title.show(state.leader ? this.#count : 0);
  }

  stop() {
    document.removeEventListener('visibilitychange', this.#onVisibility);
    this.#title.show(0);
  }

  readonly #onVisibility = () => {
    if (this.#state) this.update(this.#state);
  };
}

/** Made by the element (see `panelSlot`). */
export const replyNotifier = (host: NotifierHost) => new ReplyNotifier(host);
