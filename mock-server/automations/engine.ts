import { assigneeId } from '../lib/team-fields.js';
import type {
  AutomationCondition,
  AutomationTrigger,
  Store,
  StoreChange,
  StoredAutomation,
  StoredMessage,
  StoredTicket,
} from '../store.js';

/** The author of every reply a rule makes. */
export const AUTOMATION_AUTHOR = 'Automation';

/** What a condition's field reads, as text ('' when the ticket has no such value). */
function valueOf(fieldName: string, ticket: StoredTicket, message: StoredMessage | null): string {
  if (fieldName === 'message.content') return message?.content ?? '';
  if (fieldName === 'session.current_url') return String(ticket.session_context.current_url ?? '');
  if (fieldName === 'ticket.channel_source') return ticket.channel_source;
  if (fieldName.startsWith('visitor.')) return ticket.traits[fieldName.slice('visitor.'.length)] ?? '';
  return '';
}

/** Text is compared without regard to case: "Refund" contains "refund", "Enterprise" equals "enterprise". */
export function conditionHolds(
  { field, operator, value }: AutomationCondition,
  ticket: StoredTicket,
  message: StoredMessage | null,
): boolean {
  const actual = valueOf(field, ticket, message).toLowerCase();
  const expected = value.toLowerCase();
  if (operator === 'contains') return actual.includes(expected);
  return operator === 'equals' ? actual === expected : actual !== expected;
}

/**
 * Automation rules: a subscriber of the store's feed. A ticket's creation is acted on with
 * its first customer message when it comes with one (so `message.content` can be tested),
 * or after the request otherwise; each customer message is `message.received`. Rules run in
 * the order they were made, each at most once per event, and nothing a rule does (its own
 * reply above all) triggers rules: changes made while rules run are not events for them.
 */
export class AutomationEngine {
  #running = false;
  /** Tickets just created whose `conversation.created` waits for their first message. */
  readonly #justCreated = new Set<string>();
  readonly #unsubscribe: () => void;

  constructor(private readonly store: Store) {
    this.#unsubscribe = store.feed.subscribe((change) => this.#onChange(change));
  }

  stop() {
    this.#unsubscribe();
  }

  #onChange(change: StoreChange) {
    if (this.#running) return;
    if (change.type === 'reset' || change.type === 'loaded') return this.#justCreated.clear();
    if (change.type === 'ticket-created') {
      const { ticket } = change;
      this.#justCreated.add(ticket.id);
      // A ticket made with no message (the team API without a description) is acted on
      // once the code that made it has run, which is before its request is answered.
      queueMicrotask(() => {
        if (this.#justCreated.delete(ticket.id) && this.store.ticket(ticket.id)) this.#run('conversation.created', ticket, null);
      });
      return;
    }
    if (change.type !== 'message' || change.message.author_type !== 'customer') return;
    const { ticket, message } = change;
    if (this.#justCreated.delete(ticket.id)) this.#run('conversation.created', ticket, message);
    this.#run('message.received', ticket, message);
  }

  #run(trigger: AutomationTrigger, ticket: StoredTicket, message: StoredMessage | null) {
    // The rules as they are now: one made by a rule's effects would not run for this event anyway.
    const rules = this.store.settings.list('automations').filter((rule) => rule.trigger === trigger);
    this.#running = true;
    try {
      for (const rule of rules) {
        if (!this.store.ticket(ticket.id)) return;
        if (rule.conditions.every((c) => conditionHolds(c, ticket, message))) this.#apply(rule, ticket);
      }
    } finally {
      this.#running = false;
    }
  }

  #apply(rule: StoredAutomation, ticket: StoredTicket) {
    for (const action of rule.actions) {
      switch (action.type) {
        case 'assign':
          this.store.updateTicket(ticket, { assignee: assigneeId(action.assigneeId, 'assigneeId') });
          break;
        case 'addTag':
          if (!ticket.tags.includes(action.tag)) this.store.updateTicket(ticket, { tags: [...ticket.tags, action.tag] });
          break;
        case 'reply':
          this.store.addTeamMessage(ticket, {
            content: action.message,
            author_type: 'AI',
            author_name: AUTOMATION_AUTHOR,
            is_private: false,
          });
          break;
        case 'setPriority':
          this.store.updateTicket(ticket, { priority: action.priority });
          break;
        case 'setStatus':
          this.store.updateTicket(ticket, { status: action.status });
          break;
      }
    }
  }
}

const engines = new WeakMap<Store, AutomationEngine>();

/** The one engine of a store, made the first time handlers are made for it. */
export function automationEngine(store: Store): AutomationEngine {
  let engine = engines.get(store);
  if (!engine) engines.set(store, (engine = new AutomationEngine(store)));
  return engine;
}
