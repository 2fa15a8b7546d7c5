import { ATTACHMENT_URL_MIN_VALIDITY_MS } from '../../contract/attachments.js';
import { constantTimeEqual } from '../lib/crypto.js';
import { hmacSha256HexSync } from '../lib/hmac-sync.js';

/**
 * Capability URLs of attachments: whoever holds one may download the file until it
 * expires, with no header (so that `<img src>` works), and nobody can make one without the
 * server's secret. The expiry is rounded up to a whole hour, at least an hour ahead: every
 * answer gets a URL good for an hour or more, yet the same URL for an hour, so that the
 * browser's cache (`Cache-Control: private, max-age=3600`) keeps images across polls.
 */

/** The widget API's path of an attachment's bytes. */
export const attachmentPath = (id: string) => `/api/conversations/v1/widget/attachments/${id}`;

const HOUR = 3_600_000;

/** Seconds since the epoch at which a URL signed at `nowMs` stops working. */
export const expiryFor = (nowMs: number) => (Math.floor(nowMs / HOUR) * HOUR + HOUR + ATTACHMENT_URL_MIN_VALIDITY_MS) / 1000;

const signature = (secret: string, id: string, expires: number) => hmacSha256HexSync(secret, `attachment:${id}:${expires}`);

/** `path?expires=…&signature=…` of an attachment, as signed at `nowMs` (prefix the origin it is served from). */
export function signedPath(secret: string, id: string, nowMs: number): string {
  const expires = expiryFor(nowMs);
  return `${attachmentPath(id)}?expires=${expires}&signature=${signature(secret, id, expires)}`;
}

/** Whether a download request's `expires` and `signature` are good for `id` now. */
export function checkSignature(
  secret: string,
  id: string,
  query: { expires?: string; signature?: string },
  nowMs: number,
): 'ok' | 'forged' | 'expired' {
  const { expires, signature: given } = query;
  if (!expires || !/^\d{1,12}$/.test(expires) || !given || !/^[0-9a-f]{64}$/.test(given)) return 'forged';
  if (!constantTimeEqual(signature(secret, id, Number(expires)), given)) return 'forged';
  return Number(expires) * 1000 <= nowMs ? 'expired' : 'ok';
}
