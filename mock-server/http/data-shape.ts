import { AUTHOR_TYPES, CHANNELS, PRIORITIES, TICKET_STATUSES } from '../../contract/names.js';
import { EVENT_NAMES, emptyData, type StoreData } from '../store.js';

/**
 * Checks that saved state (a `--data` file, a journal line) has the shape the store works
 * on, and says where it does not: `tickets[3].status must be one of new, open, … (it is
 * "closed")`. Without it a wrong file starts fine and fails later, request by request, as
 * 500s far from the cause.
 */
export class ShapeError extends Error {}

type Check = (value: unknown, path: string) => void;

const describe = (value: unknown) => (value === undefined ? 'missing' : `it is ${JSON.stringify(value)?.slice(0, 60)}`);
const fail = (path: string, expected: string, value: unknown): never => {
  throw new ShapeError(`${path} must be ${expected} (${describe(value)})`);
};

const string: Check = (v, p) => void (typeof v === 'string' || fail(p, 'a string', v));
const nullableString: Check = (v, p) => void (v === null || typeof v === 'string' || fail(p, 'a string or null', v));
const boolean: Check = (v, p) => void (typeof v === 'boolean' || fail(p, 'true or false', v));
const count =
  (min: number): Check =>
  (v, p) =>
    void ((Number.isInteger(v) && (v as number) >= min) || fail(p, `a whole number from ${min}`, v));
const oneOf =
  (allowed: readonly string[]): Check =>
  (v, p) =>
    void (allowed.includes(v as string) || fail(p, `one of ${allowed.join(', ')}`, v));
const object: Check = (v, p) => void ((v !== null && typeof v === 'object' && !Array.isArray(v)) || fail(p, 'an object', v));
const stringArray: Check = (v, p) => {
  if (!Array.isArray(v)) fail(p, 'an array of strings', v);
  (v as unknown[]).forEach((item, i) => string(item, `${p}[${i}]`));
};
const assignee: Check = (v, p) => {
  if (v === null) return;
  object(v, p);
  const a = v as Record<string, unknown>;
  oneOf(['user', 'role'])(a.type, `${p}.type`);
  string(a.id, `${p}.id`);
};

/** A record: every field of `fields` present with its shape (extra fields are kept, unchecked). */
const record =
  (fields: Record<string, Check>): Check =>
  (v, p) => {
    object(v, p);
    for (const [name, check] of Object.entries(fields)) check((v as Record<string, unknown>)[name], `${p}.${name}`);
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

/** `check` on every item of an array field (absent is fine: older saves lack some). */
export function checkList(value: unknown, path: string, check: Check) {
  if (value === undefined) return;
  if (!Array.isArray(value)) fail(path, 'an array', value);
  (value as unknown[]).forEach((item, i) => check(item, `${path}[${i}]`));
}

/** Saved state, checked; fields an older save lacks take their empty values. Throws `ShapeError`. */
export function checkData(value: unknown): StoreData {
  object(value, 'the top level');
  const v = value as Record<string, unknown>;
  checkList(v.tickets, 'tickets', checkTicket);
  checkList(v.messages, 'messages', checkMessage);
  checkList(v.events, 'events', checkEvent);
  checkList(v.restoreTokens, 'restoreTokens', checkRestoreToken);
  checkList(v.mailbox, 'mailbox', checkMail);
  if (v.nextTicketNumber !== undefined) count(1)(v.nextTicketNumber, 'nextTicketNumber');
  if (v.lastTimestamp !== undefined) count(0)(v.lastTimestamp, 'lastTimestamp');
  return { ...emptyData(), ...(v as Partial<StoreData>) };
}
