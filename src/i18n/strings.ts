import type { ChatError, ChatErrorCode } from '../client/chat-state.js';
import type { TicketStatus } from '../transport/wire-types.js';
import { beside } from '../internal/beside.js';
import { en, type Strings } from './locales/en.js';

export { en, type Strings };

/** Locales shipped beside the script (dist/locales/*.js), loaded only by pages that want them. */
export const lazyLocales = ['de', 'ar'];

/**
 * Loads a locale table on demand, so that the script carries English only and a page pays
 * just for its own language. A runtime URL on purpose: a bundler would inline a static
 * import() into the one-file build.
 */
export async function loadLocale(base: string): Promise<Strings> {
  const module: { default: Strings } = await import(/* @vite-ignore */ beside(`./locales/${base}.js`, import.meta.url));
  return module.default;
}

/** Languages written right to left (their base subtag). */
export const rtlLanguages = ['ar', 'he', 'fa', 'ur'];

/** Fills `{name}` placeholders. */
export function format(template: string, values: Record<string, string | number>): string {
  return template.replace(/\{(\w+)\}/g, (_, key: string) => String(values[key] ?? `{${key}}`));
}

/** The client reports errors by code; the visitor reads each in their language. */
export const errorKeys: Record<ChatErrorCode, keyof Strings> = {
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

export const statusKeys: Record<TicketStatus, keyof Strings> = {
  new: 'statusNew',
  open: 'statusOpen',
  pending: 'statusPending',
  on_hold: 'statusOnHold',
  resolved: 'statusResolved',
};
