import { HttpTransport } from '../transport/http-transport.js';
import { TransportError } from '../transport/transport-error.js';
import type { Credentials, GetTicketsRequest, Transport } from '../transport/transport.js';
import type {
  GetMessagesResponse,
  GetTicketsResponse,
  MarkAsReadResponse,
  Message,
  RestoreResponse,
  SendMessageResponse,
  Traits,
} from '../transport/wire-types.js';
import { describeError } from '../i18n/strings.js';
import { toChatError } from './chat-error.js';
import { initialState, type ChatError, type ChatErrorCode, type ChatState } from './chat-state.js';
import { ConsentStorage } from './consent-storage.js';
import { Conversation } from './conversation.js';
import { NEW_TICKET, Outbox, type OutboxEntry } from './delivery/outbox.js';
import { Sender } from './delivery/sender.js';
import { dispatch } from './events.js';
import { Poller } from './poller.js';
import { DEFAULT_RESTORE_PARAM, restoreLinkBase, takeRestoreToken } from './restore.js';
import { MAX_MESSAGE_LENGTH, fitsMessageLimit, normaliseEmail } from './visitor-input.js';
import { IndexedDbStorage, type KeyValueStorage } from './storage.js';
import { TabSync } from './tab-sync.js';
import { totalUnread, withUnread } from './unread.js';

export interface SupportChatClientOptions {
  /** The public widget token of the project. */
  token: string;
  /** Backend origin for the default HTTP transport; defaults to the page's origin. */
  apiHost?: string;
  /** Another backend: anything implementing `Transport`. Overrides `apiHost`. */
  transport?: Transport;
  /** Defaults to IndexedDB, one database per token, with an in-memory fallback. */
  storage?: KeyValueStorage;
  /** Where the `support-chat-*` events are dispatched; defaults to the client itself. */
  eventTarget?: EventTarget;
  /** Poll intervals in milliseconds (defaults: 5 s open, 30 s closed). */
  pollIntervals?: { open?: number; closed?: number };
  /** Query parameter carrying a restore token (default `ph_conv_restore`, as the backend writes it). */
  restoreParam?: string;
  /** Write nothing to storage until the visitor first interacts with the widget. */
  consentRequired?: boolean;
  /** Outbox retry delays in milliseconds: the first about `base`, doubling up to `max` (defaults 1 s, 30 s). */
  retryDelays?: { base?: number; max?: number };
  /** The default transport gives up on a request after this many milliseconds (default 15 s). */
  requestTimeout?: number;
  /** The sentence of an error in `support-chat-error` events (default: English; the element passes its locale's). */
  describeError?: (error: ChatError) => string;
}

type Listener = (state: ChatState) => void;

interface Identity {
  distinctId: string;
  hash: string;
}

/** State every tab shares (and, for some fields, stores), plus two fields not in `ChatState`. */
type Shared = Partial<Pick<ChatState, 'open' | 'sessionId' | 'currentTicketId' | 'ticketStatus' | 'traits' | 'tickets' | 'error'>> & {
  identity?: Identity | null;
  /** Placeholder of a new ticket whose first message is still on its way, while it is on show. */
  draft?: string | null;
};

/** What one tab tells the others (`from` is its tab id). */
type TabMessage = { from?: string } & (
  | { t: 'state'; patch: Shared }
  | { t: 'welcome'; to: string; patch: Shared }
  | { t: 'messages'; ticketId: string; messages: Message[]; news: boolean }
  | { t: 'put'; entry: OutboxEntry }
  | { t: 'drop'; id: string }
  | { t: 'sent'; entry: OutboxEntry; response: SendMessageResponse }
  | { t: 'hello' }
  | { t: 'consent' }
  | { t: 'reset'; sessionId: string }
);

/** Stored fields and their keys. */
const STORED = { sessionId: 'session-id', currentTicketId: 'current-ticket', open: 'open', traits: 'traits', identity: 'identity' } as const;

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

interface Waiter {
  resolve(response: SendMessageResponse | null): void;
  reject(error: unknown): void;
}

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
 * Every change goes through `share()`: applied here, sent to the other tabs, stored. Only the
 * leader tab (see `TabSync`) polls and delivers the outbox; the others mirror what it finds.
 */
export class SupportChatClient extends EventTarget {
  readonly transport: Transport;
  private readonly storage: KeyValueStorage;
  readonly #consent: ConsentStorage | undefined;
  private readonly eventTarget: EventTarget;
  readonly #poller: Poller;
  readonly #outbox: Outbox;
  readonly #sender: Sender;
  readonly #tabs: TabSync;
  readonly #conversation = new Conversation();
  private readonly restoreParam: string;
  readonly #closedInterval: number;
  readonly #describeError: (error: ChatError) => string;
  private state: ChatState = initialState;
  readonly #listeners = new Set<Listener>();
  #starting: Promise<void> | undefined;
  #identity: Identity | null = null;
  #draft: string | null = null;
  /** Bumped when the ticket on show, the identity or the session changes: older answers are dropped. */
  #epoch = 0;
  #ticketsPolledAt = 0;
  readonly #waiting = new Map<string, Waiter>();
  /**
   * Shared fields changed here or heard from another tab since this tab said hello. The
   * welcome answering that hello was written before those changes reached the leader: it
   * must not undo them (a new ticket's draft opened meanwhile would vanish from this tab).
   */
  #changedSinceHello = new Set<string>();
  /** Tabs heard from: their messages are theirs to announce. */
  readonly #peers = new Set<string>();
  /** Unread count of the ticket on show from its last answer (it may not be in the ticket list yet). */
  #lastUnread = 0;

  constructor(options: SupportChatClientOptions) {
    super();
    this.transport =
      options.transport ??
      new HttpTransport({ token: options.token, apiHost: options.apiHost, timeoutMs: options.requestTimeout });
    const storage = options.storage ?? new IndexedDbStorage(options.token);
    this.#consent = options.consentRequired ? new ConsentStorage(storage) : undefined;
    this.storage = this.#consent ?? storage;
    this.eventTarget = options.eventTarget ?? this;
    this.restoreParam = options.restoreParam || DEFAULT_RESTORE_PARAM;
    this.#describeError = options.describeError ?? ((error) => describeError(error));
    this.#closedInterval = options.pollIntervals?.closed ?? 30_000;
    this.#poller = new Poller({
      openInterval: options.pollIntervals?.open ?? 5_000,
      closedInterval: this.#closedInterval,
      poll: (open) => this.#poll(open),
    });
    this.#outbox = new Outbox(this.storage);
    this.#sender = new Sender({
      outbox: this.#outbox,
      backoff: { base: options.retryDelays?.base ?? 1_000, max: options.retryDelays?.max ?? 30_000 },
      send: (entry) => this.transport.sendMessage(this.#credentials, {
        message: entry.content,
        ticketId: entry.ticket.startsWith(NEW_TICKET) ? null : entry.ticket,
        traits: entry.traits,
        distinctId: this.#identity?.distinctId,
        clientMessageId: entry.clientMessageId,
        currentUrl: location.href,
      }),
      sent: (entry, response) => this.#settle(entry, response, true),
      refused: (entry, error) => this.#refuse(entry, error),
      retrying: (error) => this.#reportError(error),
    });
    this.#tabs = new TabSync({
      name: `support-chat:${options.token}`,
      receive: (message) => this.#apply(message as TabMessage),
      leaderChange: (leader) => void this.#lead(leader),
    });
  }

  // ---- lifecycle and state -------------------------------------------------------------

  /** Reads the stored session (making one the first time), joins the other tabs, redeems a restore link in the URL. Idempotent. */
  start(): Promise<void> {
    if (!this.#starting) {
      this.#starting = this.load();
      void this.#starting.then(() => this.restoreFromUrlToken()).catch((error) => this.#reportError(error));
    }
    return this.#starting;
  }

  /** Stops polling, delivering and listening to other tabs; state and storage are kept, `start()` resumes. */
  stop() {
    this.#tabs.stop();
    this.#starting = undefined;
  }

  getState(): ChatState {
    return this.state;
  }

  /** Calls `listener` now and after every change; returns the unsubscribe function. */
  subscribe(listener: Listener): () => void {
    this.#listeners.add(listener);
    listener(this.state);
    return () => this.#listeners.delete(listener);
  }

  #update(patch: Partial<ChatState>) {
    const before = this.state;
    const state = (this.state = { ...before, ...patch });
    if (before.open !== state.open) dispatch(this.eventTarget, 'support-chat-open-change', { open: state.open });
    if (before.unreadCount !== state.unreadCount) {
      dispatch(this.eventTarget, 'support-chat-unread-change', { count: state.unreadCount });
    }
    if (state.error && !sameError(state.error, before.error)) {
      dispatch(this.eventTarget, 'support-chat-error', { ...state.error, message: this.#describeError(state.error) });
    }
    for (const listener of this.#listeners) listener(state);
  }

  private async load() {
    if (this.#consent && (await this.#consent.previouslyGranted())) await this.#consent.grant();
    const [sessionId, currentTicketId, open, traits, identity] = await Promise.all(
      Object.values(STORED).map((key) => this.storage.get<unknown>(key)),
    );
    await this.#outbox.load();
    this.#identity = isIdentity(identity) ? identity : null;
    const session = typeof sessionId === 'string' && UUID.test(sessionId) ? sessionId : crypto.randomUUID();
    if (session !== sessionId) await this.storage.set(STORED.sessionId, session);
    const ticket = typeof currentTicketId === 'string' ? currentTicketId : null;
    // A reload while a new ticket's first message was unsent: that draft is still on show.
    this.#draft = ticket ? null : (this.#outbox.entries.find((e) => e.ticket.startsWith(NEW_TICKET))?.ticket ?? null);
    this.#update({
      ready: true,
      sessionId: session,
      currentTicketId: ticket,
      open: open === true,
      traits: isTraits(traits) ? traits : {},
      messages: this.compose(),
    });
    this.#poller.setOpen(this.state.open);
    this.#tabs.start();
    this.post({ t: 'hello' });
    dispatch(this.eventTarget, 'support-chat-ready', {});
  }

  /** This tab now polls and delivers (another tab closed, or this one came to the front), or no longer does. */
  async #lead(leader: boolean) {
    if (!leader) {
      this.#poller.stop();
      this.#sender.stop();
      return;
    }
    await this.#outbox.load(); // what a closed tab left unsent
    this.#update({ messages: this.compose() });
    this.#poller.start();
    this.#sender.start();
  }

  get #credentials(): Credentials {
    if (this.#identity) return { identityDistinctId: this.#identity.distinctId, identityHash: this.#identity.hash };
    if (!this.state.sessionId) throw new Error('support-chat: call start() first');
    return { widgetSessionId: this.state.sessionId };
  }

  /** The ticket on show, or the draft of one being opened. */
  get #view() {
    return this.state.currentTicketId ?? this.#draft;
  }

  private compose(view = this.#view) {
    return this.#conversation.compose(this.#outbox.entries.filter((e) => e.ticket === view));
  }

  // ---- sharing between tabs --------------------------------------------------------------

  private post(message: TabMessage) {
    this.#tabs.post({ ...message, from: this.#tabs.id });
  }

  /** Applies a change here, tells the other tabs, and stores what is stored. */
  #share(patch: Shared) {
    this.#apply({ t: 'state', patch });
    this.post({ t: 'state', patch });
    return Promise.all(
      Object.entries(STORED).map(([field, key]) => {
        if (!(field in patch)) return;
        const value = patch[field as keyof Shared];
        return value == null ? this.storage.delete(key) : this.storage.set(key, value);
      }),
    );
  }

  /** The one place state changes, whether the change was made here or in another tab. */
  #apply(message: TabMessage): void {
    if (message.from) this.#peers.add(message.from);
    switch (message.t) {
      case 'state': {
        for (const field in message.patch) this.#changedSinceHello.add(field);
        const { identity, draft, ...patch } = message.patch;
        const [view, who] = [this.#view, this.#who];
        if (identity !== undefined) this.#identity = identity;
        if (draft !== undefined) this.#draft = draft;
        const next = { ...this.state, ...patch };
        const nextView = next.currentTicketId ?? this.#draft;
        const changes: Partial<ChatState> = { ...patch };
        const otherWho = whoOf(this.#identity, next.sessionId) !== who;
        const moved = nextView !== view || otherWho;
        if (moved) {
          this.#epoch++;
          this.#conversation.clear();
          changes.ticketStatus = patch.ticketStatus ?? null;
          if (otherWho) changes.tickets = patch.tickets ?? [];
        }
        if (changes.tickets) changes.unreadCount = totalUnread(changes.tickets);
        changes.messages = this.compose(nextView);
        this.#update(changes);
        this.#poller.setOpen(this.state.open);
        if (moved && this.#tabs.leader) void this.#poller.pollNow();
        return;
      }
      case 'welcome': {
        // Addressed to the newcomer only: the others know all this, and perhaps newer values.
        if (message.to !== this.#tabs.id) return;
        const news = Object.entries(message.patch).filter(([field]) => !this.#changedSinceHello.has(field));
        this.#apply({ t: 'state', patch: Object.fromEntries(news) });
        return;
      }
      case 'messages':
        if (message.ticketId === this.state.currentTicketId) this.receive(message.ticketId, message.messages, message.news);
        return;
      case 'put':
        void this.#outbox.put(message.entry, false);
        this.#update({ messages: this.compose() });
        if (message.entry.state === 'failed') {
          this.#settleWaiter(message.entry.clientMessageId, new TransportError('http', message.entry.failure?.code ?? 'rejected'));
        }
        if (this.#tabs.leader) this.#sender.kick();
        return;
      case 'drop':
        void this.#outbox.remove(message.id, false);
        this.#update({ messages: this.compose() });
        this.#settleWaiter(message.id, null);
        return;
      case 'sent':
        void this.#settle(message.entry, message.response, false);
        return;
      case 'hello':
        // The newcomer learns what the others know: the leader answers with everything shared.
        if (!this.#tabs.leader || !message.from) return;
        this.post({ t: 'welcome', to: message.from, patch: this.#snapshot() });
        for (const entry of this.#outbox.entries) this.post({ t: 'put', entry });
        if (this.state.currentTicketId && this.#conversation.loaded) {
          const messages = this.state.messages.filter((m) => m.delivery === 'sent');
          this.post({ t: 'messages', ticketId: this.state.currentTicketId, messages, news: false });
        }
        return;
      case 'consent':
        void this.#consent?.grant();
        return;
      case 'reset':
        this.#epoch++;
        this.#outbox.entries = [];
        this.#identity = null;
        this.#draft = null;
        this.#conversation.clear();
        this.#changedSinceHello = new Set(Object.keys(this.#snapshot())); // a welcome from before the reset holds nothing
        for (const id of [...this.#waiting.keys()]) this.#settleWaiter(id, null);
        this.#update({ ...initialState, ready: true, visible: this.state.visible, sessionId: message.sessionId });
        this.#poller.setOpen(false);
        if (this.#tabs.leader) void this.#poller.pollNow();
    }
  }

  #snapshot(): Shared {
    const { open, sessionId, currentTicketId, ticketStatus, traits, tickets, error } = this.state;
    return { open, sessionId, currentTicketId, ticketStatus, traits, tickets, error, identity: this.#identity, draft: this.#draft };
  }

  /** Whose tickets these are: answers for someone else (identity or session changed) are dropped. */
  get #who() {
    return whoOf(this.#identity, this.state.sessionId);
  }

  private receive(ticketId: string, messages: Message[], news: boolean) {
    const fresh = this.#conversation.receive(messages);
    if (!fresh.length) return;
    this.#update({ messages: this.compose() });
    if (!news) return;
    for (const message of fresh) {
      if (message.author_type !== 'customer') dispatch(this.eventTarget, 'support-chat-message-received', { ticketId, message });
    }
  }

  // ---- panel -------------------------------------------------------------------------

  isAvailable(): boolean {
    return this.state.ready;
  }

  isVisible(): boolean {
    return this.state.visible;
  }

  /** Shows the widget (in this tab). */
  show() {
    this.#update({ visible: true });
  }

  /** Hides the widget (in this tab); polling and delivery carry on. */
  hide() {
    this.#update({ visible: false });
  }

  openPanel() {
    this.setOpen(true);
  }

  closePanel() {
    this.setOpen(false);
  }

  toggle() {
    this.setOpen(!this.state.open);
  }

  private setOpen(open: boolean) {
    // Before the stored state is read, the stored open/closed state would overwrite this.
    if (!this.state.ready) return void this.start().then(() => this.setOpen(open));
    if (open === this.state.open) return;
    if (open) void this.#interacted();
    void this.#share({ open });
  }

  /** The visitor did something with the widget: from now on, storing is consented to. */
  async #interacted() {
    if (!this.#consent || this.#consent.granted) return;
    this.post({ t: 'consent' });
    await this.#consent.grant();
  }

  // ---- messages ----------------------------------------------------------------------

  /**
   * Sends a message, creating a ticket when there is none (or when `newTicket`). It shows at
   * once as `sending`, is stored in the outbox before any request, and is retried until the
   * server has it exactly once. Resolves with the server's answer; rejects (and the message
   * shows as `failed`) if the server refuses it; resolves `null` if it is discarded.
   */
  async sendMessage(message: string, traits?: Traits, newTicket = false): Promise<SendMessageResponse | null> {
    const text = String(message ?? '').trim();
    if (!text) throw new RangeError('support-chat: a message cannot be empty');
    if (!fitsMessageLimit(text)) throw new RangeError(`support-chat: a message is at most ${MAX_MESSAGE_LENGTH} characters`);
    const queuedAt = this.#outbox.stamp(); // the order of the calls is the order of delivery
    // No needless await: once started, the message shows as `sending` before this call returns.
    if (!this.state.ready) await this.start();
    if (this.#consent && !this.#consent.granted) await this.#interacted();
    const clientMessageId = crypto.randomUUID();
    let ticket = newTicket ? null : this.#view;
    if (!ticket) {
      ticket = NEW_TICKET + clientMessageId;
      void this.#share({ currentTicketId: null, draft: ticket });
    }
    const entry: OutboxEntry = {
      clientMessageId,
      content: text,
      ticket,
      traits: { ...this.state.traits, ...cleanTraits(traits) },
      queuedAt,
      state: 'sending',
      tab: this.#tabs.id,
    };
    return this.#enqueue(entry);
  }

  /** Sends a failed message again, with the same idempotency key. Resolves as `sendMessage` does. */
  async retryMessage(clientMessageId: string): Promise<SendMessageResponse | null> {
    const entry = this.#outbox.find(clientMessageId);
    if (entry?.state !== 'failed') return null;
    await this.#interacted();
    return this.#enqueue({ ...entry, state: 'sending', failure: undefined, tab: this.#tabs.id });
  }

  /** Gives up on a message that has not been sent: it leaves the conversation. */
  async discardMessage(clientMessageId: string) {
    this.#apply({ t: 'drop', id: clientMessageId });
    this.post({ t: 'drop', id: clientMessageId });
    await this.#outbox.remove(clientMessageId, true);
  }

  async #enqueue(entry: OutboxEntry) {
    const result = new Promise<SendMessageResponse | null>((resolve, reject) =>
      this.#waiting.set(entry.clientMessageId, { resolve, reject }),
    );
    const saved = this.#outbox.put(entry, true); // the mirror changes at once, storage a moment later
    this.#update({ messages: this.compose() });
    await saved; // in storage before any request: a reload or a crash cannot lose it
    this.post({ t: 'put', entry });
    if (this.#tabs.leader) this.#sender.kick();
    return result;
  }

  /** The server has the message: out of the outbox, into the conversation, in every tab. */
  async #settle(entry: OutboxEntry, response: SendMessageResponse, local: boolean) {
    const id = entry.clientMessageId;
    const opened = entry.ticket.startsWith(NEW_TICKET) ? entry.ticket : null;
    if (local) this.post({ t: 'sent', entry, response });
    await this.#outbox.remove(id, local);
    let currentTicketId = this.state.currentTicketId;
    if (opened) {
      await this.#outbox.retarget(opened, response.ticket_id, local);
      if (this.#draft === opened) {
        // The draft on show became a real ticket: it stays on show, with no history to load.
        this.#draft = null;
        this.#epoch++;
        this.#conversation.clear(true);
        currentTicketId = response.ticket_id;
        if (local) await this.storage.set(STORED.currentTicketId, currentTicketId);
      }
    }
    const shown = response.ticket_id === currentTicketId;
    if (shown) {
      const { message_id, created_at } = response;
      const author_name = entry.traits.name ?? null;
      this.#conversation.sent({ id: message_id, clientMessageId: id, content: entry.content, author_type: 'customer', author_name, created_at, delivery: 'sent' });
    }
    this.#update({
      currentTicketId,
      messages: this.compose(currentTicketId ?? this.#draft),
      ...(shown && { ticketStatus: response.ticket_status }),
    });
    if (local && this.state.error) void this.#share({ error: null });
    // Announced once: by the tab that queued it, or by the deliverer when that tab is gone.
    if (entry.tab === this.#tabs.id || (local && !this.#peers.has(entry.tab))) {
      dispatch(this.eventTarget, 'support-chat-message-sent', { ticketId: response.ticket_id, messageId: response.message_id, isNewTicket: !!opened });
    }
    this.#settleWaiter(id, response);
  }

  async #refuse(entry: OutboxEntry, error: unknown) {
    const failed: OutboxEntry = { ...entry, state: 'failed', failure: toChatError(error) };
    await this.#outbox.put(failed, true);
    this.post({ t: 'put', entry: failed });
    this.#update({ messages: this.compose() });
    this.#reportError(error);
    this.#settleWaiter(entry.clientMessageId, error);
  }

  #settleWaiter(id: string, outcome: SendMessageResponse | null | unknown) {
    const waiter = this.#waiting.get(id);
    this.#waiting.delete(id);
    if (outcome instanceof Error) waiter?.reject(outcome);
    else waiter?.resolve(outcome as SendMessageResponse | null);
  }

  /** Fetches messages of a ticket (default: the current one), optionally only those after `after`. */
  async getMessages(ticketId?: string, after?: string): Promise<GetMessagesResponse | null> {
    await this.start();
    const id = ticketId ?? this.state.currentTicketId;
    if (!id) return null;
    const epoch = this.#epoch;
    const response = await this.transport.getMessages(this.#credentials, { ticketId: id, after });
    // A full answer for the ticket on show also refreshes the conversation (a partial one could leave a gap).
    if (!after && epoch === this.#epoch && id === this.state.currentTicketId) this.#absorb(id, response);
    return response;
  }

  /** Marks a ticket's replies as read (default: the current ticket). */
  async markAsRead(ticketId?: string): Promise<MarkAsReadResponse | null> {
    await this.start();
    const id = ticketId ?? this.state.currentTicketId;
    if (!id) return null;
    const response = await this.transport.markAsRead(this.#credentials, id);
    const tickets = withUnread(this.state.tickets, id, 0);
    if (tickets !== this.state.tickets) void this.#share({ tickets });
    return response;
  }

  /** The visitor's tickets, newest first. Without options, it also refreshes `state.tickets`. */
  async getTickets(options: GetTicketsRequest = {}): Promise<GetTicketsResponse | null> {
    await this.start();
    const who = this.#who;
    const response = await this.transport.getTickets(this.#credentials, options);
    if (!Object.keys(options).length && who === this.#who) this.#setTickets(response);
    return response;
  }

  /**
   * Shows another conversation: a ticket id, or `null` for none (the next message then
   * starts a new ticket). Every tab follows.
   */
  async selectTicket(ticketId: string | null) {
    await this.start();
    await this.#interacted();
    if (ticketId === this.state.currentTicketId && !this.#draft) return;
    await this.#share({ currentTicketId: ticketId, draft: null });
    if (ticketId) await this.refresh();
  }

  getCurrentTicketId(): string | null {
    return this.state.currentTicketId;
  }

  getWidgetSessionId(): string | null {
    return this.state.sessionId;
  }

  // ---- polling -----------------------------------------------------------------------

  /** Polls at once, outside the schedule (in any tab). */
  refresh(): Promise<void> {
    return this.#poller.pollNow();
  }

  /** One poll; resolves `true` when it failed for lack of a network (the poller's circuit breaker counts those). */
  async #poll(open: boolean): Promise<boolean> {
    if (!this.state.ready) return false;
    try {
      const ticketId = this.state.currentTicketId;
      // While open, the ticket list (other tickets' unread counts) is refreshed at the closed pace only.
      if (!open || !ticketId || Date.now() - this.#ticketsPolledAt >= this.#closedInterval) await this.#pollTickets();
      // Closed, the history of the ticket on show is still loaded once (after a reload, a switch, a restore).
      if (ticketId && (open || !this.#conversation.loaded)) await this.#pollMessages(ticketId);
      if (this.state.error && !this.#outbox.next()) void this.#share({ error: null });
      return false;
    } catch (error) {
      this.#reportError(error);
      return error instanceof TransportError && error.kind === 'network';
    }
  }

  async #pollTickets() {
    const who = this.#who;
    const response = await this.transport.getTickets(this.#credentials, { limit: 100 });
    this.#ticketsPolledAt = Date.now();
    if (who === this.#who) this.#setTickets(response);
  }

  #setTickets({ results }: GetTicketsResponse) {
    if (JSON.stringify(results) !== JSON.stringify(this.state.tickets)) void this.#share({ tickets: results });
  }

  async #pollMessages(ticketId: string) {
    const epoch = this.#epoch;
    // Pages of 500 until the server has nothing more (bounded, against a server that always says has_more).
    for (let page = 0; page < 20; page++) {
      const response = await this.transport.getMessages(this.#credentials, { ticketId, after: this.#conversation.cursor });
      if (epoch !== this.#epoch) return; // the visitor moved on (another ticket, identity or session) meanwhile
      this.#absorb(ticketId, response);
      if (!response.has_more || !response.messages.length) break;
    }
    const unread = this.state.tickets.find((t) => t.id === ticketId)?.unread_count ?? this.#lastUnread;
    // Seen means read: only while the visitor can actually see the panel.
    if (unread > 0 && this.state.open && document.visibilityState === 'visible') {
      await this.transport.markAsRead(this.#credentials, ticketId);
      this.#lastUnread = 0;
      if (epoch === this.#epoch) void this.#share({ tickets: withUnread(this.state.tickets, ticketId, 0) });
    }
  }

  /** A messages answer for the ticket on show: into the conversation, every tab and the unread counts. */
  #absorb(ticketId: string, response: GetMessagesResponse) {
    const news = this.#conversation.loaded;
    this.receive(ticketId, response.messages, news);
    this.post({ t: 'messages', ticketId, messages: response.messages, news });
    this.#lastUnread = response.unread_count;
    const tickets = withUnread(this.state.tickets, ticketId, response.unread_count);
    const patch: Shared = {};
    if (tickets !== this.state.tickets) patch.tickets = tickets;
    if (response.ticket_status !== this.state.ticketStatus) patch.ticketStatus = response.ticket_status;
    if (Object.keys(patch).length) void this.#share(patch);
  }

  // ---- identity and restore ----------------------------------------------------------

  /** Remembers the visitor's name and email for the next messages. */
  async identify(traits: Traits) {
    await this.start();
    await this.#interacted();
    const merged = { ...this.state.traits, ...cleanTraits(traits) };
    if (JSON.stringify(merged) === JSON.stringify(this.state.traits)) return;
    await this.#share({ traits: merged });
    dispatch(this.eventTarget, 'support-chat-identified', { hasName: !!merged.name, hasEmail: !!merged.email });
  }

  /**
   * Continues as a verified user of the site: `hash` is hex(HMAC-SHA256(secret, distinctId)),
   * computed by the site's server. Requests then carry the identity instead of the session.
   */
  async setIdentity(distinctId: string, hash: string) {
    if (typeof distinctId !== 'string' || !distinctId || typeof hash !== 'string' || !/^[0-9a-f]{64}$/i.test(hash)) {
      throw new RangeError('support-chat: setIdentity needs a distinct id and its hex HMAC-SHA256');
    }
    await this.start();
    if (this.#identity?.distinctId === distinctId && this.#identity.hash === hash) return;
    await this.#share({ identity: { distinctId, hash }, currentTicketId: null, draft: null, tickets: [] });
    void this.refresh();
  }

  /** Back to the anonymous browser session (for example on logout). */
  async clearIdentity() {
    await this.start();
    if (!this.#identity) return;
    await this.#share({ identity: null, currentTicketId: null, draft: null, tickets: [] });
    void this.refresh();
  }

  /**
   * Emails the visitor a link that restores their conversations in another browser.
   * Throws `RangeError` for something that is not an email address, `TransportError`
   * when the request fails (`rate_limit` with `retryAfter` after too many).
   */
  async requestRestoreLink(email: string): Promise<void> {
    const normal = normaliseEmail(email);
    await this.start();
    await this.#interacted();
    await this.transport.requestRestoreLink(normal, restoreLinkBase(this.restoreParam));
    dispatch(this.eventTarget, 'support-chat-restore-requested', {});
  }

  /**
   * Redeems a restore token found in the page URL (done by `start()`): the tickets move to
   * this browser's session, and the parameter leaves the address bar.
   */
  async restoreFromUrlToken(): Promise<RestoreResponse | null> {
    const token = takeRestoreToken(this.restoreParam);
    if (!token) return null;
    await this.start();
    const result = await this.transport.restore({
      restoreToken: token,
      widgetSessionId: this.state.sessionId!,
      distinctId: this.#identity?.distinctId,
    });
    if (result.status !== 'success') {
      void this.#share({ error: { kind: 'rejected', code: restoreErrorCode(result) } });
      return result;
    }
    await this.#interacted(); // opening the emailed link is the visitor's doing
    const sessionId = UUID.test(result.widget_session_id) ? result.widget_session_id : this.state.sessionId;
    await this.#share({ sessionId, currentTicketId: this.state.currentTicketId ?? result.migrated_ticket_ids[0] ?? null });
    dispatch(this.eventTarget, 'support-chat-restored', { ticketIds: result.migrated_ticket_ids });
    void this.refresh();
    return result;
  }

  /** Forgets everything stored for this widget (outbox included) and starts a fresh anonymous session, in every tab. */
  async reset() {
    await this.start();
    const sessionId = crypto.randomUUID();
    this.#apply({ t: 'reset', sessionId });
    this.post({ t: 'reset', sessionId });
    await this.storage.clear();
    await this.storage.set(STORED.sessionId, sessionId);
  }

  #reportError(error: unknown) {
    const chatError = toChatError(error);
    if (!sameError(chatError, this.state.error)) void this.#share({ error: chatError });
  }
}

const sameError = (a: ChatError | null, b: ChatError | null) => a?.kind === b?.kind && a?.code === b?.code;

/** The backend's code when it is one we have words for, else what the status implies. */
function restoreErrorCode(result: Exclude<RestoreResponse, { status: 'success' }>): ChatErrorCode {
  const known: ChatErrorCode[] = ['token_invalid', 'token_expired', 'token_already_used', 'migration_failed'];
  if ((known as string[]).includes(result.code)) return result.code as ChatErrorCode;
  return ({ invalid: 'token_invalid', expired: 'token_expired', used: 'token_already_used' } as const)[result.status];
}

const whoOf = (identity: Identity | null, sessionId: string | null) => identity?.distinctId ?? sessionId;

function isIdentity(value: unknown): value is Identity {
  const o = value as Identity | undefined;
  return !!o && typeof o.distinctId === 'string' && typeof o.hash === 'string';
}

function isTraits(value: unknown): value is Traits {
  return !!value && typeof value === 'object' && !Array.isArray(value);
}

/** Only a trimmed name and email, as strings: whatever else a caller passes is not sent. */
function cleanTraits(traits: Traits | undefined): Traits {
  const clean: Traits = {};
  for (const key of ['name', 'email'] as const) {
    const value = traits?.[key];
    if (typeof value === 'string' && value.trim()) clean[key] = value.trim();
  }
  return clean;
}

export type { Message };
