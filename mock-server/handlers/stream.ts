import { http } from 'msw';
import { eventStreamResponse } from '../lib/sse.js';
import { TEAM_CALLER, widgetCaller } from '../live/deliveries.js';
import { liveHub } from '../live/hub.js';
import { HttpError } from '../lib/errors.js';
import { ownerFrom } from './credentials.js';
import { withAttachmentOrigin } from '../live/origin.js';
import { originOf, queryOf, route, tooManyRequests, type HandlerContext } from './context.js';
import { authoriseTeam } from './team-access.js';
import { WIDGET_BASE } from './widget.js';

/**
 * The live streams (Server-Sent Events): the widget's, for one browser's tickets, and the
 * team's `live`, for everything. Every check answers JSON before the stream starts; then
 * the hub (one subscriber of the store's change feed) writes to it. `EventSource` cannot set
 * headers, so the token, the credentials and the team key may come in the query, and the
 * resume position as `last_event_id` as well as the `Last-Event-ID` header it sends itself.
 */
export function streamHandlers({ store, config }: HandlerContext) {
  const hub = liveHub(store);

  function openStream(request: Request, caller: string) {
    if (!hub.hasRoom(caller)) throw tooManyRequests(retryAfterSeconds(), config.flavor);
    const lastEventId = request.headers.get('Last-Event-ID') ?? queryOf(request).last_event_id ?? null;
    const origin = originOf(request);
    return eventStreamResponse((channel) => hub.attach(caller, lastEventId, withAttachmentOrigin(channel, origin)), {
      heartbeatMs: config.streamHeartbeatMs,
      signal: request.signal,
    });
  }

  return [
    http.get(
      `${WIDGET_BASE}/stream`,
      route(store, async ({ request }) => {
        const q = queryOf(request);
        const token = request.headers.get('X-Conversations-Token') ?? q.token;
        if (!token) throw new HttpError(403, 'Authentication required');
        if (token !== config.widgetToken) throw new HttpError(403, 'Invalid widget token');
        const owner = await ownerFrom(q, config);
        return openStream(request, widgetCaller(owner));
      }),
    ),

    http.get(
      '*/api/projects/:projectId/conversations/live',
      route(store, ({ request, params }) => {
        authoriseTeam(request, params.projectId, config, { allowQueryKey: true });
        return openStream(request, TEAM_CALLER);
      }),
    ),
  ];
}

/** A stream is freed when one closes, which may be any moment: ask the client to wait one retry. */
const retryAfterSeconds = () => 3;
