import { consume } from '@lit/context';
import { LitElement, css, html, nothing } from 'lit';
import { settingsContext, type Settings } from '../../context/settings-context.js';
import { ChatStateController } from '../../controllers/chat-state-controller.js';
import { format } from '../../i18n/strings.js';
import { define } from '../../internal/define.js';

/**
 * The round button that opens and closes the panel, with the unread badge.
 * @csspart launcher - The button.
 * @csspart badge - The unread count on the button.
 */
export class SupportChatLauncher extends LitElement {
  static override styles = css`
    button {
      position: relative;
      inline-size: 3.5rem;
      block-size: 3.5rem;
      border: none;
      border-radius: 50%;
      background: var(--_accent);
      color: var(--_on-accent);
      box-shadow: var(--_shadow);
      cursor: pointer;
      display: grid;
      place-items: center;
    }
    button:focus-visible {
      outline: 3px solid var(--_focus);
      outline-offset: 3px;
    }
    svg {
      inline-size: 1.6rem;
      block-size: 1.6rem;
    }
    .badge {
      position: absolute;
      inset-block-start: -0.25rem;
      inset-inline-end: -0.25rem;
      min-inline-size: 1.25rem;
      padding: 0.1rem 0.3rem;
      border-radius: 999px;
      background: #b3261e;
      color: #fff;
      font-size: 0.75rem;
      font-weight: 700;
      line-height: 1.1rem;
    }
  `;

  @consume({ context: settingsContext, subscribe: true }) settings?: Settings;

  private readonly chat = new ChatStateController(this);

  override render() {
    const { open, unreadCount } = this.chat.state;
    const strings = this.settings?.strings;
    if (!strings) return nothing;
    const shown = unreadCount > 99 ? '99+' : String(unreadCount);
    const label = unreadCount > 0 ? format(strings.openChatUnread, { count: shown }) : strings.openChat;
    return html`
      <button part="launcher" aria-label=${label} aria-expanded=${open ? 'true' : 'false'} @click=${() => this.chat.client?.toggle()}>
        <svg viewBox="0 0 24 24" aria-hidden="true" fill="currentColor">
          <path d="M4 4h16a2 2 0 0 1 2 2v10a2 2 0 0 1-2 2H8l-4 4V6a2 2 0 0 1 2-2z" />
        </svg>
        ${unreadCount > 0 ? html`<span part="badge" class="badge" aria-hidden="true">${shown}</span>` : nothing}
      </button>
    `;
  }

  /** Moves focus to the button: the panel hands focus back here when it closes. */
  override focus() {
    this.renderRoot.querySelector('button')?.focus();
  }
}

define('support-chat-launcher', SupportChatLauncher);

declare global {
  interface HTMLElementTagNameMap {
    'support-chat-launcher': SupportChatLauncher;
  }
}
