import { PRIORITIES, TICKET_STATUSES } from '../../contract/names.js';
import { invalid } from '../lib/errors.js';
import * as field from '../lib/fields.js';
import { assigneeId, messageText, tag } from '../lib/team-fields.js';
import {
  AUTOMATION_TRIGGERS,
  CONDITION_OPERATORS,
  type AutomationAction,
  type AutomationCondition,
  type StoredAutomation,
} from '../store.js';

/** The fields a condition may test (seed 003), besides `visitor.<trait>`. */
export const CONDITION_FIELDS = [
  'message.content',
  'visitor.name',
  'visitor.email',
  'session.current_url',
  'ticket.channel_source',
] as const;
const TRAIT_FIELD = /^visitor\.(.{1,200})$/su;
const MAX_CONDITIONS = 20;
const MAX_ACTIONS = 10;

function condition(value: unknown, at: string): AutomationCondition {
  const c = field.plainObject(value, at);
  const name = field.text(c.field, `${at}.field`, { max: 210 });
  if (!(CONDITION_FIELDS as readonly string[]).includes(name) && !TRAIT_FIELD.test(name)) {
    throw invalid(`${at}.field`, `must be one of ${CONDITION_FIELDS.join(', ')} or visitor.<trait>`);
  }
  // A number or a boolean is compared as the text it would be in a trait.
  const raw = typeof c.value === 'number' || typeof c.value === 'boolean' ? String(c.value) : c.value;
  return {
    field: name,
    operator: field.oneOf(c.operator, `${at}.operator`, CONDITION_OPERATORS),
    value: field.text(raw, `${at}.value`, { min: 0, max: 1000, trim: false }),
  };
}

function action(value: unknown, at: string): AutomationAction {
  const a = field.plainObject(value, at);
  const type = field.oneOf(a.type, `${at}.type`, ['assign', 'addTag', 'reply', 'setPriority', 'setStatus'] as const);
  switch (type) {
    case 'assign':
      if (!('assigneeId' in a)) throw field.missing(`${at}.assigneeId`);
      // Checked now, kept as written: `role:<id>` or a user id, null to unassign.
      assigneeId(a.assigneeId, `${at}.assigneeId`);
      return { type, assigneeId: a.assigneeId === null ? null : String(a.assigneeId).trim() };
    case 'addTag':
      return { type, tag: tag(a.tag, `${at}.tag`) };
    case 'reply':
      return { type, message: messageText(a.message, `${at}.message`) };
    case 'setPriority':
      return { type, priority: field.oneOf(a.priority, `${at}.priority`, PRIORITIES) };
    case 'setStatus':
      return { type, status: field.oneOf(a.status, `${at}.status`, TICKET_STATUSES) };
  }
}

function list<T>(
  value: unknown,
  name: string,
  { min, max }: { min: number; max: number },
  item: (v: unknown, at: string) => T,
): T[] {
  if (value === undefined && min === 0) return [];
  if (!Array.isArray(value) || value.length < min || value.length > max)
    throw invalid(name, `must be an array of ${min} to ${max} items`);
  return value.map((v, i) => item(v, `${name}[${i}]`));
}

/** A rule as posted, checked in full before it is stored. */
export function automationRule(body: Record<string, unknown>): Omit<StoredAutomation, 'id' | 'created_at'> {
  return {
    name: field.optionalText(body.name, 'name', { max: 200 }),
    trigger: field.oneOf(body.trigger, 'trigger', AUTOMATION_TRIGGERS),
    conditions: list(body.conditions, 'conditions', { min: 0, max: MAX_CONDITIONS }, condition),
    actions: list(body.actions, 'actions', { min: 1, max: MAX_ACTIONS }, action),
  };
}
