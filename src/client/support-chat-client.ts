import { HttpTransport } from '../transport/http-transport.js';
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
import { toChatError } from './chat-error.js';
import { initialState, type ChatMessage, type ChatState } from './chat-state.js';
import { dispatch } from './events.js';
import { Poller } from './poller.js';
import { IndexedDbStorage, type KeyValueStorage } from './storage.js';

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
  /** Query parameter carrying a restore token (default `sc_restore`). */
  restoreParam?: string;
  /** Write nothing to storage until the visitor first interacts with the widget. */
  consentRequired?: boolean;
}

type Listener = (state: ChatState) => void;

const KEYS = {
  session: 'session-id',
  ticket: 'current-ticket',
  open: 'open',
  traits: 'traits',
  identity: 'identity',
} as const;

interface Identity {
  distinctId: string;
  hash: string;
}

/**
 * The headless support-chat client: state, persistence, delivery, polling and events,
 * with no rendering. `<support-chat>` is a thin shell over it; a custom UI can use it alone:
 *
 * ```js
 * const chat = new SupportChatClient({ token: 'demo-widget-token' });
 * chat.subscribe((state) => render(state));
 * await chat.start();
 * ```
 */
export class SupportChatClient extends EventTarget {
  readonly transport: Transport;
  private readonly storage: KeyValueStorage;
  private readonly eventTarget: EventTarget;
  private readonly poller: Poller;
  private readonly restoreParam: string;
  private state: ChatState = initialState;
  private readonly listeners = new Set<Listener>();
  private starting: Promise<void> | undefined;
  private identity: Identity | undefined;

  constructor(options: SupportChatClientOptions) {
    super();
    this.transport = options.transport ?? new HttpTransport({ token: options.token, apiHost: options.apiHost });
    this.storage = options.storage ?? new IndexedDbStorage(options.token);
    this.eventTarget = options.eventTarget ?? this;
    this.restoreParam = options.restoreParam ?? 'sc_restore';
    this.poller = new Poller({
      openInterval: options.pollIntervals?.open ?? 5_000,
      closedInterval: options.pollIntervals?.closed ?? 30_000,
      poll: (open) => this.poll(open),
    });
  }

  // ---- lifecycle and state -------------------------------------------------------------

  /** Reads the stored session (making one the first time) and starts polling. Idempotent. */
  start(): Promise<void> {
    this.starting ??= this.load();
    return this.starting;
  }

  /** Stops polling; state and storage are kept, `start()` resumes. */
  stop() {
    this.poller.stop();
    this.starting = undefined;
  }

  getState(): ChatState {
    return this.state;
  }

  /** Calls `listener` now and after every change; returns the unsubscribe function. */
  subscribe(listener: Listener): () => void {
    this.listeners.add(listener);
    listener(this.state);
    return () => this.listeners.delete(listener);
  }

  private update(patch: Partial<ChatState>) {
    const before = this.state;
    this.state = { ...before, ...patch };
    if (before.unreadCount !== this.state.unreadCount) {
      dispatch(this.eventTarget, 'support-chat-unread-change', { count: this.state.unreadCount });
    }
    for (const listener of this.listeners) listener(this.state);
  }

  private async load() {
    const [sessionId, currentTicketId, open, traits, identity] = await Promise.all([
      this.storage.get<string>(KEYS.session),
      this.storage.get<string>(KEYS.ticket),
      this.storage.get<boolean>(KEYS.open),
      this.storage.get<Traits>(KEYS.traits),
      this.storage.get<Identity>(KEYS.identity),
    ]);
    this.identity = identity;
    const session = sessionId ?? crypto.randomUUID();
    if (!sessionId) await this.storage.set(KEYS.session, session);
    this.update({
      ready: true,
      sessionId: session,
      currentTicketId: currentTicketId ?? null,
      open: open ?? false,
      traits: traits ?? {},
    });
    dispatch(this.eventTarget, 'support-chat-ready', {});
    this.poller.start(this.state.open);
    void this.poller.pollNow();
  }

  private get credentials(): Credentials {
    if (this.identity) return { identityDistinctId: this.identity.distinctId, identityHash: this.identity.hash };
    if (!this.state.sessionId) throw new Error('support-chat: call start() first');
    return { widgetSessionId: this.state.sessionId };
  }

  // ---- panel -------------------------------------------------------------------------

  isAvailable(): boolean {
    return this.state.ready;
  }

  isVisible(): boolean {
    return this.state.visible;
  }

  show() {
    this.update({ visible: true });
  }

  hide() {
    this.update({ visible: false });
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
    if (open === this.state.open) return;
    this.update({ open });
    void this.storage.set(KEYS.open, open);
    dispatch(this.eventTarget, 'support-chat-open-change', { open });
    this.poller.setOpen(open);
  }

  // ---- messages ----------------------------------------------------------------------

  /** Sends a message, creating a ticket when there is none (or when `newTicket`). */
  async sendMessage(message: string, traits?: Traits, newTicket = false): Promise<SendMessageResponse | null> {
    const text = message.trim();
    if (!text) throw new RangeError('support-chat: a message cannot be empty');
    await this.start();
    const clientMessageId = crypto.randomUUID();
    const ticketId = newTicket ? null : this.state.currentTicketId;
    const pending: ChatMessage = {
      id: clientMessageId,
      clientMessageId,
      content: text,
      author_type: 'customer',
      author_name: traits?.name ?? this.state.traits.name ?? null,
      created_at: new Date().toISOString(),
      delivery: 'sending',
    };
    this.update({ messages: newTicket ? [pending] : [...this.state.messages, pending] });
    return this.deliver(pending, ticketId, traits);
  }

  /** Sends a failed message again, with the same idempotency key. */
  async retryMessage(clientMessageId: string): Promise<SendMessageResponse | null> {
    const failed = this.state.messages.find((m) => m.clientMessageId === clientMessageId && m.delivery === 'failed');
    if (!failed) return null;
    this.replaceMessage(clientMessageId, { delivery: 'sending', failure: undefined });
    return this.deliver(failed, this.state.currentTicketId);
  }

  /** Gives up on a failed message: it leaves the conversation. */
  async discardMessage(clientMessageId: string) {
    this.update({ messages: this.state.messages.filter((m) => m.clientMessageId !== clientMessageId) });
  }

  private async deliver(pending: ChatMessage, ticketId: string | null, traits?: Traits) {
    const clientMessageId = pending.clientMessageId!;
    try {
      const response = await this.transport.sendMessage(this.credentials, {
        message: pending.content,
        ticketId,
        traits: { ...this.state.traits, ...traits },
        distinctId: this.identity?.distinctId,
        clientMessageId,
        currentUrl: globalThis.location?.href,
      });
      this.replaceMessage(clientMessageId, { id: response.message_id, created_at: response.created_at, delivery: 'sent' });
      if (response.ticket_id !== this.state.currentTicketId) {
        this.update({ currentTicketId: response.ticket_id });
        await this.storage.set(KEYS.ticket, response.ticket_id);
      }
      this.update({ ticketStatus: response.ticket_status, error: null });
      dispatch(this.eventTarget, 'support-chat-message-sent', {
        ticketId: response.ticket_id,
        messageId: response.message_id,
        isNewTicket: ticketId === null,
      });
      return response;
    } catch (error) {
      const chatError = toChatError(error);
      this.replaceMessage(clientMessageId, { delivery: 'failed', failure: chatError.message });
      this.reportError(error);
      throw error;
    }
  }

  private replaceMessage(clientMessageId: string, patch: Partial<ChatMessage>) {
    this.update({
      messages: this.state.messages.map((m) => (m.clientMessageId === clientMessageId ? { ...m, ...patch } : m)),
    });
  }

  /** Fetches messages of a ticket (default: the current one), optionally only those after `after`. */
  async getMessages(ticketId?: string, after?: string): Promise<GetMessagesResponse | null> {
    await this.start();
    const id = ticketId ?? this.state.currentTicketId;
    if (!id) return null;
    return this.transport.getMessages(this.credentials, { ticketId: id, after });
  }

  async markAsRead(ticketId?: string): Promise<MarkAsReadResponse | null> {
    await this.start();
    const id = ticketId ?? this.state.currentTicketId;
    if (!id) return null;
    return this.transport.markAsRead(this.credentials, id);
  }

  async getTickets(options: GetTicketsRequest = {}): Promise<GetTicketsResponse | null> {
    await this.start();
    return this.transport.getTickets(this.credentials, options);
  }

  /**
   * Shows another conversation: a ticket id, or `null` for none (the next message then
   * starts a new ticket).
   */
  async selectTicket(ticketId: string | null) {
    await this.start();
    if (ticketId === this.state.currentTicketId) return;
    this.update({ currentTicketId: ticketId, messages: [], ticketStatus: null });
    if (ticketId) await this.storage.set(KEYS.ticket, ticketId);
    else await this.storage.delete(KEYS.ticket);
    if (ticketId) await this.refresh();
  }

  getCurrentTicketId(): string | null {
    return this.state.currentTicketId;
  }

  getWidgetSessionId(): string | null {
    return this.state.sessionId;
  }

  // ---- polling -----------------------------------------------------------------------

  /** Polls at once, outside the schedule. */
  refresh(): Promise<void> {
    return this.poller.pollNow();
  }

  private async poll(open: boolean) {
    try {
      const ticketId = this.state.currentTicketId;
      if (open && ticketId) await this.pollMessages(ticketId);
      else await this.pollUnread();
      if (this.state.error) this.update({ error: null });
    } catch (error) {
      this.reportError(error);
    }
  }

  private async pollMessages(ticketId: string) {
    const known = this.state.messages.filter((m) => m.delivery === 'sent');
    const after = known.at(-1)?.created_at;
    const response = await this.transport.getMessages(this.credentials, { ticketId, after });
    if (ticketId !== this.state.currentTicketId) return; // the visitor moved on meanwhile
    const fresh = response.messages.filter((m) => !this.state.messages.some((k) => k.id === m.id));
    this.update({
      messages: [...this.state.messages, ...fresh.map((m): ChatMessage => ({ ...m, delivery: 'sent' }))],
      ticketStatus: response.ticket_status,
    });
    for (const message of fresh) {
      if (message.author_type !== 'customer') dispatch(this.eventTarget, 'support-chat-message-received', { ticketId, message });
    }
    if (response.unread_count > 0 && document.visibilityState === 'visible') {
      await this.transport.markAsRead(this.credentials, ticketId);
    }
    await this.pollUnread();
  }

  private async pollUnread() {
    const { results } = await this.transport.getTickets(this.credentials, { limit: 100 });
    const unreadCount = results.reduce((sum, t) => sum + t.unread_count, 0);
    this.update({ tickets: results, unreadCount });
  }

  // ---- identity and restore ----------------------------------------------------------

  /** Remembers the visitor's name and email for the next messages. */
  async identify(traits: Traits) {
    const merged = { ...this.state.traits, ...traits };
    this.update({ traits: merged });
    await this.storage.set(KEYS.traits, merged);
    dispatch(this.eventTarget, 'support-chat-identified', { hasName: !!merged.name, hasEmail: !!merged.email });
  }

  /**
   * Continues as a verified user of the site: `hash` is hex(HMAC-SHA256(secret, distinctId)),
   * computed by the site's server. Requests then carry the identity instead of the session.
   */
  async setIdentity(distinctId: string, hash: string) {
    await this.start();
    this.identity = { distinctId, hash };
    await this.storage.set(KEYS.identity, this.identity);
    this.update({ currentTicketId: null, messages: [], tickets: [], unreadCount: 0 });
    await this.storage.delete(KEYS.ticket);
    void this.refresh();
  }

  /** Back to the anonymous browser session (for example on logout). */
  async clearIdentity() {
    await this.start();
    if (!this.identity) return;
    this.identity = undefined;
    await this.storage.delete(KEYS.identity);
    this.update({ currentTicketId: null, messages: [], tickets: [], unreadCount: 0 });
    await this.storage.delete(KEYS.ticket);
    void this.refresh();
  }

  async requestRestoreLink(email: string): Promise<void> {
    await this.transport.requestRestoreLink(email.trim().toLowerCase(), globalThis.location.href);
    dispatch(this.eventTarget, 'support-chat-restore-requested', {});
  }

  async restoreFromUrlToken(): Promise<RestoreResponse | null> {
    const url = new URL(globalThis.location.href);
    const token = url.searchParams.get(this.restoreParam);
    if (!token) return null;
    await this.start();
    const result = await this.transport.restore({ restoreToken: token, widgetSessionId: this.state.sessionId!, distinctId: this.identity?.distinctId });
    url.searchParams.delete(this.restoreParam);
    history.replaceState(history.state, '', url);
    if (result.status === 'success') {
      dispatch(this.eventTarget, 'support-chat-restored', { ticketIds: result.migrated_ticket_ids });
      void this.refresh();
    }
    return result;
  }

  /** Forgets everything stored for this widget and starts a fresh anonymous session. */
  async reset() {
    this.poller.stop();
    await this.storage.clear();
    this.starting = undefined;
    this.identity = undefined;
    this.state = { ...initialState, visible: this.state.visible };
    await this.start();
  }

  private reportError(error: unknown) {
    const chatError = toChatError(error);
    this.update({ error: chatError });
    dispatch(this.eventTarget, 'support-chat-error', chatError);
  }
}

export type { Message };
