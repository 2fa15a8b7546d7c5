import { consume } from '@lit/context';
import { LitElement, css, html, nothing } from 'lit';
import { state } from 'lit/decorators.js';
import { settingsContext, type Settings } from '../../context/settings-context.js';
import { ChatStateController } from '../../controllers/chat-state-controller.js';
import { define } from '../../internal/define.js';

/**
 * Where the visitor writes. Enter sends, Shift+Enter starts a new line.
 * @csspart composer - The form.
 * @csspart input - The text box.
 * @csspart send-button - The send button.
 */
export class SupportChatComposer extends LitElement {
  static override styles = css`
    form {
      display: flex;
      gap: 0.5rem;
      padding: 0.75rem;
      border-block-start: 1px solid var(--_border);
    }
    textarea {
      flex: 1;
      resize: none;
      font: inherit;
      font-size: max(16px, 1em);
      padding: 0.5rem;
      border: 1px solid var(--_border);
      border-radius: calc(var(--_radius) / 2);
      background: var(--_surface);
      color: inherit;
    }
    button {
      border: none;
      border-radius: calc(var(--_radius) / 2);
      padding: 0 1rem;
      background: var(--_accent);
      color: var(--_on-accent);
      font: inherit;
      cursor: pointer;
    }
    button:disabled {
      opacity: 0.55;
      cursor: default;
    }
    :is(textarea, button):focus-visible {
      outline: 3px solid var(--_focus);
      outline-offset: 1px;
    }
  `;

  @consume({ context: settingsContext, subscribe: true }) settings?: Settings;

  @state() private draft = '';

  private readonly chat = new ChatStateController(this);

  override render() {
    const strings = this.settings?.strings;
    if (!strings) return nothing;
    return html`
      <form part="composer" @submit=${this.onSubmit}>
        <textarea
          part="input"
          rows="1"
          aria-label=${strings.message}
          placeholder=${this.settings!.placeholder}
          .value=${this.draft}
          @input=${(e: Event) => (this.draft = (e.target as HTMLTextAreaElement).value)}
          @keydown=${this.onKeyDown}
        ></textarea>
        <button part="send-button" type="submit" ?disabled=${!this.draft.trim()}>${strings.send}</button>
      </form>
    `;
  }

  override focus() {
    this.renderRoot.querySelector('textarea')?.focus();
  }

  private onKeyDown(event: KeyboardEvent) {
    if (event.key === 'Enter' && !event.shiftKey && !event.isComposing) {
      event.preventDefault();
      this.submit();
    }
  }

  private onSubmit(event: Event) {
    event.preventDefault();
    this.submit();
  }

  private submit() {
    const text = this.draft.trim();
    if (!text || !this.chat.client) return;
    this.draft = '';
    // A failed send stays in the list marked as failed; nothing more to do here.
    this.chat.client.sendMessage(text).catch(() => {});
  }
}

define('support-chat-composer', SupportChatComposer);

declare global {
  interface HTMLElementTagNameMap {
    'support-chat-composer': SupportChatComposer;
  }
}
