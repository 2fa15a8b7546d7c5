import type {
  AuthorType,
  ChannelSource,
  Priority,
  RestoreCode,
  RestoreFailureStatus,
  TicketStatus,
} from '../../contract/names.js';
import type { StoredAutomation, StoredCannedResponse, StoredDelivery, StoredSavedView, StoredWebhook } from './settings.js';

/**
 * The shape of the reference server's state. `StoreData` is plain JSON on purpose, so that it
 * can be saved (`--data FILE`, or localStorage in the browser) and loaded back; the indexes
 * and rate-limit logs beside it are rebuilt or start empty. The names in it (statuses,
 * priorities, channels, author types) are the wire contract's, from contract/names.ts.
 */

export * from './settings.js';
export type { AuthorType, ChannelSource, Priority, TicketStatus } from '../../contract/names.js';
export type Traits = Record<string, string | null>;
export type SessionContext = Record<string, string | number | boolean | null>;

export interface Assignee {
  type: 'user' | 'role';
  id: string;
}

/** Who is asking on the widget API: an anonymous browser session, or a verified identity. */
export type Owner = { kind: 'session'; id: string } | { kind: 'identity'; id: string };

export interface StoredTicket {
  id: string;
  ticket_number: number;
  status: TicketStatus;
  priority: Priority;
  assignee: Assignee | null;
  tags: string[];
  snoozed_until: string | null;
  channel_source: ChannelSource;
  /** Access: the anonymous browser session that owns it (a restore moves it)... */
  session_id: string | null;
  /** ...and/or the verified identity that owns it. */
  identity_id: string | null;
  /** Person linking only, never access control (an email-like id is guessable). */
  distinct_id: string | null;
  /** What the customer told us (`name`, `email`, ...), already cut to size. */
  traits: Traits;
  session_context: SessionContext;
  /** Customer messages the team has not opened yet. */
  unread_team_count: number;
  created_at: string;
  updated_at: string;
  /** Team-made tickets (seed 004): a subject and free-form metadata. Older saves lack them. */
  subject?: string | null;
  metadata?: Record<string, unknown>;
  /** When it was last resolved: a rating belongs to one resolution. */
  resolved_at?: string | null;
  /** The customer's latest rating (CSAT), or none yet. */
  rating?: Rating | null;
}

/** A customer's rating of a resolved ticket. */
export interface Rating {
  score: number;
  comment: string | null;
  created_at: string;
}

/** A TipTap/ProseMirror document (`{type: "doc", content: [...]}`), checked for shape and size only. */
export type RichDoc = Record<string, unknown>;

export interface StoredMessage {
  id: string;
  ticket_id: string;
  content: string;
  author_type: AuthorType;
  author_name: string | null;
  is_private: boolean;
  /** Team/AI messages only: whether the customer has marked it read. */
  read_by_customer: boolean;
  client_message_id: string | null;
  created_at: string;
  /** The same text with formatting; absent when the author sent plain text. */
  rich_content?: RichDoc;
  /** Its attachments' ids, in the order sent; absent when it has none. */
  attachment_ids?: string[];
}

/**
 * An uploaded file's record (the bytes are in the store's `BlobStore`, under `id`, never
 * under the name). A customer's upload belongs to the caller that made it until a message
 * of theirs takes it; a team upload belongs to one ticket until a reply or note takes it.
 */
export interface StoredAttachment {
  id: string;
  /** Cleaned (contract/attachments.ts `cleanAttachmentName`): shown, never used as a path. */
  name: string;
  content_type: string;
  size: number;
  /** Who may attach it: a widget caller (`session:<id>`, `identity:<id>`) or `team:<ticket id>`. */
  uploader: string;
  /** The message that took it, or null while it waits to be sent. */
  message_id: string | null;
  /** The ticket of that message (team uploads: from the start). */
  ticket_id: string | null;
  created_at: string;
}

export const EVENT_NAMES = [
  '$conversation_ticket_created',
  '$conversation_ticket_status_changed',
  '$conversation_ticket_priority_changed',
  '$conversation_ticket_assigned',
  '$conversation_message_sent',
  '$conversation_message_received',
  '$conversation_ticket_rated',
] as const;
export type EventName = (typeof EVENT_NAMES)[number];

export interface StoredEvent {
  id: string;
  event: EventName;
  timestamp: string;
  properties: Record<string, unknown>;
}

export interface StoredRestoreToken {
  id: string;
  /** SHA-256 of the token: the token itself only ever exists in the email. */
  token_hash: string;
  /** Normalised (trimmed, lower-case). */
  email: string;
  created_at: string;
  expires_at: string;
  consumed_at: string | null;
  consumed_by_session_id: string | null;
}

export interface MailboxEntry {
  to: string;
  subject: string;
  text: string;
  link: string;
  sent_at: string;
}

export interface StoreData {
  tickets: StoredTicket[];
  messages: StoredMessage[];
  events: StoredEvent[];
  restoreTokens: StoredRestoreToken[];
  mailbox: MailboxEntry[];
  nextTicketNumber: number;
  lastTimestamp: number;
  /**
   * The live streams' id epoch (see live/event-ids.ts): saved with the data so that event
   * ids keep increasing across a restart, and a browser's old Last-Event-ID is never
   * mistaken for a new event's.
   */
  streamEpoch: number;
  /** The team's settings: saved views, canned responses, webhooks (and their log), automations. */
  savedViews: StoredSavedView[];
  cannedResponses: StoredCannedResponse[];
  webhooks: StoredWebhook[];
  webhookDeliveries: StoredDelivery[];
  automations: StoredAutomation[];
  /** Uploaded files' records (the bytes are beside the data, see store/blobs.ts). */
  attachments: StoredAttachment[];
  /**
   * The key that signs attachment URLs: saved with the data so that a URL handed out stays
   * good across a restart and in every tab of the browser runtime (which share the data).
   */
  attachmentSecret: string;
}

/** 32 random bytes as hex: a new store's attachment-signing key. */
export const newSecret = () =>
  Array.from(crypto.getRandomValues(new Uint8Array(32)), (b) => b.toString(16).padStart(2, '0')).join('');

export const emptyData = (): StoreData => ({
  tickets: [],
  messages: [],
  events: [],
  restoreTokens: [],
  mailbox: [],
  nextTicketNumber: 1,
  lastTimestamp: 0,
  streamEpoch: 0,
  savedViews: [],
  cannedResponses: [],
  webhooks: [],
  webhookDeliveries: [],
  automations: [],
  attachments: [],
  attachmentSecret: newSecret(),
});

/** The team's editable fields of a ticket; absent ones stay as they are. */
export interface TicketChanges {
  status?: TicketStatus;
  priority?: Priority;
  assignee?: Assignee | null;
  tags?: string[];
  snoozed_until?: string | null;
}

/** Faults injected through `/api/_dev/chaos`; they touch only the widget API. */
export interface Chaos {
  latency_ms?: number;
  /** 0..1: share of widget requests answered with `error_status`. */
  error_rate?: number;
  error_status?: number;
  /** Every widget request fails as a network error. */
  offline?: boolean;
  /**
   * 0..1: share of widget requests served in full (a send is stored) whose answer is then
   * lost, as when a connection drops after the server did its work: what makes resends duplicate.
   */
  drop_after_store_rate?: number;
}

export type RestoreResult =
  | { status: 'success'; widget_session_id: string; migrated_ticket_ids: string[] }
  | { status: RestoreFailureStatus; code: RestoreCode };

/** The saved form of the state: what persistence writes and reads back. */
export const serialise = (data: StoreData): string => JSON.stringify(data);

/**
 * Saved state back into `StoreData`; fields a older save lacks take their empty values.
 * Throws a `SyntaxError` or `TypeError` for text that is not a saved state.
 */
export function deserialise(text: string): StoreData {
  const parsed: unknown = JSON.parse(text);
  if (parsed === null || typeof parsed !== 'object' || Array.isArray(parsed)) throw new TypeError('not a JSON object');
  return { ...emptyData(), ...(parsed as Partial<StoreData>) };
}
