import { provide } from '@lit/context';
import { LitElement, html, type PropertyValues } from 'lit';
import { property, query } from 'lit/decorators.js';
import type { ChatState } from '../../client/chat-state.js';
import { SupportChatClient } from '../../client/support-chat-client.js';
import { clientContext } from '../../context/client-context.js';
import { settingsContext, type Settings } from '../../context/settings-context.js';
import { en } from '../../i18n/strings.js';
import { define } from '../../internal/define.js';
import type { GetTicketsRequest } from '../../transport/transport.js';
import type { Traits } from '../../transport/wire-types.js';
import '../composer/support-chat-composer.js';
import '../launcher/support-chat-launcher.js';
import type { SupportChatLauncher } from '../launcher/support-chat-launcher.js';
import '../message-list/support-chat-message-list.js';
import { styles } from './support-chat.styles.js';

/**
 * A support chat: a launcher button that opens a panel where the visitor writes to the
 * support team and reads their replies.
 *
 * @summary Support-chat widget added with one script tag.
 *
 * @event support-chat-ready - The stored session is loaded; methods can be used.
 * @event support-chat-open-change - The panel opened or closed. `detail: {open}`.
 * @event support-chat-unread-change - The number of unread replies changed. `detail: {count}`.
 * @event support-chat-message-sent - The server accepted a message. `detail: {ticketId, messageId, isNewTicket}`.
 * @event support-chat-message-received - A reply arrived. `detail: {ticketId, message}`.
 * @event support-chat-identified - The visitor gave a name or email. `detail: {hasName, hasEmail}`.
 * @event support-chat-restore-requested - A restore link was requested.
 * @event support-chat-restored - Tickets from a restore link were adopted. `detail: {ticketIds}`.
 * @event support-chat-error - Something failed. `detail: {kind, message}`.
 *
 * @csspart launcher - The button that opens the panel.
 * @csspart badge - The unread count on the launcher.
 * @csspart panel - The chat panel.
 * @csspart header - The panel's title bar.
 * @csspart close-button - The close button in the header.
 * @csspart message-list - The list of messages.
 * @csspart message - One message.
 * @csspart composer - The form at the bottom of the panel.
 * @csspart input - The message text box.
 * @csspart send-button - The send button.
 *
 * @cssproperty --support-chat-color - Accent colour of the launcher, header and own messages.
 * @cssproperty --support-chat-on-color - Text colour on the accent colour.
 * @cssproperty --support-chat-font - Font family.
 * @cssproperty --support-chat-radius - Corner radius of the panel and messages.
 * @cssproperty --support-chat-z-index - Stacking order above the page.
 * @cssproperty --support-chat-offset - Distance from the edges of the window.
 */
export class SupportChat extends LitElement {
  static override styles = styles;

  /** Public widget token of the project, sent with every request. */
  @property({ reflect: true }) token = '';

  /** Origin of the backend; defaults to the page's origin. */
  @property({ attribute: 'api-host' }) apiHost = '';

  /** Ask for an email address before the first message. */
  @property({ type: Boolean, attribute: 'require-email' }) requireEmail = false;

  /** Also ask for a name (with `require-email`). */
  @property({ type: Boolean, attribute: 'collect-name' }) collectName = false;

  /** First line shown in an empty conversation. */
  @property() greeting = '';

  /** Placeholder of the message box. */
  @property() placeholder = '';

  /** Accent colour (any CSS colour); sets `--support-chat-color`. */
  @property() color = '';

  /** Corner of the window: `bottom-right`, `bottom-left`, `top-right` or `top-left`. */
  @property({ reflect: true }) position: 'bottom-right' | 'bottom-left' | 'top-right' | 'top-left' = 'bottom-right';

  /** Colour scheme: `auto` follows the system, or `light` / `dark`. */
  @property({ reflect: true }) theme: 'auto' | 'light' | 'dark' = 'auto';

  /** Language of the widget's text; defaults to the page's `lang`. */
  @property() locale = '';

  /** Whether the panel is open; reflects the panel state. */
  @property({ type: Boolean, reflect: true }) open = false;

  /** No launcher button: open the panel from code (headless use). */
  @property({ type: Boolean, attribute: 'no-launcher' }) noLauncher = false;

  /** Query parameter of restore links. */
  @property({ attribute: 'restore-param' }) restoreParam = 'sc_restore';

  /** Store nothing until the visitor first interacts with the widget. */
  @property({ type: Boolean, attribute: 'consent-required' }) consentRequired = false;

  /**
   * The headless client behind the widget. Made from the attributes when the element connects;
   * set it before connecting to bring your own (another transport, custom storage).
   */
  @provide({ context: clientContext }) @property({ attribute: false }) client?: SupportChatClient;

  @provide({ context: settingsContext }) protected settings: Settings = this.makeSettings();

  @query('support-chat-launcher') private launcher?: SupportChatLauncher;

  private chatState?: ChatState;
  private unsubscribe?: () => void;

  override connectedCallback() {
    super.connectedCallback();
    this.client ??= new SupportChatClient({
      token: this.token,
      apiHost: this.apiHost || undefined,
      eventTarget: this,
      restoreParam: this.restoreParam,
      consentRequired: this.consentRequired,
    });
    this.unsubscribe = this.client.subscribe((state) => this.onState(state));
    const openRequested = this.open;
    void this.client.start().then(() => {
      if (openRequested) this.client?.openPanel();
    });
  }

  override disconnectedCallback() {
    super.disconnectedCallback();
    this.unsubscribe?.();
    this.client?.stop();
  }

  private onState(state: ChatState) {
    const was = this.chatState;
    this.chatState = state;
    this.open = state.open;
    this.hidden = !state.visible;
    if (was && was.open !== state.open) void this.moveFocus(state.open);
    this.requestUpdate();
  }

  override willUpdate(changed: PropertyValues<this>) {
    if (changed.has('open') && this.chatState?.ready && this.open !== this.chatState.open) {
      if (this.open) this.client?.openPanel();
      else this.client?.closePanel();
    }
    if (['greeting', 'placeholder', 'locale'].some((key) => changed.has(key as keyof SupportChat))) {
      this.settings = this.makeSettings();
    }
    if (changed.has('color')) {
      if (this.color) this.style.setProperty('--support-chat-color', this.color);
      else this.style.removeProperty('--support-chat-color');
    }
  }

  private makeSettings(): Settings {
    return { strings: en, greeting: this.greeting || en.greeting, placeholder: this.placeholder || en.placeholder };
  }

  /** Focus follows the panel: into the message box on open, back to the launcher on close. */
  private async moveFocus(open: boolean) {
    await this.updateComplete;
    if (open) this.renderRoot.querySelector('support-chat-composer')?.focus();
    else this.launcher?.focus();
  }

  override render() {
    const open = this.chatState?.open ?? false;
    const strings = this.settings.strings;
    return html`
      <section
        part="panel"
        class="panel"
        role="dialog"
        aria-label=${strings.title}
        ?hidden=${!open}
        @keydown=${(e: KeyboardEvent) => e.key === 'Escape' && this.closePanel()}
      >
        <header part="header">
          <h2>${strings.title}</h2>
          <button part="close-button" class="close" aria-label=${strings.close} @click=${() => this.closePanel()}>×</button>
        </header>
        <support-chat-message-list exportparts="message-list, message, message-customer, message-team"></support-chat-message-list>
        <support-chat-composer exportparts="composer, input, send-button"></support-chat-composer>
      </section>
      ${this.noLauncher ? null : html`<support-chat-launcher exportparts="launcher, badge"></support-chat-launcher>`}
    `;
  }

  // ---- public methods: the headless client's, on the element ---------------------------

  /** True once the stored session is loaded. */
  isAvailable() {
    return this.client?.isAvailable() ?? false;
  }
  /** Whether the widget is rendered (see `show()` / `hide()`). */
  isVisible() {
    return this.client?.isVisible() ?? false;
  }
  /** Shows the widget after `hide()`. */
  show() {
    this.client?.show();
  }
  /** Removes the widget from view; state and polling carry on. */
  hide() {
    this.client?.hide();
  }
  /** Opens the panel. */
  openPanel() {
    this.client?.openPanel();
  }
  /** Closes the panel. */
  closePanel() {
    this.client?.closePanel();
  }
  /** Opens the panel if closed, closes it if open. */
  toggle() {
    this.client?.toggle();
  }
  /** Sends a message as the visitor; creates a ticket if none (or if `newTicket`). */
  sendMessage(message: string, traits?: Traits, newTicket?: boolean) {
    return this.requireClient().sendMessage(message, traits, newTicket);
  }
  /** Messages of a ticket (default: the current one), optionally only after an ISO time. */
  getMessages(ticketId?: string, after?: string) {
    return this.requireClient().getMessages(ticketId, after);
  }
  /** Marks a ticket's replies as read (default: the current ticket). */
  markAsRead(ticketId?: string) {
    return this.requireClient().markAsRead(ticketId);
  }
  /** The visitor's tickets, newest first. */
  getTickets(options?: GetTicketsRequest) {
    return this.requireClient().getTickets(options);
  }
  /** Id of the conversation shown in the panel, or null before the first message. */
  getCurrentTicketId() {
    return this.client?.getCurrentTicketId() ?? null;
  }
  /** This browser's persistent session id. */
  getWidgetSessionId() {
    return this.client?.getWidgetSessionId() ?? null;
  }
  /** Emails the visitor a link that restores their conversations in another browser. */
  requestRestoreLink(email: string) {
    return this.requireClient().requestRestoreLink(email);
  }
  /** Redeems a restore token found in the page URL; done automatically on load. */
  restoreFromUrlToken() {
    return this.requireClient().restoreFromUrlToken();
  }
  /** Remembers the visitor's name and email. */
  identify(traits: Traits) {
    return this.requireClient().identify(traits);
  }
  /** Continues as a verified user: `hash` is hex(HMAC-SHA256(secret, distinctId)) from your server. */
  setIdentity(distinctId: string, hash: string) {
    return this.requireClient().setIdentity(distinctId, hash);
  }
  /** Back to the anonymous browser session. */
  clearIdentity() {
    return this.requireClient().clearIdentity();
  }
  /** Forgets everything stored and starts a fresh anonymous session. */
  reset() {
    return this.requireClient().reset();
  }

  private requireClient(): SupportChatClient {
    if (!this.client) throw new Error('support-chat: the element is not connected yet');
    return this.client;
  }
}

define('support-chat', SupportChat);

declare global {
  interface HTMLElementTagNameMap {
    'support-chat': SupportChat;
  }
}
