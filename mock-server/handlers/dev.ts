import { HttpResponse, delay, http } from 'msw';
import { invalid } from '../lib/errors.js';
import * as field from '../lib/fields.js';
import type { Chaos } from '../store.js';
import { throttled } from '../lib/framework-errors.js';
import { answersToDrop, errorResponse, jsonBody, queryOf, requireJson, route, type HandlerContext } from './context.js';
import { WIDGET_BASE } from './widget.js';

/**
 * Reference-server-only endpoints, never part of a production backend: read the mailbox,
 * reset state, move the clock, and inject faults to show and test resilience.
 *
 * They hold live restore links and can wipe everything, so every POST must be JSON (415
 * otherwise), even the bodiless reset: a JSON POST cannot be sent cross-origin without a
 * preflight, and the standalone server refuses preflights and sends no CORS headers here.
 */
export function devHandlers({ store, config }: HandlerContext) {
  return [
    http.get(
      '*/api/_dev/mailbox',
      route(store, ({ request }) => {
        const to = queryOf(request).to?.trim().toLowerCase();
        return HttpResponse.json(to ? store.data.mailbox.filter((m) => m.to === to) : store.data.mailbox);
      }),
    ),

    http.post(
      '*/api/_dev/reset',
      route(store, async ({ request }) => {
        requireJson(request);
        // An empty body or `{}`: anything else is a caller that meant something else.
        if ((await request.clone().text()).trim()) await jsonBody(request);
        store.reset();
        return HttpResponse.json({ ok: true });
      }),
    ),

    http.get(
      '*/api/_dev/clock',
      route(store, () => HttpResponse.json({ now: new Date(store.nowMs()).toISOString() })),
    ),

    // Time only moves forward: record times must keep increasing.
    http.post(
      '*/api/_dev/clock',
      route(store, async ({ request }) => {
        const body = await jsonBody(request);
        const ms = body.advance_ms;
        if (typeof ms !== 'number' || !Number.isFinite(ms) || ms < 0 || ms > 366 * 86_400_000) {
          throw invalid('advance_ms', 'must be a number of milliseconds from 0 to one year');
        }
        store.advanceClock(ms);
        return HttpResponse.json({ now: new Date(store.nowMs()).toISOString() });
      }),
    ),

    http.post(
      '*/api/_dev/chaos',
      route(store, async ({ request }) => {
        const body = await jsonBody(request);
        const chaos: Chaos = {};
        if (body.latency_ms !== undefined)
          chaos.latency_ms = field.integer(body.latency_ms, 'latency_ms', { min: 0, max: 60_000, fallback: 0 });
        for (const rate of ['error_rate', 'drop_after_store_rate'] as const) {
          if (body[rate] === undefined) continue;
          const value = body[rate];
          if (typeof value !== 'number' || !(value >= 0 && value <= 1)) throw invalid(rate, 'must be a number from 0 to 1');
          chaos[rate] = value;
        }
        if (body.error_status !== undefined)
          chaos.error_status = field.integer(body.error_status, 'error_status', { min: 400, max: 599, fallback: 500 });
        if (body.offline !== undefined) chaos.offline = field.boolean(body.offline, 'offline', false);
        store.chaos = chaos;
        return HttpResponse.json(chaos);
      }),
    ),

    // Listed before the widget handlers: applies the faults, then falls through to them.
    http.all(`${WIDGET_BASE}/*`, async ({ requestId }) => {
      const { latency_ms, error_rate, error_status = 500, offline, drop_after_store_rate } = store.chaos;
      if (offline) return HttpResponse.error();
      if (latency_ms) await delay(latency_ms);
      if (error_rate && Math.random() < error_rate) {
        if (error_status === 429) {
          // As the flavour throttles: with Retry-After, or (posthog) the framework's body without it.
          const { status, body, headers } = throttled(config.flavor, 1);
          return body
            ? HttpResponse.json(body, { status })
            : errorResponse(status, 'Injected fault (HTTP 429)', undefined, headers);
        }
        return errorResponse(error_status, `Injected fault (HTTP ${error_status})`);
      }
      if (drop_after_store_rate && Math.random() < drop_after_store_rate) answersToDrop.add(requestId);
      return undefined;
    }),
  ];
}
