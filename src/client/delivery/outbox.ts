import type { Traits } from '../../transport/wire-types.js';
import type { QueuedAttachment } from '../attachments/uploads.js';
import type { ChatError } from '../chat-state.js';
import type { Clock } from '../clock.js';
import type { KeyValueStorage } from '../storage.js';

/** A message the visitor wrote that the server has not confirmed yet. */
export interface OutboxEntry {
  /** The idempotency key: however often it is sent, the server stores it once. */
  clientMessageId: string;
  content: string;
  /** Its ticket, or `new:<clientMessageId of the opener>` for a ticket this queue will open. */
  ticket: string;
  traits: Traits;
  /** Order of delivery (ms, strictly increasing within a tab). */
  queuedAt: number;
  state: 'sending' | 'failed';
  /** Why a `failed` entry was refused. */
  failure?: ChatError;
  /**
   * The page's address when the visitor sent it (`session_context.current_url`): read then, not
   * at delivery, which may be in another tab, after a reload, or after a single-page app moved on.
   */
  url?: string;
  /** The tab that queued it: that tab announces `support-chat-message-sent`. */
  tab: string;
  /**
   * When it was first sent (stored before that request): from then on the server may have it,
   * even if this page never heard back (a reload, another tab delivering, a lost answer).
   */
  triedAt?: number;
  /** Its files (stored apart), each uploaded before the send and attached by its server id. */
  attachments?: QueuedAttachment[];
}

export const PREFIX = 'outbox:';
export const NEW_TICKET = 'new:';

/**
 * The unsent messages, in order: a mirror in memory (every tab has one, kept in step
 * through the tab channel) over one storage key per message, so that tabs writing
 * different messages never overwrite each other and a reload finds them all.
 */
export class Outbox {
  entries: OutboxEntry[] = [];
  #last = 0;

  readonly #clock: Clock;

  readonly #storage: KeyValueStorage;

  constructor(storage: KeyValueStorage, clock: Clock) {
    this.#storage = storage;
    this.#clock = clock;
  }

  /** Adds what storage holds (a reload, or another tab's messages) to the mirror. */
  async load() {
    const keys = (await this.#storage.keys()).filter((k) => k.startsWith(PREFIX));
    const stored = await Promise.all(keys.map((k) => this.#storage.get<OutboxEntry>(k)));
    // Storage may hold anything (an old version, a tampered value): keep only sound entries.
    for (const e of stored) if (isEntry(e) && !this.find(e.clientMessageId)) this.entries.push(e);
    this.#sort();
  }

  /** A strictly increasing time, so that two messages of one tab never tie. */
  stamp() {
    return (this.#last = Math.max(this.#clock.now(), this.#last + 1));
  }

  find(id: string) {
    return this.entries.find((e) => e.clientMessageId === id);
  }

  /** The next message to deliver: the oldest still sending. Failed ones wait for a retry. */
  next() {
    return this.entries.find((e) => e.state === 'sending');
  }

  /** Adds or replaces an entry; `persist` only in the tab that made the change. */
  async put(entry: OutboxEntry, persist: boolean) {
    this.entries = this.entries.filter((e) => e.clientMessageId !== entry.clientMessageId).concat(entry);
    this.#sort();
    if (persist) await this.#storage.set(PREFIX + entry.clientMessageId, entry);
  }

  async remove(id: string, persist: boolean) {
    this.entries = this.entries.filter((e) => e.clientMessageId !== id);
    if (persist) await this.#storage.delete(PREFIX + id);
  }

  /** A queued new ticket got its id: the messages queued behind its opener go there too. */
  async retarget(placeholder: string, ticketId: string, persist: boolean) {
    for (const e of this.entries.filter((e) => e.ticket === placeholder)) {
      await this.put({ ...e, ticket: ticketId }, persist);
    }
  }

  #sort() {
    this.entries.sort((a, b) => a.queuedAt - b.queuedAt || a.clientMessageId.localeCompare(b.clientMessageId));
  }
}

function isEntry(e: unknown): e is OutboxEntry {
  const o = e as OutboxEntry | undefined;
  return (
    !!o &&
    typeof o.clientMessageId === 'string' &&
    typeof o.content === 'string' &&
    typeof o.ticket === 'string' &&
    typeof o.queuedAt === 'number' &&
    (!o.attachments || Array.isArray(o.attachments)) &&
    (o.url === undefined || typeof o.url === 'string') &&
    (o.state === 'sending' || o.state === 'failed')
  );
}
