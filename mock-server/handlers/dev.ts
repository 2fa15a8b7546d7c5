import { HttpResponse, http } from 'msw';
import type { HandlerContext } from './context.js';

/** Reference-server-only endpoints: reset state between tests and demos. */
export function devHandlers({ store }: HandlerContext) {
  return [
    http.post('*/api/_dev/reset', () => {
      store.reset();
      return HttpResponse.json({ ok: true });
    }),
  ];
}
