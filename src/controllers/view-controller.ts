import type { ReactiveControllerHost } from 'lit';
import type { ChatState } from '../client/chat-state.js';

/** The screens of the panel. The client knows nothing of them: which one shows is UI state. */
export type View = 'conversation' | 'tickets' | 'restore';

/**
 * Which screen the panel shows, and where "Back" goes. UI pieces ask for another screen
 * with a `support-chat-navigate` event (`detail`: the view), which stays inside the
 * widget's shadow root.
 */
export class ViewController {
  view: View = 'conversation';
  #previous: View = 'tickets';

  readonly #host: ReactiveControllerHost;

  constructor(host: ReactiveControllerHost) {
    this.#host = host;
  }

  /** The screen to open on: the current conversation (or a new one from `showNewMessage`), else the list when there is one. */
  start({ currentTicketId, tickets, prefill }: ChatState) {
    this.view = currentTicketId || prefill || !tickets.length ? 'conversation' : 'tickets';
  }

  show(view: View) {
    if (view === this.view) return;
    this.#previous = this.view;
    this.view = view;
    this.#host.requestUpdate();
  }

  back() {
    this.show(this.view === 'restore' ? this.#previous : 'tickets');
  }

  /** Whether the header offers "Back": from a conversation when others exist, and from restore. */
  canGoBack({ tickets, pendingRestore }: ChatState) {
    if (pendingRestore) return false; // the question about a restore link is answered first
    return this.view === 'restore' || (this.view === 'conversation' && tickets.length > 0);
  }
}

/** What a `support-chat-navigate` event asks for: a screen, and whether the keyboard follows it there. */
export interface Navigation {
  view: View;
  focus: boolean;
}

/**
 * Asks the panel for another screen; used by the UI pieces inside it. `focus: false` when it
 * is not the visitor's doing (the page called `selectTicket()`): focus is not taken from the page.
 */
export function navigate(from: HTMLElement, view: View, focus = true) {
  from.dispatchEvent(new CustomEvent<Navigation>('support-chat-navigate', { detail: { view, focus }, bubbles: true }));
}
