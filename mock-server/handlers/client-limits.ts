import { http } from 'msw';
import { RATE_LIMITS } from '../../contract/limits.js';
import { clientAddress, errorResponse, tooManyRequests, type HandlerContext } from './context.js';
import { WIDGET_BASE } from './widget.js';

/**
 * The per-client cap on widget writes (`RATE_LIMITS.widgetWriteClient`), beside the
 * per-session one in the widget handlers: anyone can mint fresh session ids, not fresh
 * addresses. Listed before the widget handlers; it counts the write and falls through to
 * them, or answers 429 with `Retry-After`. In the browser and under `setupServer` every
 * request is the one local client.
 */
export function clientLimitHandlers({ store }: HandlerContext) {
  const count = ({ request }: { request: Request }) => {
    const wait = store.rateLimit(`write-client:${clientAddress(request)}`, RATE_LIMITS.widgetWriteClient);
    if (!wait) return undefined; // allowed: the widget handler answers
    const refused = tooManyRequests(wait);
    return errorResponse(refused.status, refused.message, refused.details, refused.headers);
  };
  return [http.post(`${WIDGET_BASE}/message`, count), http.post(`${WIDGET_BASE}/messages/:ticketId/read`, count)];
}
