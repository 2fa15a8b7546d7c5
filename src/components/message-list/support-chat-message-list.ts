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
import { formatDateTime, warmIntlWhenIdle } from '../../internal/formatters.js';
import { renderAttachments, renderUploads } from '../attachments/attachment-views.js';
import { attachmentStyles } from '../attachments/attachment.styles.js';
import { MessageWindow } from './message-window.js';
import { richContent } from './rich-loader.js';
import { styles } from './support-chat-message-list.styles.js';

/**
 * The messages of the current conversation, in a live region (`role="log"`) so that
 * screen readers announce each new reply. The greeting when there are none yet. Below it,
 * "Dana is typing…" while someone of the team types: a polite status, always in the page
 * and only its text changing, so that it is announced once when it starts, not per refresh.
 *
 * A long conversation opens on its newest messages; older ones are rendered as the visitor
 * scrolls up to them (or presses "Show earlier messages", the first control of the list),
 * with the messages on screen kept where they were. Those are rendered above the live log:
 * they were there before, and are not announced as new.
 * @csspart message-list - The list (older messages shown later are in a second one above it, also `earlier-messages`).
 * @csspart message - One message; also `message-customer` or `message-team`.
 * @csspart greeting - The greeting of an empty conversation.
 * @csspart typing - "… is typing" while a team member types.
 * @csspart attachments - The files of a message: pictures as thumbnails (in boxes sized before they load) opening full size in a new tab, the rest as download links with name and size.
 * @csspart attachment - One file's link; also `attachment-image` or `attachment-file`.
 * @csspart upload - A file of one of the visitor's messages still on its way, with its progress bar (`upload-progress`) and `cancel-upload-button`.
 * @csspart upload-progress - How much of a file has uploaded (a `progress` named after the file).
 * @csspart cancel-upload-button - Takes a file off a message on its way, stopping its upload.
 *
 * @tag support-chat-message-list
 */
export class SupportChatMessageList extends LitElement {
  static override styles = [sharedStyles, attachmentStyles, styles];

  // On screen, this list is what the visitor reads: its ticket's replies count as seen.
  readonly #chat = new ChatStateController(this, true);
  readonly #time = new RelativeTimeController(this);
  readonly #window = new MessageWindow();
  #shownCount = 0;
  /** The next scroll event is the one of #scrollTo. */
  #scrolling = false;
  /** A page of older messages is being rendered. */
  #showing = false;
  #observer?: IntersectionObserver;
  #resizes?: ResizeObserver;
  /** Scrolled to the newest message: stays there when the list resizes (the composer appearing below, a rotated phone). */
  #pinned = true;

  override connectedCallback() {
    super.connectedCallback();
    // Scrolled up to the top of what is rendered: render the page before it.
    this.#observer = new IntersectionObserver((entries) => entries.some((e) => e.isIntersecting) && void this.#showEarlier(), {
      root: this,
      rootMargin: '200px 0px 0px 0px',
    });
    this.#resizes = new ResizeObserver(() => this.#pinned && this.#scrollTo(this.scrollHeight));
    this.#resizes.observe(this);
    this.addEventListener(
      'scroll',
      () => {
        // Our own scrolling says nothing of where the visitor wants to be; and its event comes a
        // frame later, when the list may have resized in between.
        if (this.#scrolling) this.#scrolling = false;
        else this.#pinned = this.scrollTop + this.clientHeight >= this.scrollHeight - 4;
      },
      { passive: true },
    );
  }

  override disconnectedCallback() {
    super.disconnectedCallback();
    this.#observer?.disconnect();
    this.#resizes?.disconnect();
  }

  protected override willUpdate(changed: PropertyValues) {
    super.willUpdate(changed);
    const { messages, currentTicketId } = this.#chat.state;
    this.#window.update(currentTicketId, messages.length);
  }

  override render() {
    const { messages, currentTicketId, ticketStatus } = this.#chat.state;
    const settings = this.#chat.settings;
    if (!settings) return nothing;
    const { strings } = settings;
    const { start, liveStart } = this.#window;
    // A chosen conversation whose messages have not arrived yet has no status either.
    const loading = currentTicketId && !ticketStatus && !messages.length;
    const list = (from: number, to?: number) =>
      repeat(
        messages.slice(from, to),
        (m) => m.clientMessageId ?? m.id,
        (m) => this.#renderMessage(m, settings),
      );
    return html`
      ${
        !loading && this.#window.hasEarlier
          ? html`<button class="link earlier" @click=${() => this.#showEarlier()}>${strings.earlierMessages}</button>`
          : nothing
      }
      ${
        !loading && start < liveStart
          ? html`<ol part="message-list earlier-messages" class="earlier-list" tabindex="-1" @pointerover=${this.#titleTime}>
            ${list(start, liveStart)}
          </ol>`
          : nothing
      }
      <div role="log" aria-label=${strings.conversation} @pointerover=${this.#titleTime}>
        ${
          loading
            ? html`<p role="status">${strings.loading}</p>`
            : messages.length
              ? html`<ol part="message-list">
                ${list(liveStart)}
              </ol>`
              : html`<p part="greeting" class="greeting">${settings.greeting}</p>
                <p class="restore">
                  <button class="link" @click=${() => navigate(this, 'restore')}>${strings.restoreLink}</button>
                </p>`
        }
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

  #renderMessage(message: ChatMessage, settings: Settings) {
    const { strings, lang } = settings;
    const mine = message.author_type === 'customer';
    const id = message.clientMessageId;
    return html`<li part="message ${mine ? 'message-customer' : 'message-team'}" class=${mine ? 'customer' : 'team'}>
      <span class="meta"
        ><b>${mine ? strings.you : message.author_name || strings.team}</b> ·
        <time datetime=${message.created_at}
          >${this.#time.format(message.created_at, lang)}</time
        ></span
      >
      ${
        message.content || !(message.attachments?.length || message.uploads?.length)
          ? this.#renderContent(
              message.rich_content && richContent(message.rich_content, () => this.requestUpdate()),
              message.content,
            )
          : nothing
      }
      ${renderAttachments(message.attachments, settings)}
      ${id ? renderUploads(message.uploads, settings, (key) => void this.#chat.client?.cancelAttachment(id, key)) : nothing}
      ${message.delivery === 'sending' ? html`<span class="state">${strings.sending}</span>` : nothing}
      ${
        message.delivery === 'failed' && id
          ? html`<span class="state" role="alert"
            >${strings.failed}<button class="link" @click=${() => this.#chat.client?.retryMessage(id).catch(() => {})}>
              ${strings.retry}</button
            ><button class="link" @click=${() => this.#chat.client?.discardMessage(id)}>${strings.discard}</button></span
          >`
          : nothing
      }
    </li>`;
  }

  /** The formatted version when there is a usable one, else the plain text with its links. */
  #renderContent(rich: unknown[] | undefined, content: string) {
    return html`<div class="content ${rich ? 'rich' : ''}" dir="auto">${rich ?? linkify(content)}</div>`;
  }

  /**
   * Renders the page before the first one rendered, keeping the messages on screen where they
   * were: the first of them moves down by the height of what came above it, and so does the
   * scroll position. Focus on the button moves to the older messages once it is gone.
   */
  async #showEarlier() {
    if (!this.#window.hasEarlier || this.#showing) return;
    this.#showing = true;
    const focused = this.renderRoot.querySelector('.earlier')?.matches(':focus');
    const anchor = this.renderRoot.querySelector('li');
    const before = anchor?.getBoundingClientRect().top ?? 0;
    this.#window.showEarlier();
    this.requestUpdate();
    await this.updateComplete;
    if (anchor) this.#scrollTo(this.scrollTop + anchor.getBoundingClientRect().top - before);
    if (focused && !this.#window.hasEarlier)
      this.renderRoot.querySelector<HTMLElement>('.earlier-list')?.focus({ preventScroll: true });
    this.#showing = false;
  }

  /**
   * The full date as a time's tooltip, written when the pointer first reaches it: the page's
   * first Intl.DateTimeFormat alone took some 20 ms, and formatting one per message up front
   * was the largest piece of opening a conversation once the list was windowed.
   */
  #titleTime(event: Event) {
    const time = (event.target as Element).closest('time');
    if (time && !time.title) time.title = formatDateTime(time.dateTime, this.#chat.settings?.lang ?? 'en');
  }

  #scrollTo(top: number) {
    if (Math.round(top) === Math.round(this.scrollTop)) return;
    this.#scrolling = true;
    this.scrollTop = top;
  }

  protected override updated(changed: PropertyValues) {
    super.updated(changed);
    // Follow the conversation to its newest message, but only when one was added. With only a
    // window of messages rendered, the layout this forces stays small.
    const count = this.#chat.state.messages.length;
    if (count !== this.#shownCount) {
      this.#scrollTo(this.scrollHeight);
      this.#pinned = true;
    }
    this.#shownCount = count;
    this.#observer?.disconnect();
    const button = this.renderRoot.querySelector('.earlier');
    if (button) this.#observer?.observe(button);
  }
}

define('support-chat-message-list', SupportChatMessageList);
// The panel file is in (fetched ahead when idle, or on open): the list formats times soon.
warmIntlWhenIdle();

declare global {
  interface HTMLElementTagNameMap {
    'support-chat-message-list': SupportChatMessageList;
  }
}
