import type { ReactiveController, ReactiveControllerHost } from 'lit';
import type { ChatState } from '../client/chat-state.js';
import { loadPanelAhead, panelLoaded } from '../components/support-chat/panel-loader.js';
import { panelSlot } from '../components/support-chat/panel-slot.js';
import type { NotifierHost, ReplyNotifier } from '../components/support-chat/reply-notifier.js';
import { listenToTriggers, markTriggers } from '../internal/page-triggers.js';

/** What the controller needs of `<support-chat>`. */
export type PageHost = ReactiveControllerHost & HTMLElement & NotifierHost & { open: boolean; openPanel(): void; toggle(): void };

/**
 * The element's dealings with the page around it: the page's own triggers
 * (`data-support-chat-open` / `-toggle`, kept told whether the panel is open), the title count
 * and chime of replies (from the panel file, once it is in), and loading the panel file ahead
 * when the visitor may be about to open it (the pointer or focus reaching the widget, or the
 * `open` attribute, so that the file loads while the storage is read, not after).
 */
export class PageController implements ReactiveController {
  readonly #host: PageHost;
  #notifier?: ReplyNotifier;
  #stopTriggers?: () => void;
  #state: ChatState | undefined;

  constructor(host: PageHost) {
    this.#host = host;
    for (const type of ['pointerover', 'focusin']) host.addEventListener(type, loadPanelAhead, { once: true });
    host.addController(this);
  }

  hostConnected() {
    const host = this.#host;
    if (host.open) loadPanelAhead();
    this.#stopTriggers = listenToTriggers(host);
    void panelLoaded.then(() => {
      if (!host.isConnected || this.#notifier) return;
      this.#notifier = panelSlot.replyNotifier?.(host);
      if (this.#state) this.#notifier?.update(this.#state);
    });
  }

  hostDisconnected() {
    this.#stopTriggers?.();
    this.#notifier?.stop();
    this.#notifier = undefined;
  }

  /** Each state of the client. */
  follow(state: ChatState) {
    const was = this.#state;
    this.#state = state;
    if (state.open !== was?.open || state.ready !== was?.ready) markTriggers(state.open);
    this.#notifier?.update(state);
  }
}
