import { LitElement, html, nothing } from 'lit';
import type { ChatState } from '../../client/chat-state.js';
import { MAX_MESSAGE_LENGTH, messageLength } from '../../client/visitor-input.js';
import { ChatStateController } from '../../controllers/chat-state-controller.js';
import { navigate } from '../../controllers/view-controller.js';
import { plural } from '../../i18n/strings.js';
import { define } from '../../internal/define.js';
import { sharedStyles } from '../../internal/shared.styles.js';
import '../rating/support-chat-rating.js';
import { AttachmentDraft } from '../attachments/attachment-draft.js';
import { renderDraft } from '../attachments/attachment-views.js';
import { attachmentStyles } from '../attachments/attachment.styles.js';
import { styles } from './support-chat-composer.styles.js';

/** The counter shows from here on, so that the limit never comes as a surprise. */
const SHOW_LIMIT_FROM = MAX_MESSAGE_LENGTH - 500;

/**
 * Where the visitor writes. Enter sends, Shift+Enter starts a new line. On a resolved
 * conversation it offers a new one instead. When the backend takes attachments, files come
 * by the attach button, a pasted image or a drop onto the panel, show above the box until sent
 * (a message may be files only), and a file the backend would refuse is refused at once, saying why.
 * @csspart composer - The form.
 * @csspart input - The text box.
 * @csspart send-button - The send button.
 * @csspart limit - The characters-left counter.
 * @csspart resolved - The banner of a resolved conversation.
 * @csspart new-conversation-button - "New conversation" under that banner.
 * @csspart rating - The rating in that banner (backends that advertise `rating`); also `rating-choices`, `rating-choice`, `rating-comment`, `rating-submit`, `rating-thanks`.
 * @csspart attach-button - "Attach a file" (only when the backend takes attachments).
 * @csspart attachment-previews - The files chosen for the next message.
 * @csspart attachment-preview - One of them: a thumbnail, or the name and size.
 * @csspart remove-attachment-button - Takes a chosen file off again.
 * @csspart attachment-error - Why a file was refused (too large, a type not taken, too many).
 *
 * @tag support-chat-composer
 */
export class SupportChatComposer extends LitElement {
  static override styles = [sharedStyles, attachmentStyles, styles];
  /** Internal reactive state (`state: true`: no attribute; a change re-renders). */
  static override properties = { draft: { state: true } };
  static override shadowRootOptions = { ...LitElement.shadowRootOptions, delegatesFocus: true };

  private draft = '';

  readonly #chat = new ChatStateController(this);
  readonly #files = new AttachmentDraft(this, () => this.#chat.client);
  /** Where drops are taken: the panel around this composer (the shadow root it is in). */
  #dropZone: Node | undefined;

  override connectedCallback() {
    super.connectedCallback();
    this.#dropZone = this.getRootNode();
    this.#dropZone.addEventListener('dragover', this.#onDragOver);
    this.#dropZone.addEventListener('drop', this.#onDrop);
  }

  override disconnectedCallback() {
    super.disconnectedCallback();
    this.#dropZone?.removeEventListener('dragover', this.#onDragOver);
    this.#dropZone?.removeEventListener('drop', this.#onDrop);
  }

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
        <support-chat-rating
          exportparts="rating, rating-choices, rating-choice, rating-comment, rating-submit, rating-thanks"
        ></support-chat-rating>
        <button part="new-conversation-button" class="primary" @click=${this.#startNew}>${strings.newConversation}</button>
      </div>`;
    }
    // Counted as the server counts (code points after trim). The native maxlength counts
    // UTF-16 units, so it is set to what is typed plus what is left: it stops at the limit
    // and never lets through more than the server takes, emoji included.
    const used = messageLength(this.draft);
    const left = Math.max(0, MAX_MESSAGE_LENGTH - used);
    const files = this.#files;
    return html`
      ${renderDraft(files.files, settings, (file) => files.remove(file))}
      ${
        files.refusals.length
          ? html`<div part="attachment-error" class="attachment-error" role="alert">
            ${files.refusals.map((refusal) => html`<p>${files.sentence(refusal, settings)}</p>`)}
          </div>`
          : nothing
      }
      <form part="composer" class=${files.limits ? 'with-files' : ''} @submit=${this.#onSubmit}>
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
          @paste=${this.#onPaste}
        ></textarea>
        ${
          files.limits
            ? html`<button
                type="button"
                part="attach-button"
                class="attach"
                aria-label=${strings.attachFile}
                title=${strings.attachFile}
                @click=${() => this.renderRoot.querySelector('input')?.click()}
              >
                <svg viewBox="0 0 24 24" width="22" height="22" aria-hidden="true">
                  <path
                    fill="currentColor"
                    d="M16.5 6.5v10a4.5 4.5 0 0 1-9 0V5a3 3 0 0 1 6 0v10.5a1.5 1.5 0 0 1-3 0V6.5H9v9a3 3 0 0 0 6 0V5a4.5 4.5 0 0 0-9 0v11.5a6 6 0 0 0 12 0v-10z"
                  />
                </svg></button
              ><input type="file" multiple hidden tabindex="-1" accept=${files.limits.types.join(',')} @change=${this.#onPick} />`
            : nothing
        }
        <button part="send-button" class="primary" ?disabled=${!this.draft.trim() && !files.files.length}>${strings.send}</button>
        <span part="limit" class="limit" id="limit" aria-live="polite"
          >${used >= SHOW_LIMIT_FROM ? plural(strings.charactersLeft, left, settings.lang) : ''}</span
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
    if ((!text && !this.#files.files.length) || !this.#chat.client) return;
    this.draft = '';
    // A failed send stays in the list, marked, with its retry; nothing more to do here.
    this.#chat.client.sendMessage(text, undefined, false, this.#files.take()).catch(() => {});
  }

  #onPick(event: Event) {
    const input = event.target as HTMLInputElement;
    void this.#files.add([...(input.files ?? [])]);
    input.value = ''; // the same file may be chosen again after removing it
  }

  /** A pasted picture (a screenshot) becomes an attachment; pasted text stays text. */
  #onPaste(event: ClipboardEvent) {
    const pasted = [...(event.clipboardData?.files ?? [])];
    if (!this.#files.limits || !pasted.length) return;
    event.preventDefault();
    void this.#files.add(pasted);
  }

  readonly #onDragOver = (event: Event) => {
    const { dataTransfer } = event as DragEvent;
    if (!this.#files.limits || !dataTransfer?.types.includes('Files')) return;
    event.preventDefault(); // says that a drop is welcome here
    dataTransfer.dropEffect = 'copy';
  };

  readonly #onDrop = (event: Event) => {
    const dropped = [...((event as DragEvent).dataTransfer?.files ?? [])];
    if (!this.#files.limits || !dropped.length) return;
    event.preventDefault(); // or the browser opens the file in place of the page
    void this.#files.add(dropped);
  };

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
