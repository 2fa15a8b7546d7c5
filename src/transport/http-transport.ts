import { conversationSlot } from '../client/conversation-slot.js';
import { loadConversation } from '../client/conversation-loader.js';
import type { Guard } from './guards.js';
import type { HttpChannel } from './http-conversation-requests.js';
import type {
  Credentials,
  GetTicketsRequest,
  LiveStream,
  LiveStreamListener,
  OpenStreamRequest,
  Transport,
} from './transport.js';
import { invalidResponse, TransportError } from './transport-error.js';
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

/** The requests whose code comes with the conversation file (http-conversation-requests.ts), `openStream` aside. */
export const CONVERSATION_REQUESTS = [
  'sendMessage',
  'getMessages',
  'markAsRead',
  'requestRestoreLink',
  'restore',
  'sendTyping',
  'rate',
  'uploadAttachment',
] as const;

/** The conversation file's requests, loading that file first when it is not in yet (a headless page, from code). */
const conversationRequests = async () =>
  conversationSlot.httpRequests ?? (await loadConversation(), conversationSlot.httpRequests!);

/**
 * The default transport: the HTTP contract of REFERENCE-API.md. What a page asks before the
 * visitor opens the widget (the ticket list, for the unread count; the capabilities) is here,
 * in the first file; the conversation's requests come with the conversation file, which their
 * methods load on the first call: a page that only counts unread replies never pays for them.
 */
// eslint-disable-next-line @typescript-eslint/no-unsafe-declaration-merging -- the interface below types the methods the static block installs
export class HttpTransport implements Transport {
  readonly #base: string;
  readonly #token: string;
  readonly #timeoutMs: number;
  readonly #fetch: typeof fetch;
  /** What the conversation's requests send with. */
  readonly #channel: HttpChannel;

  constructor(options: HttpTransportOptions) {
    this.#token = options.token;
    this.#base = (options.apiHost || globalThis.location?.origin || '').replace(/\/+$/, '') + WIDGET_PATH;
    this.#timeoutMs = options.timeoutMs ?? 15_000;
    // Bound late so that a fetch patched after construction (service workers, test spies) is still used.
    this.#fetch = options.fetch ?? ((input, init) => globalThis.fetch(input, init));
    this.#channel = {
      request: (method, path, guard, fields) => this.#request(method, path, guard, fields),
      read: (answer, guard) => read(answer, parse(answer.text), guard),
      fields: credentialFields,
      base: this.#base,
      token: this.#token,
      timeoutMs: this.#timeoutMs,
    };
  }

  getTickets(credentials: Credentials, r: GetTicketsRequest) {
    const query = { ...credentialFields(credentials), status: r.status, limit: r.limit, offset: r.offset };
    return this.#request('GET', '/tickets', validate.getTicketsResponse, query);
  }

  /** `GET …/capabilities`: a production backend has no such endpoint (404), which callers read as none. */
  getCapabilities() {
    return this.#request('GET', '/capabilities', validate.capabilities, {});
  }

  /**
   * Synchronous by the interface: the client's live part comes with the conversation file, so
   * its requests are in by then; a stream asked for before (from code) opens once they are.
   */
  openStream(credentials: Credentials, request: OpenStreamRequest, listener: LiveStreamListener): LiveStream {
    const requests = conversationSlot.httpRequests;
    if (requests) return requests.openStream(this.#channel, credentials, request, listener);
    let stream: LiveStream | undefined;
    let closed = false;
    conversationRequests().then(
      ({ openStream }) => void (closed || (stream = openStream(this.#channel, credentials, request, listener))),
      () => listener.error(false),
    );
    return {
      close: () => {
        closed = true;
        stream?.close();
      },
    };
  }

  static {
    for (const name of CONVERSATION_REQUESTS) {
      (this.prototype as unknown as Record<string, unknown>)[name] = async function (this: HttpTransport, ...args: unknown[]) {
        const request = (await conversationRequests())[name] as (http: HttpChannel, ...args: unknown[]) => unknown;
        return request(this.#channel, ...args);
      };
    }
  }

  async #request<T>(method: 'GET' | 'POST', path: string, guard: Guard<T>, fields: Record<string, unknown>): Promise<T> {
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
function read<T>(response: Pick<UploadAnswer, 'ok' | 'status' | 'headers'>, body: unknown, guard: Guard<T>): T {
  if (!response.ok) throw errorFromResponse(response, body);
  try {
    return guard(body, 'response');
  } catch (error) {
    throw invalidResponse((error as Error).message);
  }
}

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

// eslint-disable-next-line @typescript-eslint/no-unsafe-declaration-merging -- the class's static block installs each of them
export interface HttpTransport extends Pick<Required<Transport>, (typeof CONVERSATION_REQUESTS)[number]> {}
