import { html, nothing, type PropertyValues } from 'lit';
import { customElement, property, query, state } from 'lit/decorators.js';
import { api, type CannedResponse, type TeamMessage, type TeamTicket } from './api.js';
import { renderAttachments, type InboxAttachFiles } from './attachments.js';
import { InboxElement, failure } from './base.js';
import { AGENTS, ME, PRIORITIES, STATUSES, assigneeId, label, stars, who } from './format.js';

/** The `/shortcut` being typed at the end of the reply box's text before the caret, if any. */
const SHORTCUT_AT_CARET = /(?:^|\s)\/(\S*)$/;

/**
 * One ticket: its messages (private notes marked), the customer's identity and rating, and
 * what the agent does with it: reply or add a private note (a canned response by typing its
 * `/shortcut`: Tab or Enter puts it in, rendered for this ticket; files attached), assign, tags, priority,
 * status, snooze, resolve.
 */
@customElement('inbox-ticket-view')
export class InboxTicketView extends InboxElement {
  @property({ attribute: false }) ticketId: string | null = null;
  /** Changes whenever the live stream says something changed: the ticket is read again. */
  @property({ type: Number }) tick = 0;
  /** The visitor of this ticket is typing. */
  @property({ type: Boolean }) typing = false;

  @state() private ticket: TeamTicket | null = null;
  @state() private messages: TeamMessage[] = [];
  @state() private canned: CannedResponse[] = [];
  @state() private suggestions: CannedResponse[] = [];
  @state() private isPrivate = false;
  @state() private error = '';
  /** What the last action did, said politely to screen readers. */
  @state() private said = '';
  /** A reply or note is on its way (its files uploading): Send waits. */
  @state() private sending = false;
  @query('textarea[name="reply"]') private box!: HTMLTextAreaElement;
  @query('inbox-attach-files') private files!: InboxAttachFiles;
  #reads = 0;
  #typingAt = 0;

  override connectedCallback() {
    super.connectedCallback();
    api.canned().then(
      ({ results }) => (this.canned = results),
      () => {},
    );
  }

  protected override willUpdate(changed: PropertyValues) {
    if (changed.has('ticketId')) {
      this.ticket = null;
      this.messages = [];
      this.error = '';
      this.said = '';
      this.suggestions = [];
    }
    if (changed.has('ticketId') || changed.has('tick')) void this.#load();
  }

  async #load() {
    const ticketId = this.ticketId;
    if (!ticketId) return;
    const read = ++this.#reads;
    try {
      const [ticket, { results }] = await Promise.all([api.ticket(ticketId), api.messages(ticketId)]);
      if (read !== this.#reads) return;
      const grew = results.length > this.messages.length;
      this.ticket = ticket;
      this.messages = results;
      if (grew)
        void this.updateComplete.then(() =>
          this.querySelector('.messages > li:last-child')?.scrollIntoView({ block: 'nearest' }),
        );
    } catch (error) {
      if (read === this.#reads) this.error = failure('Could not load the ticket', error);
    }
  }

  /** Runs one change of the ticket, then shows the ticket as the server has it. */
  async #act(what: string, done: string, change: () => Promise<unknown>) {
    this.error = '';
    try {
      await change();
      this.said = done;
      await this.#load();
    } catch (error) {
      this.error = failure(what, error);
    }
  }

  override render() {
    const t = this.ticket;
    if (!this.ticketId) {
      return html`<h2 id="conversation-title">Select a ticket</h2>
        <p class="hint">Write to the widget on the <a href="./" target="_blank">shop page</a>; the ticket shows up here.</p>`;
    }
    if (!t) return html`<h2 id="conversation-title">Loading…</h2>${this.#renderError()}`;
    return html`
      <header class="ticket-head">
        <h2 id="conversation-title">#${t.ticket_number} ${who(t)}</h2>
        ${this.#renderIdentity(t)}
        ${t.customer_email ? html`<span class="hint">${t.customer_email}</span>` : nothing}
      </header>
      ${
        t.rating
          ? html`<p class="rating-given">
            <strong>Customer rating: ${t.rating.score} of 5</strong> <span aria-hidden="true">${stars(t.rating.score)}</span>
            ${t.rating.comment ? html`<q>${t.rating.comment}</q>` : nothing}
          </p>`
          : nothing
      }
      ${this.#renderActions(t)} ${this.#renderTags(t)} ${this.#renderError()}
      <p class="visually-hidden" role="status">${this.said}</p>
      <ol class="messages" aria-label="Messages" tabindex="0">
        ${this.messages.map(
          (m) => html`<li class="message ${m.author_type === 'customer' ? 'customer' : 'team'} ${m.is_private ? 'private' : ''}">
            <span class="meta"
              >${m.author_name ?? m.author_type}${m.is_private ? ' · private note' : ''} ·
              <time datetime=${m.created_at}>${new Date(m.created_at).toLocaleTimeString()}</time></span
            >
            ${m.content ? html`<p>${m.content}</p>` : nothing}
            ${renderAttachments(m)}
          </li>`,
        )}
      </ol>
      <p class="hint" role="status">${this.typing ? 'Visitor is typing…' : ''}</p>
      ${this.#renderReply()}
    `;
  }

  #renderError() {
    return this.error ? html`<p class="error" role="alert">${this.error}</p>` : nothing;
  }

  /** "Verified: user-42" only for a signed identity; a claimed `distinct_id` alone (anyone can send one) is unverified. */
  #renderIdentity(t: TeamTicket) {
    if (t.verified_identity) return html`<span class="identity identity-verified">Verified: ${t.verified_identity}</span>`;
    return html`<span class="identity identity-unverified">${t.distinct_id ? `Unverified: ${t.distinct_id}` : 'Unverified'}</span>`;
  }

  #renderActions(t: TeamTicket) {
    const id = t.id;
    const assigned = t.assignee ? assigneeId(t.assignee) : '';
    return html`<div class="toolbar">
      <div class="field">
          <label for="ticket-status">Status</label>
          <select id="ticket-status"
          .value=${t.status}
          @change=${(e: Event) => {
            const status = (e.target as HTMLSelectElement).value;
            void this.#act('Could not change the status', `Status: ${label(status)}`, () => api.update(id, { status }));
          }}
        >
          ${STATUSES.map((s) => html`<option value=${s} ?selected=${s === t.status}>${label(s)}</option>`)}
        </select>
        </div>
      <div class="field">
          <label for="ticket-priority">Priority</label>
          <select id="ticket-priority"
          .value=${t.priority}
          @change=${(e: Event) => {
            const priority = (e.target as HTMLSelectElement).value;
            void this.#act('Could not change the priority', `Priority: ${label(priority)}`, () => api.update(id, { priority }));
          }}
        >
          ${PRIORITIES.map((p) => html`<option value=${p} ?selected=${p === t.priority}>${label(p)}</option>`)}
        </select>
        </div>
      <div class="field">
          <label for="ticket-assignee">Assignee</label>
          <select id="ticket-assignee"
          .value=${assigned}
          @change=${(e: Event) => {
            const agent = (e.target as HTMLSelectElement).value;
            const name = AGENTS.find((a) => a.id === agent)?.name ?? 'nobody';
            void this.#act('Could not assign the ticket', `Assigned to ${name}`, () => api.assign(id, agent || null));
          }}
        >
          <option value="" ?selected=${!assigned}>Unassigned</option>
          ${AGENTS.map((a) => html`<option value=${a.id} ?selected=${a.id === assigned}>${a.name}</option>`)}
        </select>
        </div>
      <div class="field">
          <label for="ticket-snooze">Snooze</label>
          <select id="ticket-snooze"
          @change=${(e: Event) => {
            const select = e.target as HTMLSelectElement;
            const hours = Number(select.value);
            select.value = '';
            const until = hours ? new Date(Date.now() + hours * 3_600_000).toISOString() : null;
            void this.#act('Could not snooze the ticket', until ? `Snoozed for ${hours} h` : 'No longer snoozed', () =>
              api.update(id, { snoozed_until: until }),
            );
          }}
        >
          <option value="">${t.snoozed_until ? `Until ${new Date(t.snoozed_until).toLocaleString()}` : 'Not snoozed'}</option>
          <option value="1">For 1 hour</option>
          <option value="4">For 4 hours</option>
          <option value="24">For 1 day</option>
          ${t.snoozed_until ? html`<option value="0">Wake up now</option>` : nothing}
        </select>
        </div>
      <button
        class="primary"
        ?disabled=${t.status === 'resolved'}
        @click=${() => this.#act('Could not resolve the ticket', 'Resolved', () => api.resolve(id))}
      >
        Resolve
      </button>
    </div>`;
  }

  #renderTags(t: TeamTicket) {
    const add = (event: Event) => {
      event.preventDefault();
      const input = (event.currentTarget as HTMLFormElement).elements.namedItem('tag') as HTMLInputElement;
      const tags = input.value
        .split(',')
        .map((tag) => tag.trim())
        .filter(Boolean);
      if (!tags.length) return;
      input.value = '';
      void this.#act('Could not add the tag', `Tagged ${tags.join(', ')}`, () => api.addTags(t.id, tags));
    };
    return html`<div class="tags-bar">
      <ul class="tags" aria-label="Tags">
        ${t.tags.map(
          (tag) => html`<li class="tag">
            ${tag}
            <button
              class="remove"
              aria-label="Remove tag ${tag}"
              @click=${() => this.#act('Could not remove the tag', `Tag ${tag} removed`, () => api.removeTag(t.id, tag))}
            >
              ×
            </button>
          </li>`,
        )}
      </ul>
      <form class="add-tag" @submit=${add}>
        <label>Add tag <input name="tag" autocomplete="off" placeholder="billing, vip" /></label>
        <button>Add</button>
      </form>
    </div>`;
  }

  #renderReply() {
    return html`<form class="reply ${this.isPrivate ? 'private' : ''}" @submit=${this.#send}>
      <label for="reply-box">${this.isPrivate ? 'Private note' : 'Reply'}</label>
      <textarea
        id="reply-box"
        name="reply"
        rows="4"
        placeholder=${this.isPrivate ? 'Only the team sees this…' : 'Write a reply… (type / for canned responses)'}
        aria-describedby="canned-hint"
        @input=${this.#onInput}
        @keydown=${this.#onKeyDown}
      ></textarea>
      <p id="canned-hint" class="hint">
        Type a /shortcut, then Tab or Enter, to put in a canned response. Ctrl+Enter sends.
      </p>
      ${
        this.suggestions.length
          ? html`<ul class="suggestions" aria-label="Canned responses">
            ${this.suggestions.map(
              (c) => html`<li>
                <button type="button" @click=${() => this.#expand(c)}><code>/${c.shortcut}</code> ${c.title}</button>
              </li>`,
            )}
          </ul>`
          : nothing
      }
      <inbox-attach-files></inbox-attach-files>
      <div class="actions">
        <label class="check"
          ><input type="checkbox" .checked=${this.isPrivate} @change=${(e: Event) => (this.isPrivate = (e.target as HTMLInputElement).checked)} />
          Private note (the visitor never sees it)</label
        >
        <button class="primary" ?disabled=${this.sending}>${this.isPrivate ? 'Add note' : 'Send'}</button>
      </div>
    </form>`;
  }

  /** The `/shortcut` before the caret and the canned responses it may start. */
  #typedShortcut() {
    const box = this.box;
    const match = SHORTCUT_AT_CARET.exec(box.value.slice(0, box.selectionStart));
    return match ? match[1] : null;
  }

  #onInput() {
    const typed = this.#typedShortcut();
    this.suggestions = typed === null ? [] : this.canned.filter((c) => c.shortcut.startsWith(typed)).slice(0, 6);
    this.#agentTyping(!!this.box.value.trim() && !this.isPrivate);
  }

  #onKeyDown(event: KeyboardEvent) {
    if (event.key === 'Enter' && (event.ctrlKey || event.metaKey)) {
      event.preventDefault();
      (event.currentTarget as HTMLTextAreaElement).form?.requestSubmit();
      return;
    }
    if ((event.key === 'Tab' || event.key === 'Enter') && !event.shiftKey && !event.isComposing) {
      const typed = this.#typedShortcut();
      const canned =
        typed &&
        (this.canned.find((c) => c.shortcut === typed) ?? (this.suggestions.length === 1 ? this.suggestions[0] : undefined));
      if (!canned) return;
      event.preventDefault();
      void this.#expand(canned);
    }
  }

  /** Replaces the `/shortcut` before the caret with the canned response, rendered for this ticket. */
  async #expand(canned: CannedResponse) {
    const ticketId = this.ticketId;
    if (!ticketId) return;
    try {
      const { content } = await api.renderCanned(canned.id, ticketId, ME.name);
      const box = this.box;
      const caret = box.selectionStart;
      const before = box.value.slice(0, caret).replace(/\/\S*$/, '');
      box.value = before + content + box.value.slice(caret);
      box.focus();
      box.selectionStart = box.selectionEnd = before.length + content.length;
      this.suggestions = [];
      this.said = `Inserted canned response ${canned.title}`;
    } catch (error) {
      this.error = failure('Could not insert the canned response', error);
    }
  }

  async #send(event: Event) {
    event.preventDefault();
    const ticketId = this.ticketId;
    const text = this.box.value.trim();
    const files = this.files;
    // A message may be files alone (the server takes an empty text with attachments).
    if (!ticketId || this.sending || (!text && !files.chosen.length)) return;
    const isPrivate = this.isPrivate;
    this.sending = true;
    // On a refusal (a file too large or of a refused type, say) nothing is sent, and the
    // text and the files stay as they were, for the agent to fix and send again.
    await this.#act(
      isPrivate ? 'Could not add the note' : 'Could not send the reply',
      isPrivate ? 'Note added' : 'Reply sent',
      async () => {
        const attachmentIds = await files.upload(ticketId);
        await api.reply(ticketId, text, isPrivate, ME.name, attachmentIds);
        this.box.value = '';
        files.clear();
        this.suggestions = [];
        this.#agentTyping(false);
      },
    );
    this.sending = false;
  }

  /** The agent's typing, for the visitor's widget: `true` at most every 3 s while typing, `false` when done. */
  #agentTyping(on: boolean) {
    const ticketId = this.ticketId;
    if (!ticketId || (on && Date.now() - this.#typingAt < 3000) || (!on && !this.#typingAt)) return;
    this.#typingAt = on ? Date.now() : 0;
    void api.typing(ticketId, on, ME.name).catch(() => {});
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'inbox-ticket-view': InboxTicketView;
  }
}
