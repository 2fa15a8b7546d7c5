import { ATTACHMENT_TYPES } from '../../contract/attachments.js';
import { AUTHOR_TYPES, CHANNELS, PRIORITIES, TICKET_STATUSES } from '../../contract/names.js';
import { EVENT_NAMES, emptyData, type StoreData } from '../store.js';
import { checkSettings } from './settings-shape.js';
import {
  assignee,
  boolean,
  checkList,
  count,
  fail,
  nullableString,
  object,
  oneOf,
  record,
  string,
  stringArray,
  type Check,
} from './shape-checks.js';

export { checkList, ShapeError } from './shape-checks.js';

/*
 * Checks that saved state (a `--data` file, a journal line) has the shape the store works
 * on, and says where it does not: `tickets[3].status must be one of new, open, … (it is
 * "closed")`. Without it a wrong file starts fine and fails later, request by request, as
 * 500s far from the cause.
 */

/** A field that older saves lack: absent is fine, present must pass `check`. */
export const optional =
  (check: Check): Check =>
  (v, p) =>
    void (v === undefined || check(v, p));

const rating: Check = (v, p) => {
  if (v === null) return;
  record({ score: count(1), comment: nullableString, created_at: string })(v, p);
  if ((v as { score: number }).score > 5) fail(`${p}.score`, 'a whole number from 1 to 5', (v as { score: number }).score);
};

export const checkTicket = record({
  id: string,
  ticket_number: count(1),
  status: oneOf(TICKET_STATUSES),
  priority: oneOf(PRIORITIES),
  assignee,
  tags: stringArray,
  snoozed_until: nullableString,
  channel_source: oneOf(CHANNELS),
  session_id: nullableString,
  identity_id: nullableString,
  distinct_id: nullableString,
  traits: object,
  session_context: object,
  unread_team_count: count(0),
  created_at: string,
  updated_at: string,
  subject: optional(nullableString),
  metadata: optional(object),
  resolved_at: optional(nullableString),
  rating: optional(rating),
});

export const checkMessage = record({
  id: string,
  ticket_id: string,
  content: string,
  author_type: oneOf(AUTHOR_TYPES),
  author_name: nullableString,
  is_private: boolean,
  read_by_customer: boolean,
  client_message_id: nullableString,
  created_at: string,
  rich_content: optional(object),
  attachment_ids: optional(stringArray),
});

export const checkAttachment = record({
  id: string,
  name: string,
  content_type: oneOf(ATTACHMENT_TYPES),
  size: count(1),
  uploader: string,
  message_id: nullableString,
  ticket_id: nullableString,
  created_at: string,
});

export const checkEvent = record({ id: string, event: oneOf(EVENT_NAMES), timestamp: string, properties: object });

export const checkRestoreToken = record({
  id: string,
  token_hash: string,
  email: string,
  created_at: string,
  expires_at: string,
  consumed_at: nullableString,
  consumed_by_session_id: nullableString,
});

export const checkMail = record({ to: string, subject: string, text: string, link: string, sent_at: string });

/** Saved state, checked; fields an older save lacks take their empty values. Throws `ShapeError`. */
export function checkData(value: unknown): StoreData {
  object(value, 'the top level');
  const v = value as Record<string, unknown>;
  checkList(v.tickets, 'tickets', checkTicket);
  checkList(v.messages, 'messages', checkMessage);
  checkList(v.events, 'events', checkEvent);
  checkList(v.restoreTokens, 'restoreTokens', checkRestoreToken);
  checkList(v.mailbox, 'mailbox', checkMail);
  checkList(v.attachments, 'attachments', checkAttachment);
  if (v.attachmentSecret !== undefined) string(v.attachmentSecret, 'attachmentSecret');
  checkSettings(v);
  if (v.nextTicketNumber !== undefined) count(1)(v.nextTicketNumber, 'nextTicketNumber');
  if (v.lastTimestamp !== undefined) count(0)(v.lastTimestamp, 'lastTimestamp');
  return { ...emptyData(), ...(v as Partial<StoreData>) };
}
