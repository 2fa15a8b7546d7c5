import type {
  Credentials,
  GetMessagesRequest,
  GetTicketsRequest,
  LiveStreamListener,
  OpenStreamRequest,
  RateRequest,
  RestoreRequest,
  SendMessageRequest,
  Transport,
  TypingRequest,
  UploadOptions,
} from './transport.js';
import { eventSourceStream } from './event-source-stream.js';
import { TransportError } from './transport-error.js';
import { loadAttachments } from '../client/attachments/load-attachments.js';
import type { UploadAnswer } from './upload.js';
import * as validate from './validate.js';

export interface HttpTransportOptions {
  /** The public widget token, sent as `X-Conversations-Token`. */
  token: string;
  /** Origin (and optional path prefix) of the backend; defaults to the page's origin. */
  apiHost?: string;
  /** Give up on a request after this long, as a `network` error. */
  timeoutMs?: number;
  /** For tests and unusual runtimes; defaults to the global `fetch`. */
  fetch?: typeof fetch;
}

const WIDGET_PATH = '/api/conversations/v1/widget';

/** The default transport: the HTTP contract of REFERENCE-API.md. */
export class HttpTransport implements Transport {
  readonly #base: string;
  readonly #token: string;
  readonly #timeoutMs: number;
  readonly #fetch: typeof fetch;

  constructor(options: HttpTransportOptions) {
    this.#token = options.token;
    this.#base = (options.apiHost || globalThis.location?.origin || '').replace(/\/+$/, '') + WIDGET_PATH;
    this.#timeoutMs = options.timeoutMs ?? 15_000;
    // Bound late so that a fetch patched after construction (service workers, test spies) is still used.
    this.#fetch = options.fetch ?? ((input, init) => globalThis.fetch(input, init));
  }

  sendMessage(credentials: Credentials, r: SendMessageRequest) {
    return this.#request('POST', '/message', validate.sendMessageResponse, {
      ...credentialFields(credentials),
      message: r.message,
      ticket_id: r.ticketId,
      traits: r.traits ?? {},
      // Required with a session (the production backend answers 400 without it): see `credentialFields`.
      ...(r.distinctId && { distinct_id: r.distinctId }),
      client_message_id: r.clientMessageId,
      session_context: r.currentUrl ? { current_url: r.currentUrl } : undefined,
      attachment_ids: r.attachmentIds?.length ? r.attachmentIds : undefined,
    });
  }

  async getMessages(credentials: Credentials, r: GetMessagesRequest) {
    const query = { ...credentialFields(credentials), after: r.after, limit: r.limit };
    const response = await this.#request(
      'GET',
      `/messages/${encodeURIComponent(r.ticketId)}`,
      validate.getMessagesResponse,
      query,
    );
    // Messages of another ticket would be shown in the wrong conversation.
    if (response.ticket_id !== r.ticketId) throw invalid('response.ticket_id is not the ticket asked for');
    return response;
  }

  markAsRead(credentials: Credentials, ticketId: string) {
    const path = `/messages/${encodeURIComponent(ticketId)}/read`;
    return this.#request('POST', path, validate.markAsReadResponse, credentialFields(credentials));
  }

  getTickets(credentials: Credentials, r: GetTicketsRequest) {
    const query = { ...credentialFields(credentials), status: r.status, limit: r.limit, offset: r.offset };
    return this.#request('GET', '/tickets', validate.getTicketsResponse, query);
  }

  async requestRestoreLink(email: string, requestUrl: string) {
    await this.#request('POST', '/restore/request', validate.restoreRequestResponse, { email, request_url: requestUrl });
  }

  restore(r: RestoreRequest) {
    return this.#request('POST', '/restore', validate.restoreResponse, {
      restore_token: r.restoreToken,
      widget_session_id: r.widgetSessionId,
      distinct_id: r.distinctId,
    });
  }

  /** `GET …/capabilities`: a production backend has no such endpoint (404), which callers read as none. */
  getCapabilities() {
    return this.#request('GET', '/capabilities', validate.capabilities, {});
  }

  /** `EventSource` cannot set headers: the token and the credentials go in the query. */
  openStream(credentials: Credentials, r: OpenStreamRequest, listener: LiveStreamListener) {
    const url = new URL(this.#base + '/stream', globalThis.location?.href);
    const query = {
      token: this.#token,
      ...credentialFields(credentials),
      last_event_id: r.lastEventId,
    };
    for (const [key, value] of Object.entries(query)) if (value) url.searchParams.set(key, value);
    return eventSourceStream(url, listener);
  }

  async sendTyping(credentials: Credentials, r: TypingRequest) {
    const fields = {
      ...credentialFields(credentials),
      ticket_id: r.ticketId,
      typing: r.typing,
    };
    await this.#request('POST', '/typing', validate.restoreRequestResponse, fields);
  }

  async rate(credentials: Credentials, r: RateRequest) {
    const fields = { ...credentialFields(credentials), score: r.score, comment: r.comment || undefined };
    await this.#request('POST', `/tickets/${encodeURIComponent(r.ticketId)}/rating`, validate.restoreRequestResponse, fields);
  }

  /** `multipart/form-data` with `file` and the credential fields, by XHR (for its progress events) from the panel file. */
  async uploadAttachment(file: File, credentials: Credentials, options?: UploadOptions) {
    const { postForm, attachment } = await loadAttachments();
    const fields = credentialFields(credentials);
    const answer = await postForm(this.#base + '/attachments', this.#token, fields, file, options, this.#timeoutMs);
    return read(answer, parse(answer.text), attachment);
  }

  async #request<T>(method: 'GET' | 'POST', path: string, guard: validate.Guard<T>, fields: Record<string, unknown>): Promise<T> {
    const url = new URL(this.#base + path, globalThis.location?.href);
    const init: RequestInit = { method, headers: { 'X-Conversations-Token': this.#token } };
    if (method === 'GET') {
      for (const [key, value] of Object.entries(fields)) {
        if (value !== undefined) url.searchParams.set(key, String(value));
      }
    } else {
      init.headers = { ...init.headers, 'Content-Type': 'application/json' };
      init.body = JSON.stringify(fields);
    }

    let response: Response;
    let text: string;
    try {
      response = await this.#fetch(url, { ...init, signal: AbortSignal.timeout(this.#timeoutMs) });
      // Read inside the try: a timeout or a dropped connection mid-body is a network failure, not a bad answer.
      text = await response.text();
    } catch (error) {
      const timedOut = error instanceof DOMException && error.name === 'TimeoutError';
      throw new TransportError('network', timedOut ? 'The request timed out.' : 'The network is unreachable.');
    }

    return read(response, parse(text), guard);
  }
}

function parse(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined; // not JSON: the guard (or the error status) says what is wrong
  }
}

/** An answer's body as the contract promises it, or the typed error its status or shape says. */
function read<T>(response: Pick<UploadAnswer, 'ok' | 'status' | 'headers'>, body: unknown, guard: validate.Guard<T>): T {
  if (!response.ok) throw errorFromResponse(response, body);
  try {
    return guard(body, 'response');
  } catch (error) {
    throw invalid((error as Error).message);
  }
}

const invalid = (what: string) => new TransportError('invalid_response', `Unexpected answer from the server: ${what}`);

/**
 * The credentials as the contract's fields. Every request carries the same `distinct_id`:
 * the one the credentials name, else the session id (the production backend requires one
 * with a session). With an identity, the session id goes along so that the backend can link
 * the session's anonymous tickets to it.
 */
function credentialFields(credentials: Credentials): Record<string, string> {
  const session = credentials.widgetSessionId;
  const fields: Record<string, string> =
    'identityHash' in credentials
      ? { identity_distinct_id: credentials.identityDistinctId, identity_hash: credentials.identityHash }
      : {};
  if (session) fields.widget_session_id = session;
  const distinctId = credentials.distinctId || session;
  if (distinctId) fields.distinct_id = distinctId;
  return fields;
}

/**
 * Two error shapes: the contract's (and a production backend's views') `{error, details?}`,
 * and a production framework's `{type, code, detail, attr}`. Both become a readable message
 * and `details`; a framework error's field (`attr`) is keyed like the contract's details.
 */
function errorFromResponse(response: Pick<UploadAnswer, 'status' | 'headers'>, body: unknown): TransportError {
  const o = (body && typeof body === 'object' ? body : {}) as Record<string, unknown>;
  const said = typeof o.error === 'string' ? o.error : typeof o.detail === 'string' ? o.detail : '';
  const text = said.slice(0, 500) || `HTTP ${response.status}`;
  const details =
    o.details && typeof o.details === 'object'
      ? (o.details as Record<string, unknown>)
      : typeof o.code === 'string'
        ? { code: o.code, ...(typeof o.attr === 'string' && { [o.attr]: said }) }
        : undefined;
  if (response.status === 429) {
    // Without `Retry-After` (a production backend never sends it), the framework's sentence says when.
    const wait = retryAfter(response.headers.get('Retry-After')) ?? secondsIn(said);
    return new TransportError('rate_limit', text, 429, wait, details);
  }
  return new TransportError('http', text, response.status, undefined, details);
}

/** `Retry-After` is either seconds or an HTTP date; anything else is ignored. */
function retryAfter(header: string | null): number | undefined {
  if (!header) return undefined;
  const seconds = /^\d+$/.test(header.trim()) ? Number(header) : (Date.parse(header) - Date.now()) / 1000;
  return clampWait(seconds);
}

/** "Request was throttled. Expected available in 12 seconds." (Django REST framework's words). */
function secondsIn(detail: string): number | undefined {
  const match = /available in (\d+(?:\.\d+)?) second/.exec(detail);
  return match ? clampWait(Number(match[1])) : undefined;
}

const clampWait = (seconds: number) => (Number.isFinite(seconds) ? Math.min(Math.max(seconds, 0), 3600) : undefined);
