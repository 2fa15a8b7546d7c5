// Where the inbox shows a message's files and where the agent adds files to a reply or note.
import { html, nothing } from 'lit';
import { customElement, query, state } from 'lit/decorators.js';
import { ATTACHMENT_TYPES, IMAGE_ATTACHMENT_TYPES, MAX_ATTACHMENTS_PER_MESSAGE } from '../../contract/attachments.js';
import { formatSize } from '../../src/components/attachments/format-size.js';
import { attachmentsOf } from '../../src/transport/validate-attachments.js';
import { api, ApiError, type TeamMessage } from './api.js';
import { InboxElement } from './base.js';

/** A thumbnail's box, set before the picture loads so that the messages below do not move when it does. */
export const THUMBNAIL = { width: 200, height: 150 } as const;

const isPicture = (type: string) => (IMAGE_ATTACHMENT_TYPES as readonly string[]).includes(type);

/** A file's name and size, as text: a name is shown verbatim, never read as HTML. */
const nameAndSize = (name: string, size: number) =>
  html`<span class="file-name" dir="auto">${name}</span> <span class="file-size">${formatSize(size, 'en')}</span>`;

/**
 * The files of a message, under its text: pictures as thumbnails opening full size in a new
 * tab, the rest as download links with name and size. Each entry is checked first as the
 * widget checks it (an http(s) URL among them: never a `javascript:` one); a broken entry is
 * left out and the message still shows.
 */
export function renderAttachments(message: TeamMessage) {
  const files = attachmentsOf(message.attachments);
  if (!files.length) return nothing;
  return html`<ul class="attachments" aria-label="Attachments">
    ${files.map(
      (a) => html`<li>
        ${
          isPicture(a.content_type)
            ? html`<a class="attachment attachment-image" href=${a.url} target="_blank" rel="noopener noreferrer"
              ><img src=${a.url} alt=${a.name} width=${THUMBNAIL.width} height=${THUMBNAIL.height} loading="lazy" decoding="async"
            /></a>`
            : html`<a class="attachment attachment-file" href=${a.url} target="_blank" rel="noopener noreferrer" download=${a.name}
              >${nameAndSize(a.name, a.size)}</a
            >`
        }
      </li>`,
    )}
  </ul>`;
}

/**
 * "Attach a file" in the reply form, and the files chosen for the next reply or note, each
 * with a button that takes it off. The ticket view asks it to `upload` them when sending and
 * to `clear` once the message is sent; a file uploaded once is not uploaded again when the
 * send is tried again (its upload is waiting for a message, made for this ticket: the
 * element is made anew for each ticket).
 */
@customElement('inbox-attach-files')
export class InboxAttachFiles extends InboxElement {
  @state() private files: readonly File[] = [];
  @query('input[type="file"]') private input!: HTMLInputElement;
  #uploaded = new WeakMap<File, string>();

  /** The files chosen for the next message. */
  get chosen(): readonly File[] {
    return this.files;
  }

  clear() {
    this.files = [];
  }

  /**
   * Uploads the chosen files not uploaded yet, one after the other, for this ticket: their
   * ids, in order. The first refusal throws, naming the file (the files and their uploads are kept).
   */
  async upload(ticketId: string): Promise<string[]> {
    const ids: string[] = [];
    for (const file of this.files) {
      let uploadedId = this.#uploaded.get(file);
      if (!uploadedId) {
        try {
          uploadedId = (await api.upload(ticketId, file)).id;
        } catch (error) {
          const said = error instanceof Error ? error.message : String(error);
          throw new ApiError(error instanceof ApiError ? error.status : 0, `${file.name}: ${said}`);
        }
        this.#uploaded.set(file, uploadedId);
      }
      ids.push(uploadedId);
    }
    return ids;
  }

  #pick() {
    const picked = [...(this.input.files ?? [])];
    this.input.value = '';
    this.files = [...this.files, ...picked];
  }

  #remove(file: File) {
    this.files = this.files.filter((f) => f !== file);
  }

  override render() {
    const full = this.files.length >= MAX_ATTACHMENTS_PER_MESSAGE;
    return html`<button type="button" class="attach" ?disabled=${full} @click=${() => this.input.click()}>Attach a file</button>
      <input type="file" multiple hidden accept=${ATTACHMENT_TYPES.join(',')} @change=${this.#pick} />
      ${
        this.files.length
          ? html`<ul class="chosen-files" aria-label="Files to send">
            ${this.files.map(
              (file) => html`<li>
                ${nameAndSize(file.name, file.size)}
                <button type="button" class="remove" aria-label="Remove ${file.name}" @click=${() => this.#remove(file)}>×</button>
              </li>`,
            )}
          </ul>`
          : nothing
      }`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'inbox-attach-files': InboxAttachFiles;
  }
}
