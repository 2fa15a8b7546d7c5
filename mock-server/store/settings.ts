import { CONVERSATION_EVENTS, type Priority, type TicketStatus } from '../../contract/names.js';

/**
 * The team's settings as the store keeps them (plain JSON, saved with the rest): saved views
 * of the inbox, canned responses, webhooks with their delivery log, and automation rules.
 * Each lives in its own list of `StoreData`, keyed as `COLLECTION_KEYS` says.
 */

/** A saved view (seed 001): a name for a set of ticket-list filters, found by `short_id`. */
export interface StoredSavedView {
  short_id: string;
  name: string;
  /** Query-string values of the ticket list (`status`, `tags`, …), already checked. */
  filters: Record<string, string>;
  created_at: string;
}

export interface StoredCannedResponse {
  id: string;
  title: string;
  shortcut: string;
  content: string;
  created_at: string;
  updated_at: string;
}

/** Every event of the team's `live` stream but `typing` can go to a webhook. */
export const WEBHOOK_EVENTS = CONVERSATION_EVENTS;
export type WebhookEvent = (typeof WEBHOOK_EVENTS)[number];

export interface StoredWebhook {
  id: string;
  url: string;
  events: WebhookEvent[];
  /** The HMAC key of its signatures; the server makes one when none is given. */
  secret: string;
  created_at: string;
}

export const DELIVERY_STATES = ['pending', 'delivered', 'failed'] as const;
export type DeliveryState = (typeof DELIVERY_STATES)[number];

/** One webhook delivery and its tries; `body` is the exact bytes signed and sent on each. */
export interface StoredDelivery {
  /** Also `X-Support-Chat-Delivery`: the same on every try, so a receiver can drop a repeat. */
  id: string;
  webhook_id: string;
  event: WebhookEvent;
  body: string;
  state: DeliveryState;
  tries: number;
  /** HTTP status of the last try, or null (no answer, or not tried yet). */
  last_status: number | null;
  last_error: string | null;
  /** When the next try is due (store time), or null when there will be none. */
  next_attempt_at: string | null;
  created_at: string;
  updated_at: string;
}

export const AUTOMATION_TRIGGERS = ['conversation.created', 'message.received'] as const;
export type AutomationTrigger = (typeof AUTOMATION_TRIGGERS)[number];
export const CONDITION_OPERATORS = ['equals', 'not_equals', 'contains'] as const;
export type ConditionOperator = (typeof CONDITION_OPERATORS)[number];

export interface AutomationCondition {
  /** `message.content`, `visitor.name`, `visitor.email`, `visitor.<trait>`, `session.current_url`, `ticket.channel_source`. */
  field: string;
  operator: ConditionOperator;
  value: string;
}

export type AutomationAction =
  | { type: 'assign'; assigneeId: string | null }
  | { type: 'addTag'; tag: string }
  | { type: 'reply'; message: string }
  | { type: 'setPriority'; priority: Priority }
  | { type: 'setStatus'; status: TicketStatus };

export interface StoredAutomation {
  id: string;
  name: string | null;
  trigger: AutomationTrigger;
  conditions: AutomationCondition[];
  actions: AutomationAction[];
  created_at: string;
}

/** The settings lists of `StoreData`, by name, with the type of their items. */
export interface Collections {
  savedViews: StoredSavedView;
  cannedResponses: StoredCannedResponse;
  webhooks: StoredWebhook;
  webhookDeliveries: StoredDelivery;
  automations: StoredAutomation;
}
export type CollectionName = keyof Collections;

/** The field that identifies an item of each list (views are found by their short id). */
export const COLLECTION_KEYS = {
  savedViews: 'short_id',
  cannedResponses: 'id',
  webhooks: 'id',
  webhookDeliveries: 'id',
  automations: 'id',
} as const satisfies { [K in CollectionName]: keyof Collections[K] };

export const COLLECTION_NAMES = Object.keys(COLLECTION_KEYS) as CollectionName[];

/** The key of an item of `collection`. */
export const keyOf = <K extends CollectionName>(collection: K, item: Collections[K]): string =>
  String((item as unknown as Record<string, unknown>)[COLLECTION_KEYS[collection]]);
