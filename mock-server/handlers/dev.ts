import { HttpResponse, delay, http } from 'msw';
import type { Chaos } from '../store.js';
import { errorResponse, jsonBody, withErrors, type HandlerContext } from './context.js';

/** Reference-server-only endpoints: reset state, and inject faults to show and test resilience. */
export function devHandlers({ store }: HandlerContext) {
  return [
    http.post('*/api/_dev/reset', () => {
      store.reset();
      return HttpResponse.json({ ok: true });
    }),

    http.post(
      '*/api/_dev/chaos',
      withErrors(async ({ request }) => {
        const body = await jsonBody(request);
        const chaos: Chaos = {};
        if (typeof body.latency_ms === 'number' && body.latency_ms > 0) chaos.latency_ms = Math.min(body.latency_ms, 60_000);
        if (typeof body.error_rate === 'number') chaos.error_rate = Math.min(Math.max(body.error_rate, 0), 1);
        if (typeof body.error_status === 'number') chaos.error_status = body.error_status;
        if (body.offline === true) chaos.offline = true;
        store.chaos = chaos;
        return HttpResponse.json(chaos);
      }),
    ),

    // Listed before the widget handlers: applies the faults, then falls through to them.
    http.all('*/api/conversations/v1/widget/*', async () => {
      const { latency_ms, error_rate, error_status = 500, offline } = store.chaos;
      if (offline) return HttpResponse.error();
      if (latency_ms) await delay(latency_ms);
      if (error_rate && Math.random() < error_rate) {
        const headers = error_status === 429 ? { 'Retry-After': '1' } : undefined;
        return errorResponse(error_status, `Injected fault (HTTP ${error_status})`, undefined, headers);
      }
      return undefined;
    }),
  ];
}
