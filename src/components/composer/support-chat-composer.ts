import { LitElement, html, nothing } from 'lit';
import { state } from 'lit/decorators.js';
import type { ChatState } from '../../client/chat-state.js';
import { MAX_MESSAGE_LENGTH, messageLength } from '../../client/visitor-input.js';
import { ChatStateController } from '../../controllers/chat-state-controller.js';
import { navigate } from '../../controllers/view-controller.js';
import { format } from '../../i18n/strings.js';
import { define } from '../../internal/define.js';
import { sharedStyles } from '../../internal/shared.styles.js';
import { styles } from './support-chat-composer.styles.js';

/** The counter shows from here on, so that the limit never comes as a surprise. */
const SHOW_LIMIT_FROM = MAX_MESSAGE_LENGTH - 500;

/**
 * Where the visitor writes. Enter sends, Shift+Enter starts a new line. On a resolved
 * conversation it offers a new one instead.
 * @csspart composer - The form.
 * @csspart input - The text box.
 * @csspart send-button - The send button.
 * @csspart limit - The characters-left counter.
 * @csspart resolved - The banner of a resolved conversation.
 * @csspart new-conversation-button - "New conversation" under that banner.
 *
 * @tag support-chat-composer
 */
export class SupportChatComposer extends LitElement {
  static override styles = [sharedStyles, styles];
  static override shadowRootOptions = { ...LitElement.shadowRootOptions, delegatesFocus: true };

  @state() private draft = '';

  readonly #chat = new ChatStateController(this);
  /** The last `showNewMessage()` text taken into the box (see `state.prefill`). */
  #prefill: ChatState['prefill'] = null;

  override willUpdate() {
    const { prefill } = this.#chat.state;
    if (prefill === this.#prefill) return;
    this.#prefill = prefill;
    if (prefill) this.draft = prefill.text;
  }

  override render() {
    const settings = this.#chat.settings;
    if (!settings) return nothing;
    const { strings } = settings;
    if (this.#chat.state.ticketStatus === 'resolved') {
      return html`<div part="resolved" class="resolved">
        <p>${strings.resolved}</p>
        <button part="new-conversation-button" class="primary" @click=${this.#startNew}>${strings.newConversation}</button>
      </div>`;
    }
    // Counted as the server counts (code points after trim). The native maxlength counts
    // UTF-16 units, so it is set to what is typed plus what is left: it stops at the limit
    // and never lets through more than the server takes, emoji included.
    const used = messageLength(this.draft);
    const left = Math.max(0, MAX_MESSAGE_LENGTH - used);
    return html`
      <form part="composer" @submit=${this.#onSubmit}>
        <textarea
          part="input"
          rows="1"
          maxlength=${this.draft.length + left}
          aria-label=${strings.message}
          aria-describedby="limit"
          placeholder=${settings.placeholder}
          .value=${this.draft}
          @input=${this.#onInput}
          @keydown=${this.#onKeyDown}
        ></textarea>
        <button part="send-button" class="primary" ?disabled=${!this.draft.trim()}>${strings.send}</button>
        <span part="limit" class="limit" id="limit" aria-live="polite"
          >${used >= SHOW_LIMIT_FROM ? format(strings.charactersLeft, { count: left }) : ''}</span
        >
      </form>
    `;
  }

  #onInput(event: Event) {
    this.draft = (event.target as HTMLTextAreaElement).value;
    // The team sees that the visitor types (throttled by the client), and that they stopped when the box is empty.
    this.#chat.client?.setTyping(!!this.draft.trim());
  }

  #onKeyDown(event: KeyboardEvent) {
    if (event.key === 'Enter' && !event.shiftKey && !event.isComposing) {
      event.preventDefault();
      this.#submit();
    }
  }

  #onSubmit(event: Event) {
    event.preventDefault();
    this.#submit();
  }

  #submit() {
    const text = this.draft.trim();
    if (!text || !this.#chat.client) return;
    this.draft = '';
    // A failed send stays in the list, marked, with its retry; nothing more to do here.
    this.#chat.client.sendMessage(text).catch(() => {});
  }

  async #startNew() {
    await this.#chat.client?.selectTicket(null);
    navigate(this, 'conversation');
  }
}

define('support-chat-composer', SupportChatComposer);

declare global {
  interface HTMLElementTagNameMap {
    'support-chat-composer': SupportChatComposer;
  }
}
