import { LitElement, html, nothing, type PropertyValues } from 'lit';
import { repeat } from 'lit/directives/repeat.js';
import type { ChatMessage } from '../../client/chat-state.js';
import type { Settings } from '../../context/settings-context.js';
import { ChatStateController } from '../../controllers/chat-state-controller.js';
import { RelativeTimeController } from '../../controllers/relative-time-controller.js';
import { navigate } from '../../controllers/view-controller.js';
import { format } from '../../i18n/strings.js';
import { define } from '../../internal/define.js';
import { linkify } from '../../internal/linkify.js';
import { sharedStyles } from '../../internal/shared.styles.js';
import { richContent } from './rich-loader.js';
import { styles } from './support-chat-message-list.styles.js';

/**
 * The messages of the current conversation, in a live region (`role="log"`) so that
 * screen readers announce each new reply. The greeting when there are none yet. Below it,
 * "Dana is typing…" while someone of the team types: a polite status, always in the page
 * and only its text changing, so that it is announced once when it starts, not per refresh.
 * @csspart message-list - The list.
 * @csspart message - One message; also `message-customer` or `message-team`.
 * @csspart greeting - The greeting of an empty conversation.
 * @csspart typing - "… is typing" while a team member types.
 *
 * @tag support-chat-message-list
 */
export class SupportChatMessageList extends LitElement {
  static override styles = [sharedStyles, styles];

  // On screen, this list is what the visitor reads: its ticket's replies count as seen.
  readonly #chat = new ChatStateController(this, true);
  readonly #time = new RelativeTimeController(this);
  #shownCount = 0;

  override render() {
    const { messages, currentTicketId, ticketStatus } = this.#chat.state;
    const settings = this.#chat.settings;
    if (!settings) return nothing;
    const { strings } = settings;
    // A chosen conversation whose messages have not arrived yet has no status either.
    const loading = currentTicketId && !ticketStatus && !messages.length;
    return html`
      <div role="log" aria-label=${strings.conversation}>
        ${loading
          ? html`<p role="status">${strings.loading}</p>`
          : messages.length
            ? html`<ol part="message-list">
                ${repeat(messages, (m) => m.clientMessageId ?? m.id, (m) => this.#renderMessage(m, settings))}
              </ol>`
            : html`<p part="greeting" class="greeting">${settings.greeting}</p>
                <p class="restore">
                  <button class="link" @click=${() => navigate(this, 'restore')}>${strings.restoreLink}</button>
                </p>`}
      </div>
      <p part="typing" class="typing" role="status">${this.#typing(strings)}</p>
    `;
  }

  /** Who of the team types in this conversation, in words; nothing when nobody does. */
  #typing(strings: Settings['strings']) {
    const { typing, currentTicketId } = this.#chat.state;
    if (!typing || typing.ticketId !== currentTicketId) return nothing;
    return typing.authorName ? format(strings.typing, { name: typing.authorName }) : strings.typingNameless;
  }

  #renderMessage(message: ChatMessage, { strings, lang }: Settings) {
    const mine = message.author_type === 'customer';
    const id = message.clientMessageId;
    return html`<li part="message ${mine ? 'message-customer' : 'message-team'}" class=${mine ? 'customer' : 'team'}>
      <span class="meta"
        ><b>${mine ? strings.you : message.author_name || strings.team}</b> ·
        <time datetime=${message.created_at} title=${new Date(message.created_at).toLocaleString(lang)}
          >${this.#time.format(message.created_at, lang)}</time
        ></span
      >
      ${this.#renderContent(message.rich_content && richContent(message.rich_content, () => this.requestUpdate()), message.content)}
      ${message.delivery === 'sending' ? html`<span class="state">${strings.sending}</span>` : nothing}
      ${message.delivery === 'failed' && id
        ? html`<span class="state" role="alert"
            >${strings.failed}<button class="link" @click=${() => this.#chat.client?.retryMessage(id).catch(() => {})}>
              ${strings.retry}</button
            ><button class="link" @click=${() => this.#chat.client?.discardMessage(id)}>${strings.discard}</button></span
          >`
        : nothing}
    </li>`;
  }

  /** The formatted version when there is a usable one, else the plain text with its links. */
  #renderContent(rich: unknown[] | undefined, content: string) {
    return html`<div class="content ${rich ? 'rich' : ''}" dir="auto">${rich ?? linkify(content)}</div>`;
  }

  protected override updated(changed: PropertyValues) {
    super.updated(changed);
    // Follow the conversation to its newest message, but only when one was added.
    const count = this.#chat.state.messages.length;
    if (count !== this.#shownCount) this.scrollTop = this.scrollHeight;
    this.#shownCount = count;
  }
}

define('support-chat-message-list', SupportChatMessageList);

declare global {
  interface HTMLElementTagNameMap {
    'support-chat-message-list': SupportChatMessageList;
  }
}
