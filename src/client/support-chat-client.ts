import type { Transport } from '../transport/transport.js';
import type { Message } from '../transport/wire-types.js';
import type { SupportChatApi } from './api.js';
import type { ChatState } from './chat-state.js';
import { ClientLifecycle } from './client-lifecycle.js';
import type { SupportChatClientOptions } from './client-options.js';
import { clientParts, type ClientParts } from './client-parts.js';
import type { ConversationParts } from './conversation-parts.js';
import type { ClientListener, SupportChatEventMap } from './events.js';
import type { PendingRestore } from './pending-restore.js';
import type { RatingOffer } from './rating-slot.js';
import { type Session, checkIdentity } from './session.js';
import type { TabState } from './tab-state.js';

export type { SupportChatClientOptions };

/**
 * The methods that need the conversation parts: `ClientOperations` carries them out, in the
 * conversation file; the client has each of them from the start, loading that file when needed.
 */
const OPERATIONS = [
  'sendMessage',
  'getAttachmentLimits',
  'checkAttachments',
  'cancelAttachment',
  'retryMessage',
  'discardMessage',
  'getMessages',
  'markAsRead',
  'getTickets',
  'selectTicket',
  'showNewMessage',
  'ratingOffer',
  'rate',
  'identify',
  'requestRestoreLink',
  'restoreFromUrlToken',
  'reset',
] as const;

/** The names of the operations (see `ClientOperations`). */
export type OperationName = (typeof OPERATIONS)[number];

/**
 * The headless support-chat client: state, persistence, delivery, polling, tabs and events,
 * with no rendering. `<support-chat>` is a thin shell over it; a custom UI can use it alone:
 *
 * ```js
 * const chat = new SupportChatClient({ token: 'demo-widget-token' });
 * chat.subscribe((state) => render(state));
 * await chat.start();
 * ```
 *
 * A facade over parts with one job each: `TabState` (the state every tab shares),
 * `DeliveryQueue` (outbox and sender), `ConversationSync` (polling and mark-read),
 * `TicketGuard` (tickets gone), `Session` (identity and consent), `PendingRestore` and the
 * restore flow, and the live parts (`LiveChannel`, the stream with polling as its fallback;
 * `TeamTyping`, `VisitorTyping`). Only the leader tab (see `TabSync`) streams, polls and
 * delivers the outbox; the others mirror what it finds. The parts are built and wired in
 * `client-parts.ts` (what keeps the unread count) and `conversation-parts.ts` (the rest, a
 * file of its own in the script-tag build: `lazy` says when it loads); starting, stopping,
 * leading and loading that file are `ClientLifecycle`'s. What the facade does with the
 * conversation parts (sending, reading, choosing a ticket, restoring, rating) is
 * `ClientOperations`', which comes with them.
 */
// eslint-disable-next-line @typescript-eslint/no-unsafe-declaration-merging -- the interface below adds typed event overloads and the operations' types only
export class SupportChatClient extends EventTarget implements SupportChatApi {
  readonly transport: Transport;
  /** The site's id of the visitor, sent as `distinct_id` from the next message on (see the option). */
  distinctId: string | undefined;
  readonly #tab: TabState;
  readonly #session: Session;
  readonly #restore: PendingRestore;
  readonly #parts: ClientParts;
  readonly #lifecycle: ClientLifecycle;

  constructor(options: SupportChatClientOptions) {
    super();
    this.distinctId = options.distinctId;
    const owner = {
      client: this,
      distinctId: () => this.distinctId || undefined,
      lead: (leader: boolean) => void this.#lifecycle.lead(leader),
      wantConversation: () => void this.#lifecycle.conversation().catch(() => {}),
    };
    const parts = (this.#parts = clientParts(options, owner));
    this.transport = parts.transport;
    this.#tab = parts.tab;
    this.#session = parts.session;
    this.#restore = parts.restore;
    this.#lifecycle = new ClientLifecycle(parts, options);
  }

  /**
   * Reads the stored session (making one the first time) and joins the other tabs. A restore
   * link in the URL leaves the address bar and waits (`state.pendingRestore`) for
   * `restoreFromUrlToken()` or `discardRestoreToken()`: it is not redeemed unasked. Idempotent.
   */
  start(): Promise<void> {
    return this.#lifecycle.start();
  }

  /** Stops polling, delivering and listening to other tabs, even while `start()` still loads; state and storage are kept, `start()` resumes. */
  stop() {
    this.#lifecycle.stop();
  }

  getState(): ChatState {
    return this.#tab.state;
  }

  subscribe(listener: (state: ChatState) => void): () => void {
    return this.#tab.subscribe(listener);
  }

  isAvailable(): boolean {
    return this.#tab.state.ready;
  }

  openPanel() {
    this.#setOpen(true);
  }

  closePanel() {
    this.#setOpen(false);
  }

  toggle() {
    this.#setOpen(!this.#tab.state.open);
  }

  #setOpen(open: boolean) {
    // Before the stored state is read, the stored open/closed state would overwrite this.
    if (!this.#tab.state.ready) return void this.start().then(() => this.#setOpen(open));
    if (open === this.#tab.state.open) return;
    if (open) void this.#session.interacted();
    void this.#tab.share({ open });
  }

  setTyping(typing: boolean) {
    const late = this.#parts.late;
    if (late) late.live.visitorTyping.set(typing);
    // Not typing is what the parts assume until they are in: no need to load them for that.
    else if (typing)
      void this.#lifecycle.conversation().then(
        ({ live }) => live.visitorTyping.set(true),
        () => {},
      );
  }

  getCurrentTicketId(): string | null {
    return this.#tab.state.currentTicketId;
  }

  getWidgetSessionId(): string | null {
    return this.#tab.state.sessionId;
  }

  async refresh(): Promise<void> {
    return this.#withParts(({ sync }) => sync.poller.pollNow());
  }

  /**
   * Says that a view shows the messages of `ticketId` (the element's message list does, while
   * on screen): replies there are marked read while the page is visible, and only then. Call
   * the returned function when the view goes.
   */
  watch(ticketId: string): () => void {
    const late = this.#parts.late;
    if (late) return late.sync.watch(ticketId);
    let stop: (() => void) | undefined;
    let stopped = false;
    void this.#lifecycle.conversation().then(
      ({ sync }) => void (stopped || (stop = sync.watch(ticketId))),
      () => {},
    );
    return () => {
      stopped = true;
      stop?.();
    };
  }

  async setIdentity(distinctId: string, hash: string) {
    checkIdentity(distinctId, hash);
    await this.start();
    if (await this.#session.setIdentity(distinctId, hash)) void this.refresh();
  }

  async clearIdentity() {
    await this.start();
    if (await this.#session.clearIdentity()) void this.refresh();
  }

  discardRestoreToken() {
    this.#restore.take();
  }

  /** Runs `use` with the conversation parts: at once when they are in, else once their file is. */
  #withParts<T>(use: (parts: ConversationParts) => T): T | Promise<T> {
    const late = this.#parts.late;
    return late ? use(late) : this.#lifecycle.conversation().then(use);
  }

  static {
    for (const name of OPERATIONS) {
      (this.prototype as unknown as Record<string, unknown>)[name] = function (this: SupportChatClient, ...args: unknown[]) {
        // No needless await once the parts are in: a message sent then shows as `sending` before the call returns.
        return this.#withParts(({ operations }) => (operations[name] as (...args: unknown[]) => unknown).apply(operations, args));
      };
    }
  }
}

// Typed `addEventListener('support-chat-…')` on the client too, and the operations' types (types only: nothing at run time).
// eslint-disable-next-line @typescript-eslint/no-unsafe-declaration-merging -- overloads of EventTarget's own methods, and the operations the static block installs
export interface SupportChatClient extends Pick<SupportChatApi, OperationName> {
  addEventListener<K extends keyof SupportChatEventMap>(
    type: K,
    listener: ClientListener<this, K>,
    options?: boolean | AddEventListenerOptions,
  ): void;
  addEventListener(
    type: string,
    listener: EventListenerOrEventListenerObject | null,
    options?: boolean | AddEventListenerOptions,
  ): void;
  removeEventListener<K extends keyof SupportChatEventMap>(
    type: K,
    listener: ClientListener<this, K>,
    options?: boolean | EventListenerOptions,
  ): void;
  removeEventListener(
    type: string,
    listener: EventListenerOrEventListenerObject | null,
    options?: boolean | EventListenerOptions,
  ): void;
}

export type { Message, RatingOffer };
