import type {
  Attachment,
  Capabilities,
  GetMessagesResponse,
  GetTicketsResponse,
  MarkAsReadResponse,
  RestoreResponse,
  SendMessageResponse,
  StreamEvents,
  Traits,
} from './wire-types.js';

/**
 * Who is asking: an anonymous browser session, or a verified identity. A verified identity
 * may carry the browser's session id too: a backend that links (the reference server) then
 * gives the session's anonymous tickets to the identity, so a visitor who logs in keeps them.
 * `distinctId`: the site's id of the visitor, sent as `distinct_id` with every request.
 */
export type Credentials = (
  { widgetSessionId: string } | { identityDistinctId: string; identityHash: string; widgetSessionId?: string }
) & { distinctId?: string };

export interface SendMessageRequest {
  message: string;
  ticketId: string | null;
  traits?: Traits;
  distinctId?: string;
  /** Makes the send idempotent: the server stores one message per id. */
  clientMessageId?: string;
  currentUrl?: string;
  /** Files uploaded before (`uploadAttachment`), each attached once; `message` may then be empty. */
  attachmentIds?: string[];
}

export interface UploadOptions {
  /** Aborting it stops the upload: the promise rejects with a `DOMException` named `AbortError`. */
  signal?: AbortSignal;
  /** Bytes sent so far, of `total`, as the upload goes. */
  onProgress?(loaded: number, total: number): void;
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

/** What a live stream tells its opener. Events come in order, each checked, with its `id`. */
export interface LiveStreamListener {
  /** Connected: events follow. */
  open(): void;
  event<K extends keyof StreamEvents>(name: K, data: StreamEvents[K], id: string): void;
  /**
   * The connection failed or was lost; the stream is closed and the caller decides when to
   * open another. `refused`: the server answered with an error (bad credentials, too many
   * streams, no such endpoint) rather than the connection dropping.
   */
  error(refused: boolean): void;
}

/** An open live stream: closing it stops its events. */
export interface LiveStream {
  close(): void;
}

export interface OpenStreamRequest {
  /** Resume after this event id (the server replays what was missed, or starts with `reset`). */
  lastEventId?: string;
}

export interface TypingRequest {
  ticketId: string;
  typing: boolean;
}

/** A CSAT rating of a resolved ticket: a whole `score` of 1..5 and an optional comment (≤ 1000). */
export interface RateRequest {
  ticketId: string;
  score: number;
  comment?: string;
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
  // Optional extensions: a transport without them is a plain backend, and the client polls.
  /** What the backend supports beyond the production API; rejects when it says nothing. */
  getCapabilities?(): Promise<Capabilities>;
  /** Opens the live stream of the visitor's tickets (used only when capabilities say `stream`). */
  openStream?(credentials: Credentials, request: OpenStreamRequest, listener: LiveStreamListener): LiveStream;
  /** Tells the team that the visitor types, or stopped (used only when capabilities say `typing`). */
  sendTyping?(credentials: Credentials, request: TypingRequest): Promise<void>;
  /**
   * Rates a resolved ticket (used only when capabilities say `rating`). Rejects with status 409
   * when this resolution was already rated, 400 when the ticket is not resolved.
   */
  rate?(credentials: Credentials, request: RateRequest): Promise<void>;
  /** Uploads a file to attach to a message next (used only when capabilities say `attachments`). */
  uploadAttachment?(file: File, credentials: Credentials, options?: UploadOptions): Promise<Attachment>;
}
