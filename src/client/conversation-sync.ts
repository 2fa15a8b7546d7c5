import { TransportError } from '../transport/transport-error.js';
import type { GetTicketsRequest, Transport } from '../transport/transport.js';
import type { GetMessagesResponse, GetTicketsResponse, Message } from '../transport/wire-types.js';
import type { Clock } from './clock.js';
import type { Conversation } from './conversation.js';
import { dispatch } from './events.js';
import { PageBudget } from './page-budget.js';
import { Poller } from './poller.js';
import type { Session } from './session.js';
import type { Shared, TabState } from './tab-state.js';
import type { TicketChecks } from './ticket-guard.js';
import { withUnread } from './unread.js';

/**
 * What the server has for the visitor: the ticket list (the badge) and the messages of the
 * ticket on show, polled on the schedule of `Poller` by the leader tab and mirrored to the
 * others; and the mark-read policy: a ticket is read when a view watches it in a visible page.
 */
/** A read of the ticket list in flight or answered, and the visitor (`TabState.who`) it was asked for. */
export interface TicketRead {
  who: string | null;
  read: Promise<GetTicketsResponse>;
}

export class ConversationSync {
  readonly poller: Poller;
  /** The tickets a view shows the messages of (see `watch`); one entry per watcher. */
  #watched: string[] = [];
  #reading = false;
  #ticketsPolledAt = -Infinity;
  /** Unread count of the ticket on show from its last answer (it may not be in the ticket list yet). */
  #lastUnread = 0;
  /** A read of the ticket list made before these parts were in (see `adoptTicketRead`), for whom it was made. */
  #earlierRead: TicketRead | undefined;
  /** Mark-as-reads answered, counted, and the count at each ticket's last one (see `#setTickets`). */
  #marks = 0;
  readonly #markedAt = new Map<string, number>();

  readonly #tab: TabState;
  readonly #session: Session;
  readonly #transport: Transport;
  readonly #conversation: Conversation;
  readonly #clock: Clock;
  readonly #closedInterval: number;
  readonly #pending: () => boolean;
  readonly #guard: TicketChecks;
  readonly #pages: PageBudget;

  /**
   * `pending`: whether a message still waits in the outbox (its errors are the sender's to
   * clear); `guard`: what to do when the ticket on show is refused.
   */
  constructor(
    tab: TabState,
    session: Session,
    transport: Transport,
    conversation: Conversation,
    clock: Clock,
    intervals: { open: number; closed: number },
    pending: () => boolean,
    guard: TicketChecks,
  ) {
    this.#tab = tab;
    this.#session = session;
    this.#transport = transport;
    this.#conversation = conversation;
    this.#clock = clock;
    this.#closedInterval = intervals.closed;
    this.#pending = pending;
    this.#guard = guard;
    this.#pages = new PageBudget(clock);
    this.poller = new Poller({
      openInterval: intervals.open,
      closedInterval: intervals.closed,
      clock,
      poll: (open) => this.#poll(open),
    });
    tab.on('messages', ({ ticketId, messages, news }) => {
      if (ticketId === tab.state.currentTicketId) this.#receive(ticketId, messages, news);
    });
    tab.on('hello', () => {
      const { currentTicketId: ticketId, messages } = tab.state;
      if (!ticketId || !conversation.loaded) return;
      tab.post({ t: 'messages', ticketId, messages: messages.filter((m) => m.delivery === 'sent'), news: false });
    });
    tab.on('reset', () => {
      conversation.clear();
      this.changed(true);
    });
  }

  /** A shared change was applied: the pace may change, another ticket needs loading, or a watched one is now unread. */
  changed(moved: boolean) {
    const { open } = this.#tab.state;
    this.poller.setOpen(open);
    if (moved && this.#tab.tabs.leader) void this.poller.pollNow();
    // A tab about to lead reads an opened conversation at once: the lock's grant comes behind
    // the browser's first frame of the panel, and waiting for it put a second frame before the
    // messages. Its schedule, when it starts, goes on from this poll.
    else if (open && this.#tab.tabs.taking && !this.#conversation.loaded && !this.poller.polling) void this.poller.pollNow();
    void this.#readIfSeen();
  }

  /**
   * A view shows the messages of `ticketId` (and the visitor can see them while the page is
   * visible): its replies are marked read. Call the returned function when it stops.
   */
  watch(ticketId: string): () => void {
    this.#watched.push(ticketId);
    void this.#readIfSeen();
    return () => {
      const at = this.#watched.indexOf(ticketId);
      if (at >= 0) this.#watched.splice(at, 1);
    };
  }

  async getMessages(ticketId: string, after?: string) {
    const epoch = this.#tab.epoch;
    const response = await this.#transport.getMessages(this.#session.credentials, { ticketId, after });
    // A full answer for the ticket on show also refreshes the conversation (a partial one could leave a gap).
    if (!after && epoch === this.#tab.epoch && ticketId === this.#tab.state.currentTicketId) this.#absorb(ticketId, response);
    return response;
  }

  async markAsRead(ticketId: string) {
    const response = await this.#transport.markAsRead(this.#session.credentials, ticketId);
    this.#markedAt.set(ticketId, ++this.#marks);
    const tickets = withUnread(this.#tab.state.tickets, ticketId, 0);
    if (tickets !== this.#tab.state.tickets) void this.#tab.share({ tickets });
    return response;
  }

  async getTickets(options: GetTicketsRequest) {
    const [who, marks] = [this.#tab.who, this.#marks];
    const response = await this.#transport.getTickets(this.#session.credentials, options);
    if (!Object.keys(options).length && who === this.#tab.who) this.#setTickets(response, marks);
    return response;
  }

  /**
   * The ticket list was read just before these parts came in (the badge's read of a lazy
   * client): the first poll takes that answer, whenever it comes, rather than asking again.
   * Only for `who` it was asked for; it is not an answer for anyone else.
   */
  adoptTicketRead(read: TicketRead) {
    this.#earlierRead = read;
  }

  /** Messages of `ticketId` from the live stream: as a poll's, for the ticket on show (its history is read first). */
  receiveLive(ticketId: string, messages: Message[]) {
    if (ticketId !== this.#tab.state.currentTicketId) return;
    if (!this.#conversation.loaded) return void this.poller.pollNow();
    this.#receive(ticketId, messages, true);
    this.#tell(ticketId, messages, true);
  }

  /**
   * Messages for the other tabs, when there are any: copying a long history into a message
   * nobody reads was the largest cost of opening it. A tab that starts later says hello and
   * is sent the conversation then (see the constructor).
   */
  #tell(ticketId: string, messages: Message[], news: boolean) {
    if (this.#tab.peers.size) this.#tab.post({ t: 'messages', ticketId, messages, news });
  }

  /** One poll; resolves `true` when it failed for lack of a network (the poller's circuit breaker counts those). */
  async #poll(open: boolean): Promise<boolean> {
    if (!this.#tab.state.ready) return false;
    // The ticket and its epoch together: another ticket shown while the list loads makes this answer stale.
    const [ticketId, epoch] = [this.#tab.state.currentTicketId, this.#tab.epoch];
    try {
      await this.#guard.sweep();
      // Both at once: an opening panel waited a round trip more for its messages otherwise. While
      // open, the ticket list (other tickets' unread counts) is refreshed at the closed pace only;
      // closed, the history of the ticket on show is still loaded once (after a reload, a switch, a restore).
      await Promise.all([
        (!open || !ticketId || this.#clock.now() - this.#ticketsPolledAt >= this.#closedInterval) && this.#pollTickets(),
        ticketId && (open || !this.#conversation.loaded) && this.#pollMessages(ticketId, epoch),
      ]);
      if (!this.#pending()) this.#tab.clearError();
      return false;
    } catch (error) {
      if (ticketId && (await this.#guard.check(ticketId, error))) return false;
      this.#tab.reportError(error);
      return error instanceof TransportError && error.kind === 'network';
    }
  }

  async #pollTickets() {
    const [who, marks] = [this.#tab.who, this.#marks];
    // The badge's read, when it was for this visitor: asked before these parts, so before any mark-as-read.
    const adopted = this.#earlierRead?.who === who ? this.#earlierRead.read : undefined;
    this.#earlierRead = undefined;
    const response = await (adopted ?? this.#transport.getTickets(this.#session.credentials, { limit: 100 }));
    this.#ticketsPolledAt = this.#clock.now();
    if (who === this.#tab.who) this.#setTickets(response, adopted ? 0 : marks);
  }

  /**
   * A ticket list asked when `marks` mark-as-reads had been answered. Asked beside the messages,
   * it may be answered after the mark-as-read their answer led to, with the count from before
   * it: a ticket marked read since is read (the badge came back for a moment otherwise).
   */
  #setTickets({ results }: GetTicketsResponse, marks: number) {
    const tickets = results.map((t) =>
      t.unread_count && (this.#markedAt.get(t.id) ?? 0) > marks ? { ...t, unread_count: 0 } : t,
    );
    if (JSON.stringify(tickets) !== JSON.stringify(this.#tab.state.tickets)) void this.#tab.share({ tickets });
  }

  async #pollMessages(ticketId: string, epoch: number) {
    if (epoch !== this.#tab.epoch) return;
    // Pages of 500 until the server has nothing more. The first is the poll's own (the schedule
    // bounds those); the ones it asks for more come out of the budget (see `PageBudget`).
    for (let page = 0; page < this.#pages.perPoll && (page === 0 || this.#pages.take()); page++) {
      const response = await this.#transport.getMessages(this.#session.credentials, {
        ticketId,
        after: this.#conversation.cursor,
      });
      if (epoch !== this.#tab.epoch) return; // the visitor moved on (another ticket, identity or session) meanwhile
      this.#absorb(ticketId, response);
      if (!response.has_more || !response.messages.length) break;
    }
  }

  /** Seen means read: only the ticket a view watches, while the page is visible. */
  async #readIfSeen() {
    const ticketId = this.#tab.state.currentTicketId;
    if (!ticketId || this.#reading || !this.#watched.includes(ticketId) || document.visibilityState !== 'visible') return;
    const unread = this.#tab.state.tickets.find((t) => t.id === ticketId)?.unread_count ?? this.#lastUnread;
    if (unread <= 0) return;
    this.#reading = true;
    try {
      await this.markAsRead(ticketId);
      this.#lastUnread = 0;
    } catch (error) {
      this.#tab.reportError(error);
    } finally {
      this.#reading = false;
    }
  }

  /** A messages answer for the ticket on show: into the conversation, every tab and the unread counts. */
  #absorb(ticketId: string, response: GetMessagesResponse) {
    const news = this.#conversation.loaded;
    this.#receive(ticketId, response.messages, news);
    this.#tell(ticketId, response.messages, news);
    this.#lastUnread = response.unread_count;
    const tickets = withUnread(this.#tab.state.tickets, ticketId, response.unread_count);
    const patch: Shared = {};
    if (tickets !== this.#tab.state.tickets) patch.tickets = tickets;
    if (response.ticket_status !== this.#tab.state.ticketStatus) patch.ticketStatus = response.ticket_status;
    if (Object.keys(patch).length) void this.#tab.share(patch);
    void this.#readIfSeen();
  }

  #receive(ticketId: string, messages: Message[], news: boolean) {
    const fresh = this.#conversation.receive(messages);
    if (!fresh.length) return;
    this.#tab.recompose();
    if (!news) return;
    for (const message of fresh) {
      if (message.author_type !== 'customer')
        dispatch(this.#tab.eventTarget, 'support-chat-message-received', { ticketId, message });
    }
  }
}
