/** Thrown anywhere below a handler to answer with a contract error body `{error, details?}`. */
export class HttpError extends Error {
  constructor(
    readonly status: number,
    message: string,
    readonly details?: Record<string, unknown>,
    readonly headers?: Record<string, string>,
    /** The whole body, when it is not `{error, details?}` (the production framework's errors). */
    readonly body?: Record<string, unknown>,
  ) {
    super(message);
  }
}

/** A 400 whose `details` name the offending field, as the contract promises. */
export const invalid = (field: string, reason: string) => new HttpError(400, `${field} ${reason}`, { [field]: reason });
