import { createContext } from '@lit/context';
import type { Strings } from '../i18n/strings.js';

/** What the site owner configured, resolved for the UI pieces (locale loaded, defaults filled). */
export interface Settings {
  strings: Strings;
  /** BCP 47 language of `strings`, for Intl formatting. */
  lang: string;
  greeting: string;
  placeholder: string;
  requireEmail: boolean;
  collectName: boolean;
  /** The `reply-time` and `office-hours` attributes as written (the panel reads them, warning once about a bad one). */
  replyTime: string;
  officeHours: string;
  /** The sentence, in this locale, for whatever a client method threw. */
  describe(error: unknown): string;
}

export const settingsContext = createContext<Settings>(Symbol('support-chat-settings'));
