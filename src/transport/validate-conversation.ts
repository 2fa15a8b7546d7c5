import { AUTHOR_TYPES, RESTORE_CODES, RESTORE_FAILURE_STATUSES } from '../../contract/names.js';
import {
  array,
  boolean,
  count,
  fail,
  id,
  isObject,
  nullableString,
  object,
  oneOf,
  status,
  string,
  time,
  type Guard,
} from './guards.js';
import type {
  GetMessagesResponse,
  MarkAsReadResponse,
  Message,
  RestoreResponse,
  RichDoc,
  SendMessageResponse,
  StreamEvents,
} from './wire-types.js';

/**
 * The checks of the conversation's answers (see validate.ts for why every answer is checked):
 * messages, sends, reads, restores and the live stream's events. In the conversation file,
 * with the requests that get them (http-conversation-requests.ts).
 */

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

/** `{ok: true}`: the answer of requests that return nothing else (restore request, typing, rating). */
export const okResponse: Guard<{ ok: true }> = (v, p) => (object(v, p).ok === true ? { ok: true } : fail(`${p}.ok`, 'true'));

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
