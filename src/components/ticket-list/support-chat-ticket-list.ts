import { LitElement, html, nothing } from 'lit';
import type { Ticket } from '../../transport/wire-types.js';
import { ChatStateController } from '../../controllers/chat-state-controller.js';
import { RelativeTimeController } from '../../controllers/relative-time-controller.js';
import { navigate } from '../../controllers/view-controller.js';
import { statusKeys } from '../../i18n/status-keys.js';
import { plural } from '../../i18n/strings.js';
import { define } from '../../internal/define.js';
import { sharedStyles } from '../../internal/shared.styles.js';
import { styles } from './support-chat-ticket-list.styles.js';

const lastActivity = (ticket: Ticket) => ticket.last_message_at ?? ticket.created_at;

/**
 * The visitor's conversations, most recent activity first, with a way to start a new one.
 * @csspart ticket-list - The list.
 * @csspart ticket - One conversation (a button that opens it).
 * @csspart ticket-status - Its status label.
 * @csspart unread - Its unread pill.
 * @csspart new-conversation-button - "New conversation".
 *
 * @tag support-chat-ticket-list
 */
export class SupportChatTicketList extends LitElement {
  static override styles = [sharedStyles, styles];
  static override shadowRootOptions = { ...LitElement.shadowRootOptions, delegatesFocus: true };

  readonly #chat = new ChatStateController(this);
  readonly #time = new RelativeTimeController(this);

  /** The conversation current when the list came on screen: another one chosen from code is shown. */
  #shown: string | null | undefined;

  override connectedCallback() {
    super.connectedCallback();
    this.#shown = undefined;
    // The list is polled in the background; coming here is a good moment to freshen it.
    void this.#chat.client?.refresh();
  }

  override willUpdate() {
    const { currentTicketId, ready } = this.#chat.state;
    if (!ready) return;
    if (this.#shown === undefined) this.#shown = currentTicketId;
    // `selectTicket()` called by the page (or another tab) while the list shows.
    else if (currentTicketId && currentTicketId !== this.#shown) navigate(this, 'conversation', false);
  }

  override render() {
    const settings = this.#chat.settings;
    if (!settings) return nothing;
    const { strings, lang } = settings;
    const tickets = [...this.#chat.state.tickets].sort((a, b) => lastActivity(b).localeCompare(lastActivity(a)));
    return html`
      <button part="new-conversation-button" class="primary" @click=${() => this.#open(null)}>
        ${strings.newConversation}
      </button>
      <h3 id="heading">${strings.conversations}</h3>
      ${
        tickets.length
          ? html`<ul part="ticket-list" aria-labelledby="heading">
            ${tickets.map(
              (ticket) => html`<li>
                <button part="ticket" class="ticket ${ticket.unread_count ? 'unread' : ''}" @click=${() => this.#open(ticket.id)}>
                  <span class="preview" dir="auto">${ticket.last_message ?? ''}</span>
                  ${
                    ticket.unread_count
                      ? html`<span part="unread" class="pill">${plural(strings.unread, ticket.unread_count, lang)}</span>`
                      : nothing
                  }
                  <span class="meta"
                    ><span part="ticket-status">${strings[statusKeys[ticket.status]]}</span>
                    <time datetime=${lastActivity(ticket)}>${this.#time.format(lastActivity(ticket), lang)}</time></span
                  >
                </button>
              </li>`,
            )}
          </ul>`
          : html`<p class="empty">${strings.noConversations}</p>`
      }
      <button class="link" @click=${() => navigate(this, 'restore')}>${strings.restoreLink}</button>
    `;
  }

  async #open(ticketId: string | null) {
    navigate(this, 'conversation');
    await this.#chat.client?.selectTicket(ticketId);
  }
}

define('support-chat-ticket-list', SupportChatTicketList);

declare global {
  interface HTMLElementTagNameMap {
    'support-chat-ticket-list': SupportChatTicketList;
  }
}
