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

  constructor(host: ReactiveControllerHost & HTMLElement) {
    this.#host = host;
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

  hostDisconnected() {
    this.#unsubscribe?.();
    this.#unsubscribe = undefined;
  }

  #follow(client: SupportChatClient | undefined) {
    this.#unsubscribe?.();
    this.#unsubscribe = client?.subscribe((state) => {
      this.state = state;
      this.#host.requestUpdate();
    });
  }
}
