import type { ReactiveController, ReactiveControllerHost } from 'lit';
import { en, lazyLocales, loadLocale, rtlLanguages, type Strings } from '../i18n/strings.js';

/**
 * Resolves the widget's language (the `locale` attribute, else the page's `lang`, else
 * English), loads its table on demand and tells the host when it is in.
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
    const wanted = this.#host.locale || document.documentElement.lang || 'en';
    if (wanted !== this.#requested) void this.#load(wanted);
  }

  async #load(wanted: string) {
    this.#requested = wanted;
    const base = wanted.toLowerCase().split('-')[0];
    // A language without a table falls back to English, also for its direction.
    // Always awaited, English too: hostUpdate runs after the host's willUpdate has built its
    // settings, so a table applied synchronously here would miss this update, and the
    // requestUpdate below, made mid-update, would be dropped.
    const strings = await (lazyLocales.includes(base) ? loadLocale(base).catch(() => en) : en);
    if (this.#requested !== wanted || strings === this.strings) return; // a newer request won, or nothing to do
    this.strings = strings;
    this.lang = strings === en ? 'en' : wanted;
    this.dir = rtlLanguages.includes(base) && strings !== en ? 'rtl' : 'ltr';
    this.#host.requestUpdate();
  }
}
