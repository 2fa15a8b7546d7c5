import { toChatError } from '../client/chat-error.js';
import type { Settings } from '../context/settings-context.js';
import { describeError, type Strings } from '../i18n/strings.js';
import type { LocaleController } from './locale-controller.js';

/** The attributes the UI pieces' settings are resolved from. */
export interface SettingsHost {
  strings: Partial<Strings>;
  greeting: string;
  placeholder: string;
  requireEmail: boolean;
  collectName: boolean;
  replyTime: string;
  officeHours: string;
}

/**
 * Resolves what the UI pieces read (the locale's texts with the page's overrides, the
 * defaults filled in), which the panel provides to them. Only a change makes a new object, so
 * that the pieces re-render only then; that comparison is this class's reason to exist.
 */
export class SettingsController {
  readonly #host: SettingsHost;
  readonly #locales: LocaleController;
  #key = '';
  #settings!: Settings;

  constructor(host: SettingsHost, locales: LocaleController) {
    this.#host = host;
    this.#locales = locales;
  }

  /**
   * From the host's `willUpdate`, so that the pieces have the settings before this render:
   * the settings as they are now, the same object as last time if nothing changed.
   */
  resolve(): Settings {
    const host = this.#host;
    const { strings, lang } = this.#locales;
    const merged = { ...strings, ...host.strings };
    const next: Settings = {
      strings: merged,
      lang,
      greeting: host.greeting || merged.greeting,
      placeholder: host.placeholder || merged.placeholder,
      requireEmail: host.requireEmail,
      collectName: host.collectName,
      replyTime: host.replyTime,
      officeHours: host.officeHours,
      describe: (error) => describeError(toChatError(error), merged),
    };
    const key = JSON.stringify(next);
    if (key !== this.#key) {
      this.#key = key;
      this.#settings = next;
    }
    return this.#settings;
  }
}
