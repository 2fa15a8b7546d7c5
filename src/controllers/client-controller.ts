import type { ReactiveController, ReactiveControllerHost } from 'lit';
import type { Changes } from '../internal/host-element.js';
import type { ChatError, ChatState } from '../client/chat-state.js';
import { SupportChatClient } from '../client/support-chat-client.js';

/** The attributes a client is made from, and the `client` property a page may set instead. */
export interface ClientHost extends ReactiveControllerHost, HTMLElement {
  token: string;
  apiHost: string;
  restoreParam: string;
  consentRequired: boolean;
  distinctId: string;
  open: boolean;
  client?: SupportChatClient;
}

export interface ClientHooks {
  /** Every state of the client, from the first (closed until storage is read) on. */
  onState(state: ChatState): void;
  /** The sentence of an error, in the host's locale, for `support-chat-error`. */
  describeError(error: ChatError): string;
  /** The client has read its storage: a good moment to fetch what opening needs. */
  onStarted(): void;
}

/**
 * The client behind the element, from connect to disconnect: made from the attributes unless
 * the page brought its own, started and, if this controller made
 * it, stopped again. Apart from the element because who owns the client decides what may be
 * done to it (stopped, its `distinctId` set), and that rule should sit in one place.
 */
export class ClientController implements ReactiveController {
  /** True while the element opens itself on load (not the visitor's doing). */
  loading = false;
  readonly #host: ClientHost;
  readonly #hooks: ClientHooks;
  /** The client made here (not one the page supplied): only that one is stopped on disconnect. */
  #own?: SupportChatClient;
  #unsubscribe?: () => void;

  constructor(host: ClientHost, hooks: ClientHooks) {
    this.#host = host;
    this.#hooks = hooks;
    host.addController(this);
  }

  hostConnected() {
    const host = this.#host;
    host.client ??= this.#own = new SupportChatClient({
      token: host.token,
      apiHost: host.apiHost || undefined,
      eventTarget: host,
      restoreParam: host.restoreParam,
      consentRequired: host.consentRequired,
      distinctId: host.distinctId,
      lazy: true, // the badge first: see the option
      describeError: (error) => this.#hooks.describeError(error),
    });
    // Read before subscribing: the first state (closed until storage is read) overwrites it.
    const openRequested = host.open;
    this.#unsubscribe = host.client.subscribe((state) => this.#hooks.onState(state));
    void host.client.start().then(() => {
      this.#hooks.onStarted();
      if (
        (!openRequested /* a restore link's question opens it too */ && !host.client?.getState().pendingRestore) ||
        !host.isConnected
      )
        return;
      this.loading = true;
      host.client?.openPanel();
      this.loading = false;
    });
  }

  hostDisconnected() {
    this.#unsubscribe?.();
    if (this.#host.client === this.#own) this.#host.client?.stop();
  }

  /** From the host's `willUpdate`: passes `distinct-id` to the client. */
  willUpdate(changed: Changes<ClientHost>) {
    // Only into a client made from the attributes: a page's own client keeps its own setting.
    if (changed.has('distinctId') && this.#own) this.#own.distinctId = this.#host.distinctId;
  }
}
