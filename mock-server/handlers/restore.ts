import { HttpResponse, http } from 'msw';
import { HttpError, invalid } from '../lib/errors.js';
import * as field from '../lib/fields.js';
import { callerHost, hidesAnotherHost, hostAllowed } from '../lib/origin.js';
import { MAX_DISTINCT_ID_LENGTH, MAX_REQUEST_URL_LENGTH, RATE_LIMITS, RESTORE_TOKEN_LENGTH } from '../../contract/limits.js';
import { normaliseEmailAddress } from '../../contract/text.js';
import type { RestoreResult } from '../store.js';
import { checkPageOrigin, checkWidgetToken } from './credentials.js';
import { clientAddress, jsonBody, route, tooManyRequests, type HandlerContext } from './context.js';
import { WIDGET_BASE } from './widget.js';

/**
 * Restore by email: a visitor on a new browser asks for a link, and opening it moves their
 * tickets to that browser's session. The reference server cannot send mail; it keeps each
 * email in the dev mailbox (`GET /api/_dev/mailbox`).
 *
 * The link carries a live token, so where it leads is the whole of the security: it must
 * lead back to the page that asked (its Origin, or Referer), on a site the widget may run
 * on, through a URL no browser could read as another host. A request that names no page
 * (curl, a script on a server) cannot be bound to one and is refused.
 */
export function restoreHandlers({ store, config }: HandlerContext) {
  const { flavor } = config;

  async function restoreBody(request: Request) {
    checkWidgetToken(request, config);
    checkPageOrigin(request, config, { pageRequired: true });
    const body = await jsonBody(request, flavor);
    if (body._hp) throw new HttpError(400, 'Invalid request', { _hp: 'must be empty' });
    return body;
  }

  return [
    http.post(
      `${WIDGET_BASE}/restore/request`,
      route(store, async ({ request }) => {
        const body = await restoreBody(request);
        const email = field.email(body.email, 'email');
        const raw = field.text(body.request_url, 'request_url', { max: MAX_REQUEST_URL_LENGTH });
        if (hidesAnotherHost(raw)) {
          throw new HttpError(403, 'URL must match request origin', {
            request_url: 'must not hide another host in its authority',
          });
        }
        const requestUrl = field.httpUrl(raw, 'request_url');
        const page = callerHost(request);
        if (!page || page !== requestUrl.hostname.toLowerCase()) {
          throw new HttpError(403, 'URL must match request origin', { request_url: 'must be on the requesting page’s host' });
        }
        if (!hostAllowed(requestUrl.hostname, config.allowedDomains)) {
          throw new HttpError(403, 'URL domain not allowed', { request_url: 'must be on an allowed domain' });
        }
        // Counted whether or not the email is known, so that the limit reveals nothing either.
        const wait = store.rateLimit(`restore-request:${normaliseEmailAddress(email)}`, RATE_LIMITS.restoreRequest);
        if (wait) throw tooManyRequests(wait, flavor);
        await store.requestRestore(email, requestUrl);
        return HttpResponse.json({ ok: true });
      }),
    ),

    http.post(
      `${WIDGET_BASE}/restore`,
      route(store, async ({ request }) => {
        const body = await restoreBody(request);
        const token = field.text(body.restore_token, 'restore_token', { max: 200, trim: false });
        // The production backend refuses a token of the wrong size before looking it up.
        const length = field.codePoints(token);
        if (length < RESTORE_TOKEN_LENGTH.min || length > RESTORE_TOKEN_LENGTH.max) {
          throw invalid('restore_token', `must be ${RESTORE_TOKEN_LENGTH.min} to ${RESTORE_TOKEN_LENGTH.max} characters`);
        }
        const sessionId = field.uuid(body.widget_session_id, 'widget_session_id');
        // An extension: the production backend ignores `distinct_id` on a redeem.
        const distinctId =
          flavor === 'posthog'
            ? null
            : field.optionalText(body.distinct_id, 'distinct_id', { max: MAX_DISTINCT_ID_LENGTH, trim: false });
        const wait = store.rateLimit(`restore-redeem:${clientAddress(request)}`, RATE_LIMITS.restoreRedeem);
        if (wait) throw tooManyRequests(wait, flavor);
        return HttpResponse.json(withoutEmptyKeys(await store.redeemRestore(token, sessionId, distinctId)));
      }),
    ),
  ];
}

/** As the production backend answers: no `migrated_ticket_ids: []`, no empty values at all. */
function withoutEmptyKeys(result: RestoreResult): Record<string, unknown> {
  return Object.fromEntries(
    Object.entries(result).filter(
      ([, value]) => value !== null && value !== undefined && value !== '' && !(Array.isArray(value) && !value.length),
    ),
  );
}
