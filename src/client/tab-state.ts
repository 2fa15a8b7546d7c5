import type { Message, SendMessageResponse } from '../transport/wire-types.js';
import { toChatError } from './chat-error.js';
import {
  initialState,
  type ChatChannel,
  type ChatError,
  type ChatMessage,
  type ChatState,
  type ChatTyping,
} from './chat-state.js';
import type { OutboxEntry } from './delivery/outbox.js';
import { dispatch } from './events.js';
import type { KeyValueStorage } from './storage.js';
import { persist, type Identity } from './stored-fields.js';
import { TabSync } from './tab-sync.js';
import { totalUnread } from './unread.js';

/** State every tab shares (and, for some fields, stores), plus two fields not in `ChatState`. */
export type Shared = Partial<
  Pick<ChatState, 'open' | 'sessionId' | 'currentTicketId' | 'ticketStatus' | 'traits' | 'tickets' | 'error'>
> & {
  identity?: Identity | null;
  /** Placeholder of a new ticket whose first message is still on its way, while it is on show. */
  draft?: string | null;
};

/** What one tab tells the others (`from` is its tab id). */
export type TabMessage = { from?: string } & (
  | { t: 'state'; patch: Shared }
  | { t: 'welcome'; to: string; patch: Shared }
  | { t: 'messages'; ticketId: string; messages: Message[]; news: boolean }
  | { t: 'put'; entry: OutboxEntry }
  | { t: 'drop'; id: string }
  | { t: 'sent'; entry: OutboxEntry; response: SendMessageResponse }
  | { t: 'hello' }
  | { t: 'consent' }
  | { t: 'reset'; sessionId: string }
  | { t: 'channel'; channel: ChatChannel }
  | { t: 'typing'; typing: ChatTyping; on: boolean }
);

type Kind = TabMessage['t'];
type Handler<T extends Kind> = (message: Extract<TabMessage, { t: T }>) => void;

export interface TabStateOptions {
  /** Channel and lock name: one per widget token. */
  name: string;
  storage: KeyValueStorage;
  eventTarget: EventTarget;
  describeError(error: ChatError): string;
  /** The messages to show for a ticket (or a draft): the conversation and the outbox. */
  compose(view: string | null): ChatMessage[];
  /** Another ticket, identity or session is on show: what was loaded for the old one goes. */
  moved(): void;
  /** A shared change was applied (`moved` as above). */
  changed(moved: boolean): void;
  leaderChange(leader: boolean): void;
}

/**
 * The state of this tab and what it shares with the others. Every change goes through
 * `share()`: applied here, sent to the other tabs, stored. Each part of the client handles
 * the tab messages of its own job (`on()`); this one handles the shared state itself and the
 * hello/welcome handshake that brings a new tab up to date.
 */
export class TabState {
  state: ChatState = initialState;
  identity: Identity | null = null;
  draft: string | null = null;
  /** Bumped when the ticket on show, the identity or the session changes: older answers are dropped. */
  epoch = 0;
  /** Tabs heard from: their messages are theirs to announce. */
  readonly peers = new Set<string>();
  readonly tabs: TabSync;
  readonly #handlers: Partial<Record<Kind, Array<(message: TabMessage) => void>>> = {};
  readonly #listeners = new Set<(state: ChatState) => void>();
  /**
   * Shared fields changed here or heard from another tab since this tab said hello. The
   * welcome answering that hello was written before those changes reached the leader: it
   * must not undo them (a new ticket's draft opened meanwhile would vanish from this tab).
   */
  #changedSinceHello = new Set<string>();
  #storageReported = false;

  readonly #options: TabStateOptions;
  /** Where the `support-chat-*` events go. */
  readonly eventTarget: EventTarget;
  readonly storage: KeyValueStorage;

  constructor(options: TabStateOptions) {
    this.#options = options;
    this.eventTarget = options.eventTarget;
    this.storage = options.storage;
    this.tabs = new TabSync({
      name: options.name,
      receive: (m) => this.apply(m as TabMessage),
      leaderChange: options.leaderChange,
    });
    this.on('state', ({ patch }) => this.#applyState(patch));
    this.on('welcome', (message) => {
      // Addressed to the newcomer only: the others know all this, and perhaps newer values.
      if (message.to !== this.tabs.id) return;
      const news = Object.entries(message.patch).filter(([field]) => !this.#changedSinceHello.has(field));
      this.#applyState(Object.fromEntries(news));
    });
    // The newcomer learns what the others know; the other parts add what they hold.
    this.on('hello', ({ from }) => this.post({ t: 'welcome', to: from!, patch: this.#snapshot() }));
    this.on('reset', ({ sessionId }) => {
      this.epoch++;
      this.identity = this.draft = null;
      this.#changedSinceHello = new Set(Object.keys(this.#snapshot())); // a welcome from before the reset holds nothing
      this.update({ ...initialState, ready: true, sessionId, channel: this.state.channel, leader: this.state.leader });
    });
  }

  /** The ticket on show, or the draft of one being opened. */
  get view() {
    return this.state.currentTicketId ?? this.draft;
  }

  /** Whose tickets these are: answers for someone else (identity or session changed) are dropped. */
  get who() {
    return whoOf(this.identity, this.state.sessionId);
  }

  on<T extends Kind>(kind: T, handler: Handler<T>) {
    ((this.#handlers[kind as Kind] ??= []) as Array<(message: TabMessage) => void>).push(
      handler as (message: TabMessage) => void,
    );
  }

  subscribe(listener: (state: ChatState) => void): () => void {
    this.#listeners.add(listener);
    listener(this.state);
    return () => this.#listeners.delete(listener);
  }

  /** Changes this tab's state (nothing is shared or stored) and fires the events the change implies. */
  update(patch: Partial<ChatState>) {
    const before = this.state;
    const state = (this.state = { ...before, ...patch });
    const target = this.eventTarget;
    if (before.open !== state.open) dispatch(target, 'support-chat-open-change', { open: state.open });
    if (before.unreadCount !== state.unreadCount) dispatch(target, 'support-chat-unread-change', { count: state.unreadCount });
    if (state.error && !sameError(state.error, before.error)) {
      dispatch(target, 'support-chat-error', { ...state.error, message: this.#options.describeError(state.error) });
    }
    for (const listener of this.#listeners) listener(state);
  }

  /** The messages on show again, after the conversation or the outbox changed. */
  recompose() {
    this.update({ messages: this.#options.compose(this.view) });
  }

  post(message: TabMessage) {
    this.tabs.post({ ...message, from: this.tabs.id });
  }

  /** Applies a message here and sends it to the other tabs. */
  broadcast(message: TabMessage) {
    this.apply(message);
    this.post(message);
  }

  /** Applies a change here, tells the other tabs, and stores what is stored. */
  async share(patch: Shared) {
    this.broadcast({ t: 'state', patch });
    await persist(this.storage, patch);
    this.checkStorage();
  }

  /** The one way in for a message, whether it was made here or in another tab. */
  apply(message: TabMessage) {
    if (message.from) this.peers.add(message.from);
    // Only the leader answers a hello.
    if (message.t === 'hello' && (!this.tabs.leader || !message.from)) return;
    for (const handler of this.#handlers[message.t] ?? []) handler(message);
  }

  /**
   * Things work again: the error goes, unless it is storage's (that stays true for the page's
   * life) or news the visitor has not acted on yet: `notices` clears only that (a ticket gone, a
   * restore link refused; dismissed by the visitor's next send or choice of conversation).
   */
  clearError(notices = false) {
    const { error } = this.state;
    if (error && error.kind !== 'storage' && isNotice(error) === notices) void this.share({ error: null });
  }

  reportError(error: unknown) {
    this.#report(toChatError(error));
  }

  /** Tells the visitor, once, when the browser cannot store and the widget works in memory. */
  checkStorage() {
    if (this.#storageReported || !this.storage.inMemory) return;
    this.#storageReported = true;
    this.#report({ kind: 'storage', code: 'storage_unavailable' });
  }

  #report(error: ChatError) {
    if (!sameError(error, this.state.error)) void this.share({ error });
  }

  #applyState(patch: Shared) {
    for (const field in patch) this.#changedSinceHello.add(field);
    const { identity, draft, ...fields } = patch;
    const [view, who, wasAnonymous] = [this.view, this.who, !this.identity];
    if (identity !== undefined) this.identity = identity;
    if (draft !== undefined) this.draft = draft;
    const next = { ...this.state, ...fields };
    const nextView = next.currentTicketId ?? this.draft;
    const changes: Partial<ChatState> = { ...fields };
    // A visitor who logs in is the same person: the session's tickets stay on show (see
    // `Session.setIdentity`), with no flash of an empty list.
    const loggedIn = wasAnonymous && !!identity && next.sessionId === this.state.sessionId;
    const otherWho = !loggedIn && whoOf(this.identity, next.sessionId) !== who;
    const moved = nextView !== view || otherWho;
    if (moved) {
      this.epoch++;
      this.#options.moved();
      changes.ticketStatus = fields.ticketStatus ?? null;
      if (otherWho) changes.tickets = fields.tickets ?? [];
    }
    if (changes.tickets) changes.unreadCount = totalUnread(changes.tickets);
    changes.messages = this.#options.compose(nextView);
    this.update(changes);
    this.#options.changed(moved);
  }

  #snapshot(): Shared {
    const { open, sessionId, currentTicketId, ticketStatus, traits, tickets, error } = this.state;
    return { open, sessionId, currentTicketId, ticketStatus, traits, tickets, error, identity: this.identity, draft: this.draft };
  }
}

/** What happened once, rather than a failure that ends when things work again: the next poll must not hide it. */
const isNotice = ({ code }: ChatError) => code === 'ticket_gone' || code.startsWith('token_') || code === 'migration_failed';

const sameError = (a: ChatError | null, b: ChatError | null) => a?.kind === b?.kind && a?.code === b?.code;

const whoOf = (identity: Identity | null, sessionId: string | null) => identity?.distinctId ?? sessionId;
