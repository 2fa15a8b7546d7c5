import type { Credentials } from '../transport/transport.js';
import type { Traits } from '../transport/wire-types.js';
import type { ConsentStorage } from './consent-storage.js';
import { dispatch } from './events.js';
import type { TabState } from './tab-state.js';

/**
 * Who the visitor is: the anonymous browser session or a verified identity (what requests
 * carry), their name and email, and whether they have consented to storage yet.
 */
export class Session {
  readonly #tab: TabState;
  readonly #consent: ConsentStorage | undefined;

  constructor(tab: TabState, consent: ConsentStorage | undefined) {
    this.#tab = tab;
    this.#consent = consent;
    tab.on('consent', () => void consent?.grant());
  }

  get credentials(): Credentials {
    const { identity } = this.#tab;
    if (identity) return { identityDistinctId: identity.distinctId, identityHash: identity.hash };
    return this.sessionCredentials;
  }

  /** The browser session's credentials, whoever the visitor is. */
  get sessionCredentials(): Credentials {
    const { sessionId } = this.#tab.state;
    if (!sessionId) throw new Error('support-chat: call start() first');
    return { widgetSessionId: sessionId };
  }

  /** Tickets a restore moved to the session while an identity is set (see `Identity.sessionTickets`). */
  get sessionTickets(): readonly string[] {
    return this.#tab.identity?.sessionTickets ?? [];
  }

  /** Who may read or write `ticketId`: the session for a ticket restored to it, else as `credentials`. */
  credentialsFor(ticketId: string | null | undefined): Credentials {
    return ticketId && this.sessionTickets.includes(ticketId) ? this.sessionCredentials : this.credentials;
  }

  /** The visitor did something with the widget: from now on, storing is consented to (in every tab). */
  async interacted() {
    if (!this.#consent || this.#consent.granted) return;
    this.#tab.post({ t: 'consent' });
    await this.#consent.grant();
  }

  async identify(traits: Traits) {
    await this.interacted();
    const merged = { ...this.#tab.state.traits, ...cleanTraits(traits) };
    if (JSON.stringify(merged) === JSON.stringify(this.#tab.state.traits)) return;
    await this.#tab.share({ traits: merged });
    dispatch(this.#tab.eventTarget, 'support-chat-identified', { hasName: !!merged.name, hasEmail: !!merged.email });
  }

  /** Resolves `true` when the identity changed (the tickets on show are then someone else's). */
  async setIdentity(distinctId: string, hash: string) {
    const current = this.#tab.identity;
    if (current?.distinctId === distinctId && current.hash === hash) return false;
    await this.#tab.share({ identity: { distinctId, hash }, currentTicketId: null, draft: null, tickets: [] });
    return true;
  }

  async clearIdentity() {
    if (!this.#tab.identity) return false;
    await this.#tab.share({ identity: null, currentTicketId: null, draft: null, tickets: [] });
    return true;
  }
}

/** `setIdentity`'s arguments: a distinct id and a hex HMAC-SHA256, else a `RangeError`. */
export function checkIdentity(distinctId: unknown, hash: unknown) {
  if (typeof distinctId !== 'string' || !distinctId || typeof hash !== 'string' || !/^[0-9a-f]{64}$/i.test(hash)) {
    throw new RangeError('support-chat: setIdentity needs a distinct id and its hex HMAC-SHA256');
  }
}

/** Only a trimmed name and email, as strings: whatever else a caller passes is not sent. */
export function cleanTraits(traits: Traits | undefined): Traits {
  const clean: Traits = {};
  for (const key of ['name', 'email'] as const) {
    const value = traits?.[key];
    if (typeof value === 'string' && value.trim()) clean[key] = value.trim();
  }
  return clean;
}
