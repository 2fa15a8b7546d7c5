import type {
  Capabilities,
  GetMessagesResponse,
  GetTicketsResponse,
  MarkAsReadResponse,
  RestoreResponse,
  SendMessageResponse,
  Traits,
} from './wire-types.js';

/** Who is asking: an anonymous browser session, or a verified identity. Never both. */
export type Credentials =
  | { widgetSessionId: string }
  | { identityDistinctId: string; identityHash: string };

export interface SendMessageRequest {
  message: string;
  ticketId: string | null;
  traits?: Traits;
  distinctId?: string;
  /** Makes the send idempotent: the server stores one message per id. */
  clientMessageId?: string;
  currentUrl?: string;
}

export interface GetMessagesRequest {
  ticketId: string;
  /** ISO time; only messages strictly newer are returned. */
  after?: string;
  limit?: number;
}

export interface GetTicketsRequest {
  status?: string;
  limit?: number;
  offset?: number;
}

export interface RestoreRequest {
  restoreToken: string;
  widgetSessionId: string;
  distinctId?: string;
}

/**
 * Everything the headless client needs from a backend. The HTTP transport speaks
 * REFERENCE-API.md; any other backend plugs in by implementing this interface.
 * Implementations reject with a `TransportError`.
 */
export interface Transport {
  sendMessage(credentials: Credentials, request: SendMessageRequest): Promise<SendMessageResponse>;
  getMessages(credentials: Credentials, request: GetMessagesRequest): Promise<GetMessagesResponse>;
  markAsRead(credentials: Credentials, ticketId: string): Promise<MarkAsReadResponse>;
  getTickets(credentials: Credentials, request: GetTicketsRequest): Promise<GetTicketsResponse>;
  requestRestoreLink(email: string, requestUrl: string): Promise<void>;
  restore(request: RestoreRequest): Promise<RestoreResponse>;
  /**
   * Optional: the backend's extensions. Without this member, or when it rejects, the client
   * treats the backend as a plain production one (no idempotent sends, and so on).
   */
  getCapabilities?(): Promise<Capabilities>;
}
