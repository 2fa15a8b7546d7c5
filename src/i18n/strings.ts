import type { ChatError, ChatErrorCode } from '../client/chat-state.js';
import { en, type Plural, type Strings, type TextKey } from './locales/en.js';

export { en, type Plural, type Strings, type TextKey };

/** Fills `{name}` placeholders. */
export function format(template: string, values: Record<string, string | number>): string {
  return template.replace(/\{(\w+)\}/g, (_, key: string) => String(values[key] ?? `{${key}}`));
}

// One pair of formatters per language for the whole page: constructing one costs far more than using it.
const counting = new Map<string, [Intl.PluralRules, Intl.NumberFormat]>();

/**
 * The form of a text for `count` in `lang` (Intl.PluralRules), its `{count}` the number as
 * `lang` writes it (Intl.NumberFormat), past `max` the highest shown with a plus ("99+"). A
 * plain string (a site's `strings` override from before plural forms, or just `'{count}'`) is
 * used as it is.
 */
export function plural(forms: Plural | string, count: number, lang: string, max = Infinity): string {
  let intl = counting.get(lang);
  if (!intl) counting.set(lang, (intl = [new Intl.PluralRules(lang), new Intl.NumberFormat(lang)]));
  const template = typeof forms === 'string' ? forms : (forms[intl[0].select(count)] ?? forms.other);
  return format(template, { count: intl[1].format(Math.min(count, max)) + (count > max ? '+' : '') });
}

/** The client reports errors by code; the visitor reads each in their language. */
export const errorKeys: Record<ChatErrorCode, TextKey> = {
  offline: 'errorNetwork',
  rate_limited: 'errorRateLimit',
  server_error: 'errorServer',
  invalid_response: 'errorInvalidResponse',
  rejected: 'errorRejected',
  ticket_gone: 'errorTicketGone',
  token_invalid: 'errorTokenInvalid',
  token_expired: 'errorTokenExpired',
  token_already_used: 'errorTokenUsed',
  migration_failed: 'errorMigrationFailed',
  storage_unavailable: 'errorStorage',
};

/** The sentence for an error in a locale's table (English by default). */
export const describeError = (error: ChatError, strings: Strings = en): string => strings[errorKeys[error.code]];
