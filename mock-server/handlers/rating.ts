import { HttpResponse, http } from 'msw';
import { HttpError, invalid } from '../lib/errors.js';
import * as field from '../lib/fields.js';
import { RATE_LIMITS, RATING } from '../../contract/limits.js';
import { checkPageOrigin, checkWidgetToken, ownerFrom } from './credentials.js';
import { jsonBody, route, tooManyRequests, type HandlerContext } from './context.js';
import { WIDGET_BASE } from './widget.js';

/**
 * The widget's CSAT rating (an extension: reference flavour only, advertised as
 * `rating: true`): a score of 1..5 and an optional comment on a resolved ticket of the
 * caller, once per resolution.
 */
export function ratingHandlers({ store, config }: HandlerContext) {
  return [
    http.post(
      `${WIDGET_BASE}/tickets/:ticketId/rating`,
      route(store, async ({ request, params }) => {
        checkWidgetToken(request, config);
        const body = await jsonBody(request);
        if (body._hp) throw new HttpError(400, 'Invalid request', { _hp: 'must be empty' });
        checkPageOrigin(request, config, { pageRequired: false });
        const raw = params.ticketId;
        if (typeof raw !== 'string' || !field.UUID.test(raw)) throw new HttpError(404, 'Ticket not found');
        if (
          typeof body.score !== 'number' ||
          !Number.isInteger(body.score) ||
          body.score < RATING.minScore ||
          body.score > RATING.maxScore
        ) {
          throw invalid(
            'score',
            body.score === undefined ? 'is required' : `must be a whole number from ${RATING.minScore} to ${RATING.maxScore}`,
          );
        }
        const comment = field.optionalText(body.comment, 'comment', { min: 0, max: RATING.maxCommentLength, multiline: true });
        const owner = await ownerFrom(body, { config, store });
        const wait = store.rateLimit(`write:${owner.kind}:${owner.id}`, RATE_LIMITS.widgetWrite);
        if (wait) throw tooManyRequests(wait, config.flavor);
        const ticket = store.ticket(raw);
        if (!ticket) throw new HttpError(404, 'Ticket not found');
        if (!store.owns(owner, ticket)) throw new HttpError(403, 'Forbidden');
        store.rateTicket(ticket, body.score, comment || null);
        return HttpResponse.json({ ok: true });
      }),
    ),
  ];
}
