/**
 * The one error type a transport rejects with, so callers branch on `kind`
 * rather than on message text.
 * - `network`: no answer (offline, DNS, CORS, timeout).
 * - `rate_limit`: HTTP 429; `retryAfter` in seconds when the server said.
 * - `http`: any other non-2xx; `status` and the server's `error` text.
 * - `invalid_response`: a 2xx whose body is not the shape the contract promises.
 */
export type TransportErrorKind = 'network' | 'rate_limit' | 'http' | 'invalid_response';

export class TransportError extends Error {
  override readonly name = 'TransportError';

  constructor(
    readonly kind: TransportErrorKind,
    message: string,
    readonly status?: number,
    readonly retryAfter?: number,
    readonly details?: Record<string, unknown>,
  ) {
    super(message);
  }

  /** Worth trying again later: the request may not have reached the server, or the server asked us to wait. */
  get retryable(): boolean {
    return (
      this.kind === 'network' ||
      this.kind === 'rate_limit' ||
      (this.kind === 'http' && this.status !== undefined && this.status >= 500)
    );
  }
}

/** A 2xx whose body is not what the contract promises: `what` says which field. */
export const invalidResponse = (what: string) =>
  new TransportError('invalid_response', `Unexpected answer from the server: ${what}`);
