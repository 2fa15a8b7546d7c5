import type { Flavor } from '../config.js';
import { HttpError } from './errors.js';

/**
 * The errors a production backend's framework (Django REST framework, with PostHog's
 * exception handler) raises before a view runs: `{type, code, detail, attr}`, and a 429
 * without `Retry-After`. The views' own errors stay `{error, details?}` in both flavours.
 * The reference flavour answers the contract's `{error, details?}` everywhere.
 */
function framework(status: number, type: string, code: string, detail: string) {
  return new HttpError(status, detail, undefined, undefined, { type, code, detail, attr: null });
}

/** A widget token the server does not know. */
export function tokenRefused(flavor: Flavor) {
  return flavor === 'posthog'
    ? framework(403, 'authentication_error', 'authentication_failed', 'Invalid token or conversations not enabled')
    : new HttpError(403, 'Invalid widget token');
}

/** A body that is not JSON. */
export function malformedJson(flavor: Flavor, reason: string) {
  return flavor === 'posthog'
    ? framework(400, 'invalid_request', 'parse_error', `JSON parse error - ${reason}`)
    : new HttpError(400, 'Malformed JSON body', { body: 'must be valid JSON' });
}

/** 429: with `Retry-After` (an extension) in the reference flavour, without it in the production one. */
export function throttled(flavor: Flavor, retryAfterSeconds: number) {
  return flavor === 'posthog'
    ? framework(429, 'throttled_error', 'throttled', `Request was throttled. Expected available in ${retryAfterSeconds} seconds.`)
    : new HttpError(429, 'Too many requests', { retry_after: retryAfterSeconds }, { 'Retry-After': String(retryAfterSeconds) });
}

/** A path the server has no view for. */
export function noSuchEndpoint(flavor: Flavor) {
  return flavor === 'posthog'
    ? framework(404, 'invalid_request', 'not_found', 'Endpoint not found.')
    : new HttpError(404, 'No such endpoint');
}
