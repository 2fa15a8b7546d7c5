import { LitElement, html, nothing } from 'lit';
import { ChatStateController } from '../../controllers/chat-state-controller.js';
import { plural } from '../../i18n/strings.js';
import { define } from '../../internal/define.js';
import { sharedStyles } from '../../internal/shared.styles.js';
import { styles } from './support-chat-launcher.styles.js';

/**
 * The round button that opens and closes the panel, with the unread badge.
 * @csspart launcher - The button.
 * @csspart badge - The unread count on the button (`99+` past 99).
 *
 * @tag support-chat-launcher
 */
export class SupportChatLauncher extends LitElement {
  static override styles = [sharedStyles, styles];
  static override shadowRootOptions = { ...LitElement.shadowRootOptions, delegatesFocus: true };

  readonly #chat = new ChatStateController(this);

  override render() {
    const { open, unreadCount } = this.#chat.state;
    const settings = this.#chat.settings;
    if (!settings) return nothing;
    const { strings, lang } = settings;
    const shown = plural('{count}', unreadCount, lang, 99);
    const label = unreadCount > 0 ? plural(strings.openChatUnread, unreadCount, lang, 99) : strings.openChat;
    return html`
      <button part="launcher" aria-label=${label} aria-expanded=${open} @click=${this.toggle}>
        <svg viewBox="0 0 24 24" aria-hidden="true" fill="currentColor">
          <path d="M4 4h16a2 2 0 0 1 2 2v10a2 2 0 0 1-2 2H8l-4 4V6a2 2 0 0 1 2-2z" />
        </svg>
        ${unreadCount > 0 ? html`<span part="badge" class="badge" data-count=${shown}></span>` : nothing}
      </button>
    `;
  }

  private async toggle() {
    // A click before the stored session is read would be undone by it: wait for it first.
    await this.#chat.client?.start();
    this.#chat.client?.toggle();
  }
}

define('support-chat-launcher', SupportChatLauncher);

declare global {
  interface HTMLElementTagNameMap {
    'support-chat-launcher': SupportChatLauncher;
  }
}
