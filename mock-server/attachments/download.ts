import { IMAGE_ATTACHMENT_TYPES } from '../../contract/attachments.js';
import type { StoredAttachment } from '../store.js';

/**
 * The headers of a download. The bytes are served as the type they were checked as, never
 * sniffed (`nosniff`), and rendered, if at all, as a sandboxed document that may load and
 * run nothing (the CSP), so that even a file that fooled the type check could not script
 * the server's origin. Images open inline; anything else downloads.
 */
export function downloadHeaders(attachment: StoredAttachment): Record<string, string> {
  const inline = (IMAGE_ATTACHMENT_TYPES as readonly string[]).includes(attachment.content_type);
  return {
    'Content-Type': attachment.content_type,
    'Content-Length': String(attachment.size),
    'X-Content-Type-Options': 'nosniff',
    'Content-Security-Policy': "default-src 'none'; sandbox",
    'Content-Disposition': contentDisposition(inline ? 'inline' : 'attachment', attachment.name),
    'Cache-Control': 'private, max-age=3600',
    // The URL is a capability: it must not leak onward through a Referer.
    'Referrer-Policy': 'no-referrer',
    'Cross-Origin-Resource-Policy': 'cross-origin',
  };
}

/**
 * `inline; filename="…"; filename*=UTF-8''…` (RFC 6266 with RFC 5987's encoding): the
 * plain `filename` is an ASCII stand-in for old clients, `filename*` the exact name.
 */
export function contentDisposition(kind: 'inline' | 'attachment', name: string): string {
  const fallback = name.replace(/[^\x20-\x7e]|["\\%]/g, '_');
  const exact = encodeURIComponent(name).replace(/['()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
  return `${kind}; filename="${fallback}"; filename*=UTF-8''${exact}`;
}
