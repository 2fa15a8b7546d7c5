import { TransportError } from '../../transport/transport-error.js';
import type { Transport } from '../../transport/transport.js';
import type { Attachment, AttachmentLimits } from '../../transport/wire-types.js';
import { checkFiles } from './attachment-rules.js';
import type { ChatUpload } from '../chat-state.js';
import { NEW_TICKET, type Outbox, type OutboxEntry } from '../delivery/outbox.js';
import type { Session } from '../session.js';
import type { TabState } from '../tab-state.js';

/** A file of a queued message, as its outbox entry keeps it (the bytes are stored apart). */
export interface QueuedAttachment {
  /** The storage key of the file itself. */
  key: string;
  name: string;
  content_type: string;
  size: number;
  /** The server's answer once uploaded: from then on it is never uploaded again. */
  uploaded?: Attachment;
}

/** Storage keys of queued files (apart from the outbox's `outbox:` keys). */
const FILE_PREFIX = 'file:';

/** What the uploads need of the delivery queue that owns them. */
export interface UploadsOwner {
  /** Drops a message (everywhere) and forgets its files. */
  discard(clientMessageId: string): Promise<void>;
}

/** A refusal of our own (a file gone from storage, a transport without uploads): the message waits for a retry or a discard. */
const refused = (why: string) => new TransportError('http', `support-chat: ${why}`, 400);

const isAbort = (error: unknown) => error instanceof DOMException && error.name === 'AbortError';

/**
 * The files of queued messages: stored (as blobs, beside the outbox) before anything refers to
 * them, uploaded one at a time by whoever delivers the outbox, and each server id stored with its
 * entry at once, so that a reload, a retry or another tab never uploads or attaches a file twice.
 */
export class AttachmentUploads {
  /** Bytes uploaded so far, by file key, for the uploads of this tab. */
  readonly #loaded = new Map<string, number>();
  readonly #running = new Map<string, AbortController>();
  readonly #tab: TabState;
  readonly #outbox: Outbox;
  readonly #transport: Transport;
  readonly #session: Session;
  readonly #owner: UploadsOwner;

  // Built by the delivery queue (in the first file) from its parts: the wiring lives here, in the panel file.
  constructor(tab: TabState, outbox: Outbox, transport: Transport, session: Session, owner: UploadsOwner) {
    this.#tab = tab;
    this.#outbox = outbox;
    this.#transport = transport;
    this.#session = session;
    this.#owner = owner;
  }

  /** The entry as it stands now (a cancel may have changed it), or undefined once gone. */
  #current(clientMessageId: string) {
    return this.#outbox.find(clientMessageId);
  }

  /** Stores a changed entry and tells the other tabs. */
  async #save(entry: OutboxEntry) {
    await this.#outbox.put(entry, true);
    this.#tab.post({ t: 'put', entry });
  }

  /** An upload moved on, or a file was taken off: what is on show follows. */
  #progressed() {
    this.#tab.recompose();
  }

  /**
   * Stores the files and returns what an outbox entry keeps of them; resolves once all are stored.
   * Rejects (a RangeError) before storing anything when the limits refuse a file (`checkAttachments()` says why).
   */
  store(files: readonly File[], limits: AttachmentLimits | null = null): Promise<QueuedAttachment[]> {
    if (checkFiles(files, limits).refused.length) {
      throw new RangeError('support-chat: a file is refused by the backend’s limits (see checkAttachments)');
    }
    return Promise.all(
      files.map(async (file) => {
        const key = FILE_PREFIX + crypto.randomUUID();
        await this.#tab.storage.set(key, file);
        return { key, name: file.name, content_type: file.type, size: file.size };
      }),
    );
  }

  /**
   * Uploads each file of the entry that has no server id yet, in order, and returns the entry as
   * it then stands, or undefined if it is gone. A file cancelled meanwhile is skipped; any other
   * failure rejects (the sender retries or marks the message failed, keeping the ids it has).
   */
  async upload(clientMessageId: string): Promise<OutboxEntry | undefined> {
    const transport = this.#transport;
    for (let entry, next; (entry = this.#current(clientMessageId)) && (next = entry.attachments?.find((a) => !a.uploaded));) {
      const { key } = next;
      const stored = await this.#tab.storage.get<unknown>(key);
      if (!(stored instanceof Blob)) throw refused(`the file ${next.name} is no longer stored`);
      if (!transport.uploadAttachment) throw refused('this transport cannot upload files');
      const file = stored instanceof File ? stored : new File([stored], next.name, { type: next.content_type });
      const controller = new AbortController();
      this.#running.set(key, controller);
      this.#loaded.set(key, 0);
      try {
        // Uploaded by whoever sends it: the server lets only that caller attach it.
        const ticket = entry.ticket.startsWith(NEW_TICKET) ? null : entry.ticket;
        const uploaded = await transport.uploadAttachment(file, this.#session.credentialsFor(ticket), {
          signal: controller.signal,
          onProgress: (loaded) => {
            this.#loaded.set(key, loaded);
            this.#progressed();
          },
        });
        const now = this.#current(clientMessageId);
        if (now?.attachments?.some((a) => a.key === key)) {
          await this.#save({ ...now, attachments: now.attachments.map((a) => (a.key === key ? { ...a, uploaded } : a)) });
        }
      } catch (error) {
        if (!isAbort(error)) throw error;
        // Aborted but still wanted (the client stopped): a retry later, as after a lost connection.
        if (this.#current(clientMessageId)?.attachments?.some((a) => a.key === key)) {
          throw new TransportError('network', 'The upload was interrupted.');
        }
      } finally {
        this.#running.delete(key);
        this.#loaded.delete(key);
        this.#progressed();
      }
    }
    return this.#current(clientMessageId);
  }

  /**
   * Takes a file off an unsent message, stopping its upload if this tab runs it. A failed message
   * left with neither text nor files goes; one on its way is dropped by its sender.
   */
  async cancel(clientMessageId: string, key: string) {
    const entry = this.#current(clientMessageId);
    const attachments = entry?.attachments?.filter((a) => a.key !== key);
    if (!entry || !attachments || attachments.length === entry.attachments?.length) return;
    await this.#save({ ...entry, attachments });
    this.#running.get(key)?.abort();
    this.#progressed();
    await this.#tab.storage.delete(key);
    if (!entry.content && !attachments.length && entry.state === 'failed') await this.#owner.discard(clientMessageId);
  }

  /** Stops every upload of this tab (the client stops); each is retried when delivery resumes. */
  stopAll() {
    for (const controller of this.#running.values()) controller.abort();
  }

  /** The files of an entry as the UI shows them, with their progress. */
  progress(entry: OutboxEntry): ChatUpload[] | undefined {
    return entry.attachments?.map((a) => ({
      key: a.key,
      name: a.name,
      content_type: a.content_type,
      size: a.size,
      loaded: a.uploaded ? a.size : (this.#loaded.get(a.key) ?? 0),
      done: !!a.uploaded,
    }));
  }
}
