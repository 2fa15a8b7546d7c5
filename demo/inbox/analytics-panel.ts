import { html, nothing, type PropertyValues } from 'lit';
import { customElement, property, state } from 'lit/decorators.js';
import { api, type Analytics } from './api.js';
import { InboxElement, failure } from './base.js';
import { duration } from './format.js';

const day = (offsetDays: number) => new Date(Date.now() + offsetDays * 86_400_000).toISOString().slice(0, 10);

/**
 * The team's numbers over a date range (`GET /analytics`): conversations, open ones, resolved
 * today, average first response and resolution, mean rating.
 */
@customElement('inbox-analytics')
export class InboxAnalytics extends InboxElement {
  /** Changes whenever the live stream says something changed: the numbers are read again. */
  @property({ type: Number }) tick = 0;

  @state() private from = day(-29);
  @state() private to = day(0);
  @state() private numbers: Analytics | null = null;
  @state() private error = '';

  protected override willUpdate(changed: PropertyValues) {
    if (changed.has('tick') || changed.has('from') || changed.has('to')) void this.#load();
  }

  async #load() {
    if (this.from && this.to && this.from > this.to) {
      this.error = 'The range ends before it starts.';
      return;
    }
    try {
      // Whole days: from the start of the first to the end of the last (UTC).
      this.numbers = await api.analytics(this.from && `${this.from}T00:00:00Z`, this.to && `${this.to}T23:59:59.999Z`);
      this.error = '';
    } catch (error) {
      this.error = failure('Could not load the analytics', error);
    }
  }

  override render() {
    const n = this.numbers;
    const range = (event: Event) => {
      const input = event.target as HTMLInputElement;
      if (input.name === 'from') this.from = input.value;
      else this.to = input.value;
    };
    return html`<h2>Analytics</h2>
      <form class="range" @change=${range} @submit=${(e: Event) => e.preventDefault()}>
        <label>From <input type="date" name="from" .value=${this.from} /></label>
        <label>To <input type="date" name="to" .value=${this.to} /></label>
      </form>
      ${this.error ? html`<p class="error" role="alert">${this.error}</p>` : nothing}
      ${
        n
          ? html`<dl class="figures">
            <div><dt>Conversations</dt><dd data-figure="total">${n.totalConversations}</dd></div>
            <div><dt>Open</dt><dd data-figure="open">${n.openConversations}</dd></div>
            <div><dt>Resolved today</dt><dd data-figure="resolved-today">${n.resolvedToday}</dd></div>
            <div><dt>Avg first response</dt><dd data-figure="first-response">${duration(n.avgFirstResponseTime)}</dd></div>
            <div><dt>Avg resolution</dt><dd data-figure="resolution">${duration(n.avgResolutionTime)}</dd></div>
            <div><dt>Mean rating</dt><dd data-figure="csat">${n.csat === null ? '—' : `${n.csat.toFixed(1)} of 5`}</dd></div>
          </dl>`
          : html`<p class="hint">Loading…</p>`
      }`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'inbox-analytics': InboxAnalytics;
  }
}
