import type { GetTicketsRequest, Transport } from '../transport/transport.js';
import type { AttachmentLimits, Message, Traits } from '../transport/wire-types.js';
import type { FileCheck } from './attachments/attachment-rules.js';
import { loadAttachments } from './attachments/load-attachments.js';
import type { SupportChatApi } from './api.js';
import type { ChatState } from './chat-state.js';
import { ClientLifecycle } from './client-lifecycle.js';
import type { SupportChatClientOptions } from './client-options.js';
import { clientParts, type ClientParts } from './client-parts.js';
import { realClock, type Clock } from './clock.js';
import type { ConsentStorage } from './consent-storage.js';
import type { ClientListener, SupportChatEventMap } from './events.js';
import type { PendingRestore } from './pending-restore.js';
import { ratingSlot, type RatingOffer, type RatingPart, type RatingParts } from './rating-slot.js';
import { type Session, checkIdentity, cleanTraits } from './session.js';
import type { KeyValueStorage } from './storage.js';
import { STORED } from './stored-fields.js';
import type { TabState } from './tab-state.js';
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
 * delivers the outbox; the others mirror what it finds. The parts are built and wired in
 * `client-parts.ts` (what keeps the unread count) and `conversation-parts.ts` (the rest, a
 * file of its own in the script-tag build: `lazy` says when it loads); starting, stopping,
 * leading and loading that file are `ClientLifecycle`'s.
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
  readonly #restore: PendingRestore;
  readonly #parts: ClientParts;
  readonly #lifecycle: ClientLifecycle;
  readonly #clock: Clock;
  /** The order of `sendMessage` calls, which is the order of delivery (see `sendMessage`). */
  #lastQueued = 0;
  readonly #ratingParts: RatingParts;
  #rating: RatingPart | undefined;

  constructor(options: SupportChatClientOptions) {
    super();
    this.distinctId = options.distinctId;
    this.#clock = options.clock ?? realClock;
    const owner = {
      eventTarget: this,
      distinctId: () => this.distinctId || undefined,
      lead: (leader: boolean) => void this.#lifecycle.lead(leader),
      wantConversation: () => void this.#lifecycle.conversation().catch(() => {}),
    };
    const parts = (this.#parts = clientParts(options, owner));
    this.transport = parts.transport;
    this.#storage = parts.storage;
    this.#consent = parts.consent;
    this.#tab = parts.tab;
    this.#session = parts.session;
    this.#restore = parts.restore;
    this.#ratingParts = parts.rating;
    this.#lifecycle = new ClientLifecycle(parts, options);
  }

  /** The conversation parts, without a needless await once they are in. */
  #late() {
    return this.#parts.late ?? this.#lifecycle.conversation();
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

  /**
   * `files` (when `getAttachmentLimits()` has limits) go with the message, which may then have
   * no text. They are stored before this resolves its first step, uploaded, then attached once.
   * A file the limits refuse rejects the call (a RangeError; `checkAttachments()` says why) before any upload.
   */
  async sendMessage(message: string, traits?: Traits, newTicket = false, files: readonly File[] = []) {
    const text = String(message ?? '').trim();
    if (!text && !files.length) throw new RangeError('support-chat: a message cannot be empty');
    if (!fitsMessageLimit(text)) throw new RangeError(`support-chat: a message is at most ${MAX_MESSAGE_LENGTH} characters`);
    // The order of the calls is the order of delivery (the outbox's own stamp, kept here: it may not be loaded yet).
    const queuedAt = (this.#lastQueued = Math.max(this.#clock.now(), this.#lastQueued + 1));
    // No needless await: once started (and its part in), the message shows as `sending` before this call returns.
    if (!this.#tab.state.ready) await this.start();
    if (this.#consent && !this.#consent.granted) await this.#session.interacted();
    const { live, queue } = this.#parts.late ?? (await this.#lifecycle.conversation());
    live.visitorTyping.set(false);
    this.#clearPrefill();
    this.#tab.clearError(true); // a ticket_gone notice has been read
    return queue.send(text, cleanTraits(traits), newTicket, queuedAt, files, () => this.getAttachmentLimits());
  }

  /**
   * What the backend takes as attachments (its `capabilities`), or null when it takes none (a
   * plain backend, or a transport without `uploadAttachment`): a UI offers no attach button then.
   */
  async getAttachmentLimits(): Promise<AttachmentLimits | null> {
    const offered = this.transport.uploadAttachment && (await this.#parts.capabilities())?.attachments;
    return offered ? (await loadAttachments()).limitsOf(offered) : null;
  }

  /**
   * Sorts files into those the backend would take with one message and those it would refuse
   * (each with its reason), counting `already` chosen; every file is refused by a backend without attachments.
   */
  async checkAttachments<F extends File>(files: Iterable<F>, already = 0): Promise<FileCheck<F>> {
    const limits = await this.getAttachmentLimits();
    return (await loadAttachments()).checkFiles(files, limits, already);
  }

  /** Takes a file (`uploads[].key` of a message on its way) off that message, stopping its upload. */
  async cancelAttachment(clientMessageId: string, key: string): Promise<void> {
    return (await this.#late()).queue.cancelAttachment(clientMessageId, key);
  }

  setTyping(typing: boolean) {
    const late = this.#parts.late;
    if (late) late.live.visitorTyping.set(typing);
    else if (typing)
      void this.#lifecycle.conversation().then(
        (parts) => parts.live.visitorTyping.set(true),
        () => {},
      );
  }

  async retryMessage(clientMessageId: string) {
    const { queue } = await this.#late();
    const entry = queue.outbox.find(clientMessageId);
    if (entry?.state !== 'failed') return null;
    await this.#session.interacted();
    return queue.enqueue({ ...entry, state: 'sending', failure: undefined, tab: this.#tab.tabs.id });
  }

  discardMessage(clientMessageId: string) {
    const late = this.#parts.late;
    if (late) return late.queue.discard(clientMessageId);
    return this.#lifecycle.conversation().then((parts) => parts.queue.discard(clientMessageId));
  }

  async getMessages(ticketId?: string, after?: string) {
    const id = await this.#ticket(ticketId);
    return id ? (await this.#late()).sync.getMessages(id, after) : null;
  }

  async markAsRead(ticketId?: string) {
    const id = await this.#ticket(ticketId);
    return id ? (await this.#late()).sync.markAsRead(id) : null;
  }

  async #ticket(ticketId: string | undefined) {
    await this.start();
    return ticketId ?? this.#tab.state.currentTicketId;
  }

  async getTickets(options: GetTicketsRequest = {}) {
    await this.start();
    return (await this.#late()).sync.getTickets(options);
  }

  async selectTicket(ticketId: string | null) {
    await this.start();
    await this.#session.interacted();
    this.#tab.clearError(true);
    this.#clearPrefill();
    if (ticketId === this.#tab.state.currentTicketId && !this.#tab.draft) return;
    await this.#tab.share({ currentTicketId: ticketId, draft: null });
    if (ticketId) await this.refresh();
  }

  async showNewMessage(text = '') {
    await this.selectTicket(null);
    // Never more than a message may hold: the visitor could not send it.
    this.#tab.update({ prefill: { text: Array.from(String(text)).slice(0, MAX_MESSAGE_LENGTH).join('') } });
    this.openPanel();
  }

  /** The text `showNewMessage` gave is used (sent) or moot (another conversation). */
  #clearPrefill() {
    if (this.#tab.state.prefill) this.#tab.update({ prefill: null });
  }

  getCurrentTicketId(): string | null {
    return this.#tab.state.currentTicketId;
  }

  getWidgetSessionId(): string | null {
    return this.#tab.state.sessionId;
  }

  refresh(): Promise<void> {
    const late = this.#parts.late;
    return late ? late.sync.poller.pollNow() : this.#lifecycle.conversation().then((parts) => parts.sync.poller.pollNow());
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
      (parts) => void (stopped || (stop = parts.sync.watch(ticketId))),
      () => {},
    );
    return () => {
      stopped = true;
      stop?.();
    };
  }

  /**
   * Whether the conversation on show ends with a rating: `open` when it is resolved, the
   * backend advertises `rating` and this resolution was not rated yet; `rated` when it was;
   * else `none`. Ask again when the state changes. The rating travels in the panel file:
   * until that is loaded (the element loads it on open, or ahead when idle), always `none`.
   */
  ratingOffer(): Promise<RatingOffer> {
    return this.#ratingPart()?.offer() ?? Promise.resolve('none');
  }

  /**
   * Rates the resolved conversation on show: a whole `score` of 1..5 (else a `RangeError`)
   * and an optional `comment` of at most 1000 characters. Once per resolution: an "already
   * rated" answer resolves too. Fires `support-chat-rated` `{ticketId, score}`.
   */
  async rate(score: number, comment?: string): Promise<void> {
    const part = this.#ratingPart();
    if (!part) throw new Error('support-chat: the rating comes with the panel file');
    return part.rate(score, comment);
  }

  #ratingPart() {
    return (this.#rating ??= ratingSlot.make?.(this.#ratingParts));
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
    const { restoreFlow } = await this.#late();
    await restoreFlow.requestRestoreLink(this.#tab, this.#session, this.transport, this.#restore.param, normal);
  }

  async restoreFromUrlToken() {
    if (!this.#tab.state.ready) await this.start(); // once started, the question goes at once
    const token = this.#restore.take();
    const flow = token && (this.#parts.late ?? (await this.#lifecycle.conversation())).restoreFlow;
    const result = flow && (await flow.redeemRestoreToken(this.#tab, this.#session, this.transport, token));
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

export type { Message, RatingOffer };
