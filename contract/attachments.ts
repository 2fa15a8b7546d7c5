// Attachments (an extension, REFERENCE-API.md "Attachments"): the limits, the allowed types and the name rule, in one place that the widget and the reference server both import, so that the widget refuses before an upload exactly what the server would refuse after it.

/** The largest file, in bytes (10 MiB). */
export const MAX_ATTACHMENT_BYTES = 10_485_760;

/** At most this many attachments on one message. */
export const MAX_ATTACHMENTS_PER_MESSAGE = 5;

/** A cleaned file name has at most this many code points. */
export const MAX_ATTACHMENT_NAME_LENGTH = 255;

/**
 * The types an attachment may have. Never SVG, HTML or a script: each can run code when
 * opened from the server's origin. Images are checked against their first bytes too.
 */
export const ATTACHMENT_TYPES = [
  'image/png',
  'image/jpeg',
  'image/gif',
  'image/webp',
  'application/pdf',
  'text/plain',
  'text/csv',
] as const;
export type AttachmentType = (typeof ATTACHMENT_TYPES)[number];

/** The images among them: shown inline (thumbnails), the rest are downloads. */
export const IMAGE_ATTACHMENT_TYPES = [
  'image/png',
  'image/jpeg',
  'image/gif',
  'image/webp',
] as const satisfies readonly AttachmentType[];

/** What `GET /widget/capabilities` says of attachments on the reference server. */
export const ATTACHMENTS_CAPABILITY = {
  max_bytes: MAX_ATTACHMENT_BYTES,
  max_per_message: MAX_ATTACHMENTS_PER_MESSAGE,
  types: ATTACHMENT_TYPES,
} as const;

/** A signed download URL is valid at least this long after the answer that carried it. */
export const ATTACHMENT_URL_MIN_VALIDITY_MS = 3_600_000;

/**
 * A declared type as the contract compares it: lower case, without parameters
 * (`Text/Plain; charset=utf-8` is `text/plain`).
 */
export const attachmentBaseType = (type: string): string => type.split(';')[0].trim().toLowerCase();

/** Whether a declared type is one the contract allows (images still have their bytes checked). */
export const isAttachmentType = (type: string): type is AttachmentType =>
  (ATTACHMENT_TYPES as readonly string[]).includes(attachmentBaseType(type));

// eslint-disable-next-line no-control-regex -- removing control characters is the point
const NAME_UNSAFE = /[/\\\u0000-\u001F\u007F-\u009F]/g;

/**
 * A file name as the server keeps it: path separators (`/`, `\`) and control characters
 * removed, everything else verbatim, cut to 255 code points (keeping a short extension);
 * `file` when nothing is left. The name is only ever shown and sent back as text: the
 * server stores the bytes under the attachment's id, never under this name.
 */
export function cleanAttachmentName(name: string): string {
  const clean = name.replace(NAME_UNSAFE, '');
  const points = Array.from(clean);
  if (!clean.trim()) return 'file';
  if (points.length <= MAX_ATTACHMENT_NAME_LENGTH) return clean;
  const dot = clean.lastIndexOf('.');
  const extension = dot > 0 ? Array.from(clean.slice(dot)) : [];
  const keep = extension.length > 1 && extension.length <= 16 ? extension : [];
  return points.slice(0, MAX_ATTACHMENT_NAME_LENGTH - keep.length).join('') + keep.join('');
}
