import { randomUUID } from 'node:crypto';
import { TEAM, type Client } from './api.js';

export const WRITE_KEY = { Authorization: 'Bearer demo-api-key' };
export const READ_KEY = { Authorization: 'Bearer demo-read-key' };

/** Team API calls below the project prefix, with the full key unless told otherwise. */
export function team(api: Client, headers: Record<string, string> = WRITE_KEY) {
  return {
    get: (path: string, query?: Record<string, string | number | undefined>) =>
      api.call('GET', `${TEAM}${path}`, { query, headers }),
    post: (path: string, body?: unknown) => api.call('POST', `${TEAM}${path}`, { body, headers }),
    patch: (path: string, body: unknown) => api.call('PATCH', `${TEAM}${path}`, { body, headers }),
    delete: (path: string) => api.call('DELETE', `${TEAM}${path}`, { headers }),
  };
}

/** A visitor's first message: a new ticket of a new session, with these traits. */
export async function visitorTicket(
  api: Client,
  message: string,
  traits: Record<string, string> = {},
  extra: Record<string, unknown> = {},
) {
  const session = randomUUID();
  const sent = await api.widget.send({ message, ticket_id: null, widget_session_id: session, traits, ...extra });
  return { session, ticketId: sent.body.ticket_id as string, answer: sent };
}

/** Polls `check` until it returns something truthy, for at most `ms` (real time); bounded. */
export async function eventually<T>(check: () => Promise<T> | T, ms = 3000, what = 'condition'): Promise<NonNullable<T>> {
  const until = Date.now() + ms;
  for (;;) {
    const value = await check();
    if (value) return value as NonNullable<T>;
    if (Date.now() > until) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
}
