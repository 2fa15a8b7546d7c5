const ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';

/** A random URL-safe id of `length` characters (saved views' `short_id`, as the production API has). */
export function shortId(length = 10): string {
  const bytes = crypto.getRandomValues(new Uint8Array(length));
  // 62 does not divide 256: the slight bias does not matter for an id that only needs to be unique.
  return Array.from(bytes, (b) => ALPHABET[b % ALPHABET.length]).join('');
}

export const SHORT_ID = /^[A-Za-z0-9]{1,64}$/;
