import { HttpResponse, type HttpResponseResolver } from 'msw';
import type { Flavor, ServerConfig } from '../config.js';
import { HttpError } from '../lib/errors.js';
import { malformedJson, throttled } from '../lib/framework-errors.js';
import type { Store } from '../store.js';

export { HttpError, invalid } from '../lib/errors.js';
export { hostAllowed } from '../lib/origin.js';

/** What every handler factory receives: the state and the settings it serves. */
export interface HandlerContext {
  store: Store;
  config: ServerConfig;
}

/**
 * The header through which the standalone HTTP server passes the socket address (it drops
 * any copy a client sends). Per-client rate limits key on it; in the browser and under
 * `setupServer` it is absent and every request counts as the one local client.
 */
export const CLIENT_ADDRESS_HEADER = 'x-reference-server-client';
export const clientAddress = (request: Request) => request.headers.get(CLIENT_ADDRESS_HEADER) ?? 'local';

/** Error bodies of the contract: `{error, details?}`. */
export function errorResponse(status: number, error: string, details?: Record<string, unknown>, headers?: HeadersInit) {
  return HttpResponse.json(details ? { error, details } : { error }, { status, headers });
}

type ResolverInfo = Parameters<HttpResponseResolver>[0];

/** Requests (by MSW's request id) that the chaos lets through and whose answer it then loses (`drop_after_store_rate`). */
export const answersToDrop = new Set<string>();

/**
 * Wraps a resolver: wakes snoozed tickets whose time has come (so every answer sees the
 * present), and turns a thrown `HttpError` into its response instead of threading returns.
 */
export function route(store: Store, resolver: (info: ResolverInfo) => Promise<Response> | Response) {
  return async (info: ResolverInfo): Promise<Response> => {
    store.wakeSnoozed();
    const response = await answer(resolver, info);
    // The work is done (a send is stored); the connection drops before the answer arrives.
    return answersToDrop.delete(info.requestId) ? HttpResponse.error() : response;
  };
}

async function answer(resolver: (info: ResolverInfo) => Promise<Response> | Response, info: ResolverInfo) {
  try {
    return await resolver(info);
  } catch (error) {
    if (error instanceof HttpError) {
      if (error.body) return HttpResponse.json(error.body, { status: error.status, headers: error.headers });
      return errorResponse(error.status, error.message, error.details, error.headers);
    }
    throw error;
  }
}

/** `application/json`, or a `+json` type, with any parameters (`; charset=utf-8`). */
const JSON_TYPE = /^application\/(?:[\w.-]+\+)?json\s*(?:;|$)/i;

/**
 * 415 unless the request says its body is JSON. Not a formality: `text/plain` (and a POST
 * with no type at all) is a "simple" request that any web page can send cross-origin without
 * a preflight, so reading it as JSON would let every page a visitor opens write here.
 */
export function requireJson(request: Request) {
  if (!JSON_TYPE.test(request.headers.get('Content-Type') ?? '')) {
    throw new HttpError(415, 'The body must be JSON, sent with Content-Type: application/json', {
      'content-type': 'must be application/json',
    });
  }
}

/** Reads a JSON object body, or answers 415 (not declared JSON) or 400 (in the shape of the flavour's framework). */
export async function jsonBody(request: Request, flavor: Flavor = 'reference'): Promise<Record<string, unknown>> {
  requireJson(request);
  let body: unknown;
  try {
    body = JSON.parse(await request.text());
  } catch (error) {
    throw malformedJson(flavor, (error as Error).message);
  }
  if (body === null || typeof body !== 'object' || Array.isArray(body)) {
    throw new HttpError(400, 'The body must be a JSON object', { body: 'must be a JSON object' });
  }
  return body as Record<string, unknown>;
}

/**
 * The credentials of `Authorization: Bearer <token>`, or null. The scheme is
 * case-insensitive (RFC 7235 §2.1), so `bearer` and `BEARER` are the same scheme.
 */
export function bearerToken(request: Request): string | null {
  const match = /^bearer[ \t]+(\S+)[ \t]*$/i.exec(request.headers.get('Authorization') ?? '');
  return match ? match[1] : null;
}

/** The origin a request came to: where the URLs of its answer (attachments) point. */
export const originOf = (request: Request) => new URL(request.url).origin;

/** Query parameters as a record; a repeated parameter keeps its last value. */
export const queryOf = (request: Request): Record<string, string> => Object.fromEntries(new URL(request.url).searchParams);

/** 429: with `Retry-After` in the reference flavour; as the production framework says it in `posthog`. */
export function tooManyRequests(retryAfterSeconds: number, flavor: Flavor = 'reference') {
  return throttled(flavor, retryAfterSeconds);
}
