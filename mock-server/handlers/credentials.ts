import { MAX_DISTINCT_ID_LENGTH } from '../../contract/limits.js';
import type { ServerConfig } from '../config.js';
import { constantTimeEqual, hmacSha256Hex } from '../lib/crypto.js';
import { invalid, HttpError } from '../lib/errors.js';
import { text, uuid } from '../lib/fields.js';
import { tokenRefused } from '../lib/framework-errors.js';
import { allowsAnyHost, callerHost, hostAllowed } from '../lib/origin.js';
import type { Owner } from '../store.js';
import type { HandlerContext } from './context.js';

const HASH = /^[0-9a-f]{64}$/i;

/**
 * The widget's two kinds of credentials: an anonymous `widget_session_id`, or an
 * `identity_distinct_id` signed by the site's backend with the identity secret. When both
 * are sent the identity wins (as on the production backend: a visitor who logs in keeps
 * their session id in the browser), but a malformed session id is still a 400.
 * Shape errors are 400s; a well-formed but wrong signature is a 403.
 *
 * A verified request that also carries the session id links that session's anonymous tickets
 * to the identity (see `linkSession`): the visitor who wrote before logging in keeps them.
 */
export async function ownerFrom(fields: Record<string, unknown>, { config, store }: HandlerContext): Promise<Owner> {
  const hasSession = fields.widget_session_id != null;
  const hasIdentity = fields.identity_distinct_id != null || fields.identity_hash != null;
  if (!hasSession && !hasIdentity) {
    throw invalid('widget_session_id', 'or identity_distinct_id with identity_hash is required');
  }
  const sessionId = hasSession ? uuid(fields.widget_session_id, 'widget_session_id') : null;
  if (!hasIdentity) return { kind: 'session', id: sessionId! };

  const distinctId = text(fields.identity_distinct_id, 'identity_distinct_id', { max: MAX_DISTINCT_ID_LENGTH, trim: false });
  const hash = fields.identity_hash;
  if (typeof hash !== 'string' || !HASH.test(hash)) {
    throw invalid(
      'identity_hash',
      hash === undefined ? 'is required with identity_distinct_id' : 'must be 64 hexadecimal characters',
    );
  }
  const expected = await hmacSha256Hex(config.identitySecret, distinctId);
  if (!constantTimeEqual(expected, hash.toLowerCase())) throw new HttpError(403, 'Identity verification failed');
  const owner: Owner = { kind: 'identity', id: distinctId };
  // Only after the signature is checked: an unverified claim of a distinct id never links anything.
  // The production backend links nothing (its known complaint: anonymous tickets vanish on login).
  if (sessionId && config.flavor !== 'posthog') store.linkSession(sessionId, owner.id);
  return owner;
}

/** The public widget token: missing or unknown is a 403. */
export function checkWidgetToken(request: Request, config: ServerConfig) {
  const token = request.headers.get('X-Conversations-Token');
  // The production backend answers a missing token from the view (`{error}`), a wrong one from its framework.
  if (!token) throw new HttpError(403, 'Authentication required');
  if (token !== config.widgetToken) throw tokenRefused(config.flavor);
}

/**
 * The page's host (Origin, else Referer) must be on the allowed-domains list, unless the
 * list is `*`. `pageRequired`: whether a request that names no page is refused (restores:
 * a link must be bound to a page) or let through (sends from a server or a mobile SDK).
 */
export function checkPageOrigin(request: Request, config: ServerConfig, { pageRequired }: { pageRequired: boolean }) {
  const host = callerHost(request);
  if (host === null) {
    if (pageRequired && !allowsAnyHost(config.allowedDomains)) throw new HttpError(403, 'Origin required');
    return;
  }
  if (!hostAllowed(host, config.allowedDomains)) throw new HttpError(403, 'Origin not allowed');
}
