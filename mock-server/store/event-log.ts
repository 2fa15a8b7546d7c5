import type { Clock } from './clock.js';
import type { EventName, StoreData, StoredTicket } from './data.js';

/** The team API's event log (`GET /events`): what happened to tickets, as analytics sees it. */
export class EventLog {
  constructor(
    private readonly data: () => StoreData,
    private readonly clock: Clock,
  ) {}

  /** Appends an event, with the base properties every event carries. */
  append(event: EventName, ticket: StoredTicket, properties: Record<string, unknown>) {
    this.data().events.push({
      id: crypto.randomUUID(),
      event,
      timestamp: this.clock.stamp(),
      properties: {
        ticket_id: ticket.id,
        ticket_number: ticket.ticket_number,
        channel_source: ticket.channel_source,
        status: ticket.status,
        priority: ticket.priority,
        ...properties,
      },
    });
  }
}
