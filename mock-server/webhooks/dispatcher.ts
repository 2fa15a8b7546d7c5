import type { ServerConfig } from '../config.js';
import { hmacSha256Hex } from '../lib/crypto.js';
import type { Store, StoreChange, StoredDelivery, StoredWebhook } from '../store.js';
import { webhookEventsOf } from './payload.js';
import { fetchSender, type WebhookSender } from './sender.js';

/** How often due retries are looked for while any delivery is pending (real time). */
const POLL_MS = 100;
/** The log keeps this many deliveries per webhook; the oldest finished ones go first. */
export const MAX_DELIVERIES_PER_WEBHOOK = 100;

/**
 * Webhook deliveries: a subscriber of the store's feed that, for each change a webhook asked
 * for, records a delivery at once (so it is saved with the change) and sends it later,
 * never within the request that caused it. A try that fails (a non-2xx answer, or none in
 * `webhookTimeoutMs`) is tried again after each of `webhookRetryDelaysMs`, in store time:
 * a test moves the dev clock rather than waiting a minute. Pending deliveries survive a
 * restart (they are state) and go on where they stopped.
 */
export class WebhookDispatcher {
  #timer: ReturnType<typeof setInterval> | undefined;
  /** Webhooks with a try on the way. */
  readonly #busy = new Set<string>();
  readonly #unsubscribe: () => void;

  constructor(
    private readonly store: Store,
    /** Replaced when handlers are made again for the store (see `webhookDispatcher`). */
    public config: Pick<ServerConfig, 'webhookTimeoutMs' | 'webhookRetryDelaysMs'>,
    private readonly send: WebhookSender = fetchSender,
  ) {
    this.#unsubscribe = store.feed.subscribe((change) => this.#onChange(change));
    this.#wake();
  }

  stop() {
    this.#unsubscribe();
    clearInterval(this.#timer);
    this.#timer = undefined;
  }

  #onChange(change: StoreChange) {
    // A load may bring pending deliveries (a restart, another tab); a reset drops them all.
    if (change.type === 'loaded' || change.type === 'reset') return this.#wake();
    const payloads = webhookEventsOf(change, this.store);
    if (!payloads.length) return;
    const hooks = this.store.settings.list('webhooks');
    let recorded = false;
    for (const payload of payloads) {
      for (const hook of hooks.filter((h) => h.events.includes(payload.event))) {
        this.#record(hook, JSON.stringify(payload), payload.event);
        recorded = true;
      }
    }
    if (recorded) this.#wake();
  }

  #record(hook: StoredWebhook, body: string, event: StoredDelivery['event']) {
    const now = this.store.stamp();
    this.store.settings.save('webhookDeliveries', {
      id: crypto.randomUUID(),
      webhook_id: hook.id,
      event,
      body,
      state: 'pending',
      tries: 0,
      last_status: null,
      last_error: null,
      // Due at once (by the clock, not the stamp, which may run a little ahead of it).
      next_attempt_at: new Date(this.store.nowMs()).toISOString(),
      created_at: now,
      updated_at: now,
    });
    // Bounded log: drop the oldest finished deliveries of this webhook past the limit.
    const mine = this.store.settings.list('webhookDeliveries').filter((d) => d.webhook_id === hook.id);
    const excess = mine.length - MAX_DELIVERIES_PER_WEBHOOK;
    for (const old of mine.filter((d) => d.state !== 'pending').slice(0, Math.max(0, excess))) {
      this.store.settings.remove('webhookDeliveries', old.id);
    }
  }

  /** Looks for due tries soon, and keeps looking while anything is pending. */
  #wake() {
    setTimeout(() => this.#tick(), 0);
    if (this.#timer) return;
    this.#timer = setInterval(() => this.#tick(), POLL_MS);
    // Pending retries must not keep a Node process (a test, a stopping server) alive.
    (this.#timer as { unref?: () => void }).unref?.();
  }

  /**
   * Sends what is due, oldest first, one try at a time per webhook: a receiver hears a
   * ticket's events in the order they happened (a retry waiting for its time holds back
   * nothing), and a slow receiver never has more than one request of ours open.
   */
  #tick() {
    const now = this.store.nowMs();
    const pending = this.store.settings.list('webhookDeliveries').filter((d) => d.state === 'pending');
    if (!pending.length && this.#timer) {
      clearInterval(this.#timer);
      this.#timer = undefined;
    }
    for (const delivery of pending) {
      if (this.#busy.has(delivery.webhook_id) || !delivery.next_attempt_at || Date.parse(delivery.next_attempt_at) > now)
        continue;
      void this.#try(delivery);
    }
  }

  async #try(delivery: StoredDelivery) {
    const hook = this.store.settings.get('webhooks', delivery.webhook_id);
    if (!hook) return;
    this.#busy.add(hook.id);
    const attempt = delivery.tries + 1;
    try {
      const signature = await hmacSha256Hex(hook.secret, delivery.body);
      const result = await this.send(
        hook.url,
        delivery.body,
        {
          'Content-Type': 'application/json',
          'User-Agent': 'support-chat-reference-server',
          'X-Support-Chat-Signature': `sha256=${signature}`,
          'X-Support-Chat-Delivery': delivery.id,
          'X-Support-Chat-Event': delivery.event,
          // The same delivery id with a higher attempt is a retry: a receiver drops the repeat.
          'X-Support-Chat-Attempt': String(attempt),
        },
        this.config.webhookTimeoutMs,
      );
      // The delivery (or its webhook) may have gone meanwhile: a reset, a delete.
      const current = this.store.settings.get('webhookDeliveries', delivery.id);
      if (!current || current.tries !== delivery.tries) return;
      const ok = 'status' in result && result.status >= 200 && result.status < 300;
      const delay = this.config.webhookRetryDelaysMs[attempt - 1];
      const retry = !ok && delay !== undefined;
      this.store.settings.save('webhookDeliveries', {
        ...current,
        tries: attempt,
        last_status: 'status' in result ? result.status : null,
        last_error: ok ? null : 'status' in result ? `HTTP ${result.status}` : result.error,
        state: ok ? 'delivered' : retry ? 'pending' : 'failed',
        next_attempt_at: retry ? new Date(this.store.nowMs() + delay).toISOString() : null,
        updated_at: this.store.stamp(),
      });
    } catch {
      // Saving the outcome failed (the data file broke): the delivery stays pending and is tried again.
    } finally {
      this.#busy.delete(hook.id);
    }
  }
}

const dispatchers = new WeakMap<Store, WebhookDispatcher>();

/**
 * The one dispatcher of a store, made the first time handlers are made for it. Handlers made
 * again for the same store bring their configuration: importing handlers/index.ts makes the
 * default handlers over the default store before the HTTP server makes its own.
 */
export function webhookDispatcher(store: Store, config: ServerConfig): WebhookDispatcher {
  let dispatcher = dispatchers.get(store);
  if (!dispatcher) dispatchers.set(store, (dispatcher = new WebhookDispatcher(store, config)));
  else dispatcher.config = config;
  return dispatcher;
}
