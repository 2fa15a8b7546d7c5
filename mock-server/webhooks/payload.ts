import type { Store, StoreChange, StoredTicket, WebhookEvent, WireAttachment } from '../store.js';

/** The body of a webhook delivery (seed 003's payload), before it is serialised and signed. */
export interface WebhookPayload {
  event: WebhookEvent;
  timestamp: string;
  conversation: { id: string; status: string };
  /** `attachments` only when it has some, with URLs signed when the change was made. */
  message?: { id: string; type: 'visitor' | 'agent'; content: string; attachments?: WireAttachment[] };
  visitor?: { id: string | null; email: string | null };
}

/**
 * What webhooks hear of one store change, read at once (records carry live objects). The
 * names are the `live` stream's; a private note is never sent to a webhook, and typing,
 * read marks and settings are not events for them.
 */
export function webhookEventsOf(change: StoreChange, store: Store): WebhookPayload[] {
  const timestamp = new Date(store.nowMs()).toISOString();
  const about = (event: WebhookEvent, ticket: StoredTicket, extra: Partial<WebhookPayload> = {}): WebhookPayload => ({
    event,
    timestamp,
    conversation: { id: ticket.id, status: ticket.status },
    ...extra,
    visitor: {
      // The person as analytics knows them; a team-made ticket may have no one yet.
      id: ticket.distinct_id ?? ticket.identity_id ?? ticket.session_id,
      email: ticket.traits.email ?? null,
    },
  });
  switch (change.type) {
    case 'ticket-created':
      return [about('conversation.created', change.ticket)];
    case 'ticket': {
      const { changes, ticket } = change;
      const events: WebhookPayload[] = [];
      if (changes.status === 'resolved') events.push(about('conversation.resolved', ticket));
      if (changes.assignee !== undefined) events.push(about('conversation.assigned', ticket));
      const rest = Object.keys(changes).filter(
        (key) => key !== 'assignee' && !(key === 'status' && changes.status === 'resolved'),
      );
      if (rest.length) events.push(about('conversation.updated', ticket));
      return events;
    }
    case 'rated':
      return [about('conversation.updated', change.ticket)];
    case 'message': {
      const { ticket, message, origin = '' } = change;
      if (message.is_private) return [];
      const visitor = message.author_type === 'customer';
      const attachments = store.attachmentLinks(origin)(message);
      return [
        about(visitor ? 'message.received' : 'message.sent', ticket, {
          message: {
            id: message.id,
            type: visitor ? 'visitor' : 'agent',
            content: message.content,
            ...(attachments.length ? { attachments } : {}),
          },
        }),
      ];
    }
    default:
      return [];
  }
}
