import { RESTORE_CODES, RESTORE_PARAM } from '../../contract/names.js';
import { normaliseEmailAddress as normaliseEmail } from '../../contract/text.js';
import { randomUrlToken, sha256Hex } from '../lib/crypto.js';
import type { Clock } from './clock.js';
import type { RestoreResult, StoreData, StoredTicket } from './data.js';
import type { ChangeFeed } from './feed.js';

export const RESTORE_TOKEN_TTL_MS = 60 * 60 * 1000;

/**
 * Restore by email: the single-use tokens (only their hashes kept), the dev mailbox the
 * links are "sent" to, and moving an email's tickets to the browser that redeems one.
 */
export class Restore {
  constructor(
    private readonly data: () => StoreData,
    private readonly clock: Clock,
    private readonly feed: ChangeFeed,
  ) {}

  /**
   * Mails a single-use link if any ticket carries this email; otherwise does nothing, and
   * the caller answers the same either way so that nobody can learn which emails exist.
   */
  async request(email: string, requestUrl: URL): Promise<void> {
    const address = normaliseEmail(email);
    if (!this.ticketsByEmail(address).length) return;
    const token = randomUrlToken();
    const now = this.clock.nowMs();
    const data = this.data();
    data.restoreTokens.push({
      id: crypto.randomUUID(),
      token_hash: await sha256Hex(token),
      email: address,
      created_at: new Date(now).toISOString(),
      expires_at: new Date(now + RESTORE_TOKEN_TTL_MS).toISOString(),
      consumed_at: null,
      consumed_by_session_id: null,
    });
    const link = new URL(requestUrl);
    link.searchParams.set(RESTORE_PARAM, token);
    link.hash = '';
    const mail = {
      to: address,
      subject: 'Continue your support conversation',
      text: `Open this link to continue your conversations in this browser (valid for 60 minutes, once):\n${link}`,
      link: link.toString(),
      sent_at: this.clock.stamp(),
    };
    data.mailbox.push(mail);
    this.feed.publish({ type: 'mail', mail });
  }

  /**
   * Checks in an order that leaks nothing: unknown → invalid; consumed (before expiry, so
   * an old used token says "used") → used; past its time → expired. Success moves every
   * ticket of the email to `sessionId` and uses up the email's other tokens.
   */
  async redeem(token: string, sessionId: string, distinctId: string | null): Promise<RestoreResult> {
    const hash = await sha256Hex(token);
    const data = this.data();
    const record = data.restoreTokens.find((t) => t.token_hash === hash);
    if (!record) return { status: 'invalid', code: RESTORE_CODES.invalid };
    if (record.consumed_at) return { status: 'used', code: RESTORE_CODES.used };
    if (Date.parse(record.expires_at) <= this.clock.nowMs()) return { status: 'expired', code: RESTORE_CODES.expired };

    const now = new Date(this.clock.nowMs()).toISOString();
    record.consumed_at = now;
    record.consumed_by_session_id = sessionId;
    const tickets = this.ticketsByEmail(record.email);
    for (const ticket of tickets) {
      ticket.session_id = sessionId;
      if (distinctId) ticket.distinct_id = distinctId;
    }
    for (const other of data.restoreTokens) {
      if (other.email === record.email && !other.consumed_at) other.consumed_at = now;
    }
    this.feed.publish({ type: 'restored', session_id: sessionId, tickets });
    return { status: 'success', widget_session_id: sessionId, migrated_ticket_ids: tickets.map((t) => t.id) };
  }

  private ticketsByEmail(address: string): StoredTicket[] {
    return this.data().tickets.filter((t) => typeof t.traits.email === 'string' && normaliseEmail(t.traits.email) === address);
  }
}
