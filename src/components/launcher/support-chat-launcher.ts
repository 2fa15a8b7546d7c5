import { plural, type Strings } from '../../i18n/strings.js';
import { define } from '../../internal/define.js';
import { element, svgElement } from '../../internal/element.js';
import { sharedStyles } from '../../internal/shared.styles.js';
import { styles } from './support-chat-launcher.styles.js';

/** What the launcher shows, from `<support-chat>`. */
export interface LauncherState {
  open: boolean;
  unreadCount: number;
  strings: Pick<Strings, 'openChat' | 'openChatUnread'>;
  lang: string;
}

/**
 * The round button that opens and closes the panel, with the unread badge. Drawn by hand
 * rather than by Lit: it is what every page loads before the visitor opens the widget, and
 * one button does not need a template engine. `<support-chat>` handles its clicks.
 * @csspart launcher - The button.
 * @csspart badge - The unread count on the button (`99+` past 99).
 *
 * @tag support-chat-launcher
 */
export class SupportChatLauncher extends HTMLElement {
  readonly #button = element('button', { part: 'launcher', 'aria-expanded': 'false' });
  readonly #badge = element('span', { part: 'badge', class: 'badge' });

  constructor() {
    super();
    const root = this.attachShadow({ mode: 'open', delegatesFocus: true });
    root.adoptedStyleSheets.push(sharedStyles, styles);
    const icon = svgElement(
      'svg',
      { viewBox: '0 0 24 24', 'aria-hidden': 'true', fill: 'currentColor' },
      svgElement('path', { d: 'M4 4h16a2 2 0 0 1 2 2v10a2 2 0 0 1-2 2H8l-4 4V6a2 2 0 0 1 2-2z' }),
    );
    this.#button.append(icon);
    root.append(this.#button);
  }

  /**
   * Shows the state, from `<support-chat>`: the button's name says the unread count too, and
   * the badge draws it. No count, no number formatting: a page's first Intl formatter is costly.
   * @internal
   */
  show({ open, unreadCount, strings, lang }: LauncherState) {
    const button = this.#button;
    button.setAttribute('aria-expanded', String(open));
    button.setAttribute('aria-label', unreadCount > 0 ? plural(strings.openChatUnread, unreadCount, lang, 99) : strings.openChat);
    if (unreadCount > 0) {
      this.#badge.dataset.count = plural('{count}', unreadCount, lang, 99);
      if (!this.#badge.parentNode) button.append(this.#badge);
    } else this.#badge.remove();
  }
}

define('support-chat-launcher', SupportChatLauncher);

declare global {
  interface HTMLElementTagNameMap {
    'support-chat-launcher': SupportChatLauncher;
  }
}
