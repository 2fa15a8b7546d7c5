import { PRIORITIES, TICKET_STATUSES } from '../../contract/names.js';
import {
  AUTOMATION_TRIGGERS,
  COLLECTION_NAMES,
  CONDITION_OPERATORS,
  DELIVERY_STATES,
  WEBHOOK_EVENTS,
  type CollectionName,
} from '../store.js';
import {
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

/** The shape checks of the team's settings lists (data-shape.ts has the tickets' and messages'). */

const nullableCount: Check = (v, p) => void (v === null || count(0)(v, p));
const eventList: Check = (v, p) => {
  stringArray(v, p);
  (v as unknown[]).forEach((e, i) => oneOf(WEBHOOK_EVENTS)(e, `${p}[${i}]`));
};
const stringMap: Check = (v, p) => {
  object(v, p);
  for (const [key, value] of Object.entries(v as Record<string, unknown>)) string(value, `${p}.${key}`);
};
const condition = record({ field: string, operator: oneOf(CONDITION_OPERATORS), value: string });
const action: Check = (v, p) => {
  object(v, p);
  const a = v as Record<string, unknown>;
  oneOf(['assign', 'addTag', 'reply', 'setPriority', 'setStatus'])(a.type, `${p}.type`);
  if (a.type === 'assign') nullableString(a.assigneeId, `${p}.assigneeId`);
  if (a.type === 'addTag') string(a.tag, `${p}.tag`);
  if (a.type === 'reply') string(a.message, `${p}.message`);
  if (a.type === 'setPriority') oneOf(PRIORITIES)(a.priority, `${p}.priority`);
  if (a.type === 'setStatus') oneOf(TICKET_STATUSES)(a.status, `${p}.status`);
};
const listOf =
  (check: Check): Check =>
  (v, p) => {
    if (!Array.isArray(v)) fail(p, 'an array', v);
    checkList(v, p, check);
  };

export const SETTING_CHECKS: Record<CollectionName, Check> = {
  savedViews: record({ short_id: string, name: string, filters: stringMap, created_at: string }),
  cannedResponses: record({
    id: string,
    title: string,
    shortcut: string,
    content: string,
    created_at: string,
    updated_at: string,
  }),
  webhooks: record({ id: string, url: string, events: eventList, secret: string, created_at: string }),
  webhookDeliveries: record({
    id: string,
    webhook_id: string,
    event: oneOf(WEBHOOK_EVENTS),
    body: string,
    state: oneOf(DELIVERY_STATES),
    tries: count(0),
    last_status: nullableCount,
    last_error: nullableString,
    next_attempt_at: nullableString,
    created_at: string,
    updated_at: string,
  }),
  automations: record({
    id: string,
    name: nullableString,
    trigger: oneOf(AUTOMATION_TRIGGERS),
    conditions: listOf(condition),
    actions: listOf(action),
    created_at: string,
  }),
};

/** Every settings list of saved state (absent lists are fine: a save from before they existed). */
export function checkSettings(data: Record<string, unknown>) {
  for (const name of COLLECTION_NAMES) checkList(data[name], name, SETTING_CHECKS[name]);
}

/** A collection name from a journal line. */
export const checkCollection: Check = oneOf(COLLECTION_NAMES);
