import { TICKET_STATUSES } from '../../contract/names.js';

/**
 * The pieces every check of an answer is made of (validate.ts for the ticket list and the
 * capabilities, validate-conversation.ts for the rest). Each guard returns the value or throws
 * a plain Error naming what is wrong; the transport turns that into `invalid_response`. One
 * copy for both files: the conversation file takes them from the first (shared-modules.ts).
 */
export type Guard<T> = (value: unknown, path: string) => T;

export const fail = (path: string, expected: string): never => {
  throw new Error(`${path} should be ${expected}`);
};

export const string: Guard<string> = (v, p) => (typeof v === 'string' ? v : fail(p, 'a string'));
/** An id the client keys state by: a non-empty string of sane length. */
export const id: Guard<string> = (v, p) => (typeof v === 'string' && v && v.length <= 200 ? v : fail(p, 'an id'));
/** Times drive the `after` cursor, so an unparseable one would stall or repeat polling. */
export const time: Guard<string> = (v, p) => (typeof v === 'string' && !Number.isNaN(Date.parse(v)) ? v : fail(p, 'an ISO time'));
export const nullableTime: Guard<string | null> = (v, p) => (v == null ? null : time(v, p));
export const nullableString: Guard<string | null> = (v, p) => (v == null ? null : string(v, p));
export const count: Guard<number> = (v, p) =>
  Number.isInteger(v) && (v as number) >= 0 ? (v as number) : fail(p, 'a whole number ≥ 0');
export const boolean: Guard<boolean> = (v, p) => (typeof v === 'boolean' ? v : fail(p, 'a boolean'));
export const oneOf =
  <T extends string>(...allowed: T[]): Guard<T> =>
  (v, p) =>
    allowed.includes(v as T) ? (v as T) : fail(p, `one of ${allowed.join(', ')}`);
export const array =
  <T>(item: Guard<T>): Guard<T[]> =>
  (v, p) =>
    Array.isArray(v) ? v.map((x, i) => item(x, `${p}[${i}]`)) : fail(p, 'an array');
export const isObject = (v: unknown): v is Record<string, unknown> => v !== null && typeof v === 'object' && !Array.isArray(v);
export const object = (v: unknown, p: string): Record<string, unknown> => (isObject(v) ? v : fail(p, 'an object'));

export const status = oneOf(...TICKET_STATUSES);
