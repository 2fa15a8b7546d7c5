import { consume } from '@lit/context';
import { LitElement, css, html, nothing } from 'lit';
import { repeat } from 'lit/directives/repeat.js';
import type { ChatMessage } from '../../client/chat-state.js';
import { settingsContext, type Settings } from '../../context/settings-context.js';
import { ChatStateController } from '../../controllers/chat-state-controller.js';
import { define } from '../../internal/define.js';

/**
 * The messages of the current conversation, a live region so that replies are announced.
 * @csspart message-list - The scrolling list.
 * @csspart message - One message; also `message-customer` or `message-team`.
 */
export class SupportChatMessageList extends LitElement {
  static override styles = css`
    :host {
      display: block;
      overflow-y: auto;
      padding: 1rem;
    }
    ol {
      list-style: none;
      margin: 0;
      padding: 0;
      display: flex;
      flex-direction: column;
      gap: 0.5rem;
    }
    li {
      max-inline-size: 80%;
      padding: 0.5rem 0.75rem;
      border-radius: var(--_radius);
      background: var(--_surface-2);
      overflow-wrap: anywhere;
    }
    .content {
      white-space: pre-wrap;
    }
    li.customer {
      align-self: flex-end;
      background: var(--_accent);
      color: var(--_on-accent);
    }
    .author {
      display: block;
      font-size: 0.75rem;
      font-weight: 600;
    }
    .greeting {
      margin: 0;
    }
  `;

  @consume({ context: settingsContext, subscribe: true }) settings?: Settings;

  private readonly chat = new ChatStateController(this);

  override render() {
    const { messages } = this.chat.state;
    const settings = this.settings;
    if (!settings) return nothing;
    return html`
      <div part="message-list" role="log" aria-live="polite" aria-label=${settings.strings.conversation}>
        ${messages.length === 0
          ? html`<p class="greeting">${settings.greeting}</p>`
          : html`<ol>
              ${repeat(messages, (m) => m.clientMessageId ?? m.id, (m) => this.renderMessage(m, settings))}
            </ol>`}
      </div>
    `;
  }

  private renderMessage(message: ChatMessage, { strings }: Settings) {
    const mine = message.author_type === 'customer';
    const author = mine ? strings.you : message.author_name || strings.team;
    return html`<li part="message ${mine ? 'message-customer' : 'message-team'}" class=${mine ? 'customer' : 'team'}>
      <span class="author">${author}</span><span class="content">${message.content}</span>
      ${message.delivery === 'sending' ? html`<small> ${strings.sending}</small>` : nothing}
      ${message.delivery === 'failed' ? html`<small role="alert"> ${strings.failed} ${message.failure}</small>` : nothing}
    </li>`;
  }

  override updated() {
    this.scrollTop = this.scrollHeight;
  }
}

define('support-chat-message-list', SupportChatMessageList);

declare global {
  interface HTMLElementTagNameMap {
    'support-chat-message-list': SupportChatMessageList;
  }
}
