import type { GetTicketsRequest } from '../transport/transport.js';
import type {
  GetMessagesResponse,
  GetTicketsResponse,
  MarkAsReadResponse,
  RestoreResponse,
  SendMessageResponse,
  Traits,
} from '../transport/wire-types.js';
import type { ChatState } from './chat-state.js';

/**
 * The operations of the widget: `SupportChatClient` implements them, and `<support-chat>`
 * has every one of them, delegated to its client. One list, so the two cannot drift apart.
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
  /** Sends a message as the visitor; creates a ticket if there is none (or with `newTicket`). */
  sendMessage(message: string, traits?: Traits, newTicket?: boolean): Promise<SendMessageResponse | null>;
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
  /** Emails the visitor a link that restores their conversations in another browser. */
  requestRestoreLink(email: string): Promise<void>;
  /** Redeems a restore token found in the page URL (done on start). */
  restoreFromUrlToken(): Promise<RestoreResponse | null>;
  /** Remembers the visitor's name and email for the next messages. */
  identify(traits: Traits): Promise<void>;
  /** Continues as a verified user: `hash` is hex(HMAC-SHA256(secret, distinctId)) from the site's server. */
  setIdentity(distinctId: string, hash: string): Promise<void>;
  /** Back to the anonymous browser session. */
  clearIdentity(): Promise<void>;
  /** Forgets everything stored and starts a fresh anonymous session, in every tab. */
  reset(): Promise<void>;
}

/** The names of `SupportChatApi`: the compiler checks that the record names each one, and no other. */
export const supportChatApi = Object.keys({
  isAvailable: 1, openPanel: 1, closePanel: 1, toggle: 1, sendMessage: 1, retryMessage: 1, discardMessage: 1,
  getMessages: 1, markAsRead: 1, getTickets: 1, selectTicket: 1, refresh: 1, getCurrentTicketId: 1,
  getWidgetSessionId: 1, getState: 1, subscribe: 1, requestRestoreLink: 1, restoreFromUrlToken: 1, identify: 1,
  setIdentity: 1, clearIdentity: 1, reset: 1,
} satisfies Record<keyof SupportChatApi, 1>) as Array<keyof SupportChatApi>;
