import type { enPanel } from './en-panel.js';

/**
 * A text that depends on a number: one form per plural category its language uses
 * (`new Intl.PluralRules(lang).resolvedOptions().pluralCategories`: English one and other,
 * Arabic all six, Japanese other only), chosen by `plural()` in ../strings.ts. `{count}` is the
 * number as the language writes it; a form used for a single number only (Arabic's `two`) may
 * say it in words instead.
 */
export type Plural = Partial<Record<Intl.LDMLPluralRule, string>> & { other: string };

/**
 * English, for what the first file shows: the launcher, the panel's frame and every error (which
 * `support-chat-error` also says). The panel's texts are in en-panel.ts, which the panel file adds
 * to this very object (`completeEnglish()`) before any of its views reads them; the other
 * languages, loaded on demand, come whole.
 */
const frame = {
  openChat: 'Open chat',
  openChatUnread: { one: 'Open chat ({count} unread)', other: 'Open chat ({count} unread)' } as Plural,
  title: 'Support',
  close: 'Close',
  back: 'Back',
  loading: 'Loading…',
  errorNetwork: 'You appear to be offline. We will keep trying.',
  errorRateLimit: 'Too many requests. Please wait a moment and try again.',
  errorServer: 'Something went wrong on our side. Please try again in a moment.',
  errorInvalidResponse: 'The support server sent an answer we could not read. Please try again later.',
  errorRejected: 'The support server did not accept this request.',
  errorStorage: 'Your browser could not save this conversation. It will last until you close the page.',
  errorTicketGone: 'This conversation is no longer available here. Your unsent words are kept in a new one.',
  errorTokenInvalid: 'This restore link is not valid. Ask for a new one.',
  errorTokenExpired: 'This restore link has expired. Ask for a new one.',
  errorTokenUsed: 'This restore link was already used. Ask for a new one.',
  errorMigrationFailed: 'Your conversations could not be moved to this browser. Please try the link again later.',
};

/** Every piece of text the widget shows: the frame's and the panel's. */
export type Strings = typeof frame & typeof enPanel;

/** English, the shape every other locale fills in (complete once the panel file is in). */
export const en = frame as Strings;

/** The keys of the texts that do not depend on a number. */
export type TextKey = { [K in keyof Strings]: Strings[K] extends string ? K : never }[keyof Strings];
