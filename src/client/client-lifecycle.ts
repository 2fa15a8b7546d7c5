import type { ClientParts } from './client-parts.js';
import { NEW_TICKET } from './delivery/outbox.js';
import { dispatch } from './events.js';
import { loadStored } from './stored-fields.js';

/**
 * When the client runs: it reads what is stored, joins the other tabs and, while this tab
 * leads, polls, streams and delivers. One job apart from the facade because every step can
 * race another (a `stop()` while the storage loads, the lead lost while the outbox loads),
 * and that bookkeeping belongs in one place.
 */
export class ClientLifecycle {
  readonly #parts: ClientParts;
  #starting: Promise<void> | undefined;
  #generation = 0; // bumped by stop(): see #load

  constructor(parts: ClientParts) {
    this.#parts = parts;
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
    const { tab, sync, queue } = this.#parts;
    this.#generation++;
    tab.tabs.stop();
    sync.poller.stop();
    queue.sender.stop();
    queue.uploads?.stopAll();
    this.#starting = undefined;
  }

  /** Loads what is stored, then joins the tabs, unless `stop()` came meanwhile (`generation` is then old). */
  async #load(generation: number) {
    const { tab, consent, storage, queue, sync } = this.#parts;
    if (consent && (await consent.previouslyGranted())) await consent.grant();
    const { identity, ...stored } = await loadStored(storage);
    const { outbox } = queue;
    await outbox.load();
    if (generation !== this.#generation) return; // an element removed right after it was added
    tab.identity = identity;
    // A reload while a new ticket's first message was unsent: that draft is still on show.
    tab.draft = stored.currentTicketId ? null : (outbox.entries.find((e) => e.ticket.startsWith(NEW_TICKET))?.ticket ?? null);
    tab.update({ ...stored, ready: true, messages: queue.messages(tab.view) });
    sync.poller.setOpen(tab.state.open);
    tab.tabs.start();
    tab.post({ t: 'hello' });
    dispatch(tab.eventTarget, 'support-chat-ready', {});
    tab.checkStorage();
  }

  /** This tab now polls and delivers (another tab closed, or this one came to the front), or no longer does. */
  async lead(leader: boolean) {
    const { tab, queue, sync, live } = this.#parts;
    tab.update({ leader });
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
}
