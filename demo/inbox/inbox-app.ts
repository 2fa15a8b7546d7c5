import { html, nothing } from 'lit';
import { customElement, property, state } from 'lit/decorators.js';
import { CONVERSATION_EVENTS } from '../../contract/names.js';
import './analytics-panel.js';
import { api } from './api.js';
import { InboxElement } from './base.js';
import './ticket-list.js';
import './ticket-view.js';
import './webhooks-page.js';

const PAGES = [
  { id: 'tickets', name: 'Tickets' },
  { id: 'analytics', name: 'Analytics' },
  { id: 'webhooks', name: 'Webhooks' },
] as const;
type Page = (typeof PAGES)[number]['id'];

/** Without news from the stream for this long, and it not open, the inbox reads again by itself. */
const FALLBACK_POLL_MS = 2000;
/** A visitor's `typing: true` lapses after this without another (as on the server). */
const TYPING_LAPSE_MS = 6000;

/**
 * The demo's agent inbox: the support team's side of the product, on the team API of the
 * reference server. Live through the team stream (`/live`): each event makes the views read
 * again what they show; polling only while the stream is not open.
 */
@customElement('inbox-app')
export class InboxApp extends InboxElement {
  /** Where the reference server runs, for the header. */
  @property() backend = '';

  @state() private page: Page = 'tickets';
  @state() private selected: string | null = null;
  /** Bumped on every event of the stream: the views' cue to read again. */
  @state() private tick = 0;
  @state() private typing = new Set<string>();
  #live: EventSource | undefined;
  #poll: ReturnType<typeof setInterval> | undefined;
  readonly #lapses = new Map<string, ReturnType<typeof setTimeout>>();

  override connectedCallback() {
    super.connectedCallback();
    const live = (this.#live = api.live());
    const news = () => this.tick++;
    for (const event of [...CONVERSATION_EVENTS, 'reset']) live.addEventListener(event, news);
    live.addEventListener('typing', (event) => {
      const data = JSON.parse((event as MessageEvent<string>).data) as { ticket_id: string; typing: boolean };
      this.#setTyping(data.ticket_id, data.typing);
    });
    live.addEventListener('message.received', (event) => {
      this.#setTyping((JSON.parse((event as MessageEvent<string>).data) as { ticket_id: string }).ticket_id, false);
    });
    this.#poll = setInterval(() => live.readyState !== EventSource.OPEN && news(), FALLBACK_POLL_MS);
  }

  override disconnectedCallback() {
    super.disconnectedCallback();
    this.#live?.close();
    clearInterval(this.#poll);
    for (const timer of this.#lapses.values()) clearTimeout(timer);
  }

  #setTyping(ticketId: string, typing: boolean) {
    clearTimeout(this.#lapses.get(ticketId));
    const next = new Set(this.typing);
    if (typing) {
      next.add(ticketId);
      this.#lapses.set(
        ticketId,
        setTimeout(() => this.#setTyping(ticketId, false), TYPING_LAPSE_MS),
      );
    } else next.delete(ticketId);
    this.typing = next;
  }

  override render() {
    return html`
      <header class="bar">
        <h1>Agent inbox</h1>
        <nav aria-label="Inbox">
          ${PAGES.map(
            (p) => html`<button aria-current=${p.id === this.page ? 'page' : 'false'} @click=${() => (this.page = p.id)}>
              ${p.name}
            </button>`,
          )}
        </nav>
        ${this.backend ? html`<span class="backend">${this.backend}</span>` : nothing}
      </header>
      <main>${this.#renderPage()}</main>
    `;
  }

  #renderPage() {
    switch (this.page) {
      case 'analytics':
        return html`<section class="page"><inbox-analytics .tick=${this.tick}></inbox-analytics></section>`;
      case 'webhooks':
        return html`<section class="page"><inbox-webhooks></inbox-webhooks></section>`;
      default:
        return html`<div class="layout">
          <section aria-label="Tickets" class="list">
            <inbox-ticket-list
              .selected=${this.selected}
              .tick=${this.tick}
              @ticket-select=${(e: CustomEvent<{ ticketId: string }>) => (this.selected = e.detail.ticketId)}
            ></inbox-ticket-list>
          </section>
          <section aria-labelledby="conversation-title" id="conversation">
            <inbox-ticket-view
              .ticketId=${this.selected}
              .tick=${this.tick}
              .typing=${!!this.selected && this.typing.has(this.selected)}
            ></inbox-ticket-view>
          </section>
        </div>`;
    }
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'inbox-app': InboxApp;
  }
}
