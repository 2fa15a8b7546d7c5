import type { ClientParts } from './client-parts.js';
import type { SupportChatClientOptions } from './client-options.js';
import { whenIdle } from '../internal/when-idle.js';
import { loadConversation } from './conversation-loader.js';
import type { ConversationParts } from './conversation-parts.js';
import type { TicketRead } from './conversation-sync.js';
import { NEW_TICKET, PREFIX as OUTBOX } from './delivery/outbox.js';
import { dispatch } from './events.js';
import { loadStored } from './stored-fields.js';

/**
 * When the client runs: it reads what is stored, joins the other tabs and, while this tab
 * leads, polls, streams and delivers. One job apart from the facade because every step can
 * race another (a `stop()` while the storage loads, the lead lost while the outbox loads, the
 * conversation parts arriving at any of those moments), and that bookkeeping belongs in one place.
 */
export class ClientLifecycle {
  readonly #parts: ClientParts;
  readonly #options: SupportChatClientOptions;
  #starting: Promise<void> | undefined;
  #conversation: Promise<ConversationParts> | undefined;
  #generation = 0; // bumped by stop(): see #load
  /** The badge's read of the ticket list (see `#pollBadge`), until the conversation parts take it over. */
  #badgeRead: TicketRead | undefined;

  constructor(parts: ClientParts, options: SupportChatClientOptions) {
    this.#parts = parts;
    this.#options = options;
    // Another tab queued a message: this one may be the leader, whose part delivers it.
    parts.tab.on('put', () => void this.conversation().catch(() => {}));
  }

  /** See `SupportChatClient.start()`. */
  start(): Promise<void> {
    if (!this.#starting) {
      this.#parts.restore.collect();
      this.#starting = this.#load(this.#generation);
      void this.#starting.catch((error) => this.#parts.tab.reportError(error));
    }
    return this.#starting;
  }

  /** See `SupportChatClient.stop()`. */
  stop() {
    const { tab, late } = this.#parts;
    this.#generation++;
    this.#badgeRead = undefined;
    tab.tabs.stop();
    late?.sync.poller.stop();
    late?.queue.sender.stop();
    late?.queue.uploads?.stopAll();
    this.#starting = undefined;
  }

  /**
   * The conversation parts (delivery, message sync, live, restore flow), loaded and made once;
   * once in, they take over from the badge poll (see `lead`). A failed load is tried again by the next call.
   */
  conversation(): Promise<ConversationParts> {
    if (this.#parts.late) return Promise.resolve(this.#parts.late);
    this.#conversation ??= loadConversation().then(
      (build) => this.#attach(build(this.#parts, this.#options)),
      (error: unknown) => {
        this.#conversation = undefined;
        throw error;
      },
    );
    return this.#conversation;
  }

  /** Loads what is stored, then joins the tabs, unless `stop()` came meanwhile (`generation` is then old). */
  async #load(generation: number) {
    const { tab, consent, storage } = this.#parts;
    // Not lazy: loaded while the storage is read, not after (a start-up cost otherwise).
    const wanted = this.#options.lazy ? undefined : this.conversation();
    wanted?.catch(() => {}); // awaited below, unless reading the storage failed first
    if (consent && (await consent.previouslyGranted())) await consent.grant();
    const { identity, ...stored } = await loadStored(storage);
    // Unsent messages are delivered after a reload whether or not the panel opens: their part comes at once.
    const unsent = !wanted && (await storage.keys()).some((key) => key.startsWith(OUTBOX));
    const arriving = wanted ?? (unsent ? this.conversation() : undefined);
    await arriving?.catch(() => whenIdle(() => void this.conversation().catch(() => {})));
    const late = this.#parts.late;
    await late?.queue.outbox.load();
    if (generation !== this.#generation) return; // an element removed right after it was added
    tab.identity = identity;
    // A reload while a new ticket's first message was unsent: that draft is still on show.
    const entries = late?.queue.outbox.entries ?? [];
    tab.draft = stored.currentTicketId ? null : (entries.find((e) => e.ticket.startsWith(NEW_TICKET))?.ticket ?? null);
    tab.update({ ...stored, ready: true, messages: late?.queue.messages(tab.view) ?? [] });
    late?.sync.poller.setOpen(tab.state.open);
    tab.tabs.start();
    tab.post({ t: 'hello' });
    dispatch(tab.eventTarget, 'support-chat-ready', {});
    tab.checkStorage();
    if (late) return;
    // Opened already (stored so, or the `open` attribute) or a restore link waiting: wanted now; else when idle.
    if (tab.state.open || tab.state.pendingRestore) void this.conversation().catch(() => {});
    else whenIdle(() => void this.conversation().catch(() => {}));
  }

  /** This tab now polls and delivers (another tab closed, or this one came to the front), or no longer does. */
  async lead(leader: boolean) {
    const { tab, late } = this.#parts;
    tab.update({ leader });
    if (!late) return leader ? this.#pollBadge() : undefined;
    const { queue, sync, live } = late;
    if (!leader) {
      sync.poller.stop();
      queue.sender.stop();
      queue.uploads?.stopAll(); // the next leader uploads them
      return live.channel.lead(false);
    }
    await queue.outbox.load(); // what a closed tab left unsent
    if (!tab.tabs.leader) return; // stopped, or no longer leading, meanwhile
    tab.recompose();
    sync.poller.start();
    queue.sender.start();
    live.channel.lead(true);
  }

  /** The conversation parts are in: they show what they hold and, in the leader, start polling and delivering. */
  #attach(late: ConversationParts) {
    const { tab } = this.#parts;
    this.#parts.late = late;
    if (!tab.state.ready) return late; // #load goes on with them
    tab.recompose();
    late.sync.poller.setOpen(tab.state.open);
    // Their first poll would read the ticket list again, right after the badge did (or while it does).
    const badge = this.#badgeRead;
    this.#badgeRead = undefined;
    if (tab.tabs.leader && badge) late.sync.adoptTicketRead(badge);
    if (tab.tabs.leader) void this.lead(true);
    // A follower: the leader sends the messages of the ticket on show to a tab that says hello.
    else tab.post({ t: 'hello' });
    return late;
  }

  /**
   * The leader before the conversation parts are in: one read of the ticket list, so that the
   * badge counts from the start (they poll on their schedule once in, their first poll taking
   * this answer: see `#attach`).
   */
  async #pollBadge() {
    const { tab, session, owned } = this.#parts;
    const who = tab.who;
    try {
      const read = owned.getTickets(session.credentials, { limit: 100 });
      this.#badgeRead = { who, read };
      const { results } = await read;
      if (this.#parts.late || who !== tab.who || JSON.stringify(results) === JSON.stringify(tab.state.tickets)) return;
      await tab.share({ tickets: results });
    } catch (error) {
      if (!this.#parts.late) tab.reportError(error);
    }
  }
}
