import { ContextConsumer } from '@lit/context';
import type { ReactiveController, ReactiveControllerHost } from 'lit';
import type { SupportChatClient } from '../client/support-chat-client.js';
import { initialState, type ChatState } from '../client/chat-state.js';
import { clientContext } from '../context/client-context.js';
import { settingsContext } from '../context/settings-context.js';

/**
 * Gives a UI piece the client and the settings from context, and the client's latest
 * state; re-renders the host whenever one of them changes. (Controllers rather than the
 * `@consume` decorator: the same work in fewer bytes of the script.)
 */
export class ChatStateController implements ReactiveController {
  state: ChatState = initialState;
  #unsubscribe: (() => void) | undefined;
  readonly #consumer: ContextConsumer<typeof clientContext, ReactiveControllerHost & HTMLElement>;
  readonly #settings: ContextConsumer<typeof settingsContext, ReactiveControllerHost & HTMLElement>;

  readonly #host: ReactiveControllerHost & HTMLElement;
  readonly #watch: boolean;
  /** The ticket told to the client as on screen, and how to take that back. */
  #watching: { ticketId: string; stop(): void } | undefined;

  /**
   * `watch`: the host shows the messages of the ticket on show, so while it is on screen
   * the client is told so (`client.watch()`) and marks that ticket's replies read only then
   * (not while the panel shows the ticket list, say).
   */
  constructor(host: ReactiveControllerHost & HTMLElement, watch = false) {
    this.#host = host;
    this.#watch = watch;
    host.addController(this);
    this.#consumer = new ContextConsumer(host, {
      context: clientContext,
      subscribe: true,
      callback: (client) => this.#follow(client),
    });
    this.#settings = new ContextConsumer(host, { context: settingsContext, subscribe: true });
  }

  get settings() {
    return this.#settings.value;
  }

  get client(): SupportChatClient | undefined {
    return this.#consumer.value;
  }

  hostUpdated() {
    const client = this.client;
    // An update can still finish after the host left the page: that is not being on screen.
    const ticketId = this.#watch && this.#host.isConnected ? this.state.currentTicketId : null;
    if (this.#watching?.ticketId === ticketId) return;
    this.#unwatch();
    if (client && ticketId) this.#watching = { ticketId, stop: client.watch(ticketId) };
  }

  hostDisconnected() {
    this.#unsubscribe?.();
    this.#unsubscribe = undefined;
    this.#unwatch();
  }

  #unwatch() {
    this.#watching?.stop();
    this.#watching = undefined;
  }

  #follow(client: SupportChatClient | undefined) {
    this.#unwatch(); // the next update watches through the new client
    this.#unsubscribe?.();
    this.#unsubscribe = client?.subscribe((state) => {
      this.state = state;
      this.#host.requestUpdate();
    });
  }
}
