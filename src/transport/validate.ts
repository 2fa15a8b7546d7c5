import { AUTHOR_TYPES, RESTORE_CODES, RESTORE_FAILURE_STATUSES, TICKET_STATUSES } from '../../contract/names.js';
import type {
  Capabilities,
  GetMessagesResponse,
  GetTicketsResponse,
  MarkAsReadResponse,
  Message,
  RestoreResponse,
  RichDoc,
  SendMessageResponse,
  StreamEvents,
  Ticket,
} from './wire-types.js';

/**
 * Checks that an answer has the shape the contract promises before anything trusts it.
 * A hostile or broken backend must produce a typed error, never a corrupted state, so
 * every field the client reads is checked here. Each guard returns the value or throws
 * a plain Error naming what is wrong; the transport turns that into `invalid_response`.
 */

type Guard<T> = (value: unknown, path: string) => T;

const fail = (path: string, expected: string): never => {
  throw new Error(`${path} should be ${expected}`);
};

const string: Guard<string> = (v, p) => (typeof v === 'string' ? v : fail(p, 'a string'));
/** An id the client keys state by: a non-empty string of sane length. */
const id: Guard<string> = (v, p) => (typeof v === 'string' && v && v.length <= 200 ? v : fail(p, 'an id'));
/** Times drive the `after` cursor, so an unparseable one would stall or repeat polling. */
const time: Guard<string> = (v, p) => (typeof v === 'string' && !Number.isNaN(Date.parse(v)) ? v : fail(p, 'an ISO time'));
const nullableTime: Guard<string | null> = (v, p) => (v == null ? null : time(v, p));
const nullableString: Guard<string | null> = (v, p) => (v == null ? null : string(v, p));
const count: Guard<number> = (v, p) =>
  Number.isInteger(v) && (v as number) >= 0 ? (v as number) : fail(p, 'a whole number ≥ 0');
const boolean: Guard<boolean> = (v, p) => (typeof v === 'boolean' ? v : fail(p, 'a boolean'));
const oneOf =
  <T extends string>(...allowed: T[]): Guard<T> =>
  (v, p) =>
    allowed.includes(v as T) ? (v as T) : fail(p, `one of ${allowed.join(', ')}`);
const array =
  <T>(item: Guard<T>): Guard<T[]> =>
  (v, p) =>
    Array.isArray(v) ? v.map((x, i) => item(x, `${p}[${i}]`)) : fail(p, 'an array');
const object = (v: unknown, p: string): Record<string, unknown> =>
  v !== null && typeof v === 'object' && !Array.isArray(v) ? (v as Record<string, unknown>) : fail(p, 'an object');

const status = oneOf(...TICKET_STATUSES);

const isObject = (v: unknown): v is Record<string, unknown> => v !== null && typeof v === 'object' && !Array.isArray(v);

/** The contract says "treat any other value as the team", so no author type fails an answer. */
const authorType = (v: unknown): Message['author_type'] =>
  (AUTHOR_TYPES as readonly unknown[]).includes(v) ? (v as Message['author_type']) : 'support';

export const message: Guard<Message> = (v, p) => {
  const o = object(v, p);
  return {
    id: id(o.id, `${p}.id`),
    content: string(o.content, `${p}.content`),
    // Formatting is optional: a doc that is not even an object is dropped, never fatal; the
    // renderer checks the rest, as `content` always carries the same text.
    ...(isObject(o.rich_content) && { rich_content: o.rich_content as RichDoc }),
    author_type: authorType(o.author_type),
    author_name: nullableString(o.author_name, `${p}.author_name`),
    created_at: time(o.created_at, `${p}.created_at`),
    // Checked where they are shown (validate-attachments.ts, with the panel): a page pays for that only then.
    ...(Array.isArray(o.attachments) && { attachments: o.attachments as unknown[] }),
  };
};

const ticket: Guard<Ticket> = (v, p) => {
  const o = object(v, p);
  return {
    id: id(o.id, `${p}.id`),
    ticket_number: count(o.ticket_number, `${p}.ticket_number`),
    status: status(o.status, `${p}.status`),
    unread_count: count(o.unread_count, `${p}.unread_count`),
    last_message: nullableString(o.last_message, `${p}.last_message`),
    last_message_at: nullableTime(o.last_message_at, `${p}.last_message_at`),
    message_count: count(o.message_count, `${p}.message_count`),
    created_at: time(o.created_at, `${p}.created_at`),
  };
};

export const sendMessageResponse: Guard<SendMessageResponse> = (v, p) => {
  const o = object(v, p);
  return {
    ticket_id: id(o.ticket_id, `${p}.ticket_id`),
    message_id: id(o.message_id, `${p}.message_id`),
    ticket_status: status(o.ticket_status, `${p}.ticket_status`),
    created_at: time(o.created_at, `${p}.created_at`),
    unread_count: count(o.unread_count, `${p}.unread_count`),
  };
};

export const getMessagesResponse: Guard<GetMessagesResponse> = (v, p) => {
  const o = object(v, p);
  return {
    ticket_id: id(o.ticket_id, `${p}.ticket_id`),
    ticket_status: status(o.ticket_status, `${p}.ticket_status`),
    messages: array(message)(o.messages, `${p}.messages`),
    has_more: boolean(o.has_more, `${p}.has_more`),
    unread_count: count(o.unread_count, `${p}.unread_count`),
  };
};

export const markAsReadResponse: Guard<MarkAsReadResponse> = (v, p) => {
  const o = object(v, p);
  return { success: boolean(o.success, `${p}.success`), unread_count: count(o.unread_count, `${p}.unread_count`) };
};

/** `{ok: true}`: the answer of requests that return nothing else (restore request, typing). */
export const restoreRequestResponse: Guard<{ ok: true }> = (v, p) =>
  object(v, p).ok === true ? { ok: true } : fail(`${p}.ok`, 'true');

export const getTicketsResponse: Guard<GetTicketsResponse> = (v, p) => {
  const o = object(v, p);
  return { count: count(o.count, `${p}.count`), results: array(ticket)(o.results, `${p}.results`) };
};

export const restoreResponse: Guard<RestoreResponse> = (v, p) => {
  const o = object(v, p);
  if (o.status === 'success') {
    return {
      status: 'success',
      widget_session_id: id(o.widget_session_id, `${p}.widget_session_id`),
      // A production backend leaves out empty keys: no ids means none moved, not a broken answer.
      migrated_ticket_ids: o.migrated_ticket_ids == null ? [] : array(id)(o.migrated_ticket_ids, `${p}.migrated_ticket_ids`),
    };
  }
  // A failed migration is a failure whatever status word comes with it (the link itself was fine,
  // so `invalid` is only the fallback for the sentence; the code says what happened).
  const migrationFailed = o.code === RESTORE_CODES.migrationFailed;
  return {
    status:
      migrationFailed && !(RESTORE_FAILURE_STATUSES as readonly unknown[]).includes(o.status)
        ? 'invalid'
        : oneOf(...RESTORE_FAILURE_STATUSES)(o.status, `${p}.status`),
    code: string(o.code ?? o.status, `${p}.code`),
  };
};

/** Only a `true` flag turns an extension on: anything else in an answer means "not here". */
export const capabilities: Guard<Capabilities> = (v, p) => {
  const o = object(v, p);
  return {
    stream: o.stream === true,
    typing: o.typing === true,
    idempotent_send: o.idempotent_send === true,
    rating: o.rating === true,
    attachments: o.attachments,
  };
};

/** The live stream's events: each `data` checked as strictly as a polled answer. */
export const streamEvents: { [K in keyof StreamEvents]: Guard<StreamEvents[K]> } = {
  message: (v, p) => {
    const o = object(v, p);
    return { ticket_id: id(o.ticket_id, `${p}.ticket_id`), message: message(o.message, `${p}.message`) };
  },
  ticket: (v, p) => {
    const o = object(v, p);
    return {
      ticket_id: id(o.ticket_id, `${p}.ticket_id`),
      status: status(o.status, `${p}.status`),
      unread_count: count(o.unread_count, `${p}.unread_count`),
    };
  },
  typing: (v, p) => {
    const o = object(v, p);
    return {
      ticket_id: id(o.ticket_id, `${p}.ticket_id`),
      author_name: nullableString(o.author_name, `${p}.author_name`),
      typing: boolean(o.typing, `${p}.typing`),
    };
  },
  reset: (v, p) => ({ reason: String(object(v, p).reason ?? '') }),
};

export type { Guard };
