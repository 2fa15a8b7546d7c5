import { http } from 'msw';
import { RATE_LIMITS } from '../../contract/limits.js';
import { CLIENT_ADDRESS_HEADER, errorResponse, tooManyRequests, type HandlerContext } from './context.js';
import { WIDGET_BASE } from './widget.js';

/**
 * The per-client cap on widget writes (`RATE_LIMITS.widgetWriteClient`), beside the
 * per-session one in the widget handlers: anyone can mint fresh session ids, not fresh
 * addresses. Listed before the widget handlers; it counts the write and falls through to
 * them, or answers 429 with `Retry-After`. Only where a client has an address (the
 * standalone server): in the browser and under `setupServer` every request comes from the
 * one local visitor, whom the per-session limit already covers.
 */
export function clientLimitHandlers({ store }: HandlerContext) {
  const count = ({ request }: { request: Request }) => {
    const address = request.headers.get(CLIENT_ADDRESS_HEADER);
    if (address === null) return undefined;
    const wait = store.rateLimit(`write-client:${address}`, RATE_LIMITS.widgetWriteClient);
    if (!wait) return undefined; // allowed: the widget handler answers
    const refused = tooManyRequests(wait);
    return errorResponse(refused.status, refused.message, refused.details, refused.headers);
  };
  return [
    http.post(`${WIDGET_BASE}/message`, count),
    http.post(`${WIDGET_BASE}/messages/:ticketId/read`, count),
    http.post(`${WIDGET_BASE}/attachments`, count),
  ];
}
