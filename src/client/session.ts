import type { Credentials } from '../transport/transport.js';
import type { ConsentStorage } from './consent-storage.js';
import type { TabState } from './tab-state.js';

/**
 * Who the visitor is: the anonymous browser session or a verified identity (what requests
 * carry), their name and email, and whether they have consented to storage yet.
 */
export class Session {
  readonly #tab: TabState;
  readonly #consent: ConsentStorage | undefined;
  readonly #siteDistinctId: () => string | undefined;

  /** `siteDistinctId`: the site's id of the visitor (the `distinctId` option), read at every request. */
  constructor(tab: TabState, consent: ConsentStorage | undefined, siteDistinctId: () => string | undefined = () => undefined) {
    this.#tab = tab;
    this.#consent = consent;
    this.#siteDistinctId = siteDistinctId;
    tab.on('consent', () => void consent?.grant());
  }

  /**
   * The `distinct_id` of every request, the same for all of them (sends, reads, the live
   * stream, typing): a verified identity's, else the site's, else the session id.
   */
  get distinctId(): string | undefined {
    return this.#tab.identity?.distinctId || this.#siteDistinctId() || this.#tab.state.sessionId || undefined;
  }

  /** A verified identity carries the session id too: a backend that links then gives the session's tickets to it. */
  get credentials(): Credentials {
    const { identity } = this.#tab;
    if (!identity) return this.sessionCredentials;
    const { sessionId } = this.#tab.state;
    return {
      identityDistinctId: identity.distinctId,
      identityHash: identity.hash,
      ...(sessionId && { widgetSessionId: sessionId }),
      distinctId: this.distinctId,
    };
  }

  /** The browser session's credentials, whoever the visitor is. */
  get sessionCredentials(): Credentials {
    const { sessionId } = this.#tab.state;
    if (!sessionId) throw new Error('support-chat: call start() first');
    return { widgetSessionId: sessionId, distinctId: this.distinctId };
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

  /**
   * Resolves `true` when the identity changed. A visitor who wrote anonymously and logs in
   * keeps what is on show: the tickets stay listed and the ticket open stays open. A backend
   * that links (the reference server) gives them to the identity on the next request; for one
   * that does not, they are read with the session's credentials, as restored ones are (see
   * `Identity.sessionTickets`). Another identity than the one set sees nothing of it.
   */
  async setIdentity(distinctId: string, hash: string) {
    const current = this.#tab.identity;
    if (current?.distinctId === distinctId && current.hash === hash) return false;
    if (!current) {
      const { tickets, currentTicketId } = this.#tab.state;
      const known = [...new Set([...tickets.map((t) => t.id), ...(currentTicketId ? [currentTicketId] : [])])];
      await this.#tab.share({ identity: { distinctId, hash, ...(known.length && { sessionTickets: known }) } });
      return true;
    }
    await this.#tab.share({ identity: { distinctId, hash }, currentTicketId: null, draft: null, tickets: [] });
    return true;
  }

  /**
   * Logging out: a fresh anonymous session (a new session id), so that nothing of the
   * identity's, its tickets linked from the old session included, shows to whoever uses the
   * browser next. The outbox and the stored name and email stay; `reset()` forgets them too.
   */
  async clearIdentity() {
    if (!this.#tab.identity) return false;
    await this.#tab.share({
      identity: null,
      sessionId: crypto.randomUUID(),
      currentTicketId: null,
      draft: null,
      tickets: [],
    });
    return true;
  }
}

/** `setIdentity`'s arguments: a distinct id and a hex HMAC-SHA256, else a `RangeError`. */
export function checkIdentity(distinctId: unknown, hash: unknown) {
  if (typeof distinctId !== 'string' || !distinctId || typeof hash !== 'string' || !/^[0-9a-f]{64}$/i.test(hash)) {
    throw new RangeError('support-chat: setIdentity needs a distinct id and its hex HMAC-SHA256');
  }
}
