import type { ReactiveController, ReactiveControllerHost } from 'lit';
import type { ChatStateController } from './chat-state-controller.js';

/**
 * Tells the client which ticket's messages the host shows while it is on screen, so that
 * the client marks replies read only when the visitor can see them (not while the panel
 * shows the ticket list, say). Follows the ticket on show; stops when the host goes.
 */
export class WatchController implements ReactiveController {
  #watching: { ticketId: string; client: unknown; stop(): void } | undefined;

  readonly #host: ReactiveControllerHost & HTMLElement;
  readonly #chat: ChatStateController;

  constructor(host: ReactiveControllerHost & HTMLElement, chat: ChatStateController) {
    this.#host = host;
    this.#chat = chat;
    host.addController(this);
  }

  hostUpdated() {
    const { client, state } = this.#chat;
    // An update can still finish after the host left the page: that is not being on screen.
    const ticketId = this.#host.isConnected ? state.currentTicketId : null;
    if (this.#watching?.ticketId === ticketId && this.#watching.client === client) return;
    this.hostDisconnected();
    if (client && ticketId) this.#watching = { ticketId, client, stop: client.watch(ticketId) };
  }

  hostDisconnected() {
    this.#watching?.stop();
    this.#watching = undefined;
  }
}
