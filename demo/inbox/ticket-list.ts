import { html, nothing, type PropertyValues } from 'lit';
import { customElement, property, state } from 'lit/decorators.js';
import { api, type SavedView, type TeamTicket, type TicketFilters } from './api.js';
import { InboxElement, failure } from './base.js';
import { AGENTS, PRIORITIES, STATUSES, ago, assigneeFilter, assigneeName, label, who } from './format.js';

const FILTER_NAMES = ['status', 'priority', 'assignee', 'tags', 'search'] as const;

/**
 * The ticket list: filters (status, priority, assignee, tag, search), saved views (pick,
 * save the filters as one, delete), and each ticket with its last message, time, unread count
 * and assignee. Fires `ticket-select` `{ticketId}`.
 */
@customElement('inbox-ticket-list')
export class InboxTicketList extends InboxElement {
  /** The ticket open beside the list. */
  @property({ attribute: false }) selected: string | null = null;
  /** Changes whenever the live stream says something changed: the list is read again. */
  @property({ type: Number }) tick = 0;

  @state() private filters: TicketFilters = {};
  @state() private view = '';
  @state() private views: SavedView[] = [];
  @state() private tickets: TeamTicket[] | null = null;
  @state() private error = '';
  @state() private naming = false;
  #reads = 0;

  override connectedCallback() {
    super.connectedCallback();
    void this.#loadViews();
  }

  protected override willUpdate(changed: PropertyValues) {
    if (changed.has('tick') || changed.has('filters') || changed.has('view')) void this.#load();
  }

  async #load() {
    const read = ++this.#reads;
    try {
      const { results } = await api.tickets({ ...this.filters, ...(this.view && { view: this.view }) });
      if (read !== this.#reads) return; // a newer read was asked for
      this.tickets = results;
      this.error = '';
    } catch (error) {
      if (read === this.#reads) this.error = failure('Could not load the tickets', error);
    }
  }

  async #loadViews() {
    try {
      this.views = (await api.views()).results;
    } catch (error) {
      this.error = failure('Could not load the saved views', error);
    }
  }

  #onFilter(event: Event) {
    const form = event.currentTarget as HTMLFormElement;
    const data = new FormData(form);
    const filters: TicketFilters = {};
    for (const name of FILTER_NAMES) {
      const value = String(data.get(name) ?? '').trim();
      if (value) filters[name] = value;
    }
    this.filters = filters;
  }

  #pickView(event: Event) {
    const shortId = (event.target as HTMLSelectElement).value;
    this.view = shortId;
    // The view's filters show in the fields, so that the agent sees what it filters by.
    const view = this.views.find((v) => v.short_id === shortId);
    this.filters = view ? Object.fromEntries(FILTER_NAMES.filter((n) => view.filters[n]).map((n) => [n, view.filters[n]])) : {};
  }

  async #saveView(event: Event) {
    event.preventDefault();
    const input = (event.currentTarget as HTMLFormElement).elements.namedItem('view-name') as HTMLInputElement;
    const name = input.value.trim();
    if (!name) return input.focus();
    try {
      const view = await api.createView(name, this.filters);
      await this.#loadViews();
      this.view = view.short_id;
      this.naming = false;
    } catch (error) {
      this.error = failure('Could not save the view', error);
    }
  }

  async #deleteView() {
    const view = this.views.find((v) => v.short_id === this.view);
    if (!view) return;
    try {
      await api.deleteView(view.short_id);
      this.view = '';
      await this.#loadViews();
    } catch (error) {
      this.error = failure('Could not delete the view', error);
    }
  }

  #select(ticketId: string) {
    this.dispatchEvent(new CustomEvent('ticket-select', { detail: { ticketId }, bubbles: true }));
  }

  override render() {
    const f = this.filters;
    return html`
      <div class="views">
        <div class="field">
          <label for="filter-saved-view">Saved view</label>
          <select id="filter-saved-view" name="view" .value=${this.view} @change=${this.#pickView}>
            <option value="" ?selected=${!this.view}>All tickets</option>
            ${this.views.map((v) => html`<option value=${v.short_id} ?selected=${v.short_id === this.view}>${v.name}</option>`)}
          </select>
        </div>
        ${this.view ? html`<button type="button" @click=${this.#deleteView}>Delete view</button>` : nothing}
        ${this.naming ? nothing : html`<button type="button" @click=${() => (this.naming = true)}>Save filters as view</button>`}
      </div>
      ${
        this.naming
          ? html`<form class="view-name" @submit=${this.#saveView}>
            <label>View name <input name="view-name" autocomplete="off" required /></label>
            <button>Save view</button>
            <button type="button" @click=${() => (this.naming = false)}>Cancel</button>
          </form>`
          : nothing
      }
      <form id="filters" role="search" aria-label="Filter tickets" @input=${this.#onFilter} @submit=${(e: Event) => e.preventDefault()}>
        <div class="field">
          <label for="filter-status">Status</label>
          <select id="filter-status" name="status" .value=${f.status ?? ''}>
            <option value="">Any</option>
            ${STATUSES.map((s) => html`<option value=${s} ?selected=${f.status === s}>${label(s)}</option>`)}
          </select>
        </div>
        <div class="field">
          <label for="filter-priority">Priority</label>
          <select id="filter-priority" name="priority" .value=${f.priority ?? ''}>
            <option value="">Any</option>
            ${PRIORITIES.map((p) => html`<option value=${p} ?selected=${f.priority === p}>${label(p)}</option>`)}
          </select>
        </div>
        <div class="field">
          <label for="filter-assignee">Assignee</label>
          <select id="filter-assignee" name="assignee" .value=${f.assignee ?? ''}>
            <option value="">Anyone</option>
            <option value="unassigned" ?selected=${f.assignee === 'unassigned'}>Unassigned</option>
            ${AGENTS.map(
              (a) =>
                html`<option value=${assigneeFilter(a.id)} ?selected=${f.assignee === assigneeFilter(a.id)}>${a.name}</option>`,
            )}
          </select>
        </div>
        <label>Tag <input name="tags" .value=${f.tags ?? ''} autocomplete="off" /></label>
        <label class="wide">Search <input name="search" type="search" .value=${f.search ?? ''} placeholder="Text, name or email" /></label>
      </form>
      ${this.error ? html`<p class="error" role="alert">${this.error}</p>` : nothing}
      <ul id="tickets" aria-label="Tickets">
        ${this.tickets?.length === 0 ? html`<li class="hint">No tickets match.</li>` : nothing}
        ${(this.tickets ?? []).map((t) => this.#renderTicket(t))}
      </ul>
    `;
  }

  #renderTicket(t: TeamTicket) {
    return html`<li>
      <button class="ticket" aria-current=${t.id === this.selected ? 'true' : 'false'} @click=${() => this.#select(t.id)}>
        <span class="line">
          <strong>#${t.ticket_number} ${who(t)}</strong>
          <time datetime=${t.last_message_at ?? t.updated_at}>${ago(t.last_message_at ?? t.updated_at)}</time>
        </span>
        <span class="preview">${t.last_message_text ?? t.subject ?? ''}</span>
        <span class="line meta">
          <span class="status status-${t.status}">${label(t.status)}</span>
          ${t.priority !== 'normal' ? html`<span class="priority priority-${t.priority}">${label(t.priority)}</span>` : nothing}
          <span class="assignee">${assigneeName(t.assignee)}</span>
          ${t.unread_team_count ? html`<span class="unread">${t.unread_team_count} unread</span>` : nothing}
          ${t.rating ? html`<span class="rating">Rated ${t.rating.score}/5</span>` : nothing}
        </span>
        ${t.tags.length ? html`<span class="tags">${t.tags.map((tag) => html`<span class="tag">${tag}</span>`)}</span>` : nothing}
      </button>
    </li>`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'inbox-ticket-list': InboxTicketList;
  }
}
