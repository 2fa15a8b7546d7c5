import { MAX_EMAIL_LENGTH, MAX_REQUEST_URL_LENGTH, type MapLimits } from '../../contract/limits.js';
import { codePoints, isEmail } from '../../contract/text.js';
import { invalid } from './errors.js';

export { codePoints } from '../../contract/text.js';

/**
 * Input checks shared by every handler. Each reads one field, returns it in its clean form,
 * or throws a 400 naming the field: a bad request never reaches the store half-checked.
 */

export const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;
/** C0 controls and DEL, except tab, newline and carriage return (allowed in multi-line text). */
// eslint-disable-next-line no-control-regex -- matching control characters is the point
const CONTROL = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F]/;
const LINE_BREAK_OR_TAB = /[\t\n\r]/;

/** Cuts to `max` code points without splitting a surrogate pair. */
export const truncate = (text: string, max: number) => (text.length <= max ? text : Array.from(text).slice(0, max).join(''));

/** Why a string cannot be stored, or undefined if it can. */
function textProblem(text: string, multiline: boolean): string | undefined {
  if (LONE_SURROGATE.test(text)) return 'must be valid Unicode (it contains a lone surrogate)';
  if (CONTROL.test(text)) return 'must not contain control characters';
  if (!multiline && LINE_BREAK_OR_TAB.test(text)) return 'must be a single line';
  return undefined;
}

interface TextOptions {
  min?: number;
  max: number;
  /** Allow tabs and line breaks (message bodies). */
  multiline?: boolean;
  /** Trim surrounding white space before the length check (default true). */
  trim?: boolean;
}

/** A required string field. */
export function text(value: unknown, field: string, { min = 1, max, multiline = false, trim = true }: TextOptions): string {
  if (typeof value !== 'string') throw invalid(field, value === undefined ? 'is required' : 'must be a string');
  const problem = textProblem(value, multiline);
  if (problem) throw invalid(field, problem);
  const clean = trim ? value.trim() : value;
  const length = codePoints(clean);
  if (length < min || length > max) {
    throw invalid(field, min === max ? `must be ${min} characters` : `must be ${min} to ${max} characters`);
  }
  return clean;
}

/** An optional string field: `undefined` and `null` give null. */
export const optionalText = (value: unknown, field: string, options: TextOptions): string | null =>
  value == null ? null : text(value, field, options);

export function uuid(value: unknown, field: string): string {
  if (typeof value !== 'string' || !UUID.test(value))
    throw invalid(field, value === undefined ? 'is required' : 'must be a UUID');
  return value.toLowerCase();
}

export const optionalUuid = (value: unknown, field: string): string | null =>
  value == null || value === '' ? null : uuid(value, field);

export function boolean(value: unknown, field: string, fallback: boolean): boolean {
  if (value === undefined) return fallback;
  if (typeof value !== 'boolean') throw invalid(field, 'must be true or false');
  return value;
}

export function oneOf<T extends string>(value: unknown, field: string, allowed: readonly T[]): T {
  if (typeof value !== 'string' || !allowed.includes(value as T)) throw invalid(field, `must be one of ${allowed.join(', ')}`);
  return value as T;
}

/** A whole number from a query string (or JSON number), within bounds. */
export function integer(
  value: unknown,
  field: string,
  { min, max, fallback }: { min: number; max: number; fallback: number },
): number {
  if (value === undefined || value === null || value === '') return fallback;
  const n = typeof value === 'number' ? value : typeof value === 'string' && /^-?\d{1,16}$/.test(value) ? Number(value) : NaN;
  if (!Number.isInteger(n) || n < min || n > max) throw invalid(field, `must be a whole number from ${min} to ${max}`);
  return n;
}

const DATE_TIME = /^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2})(?:\.\d{1,9})?)?(?:Z|[+-](\d{2}):?(\d{2}))?)?$/;

/**
 * An ISO 8601 date-time (or date), as epoch milliseconds. Every part is checked against the
 * calendar first: `Date.parse` rolls an impossible date over (2024-02-30 is 1 March), and a
 * poll from a day that never was must be a 400, not a silently different instant.
 */
export function dateTime(value: unknown, field: string): number {
  const parts = typeof value === 'string' ? DATE_TIME.exec(value) : null;
  const [year, month, day, hour = 0, minute = 0, second = 0, offsetHours = 0, offsetMinutes = 0] = (parts ?? [])
    .slice(1)
    .map((p) => (p === undefined ? undefined : Number(p)));
  const possible =
    parts !== null &&
    month! >= 1 &&
    month! <= 12 &&
    day! >= 1 &&
    day! <= daysInMonth(year!, month!) &&
    hour! <= 23 &&
    minute! <= 59 &&
    second! <= 59 &&
    offsetHours! <= 23 &&
    offsetMinutes! <= 59;
  const ms = possible ? Date.parse(value as string) : NaN;
  if (!Number.isFinite(ms)) throw invalid(field, 'must be an ISO 8601 date-time');
  return ms;
}

/** Days in a month of the proleptic Gregorian calendar (day 0 of the next month is the last of this). */
function daysInMonth(year: number, month: number) {
  const date = new Date(0);
  date.setUTCFullYear(year, month, 0); // not Date.UTC, which reads years 0..99 as 1900..1999
  return date.getUTCDate();
}

export function plainObject(value: unknown, field: string): Record<string, unknown> {
  if (value === null || typeof value !== 'object' || Array.isArray(value)) throw invalid(field, 'must be an object');
  return value as Record<string, unknown>;
}

export type SimpleValue = string | number | boolean | null;

/**
 * A free-form map (traits, session context) as the production backend takes it: over-size
 * parts are cut, not refused (a visitor must never lose a message to a long name), values
 * that are not simple are dropped; text that could not be stored is still refused.
 */
export function lenientMap(
  value: unknown,
  field: string,
  { maxKeys, maxKeyLength, maxValueLength, stringify }: MapLimits & { stringify: boolean },
): Record<string, SimpleValue> {
  // Absent is empty; `null` is refused, as the production backend's dict fields refuse it.
  if (value === undefined) return {};
  const source = plainObject(value, field);
  const result: Record<string, SimpleValue> = {};
  for (const [key, raw] of Object.entries(source)) {
    if (Object.keys(result).length >= maxKeys) break;
    if (codePoints(key) > maxKeyLength || textProblem(key, false)) continue;
    if (raw !== null && !['string', 'number', 'boolean'].includes(typeof raw)) continue;
    if (typeof raw === 'string') {
      const problem = textProblem(raw, false);
      if (problem) throw invalid(`${field}.${key}`, problem);
      result[key] = truncate(raw.trim(), maxValueLength);
    } else {
      result[key] = raw === null ? null : stringify ? truncate(String(raw), maxValueLength) : (raw as number | boolean);
    }
  }
  return result;
}

/** An email address, by the contract's rule (the widget checks the same before sending). */
export function email(value: unknown, field: string): string {
  const address = text(value, field, { max: MAX_EMAIL_LENGTH });
  if (!isEmail(address)) throw invalid(field, 'must be an email address');
  return address;
}

/** An absolute http(s) URL. */
export function httpUrl(value: unknown, field: string): URL {
  const raw = text(value, field, { max: MAX_REQUEST_URL_LENGTH });
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    throw invalid(field, 'must be an absolute URL');
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') throw invalid(field, 'must be an http or https URL');
  if (url.username || url.password) throw invalid(field, 'must not contain credentials');
  return url;
}

/** A required field that is absent (one whose `null` means something, so `text` cannot say it). */
export const missing = (field: string) => invalid(field, 'is required');

/** A 400 naming `field`, for checks a handler makes itself. */
export const invalidField = invalid;
