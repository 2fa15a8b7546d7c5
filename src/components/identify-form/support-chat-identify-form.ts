import { LitElement, html, nothing } from 'lit';
import { ChatStateController } from '../../controllers/chat-state-controller.js';
import { define } from '../../internal/define.js';
import { isEmail } from '../../client/visitor-input.js';
import { field } from '../../internal/field.js';
import { sharedStyles } from '../../internal/shared.styles.js';
import { styles } from './support-chat-identify-form.styles.js';

/**
 * Asks who the visitor is before their first message (`require-email`, plus a name with
 * `collect-name`). The composer takes its place once an email is known.
 * @csspart form - The form.
 * @csspart field - A labelled field.
 * @csspart field-input - A field's input.
 * @csspart submit-button - "Continue".
 *
 * @tag support-chat-identify-form
 */
export class SupportChatIdentifyForm extends LitElement {
  static override styles = [sharedStyles, styles];
  /** Internal reactive state (`state: true`: no attribute; a change re-renders). */
  static override properties = { errors: { state: true } };
  static override shadowRootOptions = { ...LitElement.shadowRootOptions, delegatesFocus: true };

  private errors: { name?: string; email?: string } = {};

  readonly #chat = new ChatStateController(this);

  override render() {
    const settings = this.#chat.settings;
    if (!settings) return nothing;
    const { strings } = settings;
    return html`
      <form part="form" novalidate @submit=${this.#onSubmit}>
        <p>${strings.identifyIntro}</p>
        ${settings.collectName ? field('name', strings.name, this.errors.name ?? '') : nothing}
        ${field('email', strings.email, this.errors.email ?? '', 'email')}
        <button part="submit-button" class="primary">${strings.continue}</button>
      </form>
    `;
  }

  async #onSubmit(event: SubmitEvent) {
    event.preventDefault();
    const { strings, collectName } = this.#chat.settings!;
    const form = event.target as HTMLFormElement;
    const name = (form.elements.namedItem('name') as HTMLInputElement | null)?.value.trim() ?? '';
    const email = (form.elements.namedItem('email') as HTMLInputElement).value.trim();
    this.errors = {
      name: collectName && !name ? strings.nameRequired : undefined,
      email: !email ? strings.emailRequired : !isEmail(email) ? strings.emailInvalid : undefined,
    };
    if (this.errors.name || this.errors.email) {
      await this.updateComplete;
      this.renderRoot.querySelector<HTMLElement>('[aria-invalid="true"]')?.focus();
      return;
    }
    await this.#chat.client?.identify(collectName ? { name, email } : { email });
  }
}

define('support-chat-identify-form', SupportChatIdentifyForm);

declare global {
  interface HTMLElementTagNameMap {
    'support-chat-identify-form': SupportChatIdentifyForm;
  }
}
