import type { Clock } from './clock.js';
import type { Assignee, Owner, StoreData, StoredTicket, TicketChanges, TicketStatus } from './data.js';
import type { EventLog } from './event-log.js';
import type { ChangeFeed } from './feed.js';

export type NewTicket = Pick<
  StoredTicket,
  'channel_source' | 'session_id' | 'identity_id' | 'distinct_id' | 'traits' | 'session_context'
> &
  Pick<StoredTicket, 'subject' | 'metadata'> &
  TicketChanges;

/** Tickets: who owns them, and the team's edits with the snooze rules of the production backend. */
export class Tickets {
  #byId = new Map<string, StoredTicket>();

  constructor(
    private readonly data: () => StoreData,
    private readonly clock: Clock,
    private readonly events: EventLog,
    private readonly feed: ChangeFeed,
  ) {}

  reindex() {
    this.#byId = new Map(this.data().tickets.map((t) => [t.id, t]));
  }

  get(id: string): StoredTicket | undefined {
    return this.#byId.get(id.toLowerCase());
  }

  owns(owner: Owner, ticket: StoredTicket): boolean {
    return owner.kind === 'session' ? ticket.session_id === owner.id : ticket.identity_id === owner.id;
  }

  ownedBy(owner: Owner): StoredTicket[] {
    return this.data().tickets.filter((t) => this.owns(owner, t));
  }

  /**
   * A verified identity that presents a session id gets that session's anonymous tickets (a
   * visitor wrote, then logged in). Holding the session id is what owns them: it is the
   * browser's bearer secret. Only tickets no identity has yet move, so another identity
   * presenting the same session later takes nothing; linking again finds nothing new and
   * says nothing. The session keeps its access (the browser that wrote them still reads them).
   */
  linkSession(sessionId: string, identityId: string): StoredTicket[] {
    const linked = this.data().tickets.filter((t) => t.session_id === sessionId && t.identity_id === null);
    if (!linked.length) return linked;
    const now = this.clock.stamp();
    for (const ticket of linked) {
      ticket.identity_id = identityId;
      ticket.updated_at = now;
    }
    this.feed.publish({ type: 'linked', session_id: sessionId, identity_id: identityId, tickets: linked });
    return linked;
  }

  create(fields: NewTicket): StoredTicket {
    const now = this.clock.stamp();
    const data = this.data();
    const ticket: StoredTicket = {
      id: crypto.randomUUID(),
      ticket_number: data.nextTicketNumber++,
      status: 'new',
      priority: 'normal',
      assignee: null,
      tags: [],
      snoozed_until: null,
      unread_team_count: 0,
      created_at: now,
      updated_at: now,
      ...fields,
    };
    data.tickets.push(ticket);
    this.#byId.set(ticket.id, ticket);
    this.events.append('$conversation_ticket_created', ticket, {
      customer_name: ticket.traits.name ?? '',
      customer_email: ticket.traits.email ?? '',
    });
    this.feed.publish({ type: 'ticket-created', ticket });
    return ticket;
  }

  /**
   * Applies a team edit, with the snooze rules of the production backend: snoozing puts the
   * ticket on hold and un-snoozing opens it, unless the same edit sets a status; a status
   * other than on_hold ends the snooze.
   */
  update(ticket: StoredTicket, edit: TicketChanges) {
    const changes: TicketChanges = {};
    const snoozedBefore = ticket.snoozed_until;
    const snoozeChanged = edit.snoozed_until !== undefined && edit.snoozed_until !== ticket.snoozed_until;
    if (edit.snoozed_until !== undefined) ticket.snoozed_until = edit.snoozed_until;
    let status = edit.status;
    if (status === undefined && snoozeChanged) status = ticket.snoozed_until ? 'on_hold' : 'open';
    if (status !== undefined && status !== 'on_hold') ticket.snoozed_until = null;
    if (status !== undefined && this.setStatus(ticket, status)) changes.status = status;
    if (ticket.snoozed_until !== snoozedBefore) changes.snoozed_until = ticket.snoozed_until;

    if (edit.priority !== undefined && edit.priority !== ticket.priority) {
      const old = ticket.priority;
      ticket.priority = changes.priority = edit.priority;
      this.events.append('$conversation_ticket_priority_changed', ticket, { old_priority: old, new_priority: ticket.priority });
    }
    if (edit.assignee !== undefined && !sameAssignee(edit.assignee, ticket.assignee)) {
      ticket.assignee = changes.assignee = edit.assignee;
      this.events.append('$conversation_ticket_assigned', ticket, {
        assignee_type: ticket.assignee?.type ?? null,
        assignee_id: ticket.assignee?.id ?? null,
      });
    }
    if (edit.tags !== undefined) ticket.tags = changes.tags = edit.tags;
    ticket.updated_at = this.clock.stamp();
    this.feed.publish({ type: 'ticket', ticket, changes });
  }

  /** Snoozed tickets whose time has come are open again. */
  wakeSnoozed() {
    const now = this.clock.nowMs();
    for (const ticket of this.data().tickets) {
      if (ticket.snoozed_until && Date.parse(ticket.snoozed_until) <= now) {
        ticket.snoozed_until = null;
        const changes: TicketChanges = { snoozed_until: null };
        if (ticket.status === 'on_hold' && this.setStatus(ticket, 'open')) changes.status = 'open';
        this.feed.publish({ type: 'ticket', ticket, changes });
      }
    }
  }

  /** The team opened the ticket: its customer messages are no longer unread for them. */
  markSeenByTeam(ticket: StoredTicket) {
    if (!ticket.unread_team_count) return;
    ticket.unread_team_count = 0;
    this.feed.publish({ type: 'read', ticket, by: 'team' });
  }

  /** Forgets the ticket (its messages go first, see `Messages.deleteThread`). */
  delete(ticket: StoredTicket) {
    const data = this.data();
    data.tickets = data.tickets.filter((t) => t !== ticket);
    this.#byId.delete(ticket.id);
    this.feed.publish({ type: 'ticket-deleted', ticket });
  }

  /** Sets the status and logs the change; false if it already had it. */
  private setStatus(ticket: StoredTicket, status: TicketStatus): boolean {
    if (status === ticket.status) return false;
    const old = ticket.status;
    ticket.status = status;
    ticket.updated_at = this.clock.stamp();
    // A new resolution may be rated again (see ratings.ts).
    if (status === 'resolved') ticket.resolved_at = ticket.updated_at;
    this.events.append('$conversation_ticket_status_changed', ticket, { old_status: old, new_status: status });
    return true;
  }
}

const sameAssignee = (a: Assignee | null, b: Assignee | null) => a?.type === b?.type && a?.id === b?.id;
