import { TransportError } from '../../transport/transport-error.js';
import type { Transport } from '../../transport/transport.js';
import type { AttachmentLimits, Capabilities, SendMessageResponse, Traits } from '../../transport/wire-types.js';
import { loadAttachments } from '../attachments/load-attachments.js';
import type { AttachmentUploads, QueuedAttachment } from '../attachments/uploads.js';
import { toChatError } from '../chat-error.js';
import type { Clock } from '../clock.js';
import type { Conversation } from '../conversation.js';
import { dispatch } from '../events.js';
import type { Session } from '../session.js';
import { STORED } from '../stored-fields.js';
import type { TabState } from '../tab-state.js';
import type { BackoffOptions } from './backoff.js';
import { NEW_TICKET, Outbox, type OutboxEntry } from './outbox.js';
import { Reconciler } from './reconcile.js';
import { Sender } from './sender.js';

export interface DeliveryQueueOptions {
  tab: TabState;
  session: Session;
  transport: Transport;
  conversation: Conversation;
  clock: Clock;
  backoff: BackoffOptions;
  /** The client's one read of the backend's capabilities (null: a plain backend). */
  capabilities: () => Promise<Capabilities | null>;
}

/** A message whose every file was taken off and that has no text: the sender drops it. */
const NOTHING_TO_SEND = new Error('support-chat: nothing left to send');

interface Waiter {
  resolve(response: SendMessageResponse | null): void;
  reject(error: unknown): void;
}

/**
 * The visitor's messages on their way: the outbox (in every tab), its delivery (by the
 * leader), and the promises of `sendMessage` waiting for the outcome in the tab that queued
 * each message, whichever tab delivers it.
 */
export class DeliveryQueue {
  readonly outbox: Outbox;
  /** Delivers the outbox: only in the leader tab (`start()` / `stop()`). */
  readonly sender: Sender;
  /** The files of queued messages (stored, then uploaded just before their message is sent), once a message has files. */
  uploads: AttachmentUploads | undefined;
  #loadingUploads: Promise<AttachmentUploads> | undefined;
  readonly #waiting = new Map<string, Waiter>();

  readonly #tab: TabState;
  readonly #conversation: Conversation;
  readonly #uploads: () => Promise<AttachmentUploads>;
  readonly #eventTarget: EventTarget;

  constructor(options: DeliveryQueueOptions) {
    const tab = (this.#tab = options.tab);
    this.#conversation = options.conversation;
    this.#eventTarget = tab.eventTarget;
    const { session, transport, clock } = options;
    const outbox = (this.outbox = new Outbox(tab.storage, clock));
    const reconciler = new Reconciler(transport, clock, () => session.credentials, options.capabilities);
    // The code of uploads comes with the panel file, loaded when a message has files.
    this.#uploads = () =>
      (this.#loadingUploads ??= loadAttachments().then(
        ({ AttachmentUploads }) => (this.uploads = new AttachmentUploads(tab, outbox, transport, session, this)),
        (error: unknown) => {
          this.#loadingUploads = undefined;
          throw new TransportError('network', String(error));
        },
      ));
    this.sender = new Sender({
      outbox,
      clock,
      backoff: options.backoff,
      send: async (queued) => {
        // Its files first, each once (their ids are stored as they come); a cancel may have left nothing.
        const entry = queued.attachments?.length ? await (await this.#uploads()).upload(queued.clientMessageId) : queued;
        if (!entry || (!entry.content && !entry.attachments?.length)) throw NOTHING_TO_SEND;
        const response = await transport.sendMessage(session.credentials, {
          message: entry.content,
          attachmentIds: entry.attachments?.map((a) => a.uploaded!.id),
          ticketId: entry.ticket.startsWith(NEW_TICKET) ? null : entry.ticket,
          traits: entry.traits,
          clientMessageId: entry.clientMessageId,
          currentUrl: entry.url ?? location.href,
        });
        reconciler.sent(response);
        return response;
      },
      trying: async (entry) => {
        // Stored and told to the other tabs: whoever delivers it next (after a reload, or another leader) looks for it first.
        const tried = { ...entry, triedAt: clock.now() };
        await outbox.put(tried, true);
        tab.post({ t: 'put', entry: tried });
        return tried;
      },
      find: (entry) => reconciler.find(entry),
      sent: (entry, response) => this.#settle(entry, response, true),
      refused: (entry, error) => this.#refuse(entry, error),
      retrying: (error) => tab.reportError(error),
    });
    tab.on('put', ({ entry }) => {
      void this.outbox.put(entry, false);
      tab.recompose();
      if (entry.state === 'failed')
        this.#settleWaiter(entry.clientMessageId, new TransportError('http', entry.failure?.code ?? 'rejected'));
      if (tab.tabs.leader) this.sender.kick();
    });
    tab.on('drop', ({ id }) => {
      void this.outbox.remove(id, false);
      tab.recompose();
      this.#settleWaiter(id, null);
    });
    tab.on('sent', ({ entry, response }) => void this.#settle(entry, response, false));
    tab.on('hello', () => {
      for (const entry of this.outbox.entries) tab.post({ t: 'put', entry });
    });
    tab.on('reset', () => {
      this.outbox.entries = [];
      for (const id of [...this.#waiting.keys()]) this.#settleWaiter(id, null);
    });
  }

  /** Queues a new message (on the ticket on show, else on a new one), its files stored first; resolves as `enqueue`. */
  async send(
    content: string,
    traits: Traits,
    newTicket: boolean,
    queuedAt: number,
    files: readonly File[] = [],
    limits?: () => Promise<AttachmentLimits | null>,
  ) {
    // The address now: a single-page app's pushState/replaceState/popstate show in location.href.
    const url = location.href;
    const attachments = files.length ? await (await this.#uploads()).store(files, await limits?.()) : undefined;
    const tab = this.#tab;
    const clientMessageId = crypto.randomUUID();
    let ticket = newTicket ? null : tab.view;
    if (!ticket) {
      ticket = NEW_TICKET + clientMessageId;
      void tab.share({ currentTicketId: null, draft: ticket });
    }
    traits = { ...tab.state.traits, ...traits };
    const entry: OutboxEntry = { clientMessageId, content, ticket, traits, queuedAt, url, state: 'sending', tab: tab.tabs.id };
    return this.enqueue(attachments ? { ...entry, attachments } : entry);
  }

  /** Takes a file off an unsent message (see `AttachmentUploads.cancel`). */
  async cancelAttachment(clientMessageId: string, key: string) {
    await (await this.#uploads()).cancel(clientMessageId, key);
  }

  /** Queues an entry; resolves with the server's answer, `null` if discarded, rejects if refused. */
  async enqueue(entry: OutboxEntry) {
    const result = new Promise<SendMessageResponse | null>((resolve, reject) =>
      this.#waiting.set(entry.clientMessageId, { resolve, reject }),
    );
    const saved = this.outbox.put(entry, true); // the mirror changes at once, storage a moment later
    this.#tab.recompose();
    await saved; // in storage before any request: a reload or a crash cannot lose it
    this.#tab.checkStorage();
    this.#tab.post({ t: 'put', entry });
    if (this.#tab.tabs.leader) this.sender.kick();
    return result;
  }

  async discard(clientMessageId: string) {
    const files = this.outbox.find(clientMessageId)?.attachments;
    this.#tab.broadcast({ t: 'drop', id: clientMessageId });
    await this.outbox.remove(clientMessageId, true);
    await this.#forget(files);
  }

  /** The stored files of a message sent or discarded (deleted without loading the code of uploads). */
  async #forget(files: QueuedAttachment[] = []) {
    for (const { key } of files) await this.#tab.storage.delete(key);
  }

  /** The server has the message: out of the outbox, into the conversation, in every this.#tab. */
  async #settle(sent: OutboxEntry, response: SendMessageResponse, local: boolean) {
    const id = sent.clientMessageId;
    // As it stands now: its files have their server ids (the sender holds the entry from before the upload).
    const entry = this.outbox.find(id) ?? sent;
    const opened = entry.ticket.startsWith(NEW_TICKET) ? entry.ticket : null;
    if (local) this.#tab.post({ t: 'sent', entry, response });
    await this.outbox.remove(id, local);
    if (local) await this.#forget(entry.attachments);
    let currentTicketId = this.#tab.state.currentTicketId;
    if (opened) {
      await this.outbox.retarget(opened, response.ticket_id, local);
      if (this.#tab.draft === opened) {
        // The draft on show became a real ticket: it stays on show, with no history to load.
        this.#tab.draft = null;
        this.#tab.epoch++;
        this.#conversation.clear(true);
        currentTicketId = response.ticket_id;
        if (local) await this.#tab.storage.set(STORED.currentTicketId, currentTicketId);
      }
    }
    const shown = response.ticket_id === currentTicketId;
    if (shown) {
      const { message_id, created_at } = response;
      const author_name = entry.traits.name ?? null;
      this.#conversation.sent({
        id: message_id,
        clientMessageId: id,
        content: entry.content,
        author_type: 'customer',
        author_name,
        created_at,
        delivery: 'sent',
        ...(entry.attachments?.length && { attachments: entry.attachments.flatMap((a) => (a.uploaded ? [a.uploaded] : [])) }),
      });
    }
    this.#tab.update({
      currentTicketId,
      messages: this.messages(currentTicketId ?? this.#tab.draft),
      ...(shown && { ticketStatus: response.ticket_status }),
    });
    if (local) this.#tab.clearError();
    // Announced once: by the tab that queued it, or by the deliverer when that tab is gone.
    if (entry.tab === this.#tab.tabs.id || (local && !this.#tab.peers.has(entry.tab))) {
      dispatch(this.#eventTarget, 'support-chat-message-sent', {
        ticketId: response.ticket_id,
        messageId: response.message_id,
        isNewTicket: !!opened,
      });
    }
    this.#settleWaiter(id, response);
  }

  /** The messages on show for a ticket (or a draft): the conversation, then the outbox's. */
  messages(view: string | null) {
    const pending = this.outbox.entries.filter((e) => e.ticket === view);
    // Files on show need their uploads' code (for their progress): shown once it is there.
    if (!this.uploads && pending.some((e) => e.attachments?.length))
      void this.#uploads().then(
        () => this.#tab.recompose(),
        () => {},
      );
    return this.#conversation.compose(pending, (e) => this.uploads?.progress(e));
  }

  async #refuse(refused: OutboxEntry, error: unknown) {
    if (error === NOTHING_TO_SEND) return this.discard(refused.clientMessageId);
    // As it stands now, so that the ids of files already uploaded are kept for the retry.
    const entry = this.outbox.find(refused.clientMessageId) ?? refused;
    const failed: OutboxEntry = { ...entry, state: 'failed', failure: toChatError(error) };
    await this.outbox.put(failed, true);
    this.#tab.post({ t: 'put', entry: failed });
    this.#tab.recompose();
    this.#tab.reportError(error);
    this.#settleWaiter(entry.clientMessageId, error);
  }

  #settleWaiter(id: string, outcome: unknown) {
    const waiter = this.#waiting.get(id);
    this.#waiting.delete(id);
    if (outcome instanceof Error) waiter?.reject(outcome);
    else waiter?.resolve(outcome as SendMessageResponse | null);
  }
}
