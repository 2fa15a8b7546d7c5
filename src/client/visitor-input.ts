/**
 * The rules for what a visitor types, in one place: the client enforces them, and the UI
 * checks the same ones first so that it can say what is wrong in the visitor's language.
 * The rules themselves are the wire contract's (`contract/`), which the server applies too.
 */
import { normaliseEmailAddress, isEmail } from '../../contract/text.js';

export { MAX_MESSAGE_LENGTH } from '../../contract/limits.js';
export { fitsMessageLimit, isEmail, messageLength } from '../../contract/text.js';

/** Trimmed and lower-cased, as the server matches it; a clear error for anything that is not an address. */
export function normaliseEmail(email: string): string {
  const normal = normaliseEmailAddress(String(email ?? ''));
  if (!isEmail(normal)) throw new RangeError('support-chat: that is not an email address');
  return normal;
}
