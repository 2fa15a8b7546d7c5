import { HttpResponse, http } from 'msw';
import { ATTACHMENTS_CAPABILITY } from '../../contract/attachments.js';
import { checkWidgetToken } from './credentials.js';
import { route, type HandlerContext } from './context.js';
import { WIDGET_BASE } from './widget.js';

/**
 * What this server really supports today, so that the widget turns on only what works.
 * Attachments come with their limits and types (contract/attachments.ts), which the widget
 * checks before it uploads.
 * Only the reference flavour has this endpoint: a production backend answers 404, which
 * the widget reads as a plain backend.
 */
export const CAPABILITIES = {
  stream: true,
  typing: true,
  idempotent_send: true,
  rating: true,
  attachments: ATTACHMENTS_CAPABILITY,
} as const;

export function capabilitiesHandlers({ store, config }: HandlerContext) {
  return [
    http.get(
      `${WIDGET_BASE}/capabilities`,
      route(store, ({ request }) => {
        checkWidgetToken(request, config);
        return HttpResponse.json(CAPABILITIES);
      }),
    ),
  ];
}
