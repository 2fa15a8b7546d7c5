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

/**
 * A personal API key for this project, or 401; another project is 404. The read-only key
 * (`readApiKey`) passes for reads and is refused with 403 on a `write`, before the body is
 * read or anything is looked up, so that it learns nothing from a write either.
 */
export function authoriseTeam(
  request: Request,
  projectId: unknown,
  config: ServerConfig,
  { allowQueryKey = false, write = false } = {},
): { readOnly: boolean } {
  const key = teamKey(request, allowQueryKey);
  const readOnly = key !== null && key === config.readApiKey && key !== config.apiKey;
  if (key !== config.apiKey && !readOnly) throw new HttpError(401, 'Invalid personal API key');
  if (projectId !== config.projectId) throw new HttpError(404, 'Project not found');
  if (write && readOnly) throw new HttpError(403, 'This API key may only read (it has no write scopes)');
  return { readOnly };
}

/** `authoriseTeam` for a request that changes something. */
export const authoriseTeamWrite = (request: Request, projectId: unknown, config: ServerConfig) =>
  authoriseTeam(request, projectId, config, { write: true });

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
