import type { Message, Ticket, TicketStatus, Traits } from '../transport/wire-types.js';

/** Where a message the visitor wrote stands on its way to the server. */
export type Delivery = 'sent' | 'sending' | 'failed';

/** A message as the UI shows it: a server message, or one of ours still on its way. */
export interface ChatMessage extends Message {
  delivery: Delivery;
  /**
   * Set on the visitor's own messages sent from this browser: the idempotency key of the send.
   * Kept once sent (when `id` becomes the server's), so that a UI can key the message stably.
   */
  clientMessageId?: string;
  /** Why a `failed` message could not be sent (the UI says it in the visitor's language). */
  failure?: ChatError;
  /** The files of one of ours still on its way, with how far each has uploaded. */
  uploads?: ChatUpload[];
}

/** A file of an unsent message: `loaded` bytes of `size` uploaded (`size` once done). */
export interface ChatUpload {
  /** Where the file is stored until sent; `cancelAttachment()` takes it. */
  key: string;
  name: string;
  content_type: string;
  size: number;
  loaded: number;
  done: boolean;
}

export type ChatErrorKind = 'network' | 'rate_limit' | 'server' | 'invalid_response' | 'rejected' | 'storage';

/**
 * What went wrong, precisely enough for a sentence of its own. The client has no words: every
 * sentence lives in the locale tables (`errorKeys` in `src/i18n/strings.ts`).
 * - `offline`: no answer (offline, DNS, CORS, timeout); kind `network`.
 * - `rate_limited`: too many requests; kind `rate_limit`.
 * - `server_error`: a 5xx, or something unexpected; kind `server`.
 * - `invalid_response`: an answer not of the contract's shape; kind `invalid_response`.
 * - `rejected`: any other refusal (4xx); kind `rejected`.
 * - `ticket_gone`: the conversation on show was deleted or moved to another browser; kind
 *   `rejected`. It was dropped, and the visitor's unsent messages went to a new conversation;
 *   it stays until the visitor sends or picks a conversation (it is news, not a failure).
 * - `token_invalid`, `token_expired`, `token_already_used`, `migration_failed`: a restore link
 *   could not be redeemed (the backend's codes); kind `rejected`.
 * - `storage_unavailable`: the browser cannot store, the widget works in memory; kind `storage`.
 */
export type ChatErrorCode =
  | 'offline'
  | 'rate_limited'
  | 'server_error'
  | 'invalid_response'
  | 'rejected'
  | 'ticket_gone'
  | 'token_invalid'
  | 'token_expired'
  | 'token_already_used'
  | 'migration_failed'
  | 'storage_unavailable';

export interface ChatError {
  kind: ChatErrorKind;
  code: ChatErrorCode;
}

/** How news reaches the widget: a live stream (the backend has one and it is healthy), or polling. */
export type ChatChannel = 'live' | 'polling';

/** A team member typing in one of the visitor's conversations (`authorName` null: unnamed). */
export interface ChatTyping {
  ticketId: string;
  authorName: string | null;
}

/** Everything a UI needs to render, as one immutable snapshot. */
export interface ChatState {
  /** False until storage has been read and the session is known. */
  ready: boolean;
  /** Whether the panel is open. */
  open: boolean;
  sessionId: string | null;
  currentTicketId: string | null;
  ticketStatus: TicketStatus | null;
  traits: Traits;
  /** Messages of the current ticket, oldest first, our unsent ones included. */
  messages: ChatMessage[];
  tickets: Ticket[];
  /** Unread team replies over all tickets. */
  unreadCount: number;
  /** The last problem worth telling the visitor about; cleared when things work again. */
  error: ChatError | null;
  /** `live` while the stream is healthy, else `polling` (also in the tabs that only mirror the leader). */
  channel: ChatChannel;
  /** Who of the team types right now, if anyone (the latest to start; hidden after 6 s without a refresh). */
  typing: ChatTyping | null;
  /**
   * A restore link was opened in this tab and waits for the visitor's answer: a UI asks
   * whether the conversations are theirs, then calls `restoreFromUrlToken()` (yes) or
   * `discardRestoreToken()` (no). Never redeemed unasked: a link can be sent by someone else.
   */
  pendingRestore: boolean;
  /**
   * Whether this tab leads: it polls, streams and delivers for every tab of the site (the one
   * most recently in the foreground). Only the leading tab counts replies in the page's title
   * and plays the reply sound, so that one reply is announced once.
   */
  leader: boolean;
  /**
   * Text for the message box, from `showNewMessage(text)`: a UI puts it into its composer
   * when this object changes (compare by identity: the same text twice is two objects).
   * Cleared by a send or another choice of conversation. This tab only.
   */
  prefill: { text: string } | null;
}

export const initialState: ChatState = {
  ready: false,
  open: false,
  sessionId: null,
  currentTicketId: null,
  ticketStatus: null,
  traits: {},
  messages: [],
  tickets: [],
  unreadCount: 0,
  error: null,
  channel: 'polling',
  typing: null,
  pendingRestore: false,
  leader: false,
  prefill: null,
};
