import type { ReactiveController, ReactiveControllerHost } from 'lit';

const UNITS: Array<[Intl.RelativeTimeFormatUnit, number]> = [
  ['year', 31_536_000],
  ['month', 2_592_000],
  ['week', 604_800],
  ['day', 86_400],
  ['hour', 3_600],
  ['minute', 60],
];

/**
 * "2 minutes ago" in the visitor's language (Intl.RelativeTimeFormat), kept current by
 * re-rendering the host every 30 seconds while it is connected.
 */
export class RelativeTimeController implements ReactiveController {
  #timer: ReturnType<typeof setInterval> | undefined;
  #formatter: Intl.RelativeTimeFormat | undefined;
  #formatterLang = '';

  readonly #host: ReactiveControllerHost;

  constructor(host: ReactiveControllerHost) {
    this.#host = host;
    host.addController(this);
  }

  hostConnected() {
    this.#timer = setInterval(() => this.#host.requestUpdate(), 30_000);
  }

  hostDisconnected() {
    clearInterval(this.#timer);
  }

  format(iso: string, lang: string): string {
    if (!this.#formatter || this.#formatterLang !== lang) {
      this.#formatter = new Intl.RelativeTimeFormat(lang, { numeric: 'auto' });
      this.#formatterLang = lang;
    }
    const seconds = (Date.parse(iso) - Date.now()) / 1000;
    for (const [unit, size] of UNITS) {
      if (Math.abs(seconds) >= size) return this.#formatter.format(Math.round(seconds / size), unit);
    }
    return this.#formatter.format(0, 'second');
  }
}
