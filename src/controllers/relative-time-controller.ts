import type { ReactiveController, ReactiveControllerHost } from 'lit';
import { formatRelative } from '../internal/formatters.js';

/**
 * "2 minutes ago" in the visitor's language (Intl.RelativeTimeFormat, one per language for
 * the page), kept current by re-rendering the host every 30 seconds while it is connected.
 */
export class RelativeTimeController implements ReactiveController {
  #timer: ReturnType<typeof setInterval> | undefined;

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
    return formatRelative(iso, lang);
  }
}
