/**
 * The shapes of the widget API as they travel on the wire (REFERENCE-API.md).
 * They stay snake_case on purpose: the public methods return them unchanged, as the
 * seed API does, so code written against a production backend works here too.
 */

import type { AuthorType, RestoreFailureStatus, TicketStatus } from '../../contract/names.js';

export type { AuthorType, TicketStatus } from '../../contract/names.js';

export interface Traits {
  name?: string;
  email?: string;
}

/**
 * A TipTap/ProseMirror node as the server sent it. Every field is `unknown` on purpose:
 * validation only checks that `rich_content` is an object, and the renderer trusts nothing.
 */
export interface RichNode {
  type?: unknown;
  text?: unknown;
  attrs?: unknown;
  marks?: unknown;
  content?: unknown;
}

/** `rich_content`: `{type: "doc", content: [...]}`, the message's text with formatting. */
export type RichDoc = RichNode;

export interface Message {
  id: string;
  content: string;
  rich_content?: RichDoc;
  author_type: AuthorType;
  author_name: string | null;
  created_at: string;
  /**
   * Files sent with the message (the Attachments extension); absent on a plain backend. Each is
   * an `Attachment` as the server sent it, checked only where shown (`attachmentsOf()`): as for
   * `rich_content`, a broken entry never fails the answer.
   */
  attachments?: unknown[];
}

/**
 * A file on the server (REFERENCE-API.md "Attachments"): the answer to an upload, and an entry
 * of a message's `attachments`. `url` is a signed capability URL, valid for an hour or more.
 */
export interface Attachment {
  id: string;
  name: string;
  content_type: string;
  size: number;
  url: string;
}

/** The backend's rules for attachments (`capabilities.attachments`): checked before any upload. */
export interface AttachmentLimits {
  /** Largest file, in bytes. */
  max_bytes: number;
  /** Most files one message may carry. */
  max_per_message: number;
  /** The MIME types allowed, e.g. `image/png`. */
  types: string[];
}

export interface Ticket {
  id: string;
  ticket_number: number;
  status: TicketStatus;
  unread_count: number;
  last_message: string | null;
  last_message_at: string | null;
  message_count: number;
  created_at: string;
}

export interface SendMessageResponse {
  ticket_id: string;
  message_id: string;
  ticket_status: TicketStatus;
  created_at: string;
  unread_count: number;
}

export interface GetMessagesResponse {
  ticket_id: string;
  ticket_status: TicketStatus;
  messages: Message[];
  has_more: boolean;
  unread_count: number;
}

export interface MarkAsReadResponse {
  success: boolean;
  unread_count: number;
}

export interface GetTicketsResponse {
  count: number;
  results: Ticket[];
}

/**
 * What a backend says it supports beyond the production core (`GET …/capabilities`). Only
 * the flags the client reads; a backend without the endpoint has none of them.
 */
export type RestoreResponse =
  | { status: 'success'; widget_session_id: string; migrated_ticket_ids: string[] }
  | { status: RestoreFailureStatus; code: string };

/**
 * What a backend says it has beyond the production API (`GET …/capabilities`, REFERENCE-API.md).
 * Every flag may be missing: only `true` turns an extension on. A backend without the endpoint
 * (404, or any error) is a plain one: polling, no typing.
 */
export interface Capabilities {
  stream?: boolean;
  typing?: boolean;
  /** A resend with the same `client_message_id` is stored once. */
  idempotent_send?: boolean;
  rating?: boolean;
  /** `AttachmentLimits` when the backend takes uploads (read by `getAttachmentLimits()`, which checks them). */
  attachments?: unknown;
}

/** The events of the widget's live stream, by name, as their `data` arrives. */
export interface StreamEvents {
  message: { ticket_id: string; message: Message };
  ticket: { ticket_id: string; status: TicketStatus; unread_count: number };
  typing: { ticket_id: string; author_name: string | null; typing: boolean };
  reset: { reason: string };
}
