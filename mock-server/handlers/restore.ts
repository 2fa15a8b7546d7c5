import { HttpResponse, http } from 'msw';
import { HttpError } from '../lib/errors.js';
import * as field from '../lib/fields.js';
import { MAX_DISTINCT_ID_LENGTH, RATE_LIMITS } from '../../contract/limits.js';
import { normaliseEmailAddress } from '../../contract/text.js';
import { checkWidgetAccess } from './credentials.js';
import { clientAddress, hostAllowed, jsonBody, route, tooManyRequests, type HandlerContext } from './context.js';
import { WIDGET_BASE } from './widget.js';

/**
 * Restore by email: a visitor on a new browser asks for a link, and opening it moves their
 * tickets to that browser's session. The reference server cannot send mail; it keeps each
 * email in the dev mailbox (`GET /api/_dev/mailbox`).
 */
export function restoreHandlers({ store, config }: HandlerContext) {
  return [
    http.post(
      `${WIDGET_BASE}/restore/request`,
      route(store, async ({ request }) => {
        checkWidgetAccess(request, config);
        const body = await jsonBody(request);
        if (body._hp) throw new HttpError(400, 'Invalid request', { _hp: 'must be empty' });
        const email = field.email(body.email, 'email');
        const requestUrl = field.httpUrl(body.request_url, 'request_url');
        // The link must lead back to the page that asked (or a token could be mailed to
        // an attacker's page), and to a site the widget may run on.
        const origin = request.headers.get('Origin');
        if (origin && origin !== 'null' && safeHost(origin) !== requestUrl.hostname) {
          throw new HttpError(403, 'request_url must match the page origin', { request_url: 'must be on the requesting origin' });
        }
        if (!hostAllowed(requestUrl.hostname, config.allowedDomains)) {
          throw new HttpError(403, 'request_url domain not allowed', { request_url: 'must be on an allowed domain' });
        }
        // Counted whether or not the email is known, so that the limit reveals nothing either.
        const wait = store.rateLimit(`restore-request:${normaliseEmailAddress(email)}`, RATE_LIMITS.restoreRequest);
        if (wait) throw tooManyRequests(wait);
        await store.requestRestore(email, requestUrl);
        return HttpResponse.json({ ok: true });
      }),
    ),

    http.post(
      `${WIDGET_BASE}/restore`,
      route(store, async ({ request }) => {
        checkWidgetAccess(request, config);
        const body = await jsonBody(request);
        if (body._hp) throw new HttpError(400, 'Invalid request', { _hp: 'must be empty' });
        // Any string is a token to look up (an unknown one is `invalid`, not a 400), up to a sane size.
        const token = field.text(body.restore_token, 'restore_token', { max: 200 });
        const sessionId = field.uuid(body.widget_session_id, 'widget_session_id');
        const distinctId = field.optionalText(body.distinct_id, 'distinct_id', { max: MAX_DISTINCT_ID_LENGTH, trim: false });
        const wait = store.rateLimit(`restore-redeem:${clientAddress(request)}`, RATE_LIMITS.restoreRedeem);
        if (wait) throw tooManyRequests(wait);
        return HttpResponse.json(await store.redeemRestore(token, sessionId, distinctId));
      }),
    ),
  ];
}

function safeHost(url: string) {
  try {
    return new URL(url).hostname;
  } catch {
    return '';
  }
}
