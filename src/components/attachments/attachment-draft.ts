import type { ReactiveController, ReactiveControllerHost } from 'lit';
import type { AttachmentRefusal } from '../../client/attachments/attachment-rules.js';
import type { SupportChatClient } from '../../client/support-chat-client.js';
import type { Settings } from '../../context/settings-context.js';
import { format, plural } from '../../i18n/strings.js';
import type { AttachmentLimits } from '../../transport/wire-types.js';
import { formatSize } from './format-size.js';

/** A file chosen for the next message, with its thumbnail's object URL when it is an image. */
export interface DraftFile {
  file: File;
  preview?: string;
}

/**
 * The files chosen for the next message (by the attach button, a paste or a drop): checked
 * against the backend's limits as they come, so that a refused file never starts an upload and
 * the visitor reads why at once. Object URLs of thumbnails are revoked once a file is removed,
 * sent or the composer goes.
 */
export class AttachmentDraft implements ReactiveController {
  /** The backend's limits; null while unknown and for a backend without attachments (nothing is offered). */
  limits: AttachmentLimits | null = null;
  files: DraftFile[] = [];
  /** Why the last files offered were refused, one entry per file. */
  refusals: Array<{ name: string; reason: AttachmentRefusal }> = [];

  readonly #host: ReactiveControllerHost;
  readonly #client: () => SupportChatClient | undefined;
  #asked: SupportChatClient | undefined;

  constructor(host: ReactiveControllerHost, client: () => SupportChatClient | undefined) {
    (this.#host = host).addController(this);
    this.#client = client;
  }

  hostUpdate() {
    const client = this.#client();
    if (!client || client === this.#asked) return;
    this.#asked = client;
    void client.getAttachmentLimits().then((limits) => {
      if (this.#asked !== client) return;
      this.limits = limits;
      this.#host.requestUpdate();
    });
  }

  hostDisconnected() {
    this.clear();
  }

  /** Adds what the limits allow; the rest is refused with a reason, and nothing is uploaded yet. */
  async add(files: readonly File[]) {
    const client = this.#client();
    if (!client || !this.limits || !files.length) return;
    const { accepted, refused } = await client.checkAttachments(files, this.files.length);
    const isImage = (file: File) => file.type.startsWith('image/');
    this.files = [
      ...this.files,
      ...accepted.map((file) => ({ file, preview: isImage(file) ? URL.createObjectURL(file) : undefined })),
    ];
    this.refusals = refused.map(({ file, reason }) => ({ name: file.name, reason }));
    this.#host.requestUpdate();
  }

  remove(draft: DraftFile) {
    if (draft.preview) URL.revokeObjectURL(draft.preview);
    this.files = this.files.filter((f) => f !== draft);
    this.refusals = [];
    this.#host.requestUpdate();
  }

  /** The files for the message being sent; the draft is empty afterwards. */
  take(): File[] {
    const files = this.files.map((f) => f.file);
    this.clear();
    return files;
  }

  clear() {
    for (const { preview } of this.files) if (preview) URL.revokeObjectURL(preview);
    this.files = [];
    this.refusals = [];
    this.#host.requestUpdate();
  }

  /** The sentence for a refused file, in the visitor's language. */
  sentence({ name, reason }: { name: string; reason: AttachmentRefusal }, { strings, lang }: Settings): string {
    const limits = this.limits;
    if (reason === 'attachment_count') return plural(strings.attachmentCount, limits?.max_per_message ?? 0, lang);
    if (reason === 'attachment_too_large') {
      return format(strings.attachmentTooLarge, { name, size: formatSize(limits?.max_bytes ?? 0, lang) });
    }
    return format(strings.attachmentType, { name });
  }
}
