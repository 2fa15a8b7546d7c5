import type { ReactiveController, ReactiveControllerHost } from 'lit';
import { loadLocale, rtlLanguages, tableFor } from '../i18n/languages.js';
import { en, type Strings } from '../i18n/strings.js';

/**
 * Resolves the widget's language (the `locale` attribute, else the page's `lang`, else the
 * first of the browser's languages the widget speaks, else English), loads its table on demand
 * and tells the host when it is in.
 */
export class LocaleController implements ReactiveController {
  strings: Strings = en;
  lang = 'en';
  dir: 'ltr' | 'rtl' = 'ltr';
  #requested: string | undefined;

  readonly #host: ReactiveControllerHost & { locale: string };

  constructor(host: ReactiveControllerHost & { locale: string }) {
    this.#host = host;
    host.addController(this);
  }

  hostUpdate() {
    const wanted =
      this.#host.locale ||
      document.documentElement.lang ||
      navigator.languages.find((tag) => /^en\b/i.test(tag) || tableFor(tag)) ||
      'en';
    if (wanted !== this.#requested) void this.#load(wanted);
  }

  async #load(wanted: string) {
    this.#requested = wanted;
    const table = tableFor(wanted);
    // A language without a table falls back to English, also for its direction.
    // Always awaited, English too: hostUpdate runs after the host's willUpdate has built its
    // settings, so a table applied synchronously here would miss this update, and the
    // requestUpdate below, made mid-update, would be dropped.
    const strings = await (table ? loadLocale(table).catch(() => en) : en);
    let lang = 'en';
    if (strings !== en) {
      // What Intl formats with: the tag as asked (de-AT's dates, pt-PT's numbers), canonical (iw → he).
      try {
        lang = Intl.getCanonicalLocales(wanted)[0];
      } catch {
        lang = table!; // not a valid tag (de_DE): the table's own
      }
    }
    // A newer request won, or nothing to do.
    if (this.#requested !== wanted || (strings === this.strings && lang === this.lang)) return;
    this.strings = strings;
    this.lang = lang;
    this.dir = strings !== en && rtlLanguages.includes(table!.split('-')[0]) ? 'rtl' : 'ltr';
    this.#host.requestUpdate();
  }
}
