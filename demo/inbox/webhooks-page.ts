import { html, nothing } from 'lit';
import { customElement, state } from 'lit/decorators.js';
import { CONVERSATION_EVENTS } from '../../contract/names.js';
import { api, type Delivery, type Webhook } from './api.js';
import { InboxElement, failure } from './base.js';
import { ago } from './format.js';

/** How often the deliveries are read again while the page shows (their retries happen without any event). */
const REFRESH_MS = 2000;

/**
 * The webhooks (`/webhooks`): add one (URL and events), delete one, and each one's deliveries:
 * event, state and last HTTP status, attempts, and whether it is being retried.
 */
@customElement('inbox-webhooks')
export class InboxWebhooks extends InboxElement {
  @state() private hooks: Webhook[] = [];
  @state() private deliveries = new Map<string, Delivery[]>();
  @state() private error = '';
  #timer: ReturnType<typeof setInterval> | undefined;

  override connectedCallback() {
    super.connectedCallback();
    void this.#load();
    this.#timer = setInterval(() => void this.#load(), REFRESH_MS);
  }

  override disconnectedCallback() {
    super.disconnectedCallback();
    clearInterval(this.#timer);
  }

  async #load() {
    try {
      const hooks = (await api.webhooks()).results;
      const lists = await Promise.all(hooks.map((h) => api.deliveries(h.id).then((d) => d.results)));
      this.hooks = hooks;
      this.deliveries = new Map(hooks.map((h, i) => [h.id, lists[i]]));
      this.error = '';
    } catch (error) {
      this.error = failure('Could not load the webhooks', error);
    }
  }

  async #add(event: Event) {
    event.preventDefault();
    const form = event.currentTarget as HTMLFormElement;
    const data = new FormData(form);
    const events = data.getAll('events').map(String);
    try {
      await api.createWebhook(String(data.get('url') ?? '').trim(), events);
      form.reset();
      await this.#load();
    } catch (error) {
      this.error = failure('Could not add the webhook', error);
    }
  }

  async #delete(hook: Webhook) {
    try {
      await api.deleteWebhook(hook.id);
      await this.#load();
    } catch (error) {
      this.error = failure('Could not delete the webhook', error);
    }
  }

  override render() {
    return html`<h2>Webhooks</h2>
      <form class="add-webhook" @submit=${this.#add}>
        <label>URL <input name="url" type="url" required placeholder="https://example.com/hooks/support" /></label>
        <fieldset>
          <legend>Events</legend>
          ${CONVERSATION_EVENTS.map(
            (e) => html`<label class="check"><input type="checkbox" name="events" value=${e} checked /> ${e}</label>`,
          )}
        </fieldset>
        <button class="primary">Add webhook</button>
      </form>
      ${this.error ? html`<p class="error" role="alert">${this.error}</p>` : nothing}
      ${this.hooks.length ? nothing : html`<p class="hint">No webhooks yet.</p>`}
      ${this.hooks.map((hook) => this.#renderHook(hook))}`;
  }

  #renderHook(hook: Webhook) {
    const deliveries = this.deliveries.get(hook.id) ?? [];
    const captionId = `hook-${hook.id}`;
    return html`<section class="webhook" aria-labelledby=${captionId}>
      <h3 id=${captionId}>${hook.url}</h3>
      <p class="hint">${hook.events.join(', ')}</p>
      <button @click=${() => this.#delete(hook)}>Delete webhook</button>
      ${
        deliveries.length
          ? html`<table class="deliveries">
            <caption>
              Deliveries to ${hook.url}
            </caption>
            <thead>
              <tr>
                <th scope="col">Event</th>
                <th scope="col">Status</th>
                <th scope="col">Attempts</th>
                <th scope="col">Retry</th>
                <th scope="col">Created</th>
              </tr>
            </thead>
            <tbody>
              ${deliveries.map(
                (d) => html`<tr>
                  <td>${d.event}</td>
                  <td class="delivery-${d.state}">${d.state}${d.last_status ? ` (HTTP ${d.last_status})` : d.last_error ? ` (${d.last_error})` : ''}</td>
                  <td>${d.tries}</td>
                  <td>${d.next_attempt_at ? `retrying ${ago(d.next_attempt_at)}` : d.tries > 1 ? 'retried' : 'no'}</td>
                  <td><time datetime=${d.created_at}>${ago(d.created_at)}</time></td>
                </tr>`,
              )}
            </tbody>
          </table>`
          : html`<p class="hint">No deliveries yet.</p>`
      }
    </section>`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'inbox-webhooks': InboxWebhooks;
  }
}
