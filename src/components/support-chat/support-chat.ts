import type { SupportChatApi } from '../../client/api.js';
import { initialState, type ChatState } from '../../client/chat-state.js';
import type { SupportChatClient } from '../../client/support-chat-client.js';
import { DEFAULT_RESTORE_PARAM } from '../../client/restore.js';
import type { Settings } from '../../context/settings-context.js';
import { ClientController } from '../../controllers/client-controller.js';
import { FocusController } from '../../controllers/focus-controller.js';
import { LocaleController } from '../../controllers/locale-controller.js';
import { PageController } from '../../controllers/page-controller.js';
import { SettingsController } from '../../controllers/settings-controller.js';
import { ViewController } from '../../controllers/view-controller.js';
import { describeError, type Strings } from '../../i18n/strings.js';
import { define } from '../../internal/define.js';
import { HostElement, type Changes, type PropertyOptions } from '../../internal/host-element.js';
import { sharedStyles } from '../../internal/shared.styles.js';
import { delegateApi } from './delegate.js';
import { prefetchPanel } from './panel-loader.js';
import { Shell } from './shell.js';
import { styles } from './support-chat.styles.js';

/**
 * A support chat: a launcher button that opens a panel where the visitor writes to the
 * support team, reads their replies and finds their earlier conversations.
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
 * @event support-chat-typing - A team member started or stopped typing (also when it lapsed after 6 s, or their message came). `detail: {ticketId, authorName, typing}`.
 * @event support-chat-rated - The visitor rated a resolved conversation (backends that advertise `rating`). `detail: {ticketId, score}`.
 * @event support-chat-error - Something failed. `detail: {kind, code, message}` (`message`: the sentence in the widget's locale).
 *
 * @csspart launcher - The round button that opens the panel.
 * @csspart badge - The unread count on the launcher.
 * @csspart panel - The chat panel (a dialog).
 * @csspart header - The panel's title bar.
 * @csspart title - The panel's title.
 * @csspart subtitle - Under the title: "Usually replies in a few minutes" (`reply-time`), or outside the `office-hours` "We're back Monday at 9:00".
 * @csspart back-button - "Back" in the header.
 * @csspart close-button - "Close" in the header.
 * @csspart error - The sentence shown when something fails (offline, too many requests, …).
 * @csspart ticket-list - The list of the visitor's conversations.
 * @csspart ticket - One conversation in that list.
 * @csspart ticket-status - The status label of a conversation.
 * @csspart unread - The unread pill of a conversation.
 * @csspart new-conversation-button - "New conversation".
 * @csspart message-list - The messages of the open conversation.
 * @csspart message - One message; also `message-customer` (the visitor's) or `message-team`.
 * @csspart greeting - The greeting shown in an empty conversation.
 * @csspart typing - "Dana is typing…" below the messages, while a team member types.
 * @csspart resolved - The banner of a resolved conversation.
 * @csspart rating - The rating of a resolved conversation (backends that advertise `rating`): five scores, a comment, "Send rating".
 * @csspart rating-choices - The group of the five scores ("Rate this conversation").
 * @csspart rating-choice - One score.
 * @csspart rating-comment - The rating's optional comment.
 * @csspart rating-submit - "Send rating".
 * @csspart rating-thanks - The thank-you once rated.
 * @csspart composer - The form at the bottom of a conversation.
 * @csspart input - The message text box.
 * @csspart send-button - The send button.
 * @csspart limit - The characters-left counter, shown near the length limit.
 * @csspart attach-button - "Attach a file" in the composer (only when the backend takes attachments).
 * @csspart attachment-previews - The files chosen for the next message, above the composer.
 * @csspart attachment-preview - One of them: a thumbnail, or the name and size.
 * @csspart remove-attachment-button - Takes a chosen file off again.
 * @csspart attachment-error - Why a file was refused before any upload (too large, a type not taken, too many).
 * @csspart attachments - The files of a message.
 * @csspart attachment - One file's link; also `attachment-image` (a thumbnail opening full size) or `attachment-file` (a download link with name and size).
 * @csspart upload - A file of one of the visitor's messages still on its way, with its progress bar.
 * @csspart upload-progress - How much of a file has uploaded.
 * @csspart cancel-upload-button - Takes a file off a message on its way, stopping its upload.
 * @csspart form - The identification and restore forms.
 * @csspart field - A labelled field of those forms.
 * @csspart field-input - The input of a field.
 * @csspart submit-button - The submit button of those forms; also "Continue" of the restore question.
 * @csspart cancel-button - "Not me" of the restore question (a restore link opened this page).
 *
 * @cssproperty --support-chat-color - Accent colour of the launcher, header, buttons and the visitor's messages (default #1d4ed8).
 * @cssproperty --support-chat-on-color - Text on the accent colour; by default black or white, whichever contrasts more.
 * @cssproperty --support-chat-font - Font family.
 * @cssproperty --support-chat-radius - Corner radius of the panel, messages and buttons (default 16px).
 * @cssproperty --support-chat-z-index - Stacking order above the page (default 2147483000).
 * @cssproperty --support-chat-offset - Distance from the edges of the window (default 20px).
 * @cssproperty --support-chat-surface - Panel background.
 * @cssproperty --support-chat-surface-2 - Background of team messages, pills and banners.
 * @cssproperty --support-chat-text - Text colour.
 * @cssproperty --support-chat-muted - Secondary text (times, hints).
 * @cssproperty --support-chat-border - Borders of fields.
 * @cssproperty --support-chat-focus - The focus ring.
 * @cssproperty --support-chat-danger - Error text.
 * @cssproperty --support-chat-shadow - Shadow of the panel and launcher.
 *
 * @tag support-chat
 */
// eslint-disable-next-line @typescript-eslint/no-unsafe-declaration-merging -- the interface below types the methods delegateApi() installs
export class SupportChat extends HostElement {
  static override styles = [sharedStyles, styles];
  /** The properties and their attributes (see HostElement, and the JSDoc of each below). */
  static override properties: Record<string, PropertyOptions> = {
    token: { reflect: true },
    apiHost: { attribute: 'api-host' },
    requireEmail: { type: Boolean, attribute: 'require-email' },
    collectName: { type: Boolean, attribute: 'collect-name' },
    greeting: {},
    placeholder: {},
    color: {},
    position: { reflect: true },
    theme: { reflect: true },
    locale: {},
    open: { type: Boolean, reflect: true },
    noLauncher: { type: Boolean, attribute: 'no-launcher' },
    restoreParam: { attribute: 'restore-param' },
    distinctId: { attribute: 'distinct-id' },
    consentRequired: { type: Boolean, attribute: 'consent-required' },
    replyTime: { attribute: 'reply-time' },
    officeHours: { attribute: 'office-hours' },
    sound: { type: Boolean },
    strings: { attribute: false },
    client: { attribute: false },
  };

  /** Public widget token of the project, sent with every request. */
  token = '';

  /** Origin of the backend; defaults to the page's origin. */
  apiHost = '';

  /** Ask for an email address before the first message. */
  requireEmail = false;

  /** Also ask for a name (with `require-email`). */
  collectName = false;

  /** First line shown in an empty conversation; defaults to the locale's greeting. */
  greeting = '';

  /** Placeholder of the message box; defaults to the locale's. */
  placeholder = '';

  /** Accent colour (any CSS colour); sets `--support-chat-color`. Text on it stays readable. */
  color = '';

  /** Corner of the window: `bottom-right`, `bottom-left`, `top-right` or `top-left`. */
  position: 'bottom-right' | 'bottom-left' | 'top-right' | 'top-left' = 'bottom-right';

  /** Colour scheme: `auto` follows the system, or `light` / `dark`. */
  theme: 'auto' | 'light' | 'dark' = 'auto';

  /**
   * Language of the widget: `en`, `de`, `ar`, `fr`, `es`, `pt-BR`, `nl`, `ja` or `he` (a region
   * falls back to its language, others to English); defaults to the page's `lang`, else the
   * browser's languages.
   */
  locale = '';

  /** Whether the panel is open; reflects the panel state. */
  open = false;

  /** No launcher button: open the panel from code (headless use). */
  noLauncher = false;

  /** Query parameter of restore links; the backend writes it into the emailed link. */
  restoreParam = DEFAULT_RESTORE_PARAM;

  /** The site's id of the visitor (e.g. its analytics id), sent as `distinct_id` with every request; default: the session id. A verified identity wins. */
  distinctId = '';

  /** Store nothing until the visitor first interacts with the widget. */
  consentRequired = false;

  /** How soon the team usually replies, shown under the title: `minutes`, `hours` or `day`. */
  replyTime = '';

  /**
   * The team's hours, e.g. `Mo-Fr 09:00-17:30 Europe/Berlin` (or `Mo-Fr 09:00-17:30, Sa 10:00-14:00 Europe/Berlin`):
   * outside them the panel says when the team is back, in the visitor's language and time zone.
   */
  officeHours = '';

  /** A short chime when a reply arrives while the page is hidden or the panel closed (once the visitor has interacted with the page). */
  sound = false;

  /** Replaces any of the locale's texts, e.g. `{title: 'Help'}`; keys as in `src/i18n/locales/en.ts`. */
  strings: Partial<Strings> = {};

  /**
   * The headless client behind the widget. Made from the attributes when the element connects;
   * set it before connecting to bring your own (another transport, custom storage).
   */
  client?: SupportChatClient;

  /** What the UI pieces read: resolved from the attributes and the locale (see `willUpdate`). */
  protected settings!: Settings;
  #chatState: ChatState = initialState;
  readonly #locales = new LocaleController(this);
  readonly #settingsResolver = new SettingsController(this, this.#locales);
  readonly #views = new ViewController(this);
  readonly #focusing = new FocusController(this);
  // Last: the client is made once the other controllers have connected, as it always was.
  readonly #clients = new ClientController(this, {
    onState: (state) => this.#onState(state),
    describeError: (error) => describeError(error, this.settings.strings),
    onStarted: prefetchPanel,
  });

  readonly #page = new PageController(this);
  /** The frame in the shadow root, drawn at the first update (see shell.ts for why by hand). */
  #shell?: Shell;

  constructor() {
    super();
    this.addEventListener('keydown', (event) => {
      if (event.key === 'Escape' && this.#chatState.open) {
        event.stopPropagation();
        this.closePanel();
      }
    });
  }

  #onState(state: ChatState) {
    const was = this.#chatState;
    this.#chatState = state;
    this.open = state.open;
    if (state.open && !was.open) {
      this.#views.start(state);
      // Opening on page load (restored from storage, or the open attribute) is not the
      // visitor's doing: leave focus alone.
      if (was.ready && !this.#clients.loading) this.#focusing.enterPanel();
    }
    if (!state.open && was.open) this.#focusing.leavePanel();
    // showNewMessage(): the new conversation, keyboard in its message box.
    if (state.prefill && state.prefill !== was.prefill) {
      this.#views.show('conversation');
      this.#focusing.enterPanel();
    }
    this.#page.follow(state);
    this.requestUpdate();
  }

  override willUpdate(changed: Changes<this>) {
    if (changed.has('open') && this.#chatState.ready && this.open !== this.#chatState.open) {
      if (this.open) this.client?.openPanel();
      else this.client?.closePanel();
    }
    this.#clients.willUpdate(changed);
    if (changed.has('color')) {
      if (this.color) this.style.setProperty('--support-chat-color', this.color);
      else this.style.removeProperty('--support-chat-color');
    }
    this.settings = this.#settingsResolver.resolve();
  }

  /** Lit's `render()` in a LitElement; here the shell draws the frame, and the panel's views their screen inside it. */
  protected override update(changed: Changes<this>) {
    super.update(changed);
    this.#shell ??= new Shell(this, {
      toggle: () => void this.#toggle(),
      back: () => {
        this.#views.back();
        this.#focusing.enterPanel();
      },
      navigate: ({ view, focus }) => {
        this.#views.show(view);
        if (focus) this.#focusing.enterPanel();
      },
    });
    const { dir, lang } = this.#locales;
    const state = this.#chatState;
    this.#shell.render({
      state,
      settings: this.settings,
      view: this.#views.view,
      canGoBack: this.#views.canGoBack(state),
      dir,
      lang,
    });
  }

  async #toggle() {
    // A click before the stored session is read would be undone by it: wait for it first.
    await this.client?.start();
    this.client?.toggle();
  }

  /** Whether the widget is shown (see `show()` / `hide()`). */
  isVisible() {
    return !this.hidden;
  }
  /** Shows the widget after `hide()`. */
  show() {
    this.hidden = false;
  }
  /** Removes the widget from view; state and polling carry on. */
  hide() {
    this.hidden = true;
  }
}

// Every method of the client's API, on the element too (see `delegate.ts`).
delegateApi(SupportChat);
// eslint-disable-next-line @typescript-eslint/no-unsafe-declaration-merging -- delegateApi() installs each of them
export interface SupportChat extends SupportChatApi {}

define('support-chat', SupportChat);

declare global {
  interface HTMLElementTagNameMap {
    'support-chat': SupportChat;
  }
}
