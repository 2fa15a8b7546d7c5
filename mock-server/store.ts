import { signedPath } from './attachments/signed-url.js';
import type { Limit } from './lib/rate-limit.js';
import { Attachments, type NewAttachment } from './store/attachments.js';
import { MemoryBlobs, type BlobStore } from './store/blobs.js';
import { Clock } from './store/clock.js';
import {
  emptyData,
  type Chaos,
  type Owner,
  type RestoreResult,
  type StoreData,
  type StoredAttachment,
  type StoredMessage,
  type StoredTicket,
  type TicketChanges,
} from './store/data.js';
import { EventLog } from './store/event-log.js';
import { ChangeFeed, type TypingSide } from './store/feed.js';
import { Messages, type CustomerMessage, type TeamMessage } from './store/messages.js';
import { Ratings } from './store/ratings.js';
import { RateLimits } from './store/rate-limits.js';
import { Restore } from './store/restore.js';
import { Settings } from './store/settings-store.js';
import { Tickets, type NewTicket } from './store/tickets.js';
import { Typing } from './store/typing.js';
import { publicTicket, teamTicket, type AttachmentLinks } from './store/views.js';

export * from './store/data.js';
export type { ChangeListener, SettingSaved, StoreChange, TypingSide } from './store/feed.js';
export { ChangeFeed } from './store/feed.js';
export type { CustomerMessage, TeamMessage } from './store/messages.js';
export { RESTORE_TOKEN_TTL_MS } from './store/restore.js';
export type { NewTicket } from './store/tickets.js';
export type { NewAttachment } from './store/attachments.js';
export type { BlobStore } from './store/blobs.js';
export { MemoryBlobs } from './store/blobs.js';
export type { AttachmentLinks, WireAttachment } from './store/views.js';
export { publicMessage, teamMessage, wireAuthorType } from './store/views.js';

/**
 * The reference server's state and every operation on it: the one entry point the handlers
 * use, the same in the browser, in Node and behind the HTTP server. The work is done by the
 * parts in `store/` (tickets, messages, restore, rate limits, the clock, the event log);
 * every change comes out of `feed`, where persistence, the browser's storage sync, the live
 * streams (live/hub.ts) and later webhooks subscribe.
 */
export class Store {
  data: StoreData = emptyData();
  chaos: Chaos = {};
  /** Every change, as typed records, for any number of subscribers. */
  readonly feed = new ChangeFeed();

  readonly #clock = new Clock(() => this.data);
  readonly #rateLimits = new RateLimits(() => this.nowMs());
  readonly #events = new EventLog(() => this.data, this.#clock);
  readonly #tickets = new Tickets(() => this.data, this.#clock, this.#events, this.feed);
  readonly #attachments = new Attachments(() => this.data, this.#clock, this.feed);
  readonly #messages = new Messages(() => this.data, this.#clock, this.#tickets, this.#events, this.feed, this.#attachments);
  readonly #restore = new Restore(() => this.data, this.#clock, this.feed);
  readonly #typing = new Typing(this.#clock, this.feed);
  readonly #ratings = new Ratings(this.#clock, this.#events, this.feed);
  /** The team's settings: saved views, canned responses, webhooks and deliveries, automations. */
  readonly settings = new Settings(() => this.data, this.feed);
  /**
   * Where attachment bytes are kept: memory unless the runtime brings its own (IndexedDB in
   * the browser, files beside `--data`). Set it before the first upload.
   */
  blobs: BlobStore = new MemoryBlobs();

  /** The wall clock; tests replace it, or move it with `advanceClock` (`POST /api/_dev/clock`). */
  get clock(): () => number {
    return this.#clock.source;
  }
  set clock(source: () => number) {
    this.#clock.source = source;
  }

  /** Replaces the state by a saved one (the feed says `loaded`, so that savers skip it). */
  load(data: Partial<StoreData>) {
    // A save from before attachments has no signing key: the one this store signs with stays.
    this.data = { ...emptyData(), attachmentSecret: this.data.attachmentSecret, ...data };
    this.#typing.forget();
    this.#reindex();
    this.feed.publish({ type: 'loaded' });
  }

  reset() {
    // The signing key outlives a reset: URLs of files that are gone answer 404, not 403.
    this.data = { ...emptyData(), attachmentSecret: this.data.attachmentSecret };
    void this.blobs.clear();
    this.chaos = {};
    this.#clock.reset();
    this.#rateLimits.clear();
    this.#typing.forget();
    this.#reindex();
    this.feed.publish({ type: 'reset' });
  }

  #reindex() {
    this.#tickets.reindex();
    this.#messages.reindex();
    this.#attachments.reindex();
  }

  // ---- time ---------------------------------------------------------------------------

  /** Current time in ms, as the server sees it (wall clock plus any dev advance). */
  nowMs(): number {
    return this.#clock.nowMs();
  }

  /** Moves the server's time forward (dev only): expiries, snoozes, typing lapses and rate limits follow. */
  advanceClock(ms: number) {
    this.#clock.advance(ms);
    this.wakeSnoozed();
  }

  /** A strictly increasing ISO time for a record. */
  stamp(): string {
    return this.#clock.stamp();
  }

  /**
   * Snoozed tickets whose time has come are open again, and typing that lapsed stops.
   * Called before every request, and when the clock is moved.
   */
  wakeSnoozed() {
    this.#tickets.wakeSnoozed();
    this.#typing.expire();
  }

  // ---- rate limits --------------------------------------------------------------------

  /** Counts a hit against `key`; 0 if allowed, else the seconds until the next one is. */
  rateLimit(key: string, limit: Limit): number {
    return this.#rateLimits.hit(key, limit);
  }

  // ---- reading ------------------------------------------------------------------------

  ticket(id: string): StoredTicket | undefined {
    return this.#tickets.get(id);
  }

  messagesOf(ticketId: string) {
    return this.#messages.of(ticketId);
  }

  /** What the customer may see: never a private note. */
  visibleMessages(ticketId: string) {
    return this.#messages.visible(ticketId);
  }

  owns(owner: Owner, ticket: StoredTicket): boolean {
    return this.#tickets.owns(owner, ticket);
  }

  ticketsOf(owner: Owner): StoredTicket[] {
    return this.#tickets.ownedBy(owner);
  }

  /** The message an idempotent send with this `client_message_id` stored before, if any. */
  earlierSend(owner: Owner, clientMessageId: string | null): StoredMessage | undefined {
    return this.#messages.earlierSend(owner, clientMessageId);
  }

  // ---- attachments --------------------------------------------------------------------

  attachment(id: string): StoredAttachment | undefined {
    return this.#attachments.get(id);
  }

  /** A file's record, once its bytes are in `blobs`. */
  addAttachment(fields: NewAttachment): StoredAttachment {
    return this.#attachments.add(fields);
  }

  /** Why these `attachment_ids` cannot go on a message of `uploader` (see `Attachments.problem`), or undefined. */
  attachmentProblem(uploader: string, ids: readonly string[]): string | undefined {
    return this.#attachments.problem(uploader, ids);
  }

  /** A message's attachments. */
  attachmentsOf(message: StoredMessage): StoredAttachment[] {
    return this.#attachments.of(message);
  }

  /** An attachment's download URL, signed now; `origin` is where it is served (empty: a path). */
  attachmentUrl(attachment: StoredAttachment, origin: string): string {
    return origin + signedPath(this.data.attachmentSecret, attachment.id, this.nowMs());
  }

  /** How the messages of one answer show their attachments, with URLs signed now, served from `origin`. */
  attachmentLinks(origin: string): AttachmentLinks {
    return (message) =>
      this.#attachments.of(message).map((a) => ({
        id: a.id,
        name: a.name,
        content_type: a.content_type,
        size: a.size,
        url: this.attachmentUrl(a, origin),
      }));
  }

  /** Team/AI messages the customer can see and has not marked read. */
  unreadCount(ticketId: string): number {
    return this.#messages.unreadCount(ticketId);
  }

  /** The widget's view of a ticket: no private note ever shows through. */
  publicTicket(ticket: StoredTicket) {
    return publicTicket(ticket, this.#messages);
  }

  /** The team's view of a ticket: everything, including who the customer is. */
  teamTicket(ticket: StoredTicket) {
    return teamTicket(ticket, this.#messages);
  }

  // ---- widget writes ------------------------------------------------------------------

  /** A customer's message, idempotent per owner with a `client_message_id`. */
  sendCustomerMessage(input: CustomerMessage) {
    const sent = this.#messages.sendCustomerMessage(input);
    // The message is what the typing was for: the team's indicator goes at once.
    this.#typing.set(sent.ticket, 'customer', false, null);
    return sent;
  }

  /** The visitor or a team member types (or stops); the live streams tell the other side. */
  setTyping(ticket: StoredTicket, side: TypingSide, typing: boolean, authorName: string | null = null) {
    this.#typing.set(ticket, side, typing, side === 'customer' ? null : authorName);
  }

  markRead(ticket: StoredTicket) {
    this.#messages.markRead(ticket);
  }

  /** Mails a restore link if the email is known; the same answer either way. */
  requestRestore(email: string, requestUrl: URL): Promise<void> {
    return this.#restore.request(email, requestUrl);
  }

  redeemRestore(token: string, sessionId: string, distinctId: string | null): Promise<RestoreResult> {
    return this.#restore.redeem(token, sessionId, distinctId);
  }

  // ---- team writes --------------------------------------------------------------------

  /** A ticket made by the team; a `description` is its customer's first message (seed 004). */
  createTicket(fields: NewTicket, description: string | null = null) {
    const ticket = this.#tickets.create(fields);
    if (description !== null) this.#messages.receive(ticket, description);
    return ticket;
  }

  /** A reply (seen by the customer) or a private note (never seen by them). */
  addTeamMessage(ticket: StoredTicket, fields: TeamMessage) {
    const message = this.#messages.addTeamMessage(ticket, fields);
    this.#typing.set(ticket, 'team', false, fields.author_name);
    return message;
  }

  /** A team edit, with the snooze rules of the production backend. */
  updateTicket(ticket: StoredTicket, changes: TicketChanges) {
    this.#tickets.update(ticket, changes);
  }

  /** The team opened the ticket: its customer messages are no longer unread for them. */
  markSeenByTeam(ticket: StoredTicket) {
    this.#tickets.markSeenByTeam(ticket);
  }

  /** Why the customer cannot rate this ticket now (400 not resolved, 409 rated), or undefined. */
  ratingRefusal(ticket: StoredTicket) {
    return this.#ratings.refusal(ticket);
  }

  /** The customer's rating of a resolved ticket, once per resolution (the event log gets it too). */
  rateTicket(ticket: StoredTicket, score: number, comment: string | null) {
    return this.#ratings.rate(ticket, score, comment);
  }

  deleteTicket(ticket: StoredTicket) {
    this.#typing.forget(ticket.id);
    this.#messages.deleteThread(ticket.id);
    const files = this.#attachments.deleteOfTicket(ticket.id);
    // After the ticket's records are gone (the feed below journals that): a file without a
    // record is never served, a record without its file would be a 404.
    if (files.length) void this.blobs.delete(files).catch(() => {});
    this.#tickets.delete(ticket);
  }
}

/** The store every handler uses unless given another. */
export const store = new Store();
