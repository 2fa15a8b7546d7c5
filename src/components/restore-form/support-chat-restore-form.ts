import { LitElement, html, nothing } from 'lit';
import { ChatStateController } from '../../controllers/chat-state-controller.js';
import { define } from '../../internal/define.js';
import { isEmail } from '../../client/visitor-input.js';
import { field } from '../../internal/field.js';
import { sharedStyles } from '../../internal/shared.styles.js';
import { styles } from './support-chat-restore-form.styles.js';

/**
 * Asks for a restore link by email. The confirmation reads the same whether or not the
 * address is known, as the server's answer does: nobody learns who wrote to support.
 * @csspart form - The form.
 * @csspart field - The email field.
 * @csspart field-input - Its input.
 * @csspart submit-button - "Send link".
 *
 * @tag support-chat-restore-form
 */
export class SupportChatRestoreForm extends LitElement {
  static override styles = [sharedStyles, styles];
  /** Internal reactive state (`state: true`: no attribute; a change re-renders). */
  static override properties = { error: { state: true }, sent: { state: true }, busy: { state: true } };
  static override shadowRootOptions = { ...LitElement.shadowRootOptions, delegatesFocus: true };

  private error = '';
  private sent = false;
  private busy = false;

  readonly #chat = new ChatStateController(this);

  override render() {
    const strings = this.#chat.settings?.strings;
    if (!strings) return nothing;
    if (this.sent) return html`<p role="status" tabindex="-1">${strings.restoreSent}</p>`;
    return html`
      <form part="form" novalidate @submit=${this.#onSubmit}>
        <p>${strings.restoreIntro}</p>
        ${field('email', strings.email, this.error, 'email')}
        <button part="submit-button" class="primary" ?disabled=${this.busy}>${strings.sendLink}</button>
      </form>
    `;
  }

  async #onSubmit(event: SubmitEvent) {
    event.preventDefault();
    const strings = this.#chat.settings!.strings;
    const email = ((event.target as HTMLFormElement).elements.namedItem('email') as HTMLInputElement).value.trim();
    this.error = !email ? strings.emailRequired : !isEmail(email) ? strings.emailInvalid : '';
    if (!this.error) {
      this.busy = true;
      try {
        await this.#chat.client?.requestRestoreLink(email);
        this.sent = true;
      } catch (error) {
        this.error = this.#chat.settings!.describe(error);
      }
      this.busy = false;
    }
    await this.updateComplete;
    // Keep the keyboard where the news is: on the invalid field, or on the confirmation.
    this.renderRoot.querySelector<HTMLElement>('[aria-invalid="true"], [role="status"]')?.focus();
  }
}

define('support-chat-restore-form', SupportChatRestoreForm);

declare global {
  interface HTMLElementTagNameMap {
    'support-chat-restore-form': SupportChatRestoreForm;
  }
}
