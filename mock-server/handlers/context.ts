import { HttpResponse, type HttpResponseResolver } from 'msw';
import type { ServerConfig } from '../config.js';
import type { Store } from '../store.js';

/** What every handler factory receives: the state and the settings it serves. */
export interface HandlerContext {
  store: Store;
  config: ServerConfig;
}

/** Error bodies of the contract: `{error, details?}`. */
export function errorResponse(status: number, error: string, details?: Record<string, unknown>, headers?: HeadersInit) {
  return HttpResponse.json(details ? { error, details } : { error }, { status, headers });
}

/** Thrown inside a handler to answer with an error; `withErrors` turns it into the response. */
export class HttpError extends Error {
  constructor(
    readonly status: number,
    message: string,
    readonly details?: Record<string, unknown>,
    readonly headers?: HeadersInit,
  ) {
    super(message);
  }
}

/** Wraps a resolver so that it can `throw new HttpError(...)` instead of threading returns. */
type ResolverInfo = Parameters<HttpResponseResolver>[0];

export function withErrors(resolver: (info: ResolverInfo) => Promise<Response> | Response) {
  return async (info: ResolverInfo): Promise<Response> => {
    try {
      return await resolver(info);
    } catch (error) {
      if (error instanceof HttpError) return errorResponse(error.status, error.message, error.details, error.headers);
      throw error;
    }
  };
}

/** Reads a JSON object body, or answers 400. */
export async function jsonBody(request: Request): Promise<Record<string, unknown>> {
  let body: unknown;
  try {
    body = await request.json();
  } catch {
    throw new HttpError(400, 'Malformed JSON body');
  }
  if (body === null || typeof body !== 'object' || Array.isArray(body)) {
    throw new HttpError(400, 'The body must be a JSON object');
  }
  return body as Record<string, unknown>;
}
