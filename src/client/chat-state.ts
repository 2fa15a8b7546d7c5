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
  /** Why a `failed` message could not be sent, in plain words. */
  failure?: string;
}

export type ChatErrorKind = 'network' | 'rate_limit' | 'server' | 'invalid_response' | 'rejected' | 'storage';

export interface ChatError {
  kind: ChatErrorKind;
  message: string;
}

/** Everything a UI needs to render, as one immutable snapshot. */
export interface ChatState {
  /** False until storage has been read and the session is known. */
  ready: boolean;
  /** Whether the widget is rendered at all (`show()` / `hide()`). */
  visible: boolean;
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
}

export const initialState: ChatState = {
  ready: false,
  visible: true,
  open: false,
  sessionId: null,
  currentTicketId: null,
  ticketStatus: null,
  traits: {},
  messages: [],
  tickets: [],
  unreadCount: 0,
  error: null,
};
