import { LitElement, html, nothing } from 'lit';
import { css } from '../../internal/css.js';
import { ChatStateController } from '../../controllers/chat-state-controller.js';
import { navigate } from '../../controllers/view-controller.js';
import { define } from '../../internal/define.js';
import { sharedStyles } from '../../internal/shared.styles.js';

/**
 * Asks whether the restore link this page was opened with is the visitor's. Anyone can mail
 * themselves a link and send it on: adopted unasked, the victim would write into a
 * conversation its sender reads. Only "Continue" redeems it; "Not me" drops it.
 * @csspart form - The question and its two buttons.
 * @csspart submit-button - "Continue".
 * @csspart cancel-button - "Not me".
 *
 * @tag support-chat-restore-prompt
 */
export class SupportChatRestorePrompt extends LitElement {
  static override styles = [
    sharedStyles,
    css`
      :host {
        padding: 1rem;
      }
      .actions {
        display: flex;
        gap: 0.5rem;
        flex-wrap: wrap;
      }
    `,
  ];
  static override shadowRootOptions = { ...LitElement.shadowRootOptions, delegatesFocus: true };

  readonly #chat = new ChatStateController(this);

  override render() {
    const strings = this.#chat.settings?.strings;
    if (!strings) return nothing;
    return html`
      <div part="form" role="group" aria-labelledby="question">
        <p id="question">${strings.restoreQuestion}</p>
        <div class="actions">
          <button part="submit-button" class="primary" @click=${() => this.#answer(true)}>${strings.continue}</button>
          <button part="cancel-button" class="link" @click=${() => this.#answer(false)}>${strings.notMe}</button>
        </div>
      </div>
    `;
  }

  #answer(mine: boolean) {
    const client = this.#chat.client;
    // Errors (an expired link, say) reach the visitor through the state, as sentences.
    if (mine) void client?.restoreFromUrlToken().catch(() => {});
    else client?.discardRestoreToken();
    // The question goes; the keyboard moves on to the conversation shown instead.
    navigate(this, 'conversation');
  }
}

define('support-chat-restore-prompt', SupportChatRestorePrompt);

declare global {
  interface HTMLElementTagNameMap {
    'support-chat-restore-prompt': SupportChatRestorePrompt;
  }
}
