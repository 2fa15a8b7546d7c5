import { CHANNELS, PRIORITIES, TICKET_STATUSES } from '../../contract/names.js';
import { MAX_MESSAGE_LENGTH } from '../../contract/limits.js';
import type { Assignee, TicketChanges } from '../store.js';
import { invalid } from './errors.js';
import * as field from './fields.js';

/** The team API's fields that several handlers read, each checked or refused with a 400 naming it. */

export const MAX_TAGS = 50;
export const MAX_TAG_LENGTH = 100;
export const MAX_SUBJECT_LENGTH = 500;
export const MAX_METADATA_JSON = 10_000;

/** The editable fields of a ticket, checked; absent fields stay as they are. */
export function ticketChanges(body: Record<string, unknown>, now: number): TicketChanges {
  const changes: TicketChanges = {};
  if (body.status !== undefined) changes.status = field.oneOf(body.status, 'status', TICKET_STATUSES);
  if (body.priority !== undefined) changes.priority = field.oneOf(body.priority, 'priority', PRIORITIES);
  if (body.assignee !== undefined) changes.assignee = assignee(body.assignee);
  if (body.tags !== undefined) changes.tags = tags(body.tags);
  if (body.snoozed_until !== undefined) {
    if (body.snoozed_until === null) changes.snoozed_until = null;
    else {
      const until = field.dateTime(body.snoozed_until, 'snoozed_until');
      if (until <= now) throw invalid('snoozed_until', 'must be in the future');
      changes.snoozed_until = new Date(until).toISOString();
    }
  }
  return changes;
}

export function assignee(value: unknown): Assignee | null {
  if (value === null) return null;
  const o = field.plainObject(value, 'assignee');
  return {
    type: field.oneOf(o.type, 'assignee.type', ['user', 'role'] as const),
    id: typeof o.id === 'number' && Number.isInteger(o.id) ? String(o.id) : field.text(o.id, 'assignee.id', { max: 200 }),
  };
}

/**
 * `assignee_id` of `/assign` and of an automation's `assigneeId` (seed 003): a user's id, or
 * `role:<id>` for a role; a whole number is a user id too. `null` unassigns.
 */
export function assigneeId(value: unknown, name: string): Assignee | null {
  if (value === null) return null;
  if (typeof value === 'number' && Number.isInteger(value)) return { type: 'user', id: String(value) };
  const id = field.text(value, name, { max: 205 });
  return id.startsWith('role:')
    ? { type: 'role', id: field.text(id.slice(5), name, { max: 200 }) }
    : { type: 'user', id: field.text(id, name, { max: 200 }) };
}

export const tag = (value: unknown, name: string) => field.text(value, name, { max: MAX_TAG_LENGTH });

export function tags(value: unknown, name = 'tags'): string[] {
  if (!Array.isArray(value)) throw invalid(name, 'must be an array of strings');
  if (value.length > MAX_TAGS) throw invalid(name, `must have at most ${MAX_TAGS} tags`);
  return [...new Set(value.map((t, i) => tag(t, `${name}[${i}]`)))];
}

/** A ticket's tags with `added`, refused when the result would have more than a ticket may hold. */
export function withTags(current: string[], added: string[]): string[] {
  const all = [...new Set([...current, ...added])];
  if (all.length > MAX_TAGS) throw invalid('tags', `a ticket may have at most ${MAX_TAGS} tags`);
  return all;
}

export const channel = (value: unknown) => (value === undefined ? 'widget' : field.oneOf(value, 'channel_source', CHANNELS));

/** Free-form JSON (seed 004's `metadata`): an object, at most `MAX_METADATA_JSON` characters as JSON. */
export function metadata(value: unknown): Record<string, unknown> {
  if (value === undefined || value === null) return {};
  const o = field.plainObject(value, 'metadata');
  if (JSON.stringify(o).length > MAX_METADATA_JSON)
    throw invalid('metadata', `must be at most ${MAX_METADATA_JSON} characters as JSON`);
  return o;
}

/** A message body of the team (a reply, a note, a canned response). */
export const messageText = (value: unknown, name: string, { allowEmpty = false } = {}) =>
  field.text(value, name, { min: allowEmpty ? 0 : 1, max: MAX_MESSAGE_LENGTH, multiline: true });
