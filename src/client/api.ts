import type { GetTicketsRequest } from '../transport/transport.js';
import type { FileCheck } from './attachments/attachment-rules.js';
import type {
  AttachmentLimits,
  GetMessagesResponse,
  GetTicketsResponse,
  MarkAsReadResponse,
  RestoreResponse,
  SendMessageResponse,
  Traits,
} from '../transport/wire-types.js';
import type { ChatState } from './chat-state.js';
import type { RatingOffer } from './rating-slot.js';

/**
 * The operations of the widget: `SupportChatClient` implements them, and `<support-chat>`
 * has every one of them, delegated to its client (see `components/support-chat/delegate.ts`).
 * One list, so the two cannot drift apart.
 */
export interface SupportChatApi {
  /** True once the stored session is loaded. */
  isAvailable(): boolean;
  /** Opens the panel (in every tab). */
  openPanel(): void;
  /** Closes the panel. */
  closePanel(): void;
  /** Opens the panel if closed, closes it if open. */
  toggle(): void;
  /**
   * Sends a message as the visitor, creating a ticket when there is none (or with `newTicket`).
   * It shows at once as `sending`, is stored in the outbox before any request, and is retried
   * until the server has it exactly once. Resolves with the server's answer; rejects (and the
   * message shows as `failed`) if the server refuses it; resolves `null` if it is discarded.
   * With `files` (only when `getAttachmentLimits()` has limits) the text may be empty; the files
   * are stored, uploaded and attached once, and a file the limits refuse rejects at once.
   */
  sendMessage(
    message: string,
    traits?: Traits,
    newTicket?: boolean,
    files?: readonly File[],
  ): Promise<SendMessageResponse | null>;
  /** What the backend takes as attachments (from its capabilities), or null: no attachments. */
  getAttachmentLimits(): Promise<AttachmentLimits | null>;
  /** Sorts files into those the backend would take with one message and those refused (with why), counting `already` chosen. */
  checkAttachments<F extends File>(files: Iterable<F>, already?: number): Promise<FileCheck<F>>;
  /** Takes a file (a `key` of a message's `uploads`) off a message on its way, stopping its upload. */
  cancelAttachment(clientMessageId: string, key: string): Promise<void>;
  /**
   * Tells the team whether the visitor is typing (call it with `true` on every keystroke:
   * it is throttled to one request every 3 s, and turns `false` by itself after 5 s without
   * one). Only when the backend advertises `typing`, never before consent; never the text.
   */
  setTyping(typing: boolean): void;
  /**
   * Whether the resolved conversation on show may be rated (`open`), was rated (`rated`), or
   * neither (`none`: not resolved, no `rating` capability, or the panel file with the rating's
   * code not loaded yet).
   */
  ratingOffer(): Promise<RatingOffer>;
  /**
   * Rates the resolved conversation on show, once per resolution: a whole `score` of 1..5 and an
   * optional `comment` (at most 1000 characters); else a `RangeError` and no request. Fires
   * `support-chat-rated`.
   */
  rate(score: number, comment?: string): Promise<void>;
  /** Sends a failed message again, with the same idempotency key. */
  retryMessage(clientMessageId: string): Promise<SendMessageResponse | null>;
  /** Gives up on a message that has not been sent: it leaves the conversation. */
  discardMessage(clientMessageId: string): Promise<void>;
  /** Messages of a ticket (default: the current one), optionally only after an ISO time. */
  getMessages(ticketId?: string, after?: string): Promise<GetMessagesResponse | null>;
  /** Marks a ticket's replies as read (default: the current ticket). */
  markAsRead(ticketId?: string): Promise<MarkAsReadResponse | null>;
  /** The visitor's tickets, newest first; without options it also refreshes `state.tickets`. */
  getTickets(options?: GetTicketsRequest): Promise<GetTicketsResponse | null>;
  /** Shows another conversation, or `null` for none (the next message starts a new ticket). */
  selectTicket(ticketId: string | null): Promise<void>;
  /**
   * Opens the panel on a new conversation (the next message starts a new ticket) with `text`
   * in the message box, e.g. `showNewMessage('I have a question about my order')`. A headless
   * UI reads the text from `state.prefill`.
   */
  showNewMessage(text?: string): Promise<void>;
  /** Polls at once, outside the schedule. */
  refresh(): Promise<void>;
  /** The conversation on show, or null. */
  getCurrentTicketId(): string | null;
  /** This browser's persistent session id. */
  getWidgetSessionId(): string | null;
  /** The current state: one immutable snapshot. */
  getState(): ChatState;
  /** Calls `listener` now and after every change; returns the unsubscribe function. */
  subscribe(listener: (state: ChatState) => void): () => void;
  /**
   * Emails the visitor a link that restores their conversations in another browser. Throws
   * `RangeError` for something that is not an email address, `TransportError` when the
   * request fails (`rate_limit` with `retryAfter` after too many).
   */
  requestRestoreLink(email: string): Promise<void>;
  /**
   * Redeems the restore link opened in this tab: the tickets move here. `start()` only takes
   * the token out of the address bar and sets `state.pendingRestore`; a link can be sent by
   * someone else (to plant their conversation), so call this when the visitor confirms the
   * link is theirs. Resolves `null` when no link is waiting.
   */
  restoreFromUrlToken(): Promise<RestoreResponse | null>;
  /** Drops the waiting restore link unredeemed (the visitor said it is not theirs); `state.pendingRestore` turns false. */
  discardRestoreToken(): void;
  /** Remembers the visitor's name and email for the next messages. */
  identify(traits: Traits): Promise<void>;
  /**
   * Continues as a verified user: `hash` is hex(HMAC-SHA256(secret, distinctId)) from the site's
   * server. A visitor who wrote anonymously keeps those conversations (listed, open, writable).
   */
  setIdentity(distinctId: string, hash: string): Promise<void>;
  /** Logs out: a fresh anonymous session (new session id) that sees none of the identity's conversations. */
  clearIdentity(): Promise<void>;
  /** Forgets everything stored (outbox included) and starts a fresh anonymous session, in every tab. */
  reset(): Promise<void>;
}
