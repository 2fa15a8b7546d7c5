/**
 * The rules for what a visitor types, in one place: the client enforces them, and the UI
 * checks the same ones first so that it can say what is wrong in the visitor's language.
 */

/** The contract's limit for one message (REFERENCE-API.md). */
export const MAX_MESSAGE_LENGTH = 10_000;

/** Good enough to catch typos; the server decides the rest. */
export const isEmail = (value: string) => value.length <= 320 && /^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(value);

/** Trimmed and lower-cased, as the server matches it; a clear error for anything that is not an address. */
export function normaliseEmail(email: string): string {
  const normal = String(email ?? '').trim().toLowerCase();
  if (!isEmail(normal)) throw new RangeError('support-chat: that is not an email address');
  return normal;
}
