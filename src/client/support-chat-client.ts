import { describeError } from '../i18n/strings.js';
import { HttpTransport } from '../transport/http-transport.js';
import type { GetTicketsRequest, Transport } from '../transport/transport.js';
import type { Message, Traits } from '../transport/wire-types.js';
import type { SupportChatApi } from './api.js';
import type { ChatState } from './chat-state.js';
import type { SupportChatClientOptions } from './client-options.js';
import { realClock } from './clock.js';
import { ConsentStorage } from './consent-storage.js';
import { Conversation } from './conversation.js';
import { ConversationSync } from './conversation-sync.js';
import { DeliveryQueue } from './delivery/delivery-queue.js';
import { NEW_TICKET } from './delivery/outbox.js';
import { capabilitiesReader } from './capabilities.js';
import { dispatch, type ClientListener, type SupportChatEventMap } from './events.js';
import { liveParts, type LiveParts } from './live/live-parts.js';
import { ownedTransport } from './owned-transport.js';
import { PendingRestore } from './pending-restore.js';
import { DEFAULT_RESTORE_PARAM } from './restore.js';
import { redeemRestoreToken, requestRestoreLink } from './restore-flow.js';
import { Session, checkIdentity, cleanTraits } from './session.js';
import { IndexedDbStorage, type KeyValueStorage } from './storage.js';
import { STORED, loadStored } from './stored-fields.js';
import { TabState } from './tab-state.js';
import { TicketGuard } from './ticket-guard.js';
import { MAX_MESSAGE_LENGTH, fitsMessageLimit, normaliseEmail } from './visitor-input.js';

export type { SupportChatClientOptions };

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
 * delivers the outbox; the others mirror what it finds.
 */
// eslint-disable-next-line @typescript-eslint/no-unsafe-declaration-merging -- the interface below adds typed event overloads only
export class SupportChatClient extends EventTarget implements SupportChatApi {
  readonly transport: Transport;
  /** The site's id of the visitor, sent as `distinct_id` from the next message on (see the option). */
  distinctId: string | undefined;
  readonly #storage: KeyValueStorage;
  readonly #consent: ConsentStorage | undefined;
  readonly #tab: TabState;
  readonly #session: Session;
  readonly #queue: DeliveryQueue;
  readonly #sync: ConversationSync;
  readonly #live: LiveParts;
  readonly #restore: PendingRestore;
  #starting: Promise<void> | undefined;
  #generation = 0; // bumped by stop(): see #load

  constructor(options: SupportChatClientOptions) {
    super();
    const { token, pollIntervals, retryDelays, clock = realClock } = options;
    this.distinctId = options.distinctId;
    const transport = (this.transport =
      options.transport ?? new HttpTransport({ token, apiHost: options.apiHost, timeoutMs: options.requestTimeout }));
    const storage = options.storage ?? new IndexedDbStorage(token);
    this.#consent = options.consentRequired ? new ConsentStorage(storage) : undefined;
    this.#storage = this.#consent ?? storage;
    const conversation = new Conversation();
    const tab = (this.#tab = new TabState({
      name: `support-chat:${token}`,
      storage: this.#storage,
      eventTarget: options.eventTarget ?? this,
      describeError: options.describeError ?? describeError,
      compose: (view) => this.#queue.messages(view),
      moved: () => conversation.clear(),
      changed: (moved) => this.#sync.changed(moved),
      leaderChange: (leader) => void this.#lead(leader),
    }));
    const session = (this.#session = new Session(tab, this.#consent));
    this.#restore = new PendingRestore(tab, options.restoreParam || DEFAULT_RESTORE_PARAM);
    const owned = ownedTransport(transport, session);
    // One read of the backend's extensions, for delivery (idempotent sends) and live alike.
    const capabilities = capabilitiesReader(transport);
    const queue = (this.#queue = new DeliveryQueue({
      tab,
      session,
      transport: owned,
      conversation,
      clock,
      capabilities,
      backoff: { base: retryDelays?.base ?? 1_000, max: retryDelays?.max ?? 30_000 },
      distinctId: () => this.distinctId || undefined,
    }));
    const intervals = { open: pollIntervals?.open ?? 5_000, closed: pollIntervals?.closed ?? 30_000 };
    const guard = new TicketGuard(tab, session, owned, queue);
    const sync = (this.#sync = new ConversationSync(
      tab,
      session,
      owned,
      conversation,
      clock,
      intervals,
      () => !!queue.outbox.next(),
      guard,
    ));
    this.#live = liveParts({ tab, session, transport, sync, clock, consent: this.#consent, capabilities });
  }

  /**
   * Reads the stored session (making one the first time) and joins the other tabs. A restore
   * link in the URL leaves the address bar and waits (`state.pendingRestore`) for
   * `restoreFromUrlToken()` or `discardRestoreToken()`: it is not redeemed unasked. Idempotent.
   */
  start(): Promise<void> {
    if (!this.#starting) {
      this.#restore.collect();
      this.#starting = this.#load(this.#generation);
      void this.#starting.catch((error) => this.#tab.reportError(error));
    }
    return this.#starting;
  }

  /** Stops polling, delivering and listening to other tabs, even while `start()` still loads; state and storage are kept, `start()` resumes. */
  stop() {
    this.#generation++;
    this.#tab.tabs.stop();
    this.#sync.poller.stop();
    this.#queue.sender.stop();
    this.#starting = undefined;
  }

  /** Loads what is stored, then joins the tabs, unless `stop()` came meanwhile (`generation` is then old). */
  async #load(generation: number) {
    const tab = this.#tab;
    if (this.#consent && (await this.#consent.previouslyGranted())) await this.#consent.grant();
    const { identity, ...stored } = await loadStored(this.#storage);
    const { outbox } = this.#queue;
    await outbox.load();
    if (generation !== this.#generation) return; // an element removed right after it was added
    tab.identity = identity;
    // A reload while a new ticket's first message was unsent: that draft is still on show.
    tab.draft = stored.currentTicketId ? null : (outbox.entries.find((e) => e.ticket.startsWith(NEW_TICKET))?.ticket ?? null);
    tab.update({ ...stored, ready: true, messages: this.#queue.messages(tab.view) });
    this.#sync.poller.setOpen(tab.state.open);
    tab.tabs.start();
    tab.post({ t: 'hello' });
    dispatch(tab.eventTarget, 'support-chat-ready', {});
    tab.checkStorage();
  }

  /** This tab now polls and delivers (another tab closed, or this one came to the front), or no longer does. */
  async #lead(leader: boolean) {
    if (!leader) {
      this.#sync.poller.stop();
      this.#queue.sender.stop();
      return this.#live.channel.lead(false);
    }
    await this.#queue.outbox.load(); // what a closed tab left unsent
    if (!this.#tab.tabs.leader) return; // stopped, or no longer leading, meanwhile
    this.#tab.recompose();
    this.#sync.poller.start();
    this.#queue.sender.start();
    this.#live.channel.lead(true);
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

  async sendMessage(message: string, traits?: Traits, newTicket = false) {
    const text = String(message ?? '').trim();
    if (!text) throw new RangeError('support-chat: a message cannot be empty');
    if (!fitsMessageLimit(text)) throw new RangeError(`support-chat: a message is at most ${MAX_MESSAGE_LENGTH} characters`);
    const queuedAt = this.#queue.outbox.stamp(); // the order of the calls is the order of delivery
    // No needless await: once started, the message shows as `sending` before this call returns.
    if (!this.#tab.state.ready) await this.start();
    if (this.#consent && !this.#consent.granted) await this.#session.interacted();
    this.#live.visitorTyping.set(false);
    this.#tab.clearError(true); // a ticket_gone notice has been read
    return this.#queue.send(text, cleanTraits(traits), newTicket, queuedAt);
  }

  setTyping(typing: boolean) {
    this.#live.visitorTyping.set(typing);
  }

  async retryMessage(clientMessageId: string) {
    const entry = this.#queue.outbox.find(clientMessageId);
    if (entry?.state !== 'failed') return null;
    await this.#session.interacted();
    return this.#queue.enqueue({ ...entry, state: 'sending', failure: undefined, tab: this.#tab.tabs.id });
  }

  discardMessage(clientMessageId: string) {
    return this.#queue.discard(clientMessageId);
  }

  async getMessages(ticketId?: string, after?: string) {
    const id = await this.#ticket(ticketId);
    return id ? this.#sync.getMessages(id, after) : null;
  }

  async markAsRead(ticketId?: string) {
    const id = await this.#ticket(ticketId);
    return id ? this.#sync.markAsRead(id) : null;
  }

  async #ticket(ticketId: string | undefined) {
    await this.start();
    return ticketId ?? this.#tab.state.currentTicketId;
  }

  async getTickets(options: GetTicketsRequest = {}) {
    await this.start();
    return this.#sync.getTickets(options);
  }

  async selectTicket(ticketId: string | null) {
    await this.start();
    await this.#session.interacted();
    this.#tab.clearError(true);
    if (ticketId === this.#tab.state.currentTicketId && !this.#tab.draft) return;
    await this.#tab.share({ currentTicketId: ticketId, draft: null });
    if (ticketId) await this.refresh();
  }

  getCurrentTicketId(): string | null {
    return this.#tab.state.currentTicketId;
  }

  getWidgetSessionId(): string | null {
    return this.#tab.state.sessionId;
  }

  refresh(): Promise<void> {
    return this.#sync.poller.pollNow();
  }

  /**
   * Says that a view shows the messages of `ticketId` (the element's message list does, while
   * on screen): replies there are marked read while the page is visible, and only then. Call
   * the returned function when the view goes.
   */
  watch(ticketId: string): () => void {
    return this.#sync.watch(ticketId);
  }

  async identify(traits: Traits) {
    await this.start();
    await this.#session.identify(traits);
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

  async requestRestoreLink(email: string) {
    const normal = normaliseEmail(email);
    await this.start();
    await requestRestoreLink(this.#tab, this.#session, this.transport, this.#restore.param, normal);
  }

  async restoreFromUrlToken() {
    if (!this.#tab.state.ready) await this.start(); // once started, the question goes at once
    const token = this.#restore.take();
    const result = token && (await redeemRestoreToken(this.#tab, this.#session, this.transport, token));
    if (result && result.status === 'success') void this.refresh();
    return result || null;
  }

  discardRestoreToken() {
    this.#restore.take();
  }

  async reset() {
    await this.start();
    const sessionId = crypto.randomUUID();
    this.#tab.broadcast({ t: 'reset', sessionId });
    await this.#storage.clear();
    await this.#storage.set(STORED.sessionId, sessionId);
  }
}

// Typed `addEventListener('support-chat-…')` on the client too (types only: nothing at run time).
// eslint-disable-next-line @typescript-eslint/no-unsafe-declaration-merging -- overloads of EventTarget's own methods
export interface SupportChatClient {
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

export type { Message };
