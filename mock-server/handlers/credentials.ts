import { MAX_DISTINCT_ID_LENGTH } from '../../contract/limits.js';
import type { ServerConfig } from '../config.js';
import { constantTimeEqual, hmacSha256Hex } from '../lib/crypto.js';
import { invalid, HttpError } from '../lib/errors.js';
import { text, uuid } from '../lib/fields.js';
import type { Owner } from '../store.js';
import { hostAllowed } from './context.js';

const HASH = /^[0-9a-f]{64}$/i;

/**
 * The widget's two kinds of credentials, never both: an anonymous `widget_session_id`, or
 * an `identity_distinct_id` signed by the site's backend with the identity secret.
 * Shape errors are 400s; a well-formed but wrong signature is a 403.
 */
export async function ownerFrom(fields: Record<string, unknown>, config: ServerConfig): Promise<Owner> {
  const hasSession = fields.widget_session_id != null;
  const hasIdentity = fields.identity_distinct_id != null || fields.identity_hash != null;
  if (hasSession && hasIdentity) {
    throw invalid('widget_session_id', 'must not be sent together with identity_distinct_id and identity_hash');
  }
  if (!hasSession && !hasIdentity) {
    throw invalid('widget_session_id', 'or identity_distinct_id with identity_hash is required');
  }
  if (hasSession) return { kind: 'session', id: uuid(fields.widget_session_id, 'widget_session_id') };

  const distinctId = text(fields.identity_distinct_id, 'identity_distinct_id', { max: MAX_DISTINCT_ID_LENGTH, trim: false });
  const hash = fields.identity_hash;
  if (typeof hash !== 'string' || !HASH.test(hash)) {
    throw invalid('identity_hash', hash === undefined ? 'is required with identity_distinct_id' : 'must be 64 hexadecimal characters');
  }
  const expected = await hmacSha256Hex(config.identitySecret, distinctId);
  if (!constantTimeEqual(expected, hash.toLowerCase())) throw new HttpError(403, 'Identity verification failed');
  return { kind: 'identity', id: distinctId };
}

/** The public widget token, and the page's origin when the site limits where the widget runs. */
export function checkWidgetAccess(request: Request, config: ServerConfig) {
  if (request.headers.get('X-Conversations-Token') !== config.widgetToken) throw new HttpError(403, 'Invalid widget token');
  const origin = request.headers.get('Origin');
  if (origin && config.allowedDomains.length) {
    let host = '';
    try {
      host = new URL(origin).hostname;
    } catch {
      // an unparsable Origin is not an allowed one
    }
    if (!hostAllowed(host, config.allowedDomains)) throw new HttpError(403, 'Origin not allowed');
  }
}
