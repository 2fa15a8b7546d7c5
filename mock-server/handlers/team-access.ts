import type { ServerConfig } from '../config.js';
import { bearerToken } from './context.js';
import { HttpError } from '../lib/errors.js';
import * as field from '../lib/fields.js';
import type { Store, StoredTicket } from '../store.js';

/**
 * The team API's key from `Authorization: Bearer …`; `EventSource` cannot set headers, so
 * the live stream alone may carry it as `?api_key=` instead (`allowQueryKey`).
 */
function teamKey(request: Request, allowQueryKey: boolean): string | null {
  if (request.headers.has('Authorization')) return bearerToken(request);
  return allowQueryKey ? new URL(request.url).searchParams.get('api_key') : null;
}

/** A personal API key for this project, or 401; another project is 404. */
export function authoriseTeam(request: Request, projectId: unknown, config: ServerConfig, { allowQueryKey = false } = {}) {
  if (teamKey(request, allowQueryKey) !== config.apiKey) throw new HttpError(401, 'Invalid personal API key');
  if (projectId !== config.projectId) throw new HttpError(404, 'Project not found');
}

/** By UUID or by ticket number, as the production API allows. */
export function findTeamTicket(store: Store, id: unknown): StoredTicket {
  const raw = String(id);
  const ticket = field.UUID.test(raw)
    ? store.ticket(raw)
    : /^\d{1,9}$/.test(raw)
      ? store.data.tickets.find((t) => t.ticket_number === Number(raw))
      : undefined;
  if (!ticket) throw new HttpError(404, 'Ticket not found');
  return ticket;
}
