import { HttpError } from '../lib/errors.js';
import type { Clock } from './clock.js';
import type { Rating, StoredTicket } from './data.js';
import type { EventLog } from './event-log.js';
import type { ChangeFeed } from './feed.js';

/**
 * CSAT ratings: one per resolution of a ticket. A rating made after the ticket's last
 * resolution closes it for rating; reopened and resolved again, it may be rated again.
 */
export class Ratings {
  constructor(
    private readonly clock: Clock,
    private readonly events: EventLog,
    private readonly feed: ChangeFeed,
  ) {}

  /** Why this ticket cannot be rated now, as the error to answer, or undefined. */
  refusal(ticket: StoredTicket): HttpError | undefined {
    if (ticket.status !== 'resolved')
      return new HttpError(400, 'Only a resolved ticket can be rated', { ticket_id: 'must be resolved' });
    const rating = ticket.rating;
    // Saved tickets resolved before resolved_at existed: their updated_at is the best guess.
    const resolvedAt = ticket.resolved_at ?? ticket.updated_at;
    if (rating && rating.created_at >= resolvedAt)
      return new HttpError(409, 'This ticket was already rated since it was resolved');
    return undefined;
  }

  rate(ticket: StoredTicket, score: number, comment: string | null): Rating {
    const refused = this.refusal(ticket);
    if (refused) throw refused;
    const rating: Rating = { score, comment, created_at: this.clock.stamp() };
    ticket.rating = rating;
    this.events.append('$conversation_ticket_rated', ticket, { score, comment });
    this.feed.publish({ type: 'rated', ticket });
    return rating;
  }
}
