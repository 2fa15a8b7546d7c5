import { ContextConsumer } from '@lit/context';
import type { ReactiveController, ReactiveControllerHost } from 'lit';
import type { SupportChatClient } from '../client/support-chat-client.js';
import { initialState, type ChatState } from '../client/chat-state.js';
import { clientContext } from '../context/client-context.js';

/**
 * Gives a UI piece the client from context and its latest state, and re-renders
 * the host whenever that state changes.
 */
export class ChatStateController implements ReactiveController {
  state: ChatState = initialState;
  #unsubscribe: (() => void) | undefined;
  readonly #consumer: ContextConsumer<typeof clientContext, ReactiveControllerHost & HTMLElement>;

  constructor(private readonly host: ReactiveControllerHost & HTMLElement) {
    host.addController(this);
    this.#consumer = new ContextConsumer(host, {
      context: clientContext,
      subscribe: true,
      callback: (client) => this.#follow(client),
    });
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
      this.host.requestUpdate();
    });
  }
}
