import type {
  CollectionName,
  Collections,
  MailboxEntry,
  StoreChange,
  StoreData,
  StoredAttachment,
  StoredEvent,
  StoredMessage,
  StoredRestoreToken,
  StoredTicket,
} from '../store.js';
import { emptyData, keyOf } from '../store.js';
import {
  checkAttachment,
  checkData,
  checkEvent,
  checkList,
  checkMail,
  checkMessage,
  checkRestoreToken,
  checkTicket,
  ShapeError,
} from './data-shape.js';
import { checkCollection, SETTING_CHECKS } from './settings-shape.js';

/**
 * One line of the `--data` journal: the state of everything one store change touched, in
 * full (never a diff), so that replaying lines in order is idempotent. That is what lets a
 * snapshot be written while changes go on: replaying lines the snapshot already holds puts
 * the same objects back as they were, and later lines bring them up to date.
 */
export interface JournalEntry {
  /** The feed record's type, for a person reading the journal. */
  change: string;
  reset?: true;
  /** The whole state, for a kind of change this file does not know (slow, never lost). */
  snapshot?: StoreData;
  deleted_ticket?: string;
  tickets?: StoredTicket[];
  messages?: StoredMessage[];
  events?: StoredEvent[];
  restoreTokens?: StoredRestoreToken[];
  mailbox?: MailboxEntry[];
  /** Attachment records, in full: a new upload, or the ones a message took. */
  attachments?: StoredAttachment[];
  /** A team setting made or changed (a view, a webhook, a delivery's try, …), in full. */
  saved?: { collection: CollectionName; item: Collections[CollectionName] };
  /** A team setting deleted, by its key. */
  removed?: { collection: CollectionName; key: string };
  nextTicketNumber: number;
  lastTimestamp: number;
}

const APPENDED = ['messages', 'events', 'restoreTokens', 'mailbox'] as const;

/**
 * Turns the store's change records into journal entries. The records name the ticket and
 * message they are about; what a change appended besides (events, restore tokens, mail) is
 * found by remembering how long each append-only list was at the last entry.
 */
export class JournalRecorder {
  #marks = { messages: 0, events: 0, restoreTokens: 0, mailbox: 0 };
  /** Each restore token's `consumed_at` as last journaled: a redeem uses up several. */
  #consumed = new Map<string, string | null>();

  constructor(
    private readonly data: () => StoreData,
    private readonly thread: (ticketId: string) => readonly StoredMessage[],
    private readonly attachmentsOf: (message: StoredMessage) => StoredAttachment[] = () => [],
  ) {
    this.resync();
  }

  /** Everything in the store counts as journaled (after a load, a reset, a snapshot). */
  resync() {
    const d = this.data();
    for (const list of APPENDED) this.#marks[list] = d[list].length;
    this.#consumed = new Map(d.restoreTokens.map((t) => [t.id, t.consumed_at]));
  }

  entry(change: StoreChange): JournalEntry {
    const d = this.data();
    const entry: JournalEntry = { change: change.type, nextTicketNumber: d.nextTicketNumber, lastTimestamp: d.lastTimestamp };
    switch (change.type) {
      case 'reset':
        this.resync();
        return { ...entry, reset: true };
      case 'ticket-deleted':
        // Its messages went with it: the list shrank, and nothing in it is new.
        this.#marks.messages = d.messages.length;
        entry.deleted_ticket = change.ticket.id;
        break;
      case 'ticket-created':
      case 'ticket':
        entry.tickets = [change.ticket];
        break;
      case 'message': {
        entry.tickets = [change.ticket];
        // The files it took are marked with it: a replay must not offer them again.
        const taken = this.attachmentsOf(change.message);
        if (taken.length) entry.attachments = taken;
        break;
      }
      case 'attachment':
        entry.attachments = [change.attachment];
        break;
      case 'read':
        entry.tickets = [change.ticket];
        // The customer's read marks are on the messages themselves.
        if (change.by === 'customer') entry.messages = [...this.thread(change.ticket.id)];
        break;
      case 'restored':
        entry.tickets = change.tickets;
        entry.restoreTokens = d.restoreTokens.filter((t) => this.#consumed.get(t.id) !== t.consumed_at);
        break;
      case 'mail':
        break; // the token and the mail are appends, picked up below
      case 'rated':
        entry.tickets = [change.ticket]; // the rating is on the ticket; its event is an append
        break;
      case 'saved':
        entry.saved = { collection: change.collection, item: change.item };
        break;
      case 'removed':
        entry.removed = { collection: change.collection, key: change.key };
        break;
      default:
        // A kind of change added to the feed after this file was written: keep everything.
        this.resync();
        return { ...entry, snapshot: d };
    }
    for (const list of APPENDED) {
      const added = d[list].slice(this.#marks[list]);
      this.#marks[list] = d[list].length;
      if (!added.length) continue;
      const existing = (entry[list] ?? []) as unknown[];
      (entry as unknown as Record<string, unknown[]>)[list] = [...existing, ...added];
    }
    for (const t of entry.restoreTokens ?? []) this.#consumed.set(t.id, t.consumed_at);
    return entry;
  }
}

/** A journal line, checked, or a `ShapeError` saying what is wrong with it. */
export function parseEntry(line: string): JournalEntry {
  let value: unknown;
  try {
    value = JSON.parse(line);
  } catch (error) {
    throw new ShapeError(`not JSON (${(error as Error).message})`);
  }
  if (value === null || typeof value !== 'object' || Array.isArray(value))
    throw new ShapeError('not a journal entry (a JSON object)');
  const e = value as Record<string, unknown>;
  if (typeof e.change !== 'string') throw new ShapeError('change must be a string');
  if (!Number.isInteger(e.nextTicketNumber) || typeof e.lastTimestamp !== 'number') {
    throw new ShapeError('nextTicketNumber and lastTimestamp must be numbers');
  }
  if (e.snapshot !== undefined) checkData(e.snapshot);
  if (e.deleted_ticket !== undefined && typeof e.deleted_ticket !== 'string')
    throw new ShapeError('deleted_ticket must be a string');
  checkList(e.tickets, 'tickets', checkTicket);
  checkList(e.messages, 'messages', checkMessage);
  checkList(e.events, 'events', checkEvent);
  checkList(e.restoreTokens, 'restoreTokens', checkRestoreToken);
  checkList(e.mailbox, 'mailbox', checkMail);
  checkList(e.attachments, 'attachments', checkAttachment);
  for (const kind of ['saved', 'removed'] as const) {
    const part = e[kind] as Record<string, unknown> | undefined;
    if (part === undefined) continue;
    if (part === null || typeof part !== 'object') throw new ShapeError(`${kind} must be an object`);
    checkCollection(part.collection, `${kind}.collection`);
    if (kind === 'saved') SETTING_CHECKS[part.collection as CollectionName](part.item, 'saved.item');
    else if (typeof part.key !== 'string') throw new ShapeError('removed.key must be a string');
  }
  return value as JournalEntry;
}

/** Applies journal entries to saved state, in order, with indexes so that a long journal replays fast. */
export class Replay {
  #tickets = new Map<string, number>();
  #messages = new Map<string, number>();
  #events = new Map<string, number>();
  #tokens = new Map<string, number>();
  #attachments = new Map<string, number>();
  #mail = new Set<string>();
  #settings = new Map<CollectionName, Map<string, number>>();

  constructor(public data: StoreData) {
    this.#reindex();
  }

  apply(entry: JournalEntry) {
    if (entry.snapshot) this.#replace({ ...emptyData(), ...entry.snapshot });
    // A reset keeps the key that signs attachment URLs, as the store's reset does.
    if (entry.reset) this.#replace({ ...emptyData(), attachmentSecret: this.data.attachmentSecret });
    const d = this.data;
    if (entry.deleted_ticket) {
      const id = entry.deleted_ticket;
      d.tickets = d.tickets.filter((t) => t.id !== id);
      d.messages = d.messages.filter((m) => m.ticket_id !== id);
      d.attachments = d.attachments.filter((a) => a.ticket_id !== id);
      this.#reindex();
    }
    upsert(d.tickets, this.#tickets, entry.tickets);
    upsert(d.messages, this.#messages, entry.messages);
    upsert(d.events, this.#events, entry.events);
    upsert(d.restoreTokens, this.#tokens, entry.restoreTokens);
    upsert(d.attachments, this.#attachments, entry.attachments);
    // Mail has no id; its `sent_at` is a stamp, unique and increasing.
    for (const mail of entry.mailbox ?? []) {
      if (this.#mail.has(mail.sent_at)) continue;
      this.#mail.add(mail.sent_at);
      d.mailbox.push(mail);
    }
    if (entry.saved) this.#save(entry.saved.collection, entry.saved.item);
    if (entry.removed) this.#remove(entry.removed.collection, entry.removed.key);
    d.nextTicketNumber = entry.nextTicketNumber;
    d.lastTimestamp = Math.max(d.lastTimestamp, entry.lastTimestamp);
  }

  #replace(data: StoreData) {
    this.data = data;
    this.#reindex();
  }

  #reindex() {
    const d = this.data;
    this.#tickets = indexOf(d.tickets);
    this.#messages = indexOf(d.messages);
    this.#events = indexOf(d.events);
    this.#tokens = indexOf(d.restoreTokens);
    this.#attachments = indexOf(d.attachments);
    this.#mail = new Set(d.mailbox.map((m) => m.sent_at));
    this.#settings = new Map();
  }

  /** The index of a settings list, made when first needed (most journals touch few kinds). */
  #settingsIndex(collection: CollectionName): Map<string, number> {
    let index = this.#settings.get(collection);
    if (!index) {
      const list = this.data[collection] as Array<Collections[CollectionName]>;
      this.#settings.set(collection, (index = new Map(list.map((item, i) => [keyOf(collection, item), i]))));
    }
    return index;
  }

  #save(collection: CollectionName, item: Collections[CollectionName]) {
    const list = this.data[collection] as Array<Collections[CollectionName]>;
    const index = this.#settingsIndex(collection);
    const key = keyOf(collection, item);
    const at = index.get(key);
    if (at === undefined) index.set(key, list.push(item) - 1);
    else list[at] = item;
  }

  #remove(collection: CollectionName, key: string) {
    if (!this.#settingsIndex(collection).has(key)) return;
    const data = this.data as unknown as Record<CollectionName, Array<Collections[CollectionName]>>;
    data[collection] = data[collection].filter((item) => keyOf(collection, item) !== key);
    this.#settings.delete(collection);
  }
}

const indexOf = (list: { id: string }[]) => new Map(list.map((item, i) => [item.id, i]));

/** Replaces each item with the same id, or appends it. */
function upsert<T extends { id: string }>(list: T[], index: Map<string, number>, items: T[] | undefined) {
  for (const item of items ?? []) {
    const at = index.get(item.id);
    if (at === undefined) index.set(item.id, list.push(item) - 1);
    else list[at] = item;
  }
}
