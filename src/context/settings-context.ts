import { createContext } from '@lit/context';
import type { Strings } from '../i18n/strings.js';

/** What the site owner configured, as the UI pieces need it. */
export interface Settings {
  strings: Strings;
  greeting: string;
  placeholder: string;
}

export const settingsContext = createContext<Settings>(Symbol('support-chat-settings'));
