import { toChatError } from '../client/chat-error.js';
import type { Settings } from '../context/settings-context.js';
import { describeError, type Strings } from '../i18n/strings.js';
import type { LocaleController } from './locale-controller.js';

/** The attributes the UI pieces' settings are resolved from: the same names, the texts as overrides. */
export type SettingsHost = Pick<
  Settings,
  'greeting' | 'placeholder' | 'requireEmail' | 'collectName' | 'replyTime' | 'officeHours'
> & { strings: Partial<Strings> };

/**
 * Resolves what the UI pieces read (the locale's texts with the page's overrides, the
 * defaults filled in), which the panel provides to them. Only a change makes a new object, so
 * that the pieces re-render only then; that comparison is this class's reason to exist.
 */
export class SettingsController {
  readonly #host: SettingsHost;
  readonly #locales: LocaleController;
  /** What the settings were last resolved from: the same inputs give the same object. */
  #inputs: unknown[] = [];
  #settings!: Settings;

  constructor(host: SettingsHost, locales: LocaleController) {
    this.#host = host;
    this.#locales = locales;
  }

  /**
   * From the host's `willUpdate`, so that the pieces have the settings before this render:
   * the settings as they are now, the same object as last time if none of their inputs
   * changed. Compared input by input (the tables by identity, as Lit compares properties):
   * serialising the settings with their hundred-odd texts, as this once did, took some 6 ms of
   * opening a conversation.
   */
  resolve(): Settings {
    const host = this.#host;
    const { strings, lang } = this.#locales;
    const { greeting, placeholder, requireEmail, collectName, replyTime, officeHours } = host;
    // English is one object, which the panel file completes with its texts: its size tells.
    const size = Object.keys(strings).length;
    const inputs = [strings, size, host.strings, lang, greeting, placeholder, requireEmail, collectName, replyTime, officeHours];
    if (inputs.every((input, i) => input === this.#inputs[i])) return this.#settings;
    this.#inputs = inputs;
    const merged = { ...strings, ...host.strings };
    this.#settings = {
      strings: merged,
      lang,
      greeting: greeting || merged.greeting,
      placeholder: placeholder || merged.placeholder,
      requireEmail,
      collectName,
      replyTime,
      officeHours,
      describe: (error) => describeError(toChatError(error), merged),
    };
    return this.#settings;
  }
}
