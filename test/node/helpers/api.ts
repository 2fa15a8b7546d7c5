import { randomUUID } from 'node:crypto';
import assert from 'node:assert/strict';
import { contractProblems } from './contract.js';

export const TOKEN = 'demo-widget-token';
export const WIDGET = '/api/conversations/v1/widget';
export const TEAM = '/api/projects/1/conversations';
const TEAM_AUTH = { Authorization: 'Bearer demo-api-key' };

export interface Answer<T = any> {
  status: number;
  headers: Headers;
  body: T;
}

interface CallOptions {
  body?: unknown;
  /** Sent as is, instead of JSON of `body`. */
  raw?: string;
  query?: Record<string, string | number | undefined>;
  headers?: Record<string, string>;
  /** Send exactly these headers and body: no Origin or `distinct_id` filled in by the helper. */
  bare?: boolean;
}

/**
 * What a browser's widget sends without being asked, filled in unless a test says otherwise
 * (`bare`, or the field or header given): the session id as `distinct_id` on a send, and
 * on a restore the page's Origin (that of `request_url`, else http://localhost).
 */
function asTheWidget(body: Record<string, unknown>): Record<string, unknown> {
  return typeof body.widget_session_id === 'string' && body.widget_session_id && !('distinct_id' in body)
    ? { ...body, distinct_id: body.widget_session_id }
    : body;
}
function pageOrigin(body: Record<string, unknown>, o: CallOptions): Record<string, string> {
  if (o.bare || Object.keys(o.headers ?? {}).some((h) => /^(origin|referer)$/i.test(h))) return {};
  try {
    const url = new URL(String(body.request_url));
    if (url.protocol === 'http:' || url.protocol === 'https:') return { Origin: url.origin };
  } catch {
    // no usable request_url: the widget's page is the local one
  }
  return { Origin: 'http://localhost' };
}

/**
 * A client for one running reference server. Every answer is checked on the way: it is
 * never a 5xx (unless a test injected one), and it matches openapi.json.
 */
export function client(baseUrl: string, { allowServerErrors = false, flavor = 'reference' as 'reference' | 'posthog' } = {}) {
  async function call<T = any>(method: string, path: string, options: CallOptions = {}): Promise<Answer<T>> {
    const url = new URL(path, baseUrl);
    for (const [k, v] of Object.entries(options.query ?? {})) if (v !== undefined) url.searchParams.set(k, String(v));
    const hasBody = options.raw !== undefined || options.body !== undefined;
    const response = await fetch(url, {
      method,
      headers: { ...(hasBody ? { 'Content-Type': 'application/json' } : {}), ...options.headers },
      body: options.raw ?? (options.body === undefined ? undefined : JSON.stringify(options.body)),
    });
    const text = await response.text();
    let body: unknown;
    if (text) {
      assert.match(response.headers.get('content-type') ?? '', /application\/json/, `${method} ${path}: answer is not JSON`);
      body = JSON.parse(text);
    }
    if (!allowServerErrors)
      assert.ok(response.status < 500, `${method} ${url.pathname} answered ${response.status}: ${text.slice(0, 300)}`);
    const problems = contractProblems(method, url.pathname, response.status, response.headers, body, {
      headerChecks: flavor === 'reference',
    });
    assert.deepEqual(problems, [], `${method} ${url.pathname} (${response.status}) does not match openapi.json`);
    return { status: response.status, headers: response.headers, body: body as T };
  }

  const widgetHeaders = (headers?: Record<string, string>) => ({ 'X-Conversations-Token': TOKEN, ...headers });
  const teamHeaders = (headers?: Record<string, string>) => ({ ...TEAM_AUTH, ...headers });

  return {
    call,
    widget: {
      send: (body: Record<string, unknown>, o: CallOptions = {}) =>
        call('POST', `${WIDGET}/message`, { body: o.bare ? body : asTheWidget(body), ...o, headers: widgetHeaders(o.headers) }),
      messages: (ticketId: string, query: Record<string, string | number | undefined>, o: CallOptions = {}) =>
        call('GET', `${WIDGET}/messages/${encodeURIComponent(ticketId)}`, { query, ...o, headers: widgetHeaders(o.headers) }),
      markRead: (ticketId: string, body: Record<string, unknown>, o: CallOptions = {}) =>
        call('POST', `${WIDGET}/messages/${encodeURIComponent(ticketId)}/read`, {
          body,
          ...o,
          headers: widgetHeaders(o.headers),
        }),
      tickets: (query: Record<string, string | number | undefined>, o: CallOptions = {}) =>
        call('GET', `${WIDGET}/tickets`, { query, ...o, headers: widgetHeaders(o.headers) }),
      restoreRequest: (body: Record<string, unknown>, o: CallOptions = {}) =>
        call('POST', `${WIDGET}/restore/request`, {
          body,
          ...o,
          headers: widgetHeaders({ ...pageOrigin(body, o), ...o.headers }),
        }),
      redeem: (body: Record<string, unknown>, o: CallOptions = {}) =>
        call('POST', `${WIDGET}/restore`, { body, ...o, headers: widgetHeaders({ ...pageOrigin({}, o), ...o.headers }) }),
      capabilities: (o: CallOptions = {}) => call('GET', `${WIDGET}/capabilities`, { ...o, headers: widgetHeaders(o.headers) }),
      typing: (body: Record<string, unknown>, o: CallOptions = {}) =>
        call('POST', `${WIDGET}/typing`, { body, ...o, headers: widgetHeaders(o.headers) }),
    },
    team: {
      tickets: (query: Record<string, string | number | undefined> = {}, o: CallOptions = {}) =>
        call('GET', `${TEAM}/tickets`, { query, ...o, headers: teamHeaders(o.headers) }),
      create: (body: Record<string, unknown>) => call('POST', `${TEAM}/tickets`, { body, headers: teamHeaders() }),
      get: (id: string | number, o: CallOptions = {}) =>
        call('GET', `${TEAM}/tickets/${id}`, { ...o, headers: teamHeaders(o.headers) }),
      update: (id: string, body: unknown, o: CallOptions = {}) =>
        call('PATCH', `${TEAM}/tickets/${id}`, { body, ...o, headers: teamHeaders(o.headers) }),
      remove: (id: string) => call('DELETE', `${TEAM}/tickets/${id}`, { headers: teamHeaders() }),
      messages: (id: string) => call('GET', `${TEAM}/tickets/${id}/messages`, { headers: teamHeaders() }),
      reply: (id: string, body: Record<string, unknown>, o: CallOptions = {}) =>
        call('POST', `${TEAM}/tickets/${id}/messages`, { body, ...o, headers: teamHeaders(o.headers) }),
      events: (query: Record<string, string | number | undefined> = {}) =>
        call('GET', `${TEAM}/events`, { query, headers: teamHeaders() }),
      typing: (id: string, body: Record<string, unknown>, o: CallOptions = {}) =>
        call('POST', `${TEAM}/tickets/${id}/typing`, { body, ...o, headers: teamHeaders(o.headers) }),
    },
    dev: {
      reset: () => call('POST', '/api/_dev/reset', { body: {} }),
      mailbox: (to?: string) => call('GET', '/api/_dev/mailbox', { query: { to } }),
      chaos: (body: Record<string, unknown>) => call('POST', '/api/_dev/chaos', { body }),
      advanceClock: (ms: number) => call('POST', '/api/_dev/clock', { body: { advance_ms: ms } }),
    },
  };
}

export type Client = ReturnType<typeof client>;

/** What the server holds in total, to prove that a rejected request stored nothing. */
export async function snapshot(api: Client) {
  const tickets = await api.team.tickets({ limit: 1000 });
  const events = await api.team.events({ limit: 1000 });
  const messages = await Promise.all(tickets.body.results.map((t: { id: string }) => api.team.messages(t.id)));
  return {
    tickets: tickets.body.results.map((t: Record<string, unknown>) => ({ ...t })),
    messages: messages.map((m) => m.body.results),
    events: events.body.count,
    mailbox: (await api.dev.mailbox()).body.length,
  };
}

/** JSON of `body` with the raw JSON string `valueJson` placed at `at` (a value JSON.stringify would never write, such as a lone surrogate). */
export function withRawValue(body: Record<string, unknown>, at: string[], valueJson: string) {
  const marker = `__VALUE_${randomUUID()}__`;
  const copy = structuredClone(body) as Record<string, any>;
  let target = copy;
  for (const key of at.slice(0, -1)) target = target[key] ??= {};
  target[at.at(-1)!] = marker;
  return JSON.stringify(copy).replace(`"${marker}"`, valueJson);
}
