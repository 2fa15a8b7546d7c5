import { TransportError } from '../../transport/transport-error.js';
import type { Credentials, Transport } from '../../transport/transport.js';
import type { Attachment } from '../../transport/wire-types.js';
import { ChatFailure } from '../chat-error.js';
import type { ChatUpload } from '../chat-state.js';
import type { OutboxEntry } from '../delivery/outbox.js';
import type { KeyValueStorage } from '../storage.js';

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

/** A message whose every file was cancelled and that has no text: there is nothing left to send. */
export class NothingToSend extends Error {}

export interface UploadsOptions {
  storage: KeyValueStorage;
  transport: Transport;
  credentials(): Credentials;
  /** The entry as it stands now (a cancel may have changed it), or undefined once gone. */
  current(clientMessageId: string): OutboxEntry | undefined;
  /** Stores a changed entry and tells the other tabs. */
  save(entry: OutboxEntry): Promise<void>;
  /** An upload moved on: what is on show should follow. */
  progressed(): void;
}

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
  readonly #options: UploadsOptions;

  constructor(options: UploadsOptions) {
    this.#options = options;
  }

  /** Stores the files and returns what an outbox entry keeps of them; resolves once all are stored. */
  store(files: readonly File[]): Promise<QueuedAttachment[]> {
    return Promise.all(
      files.map(async (file) => {
        const key = FILE_PREFIX + crypto.randomUUID();
        await this.#options.storage.set(key, file);
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
    const { storage, transport, credentials, current, save, progressed } = this.#options;
    for (let entry, next; (entry = current(clientMessageId)) && (next = entry.attachments?.find((a) => !a.uploaded));) {
      const { key } = next;
      const stored = await storage.get<unknown>(key);
      if (!(stored instanceof Blob)) throw new ChatFailure({ kind: 'rejected', code: 'attachment_lost' });
      if (!transport.uploadAttachment) throw new ChatFailure({ kind: 'rejected', code: 'rejected' });
      const file = stored instanceof File ? stored : new File([stored], next.name, { type: next.content_type });
      const controller = new AbortController();
      this.#running.set(key, controller);
      this.#loaded.set(key, 0);
      try {
        const uploaded = await transport.uploadAttachment(file, credentials(), {
          signal: controller.signal,
          onProgress: (loaded) => {
            this.#loaded.set(key, loaded);
            progressed();
          },
        });
        const now = current(clientMessageId);
        if (now?.attachments?.some((a) => a.key === key)) {
          await save({ ...now, attachments: now.attachments.map((a) => (a.key === key ? { ...a, uploaded } : a)) });
        }
      } catch (error) {
        if (!isAbort(error)) throw error;
        // Aborted but still wanted (the client stopped): a retry later, as after a lost connection.
        if (current(clientMessageId)?.attachments?.some((a) => a.key === key)) {
          throw new TransportError('network', 'The upload was interrupted.');
        }
      } finally {
        this.#running.delete(key);
        this.#loaded.delete(key);
        progressed();
      }
    }
    return current(clientMessageId);
  }

  /** Stops the upload of a file, if this tab is uploading it (its entry no longer lists it). */
  cancel(key: string) {
    this.#running.get(key)?.abort();
  }

  /** Stops every upload of this tab (the client stops); each is retried when delivery resumes. */
  stopAll() {
    for (const controller of this.#running.values()) controller.abort();
  }

  /** Forgets the stored files of a message that was sent or discarded. */
  async forget(attachments: readonly QueuedAttachment[] = []) {
    await Promise.all(attachments.map((a) => this.#options.storage.delete(a.key)));
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
