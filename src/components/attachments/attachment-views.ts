import { html, nothing } from 'lit';
import { repeat } from 'lit/directives/repeat.js';
import type { ChatUpload } from '../../client/chat-state.js';
import type { Settings } from '../../context/settings-context.js';
import { format } from '../../i18n/strings.js';
import { attachmentsOf } from '../../transport/validate-attachments.js';
import type { DraftFile } from './attachment-draft.js';
import { formatSize } from './format-size.js';

/** The types shown as pictures: the raster formats the contract allows (never SVG, which can script). */
const PICTURES = ['image/png', 'image/jpeg', 'image/gif', 'image/webp'];

/**
 * A thumbnail's box, fixed before the picture loads so that nothing below it moves when it
 * does (the picture is fitted into it, cropped at most).
 */
export const THUMBNAIL = { width: 240, height: 180 } as const;

/** The name and size of a file, as text: names are shown verbatim, never interpreted. */
const nameAndSize = (name: string, size: number, lang: string) =>
  html`<span class="file-name" dir="auto">${name}</span> <span class="file-size">${formatSize(size, lang)}</span>`;

/**
 * The files of a sent message (the visitor's or the team's), each checked first (an http(s) URL
 * among them): pictures as thumbnails opening full size, the rest as download links.
 */
export function renderAttachments(list: readonly unknown[] | undefined, { lang }: Settings) {
  const attachments = attachmentsOf(list);
  if (!attachments.length) return nothing;
  return html`<ul class="attachments" part="attachments">
    ${repeat(
      attachments,
      (a) => a.id,
      (a) =>
        html`<li>
          ${
            PICTURES.includes(a.content_type)
              ? html`<a part="attachment attachment-image" class="picture" href=${a.url} target="_blank" rel="noopener noreferrer"
                ><img src=${a.url} alt=${a.name} width=${THUMBNAIL.width} height=${THUMBNAIL.height} loading="lazy" decoding="async"
              /></a>`
              : html`<a part="attachment attachment-file" class="file" href=${a.url} target="_blank" rel="noopener noreferrer" download=${a.name}
                >${nameAndSize(a.name, a.size, lang)}</a
              >`
          }
        </li>`,
    )}
  </ul>`;
}

/** The files of one of ours on its way: a progress bar each, and a way to take it off the message. */
export function renderUploads(
  uploads: readonly ChatUpload[] | undefined,
  { strings, lang }: Settings,
  cancel: (key: string) => void,
) {
  if (!uploads?.length) return nothing;
  return html`<ul class="attachments uploads">
    ${repeat(
      uploads,
      (u) => u.key,
      (u) =>
        html`<li part="upload" class="upload">
          ${nameAndSize(u.name, u.size, lang)}
          <progress part="upload-progress" max=${Math.max(u.size, 1)} .value=${u.loaded} aria-label=${format(strings.uploading, { name: u.name })}></progress>
          ${
            u.done
              ? nothing
              : html`<button part="cancel-upload-button" class="link" aria-label=${format(strings.cancelUpload, { name: u.name })} @click=${() => cancel(u.key)}>
                ${strings.cancel}
              </button>`
          }
        </li>`,
    )}
  </ul>`;
}

/** The files chosen for the next message, above the composer: a thumbnail or the name and size, and a remove button. */
export function renderDraft(files: readonly DraftFile[], { strings, lang }: Settings, remove: (file: DraftFile) => void) {
  if (!files.length) return nothing;
  return html`<ul part="attachment-previews" class="previews" aria-label=${strings.attachments}>
    ${files.map(
      (draft) =>
        html`<li part="attachment-preview" class="preview">
          ${
            draft.preview
              ? html`<img src=${draft.preview} alt=${draft.file.name} width="48" height="48" />`
              : nameAndSize(draft.file.name, draft.file.size, lang)
          }
          <button
            type="button"
            part="remove-attachment-button"
            class="remove"
            aria-label=${format(strings.removeAttachment, { name: draft.file.name })}
            @click=${() => remove(draft)}
          >
            ×
          </button>
        </li>`,
    )}
  </ul>`;
}
