import type { GetTicketsRequest } from '../transport/transport.js';
import type { SupportChatApi } from './api.js';
import type { Traits } from '../transport/wire-types.js';
import { loadAttachments } from './attachments/load-attachments.js';
import type { ClientParts } from './client-parts.js';
import type { Clock } from './clock.js';
import type { ConversationParts } from './conversation-parts.js';
import { dispatch } from './events.js';
import { ratingSlot, type RatingPart } from './rating-slot.js';
import { redeemRestoreToken, requestRestoreLink } from './restore-flow.js';
import { STORED } from './stored-fields.js';
import type { OperationName, SupportChatClient } from './support-chat-client.js';
import { MAX_MESSAGE_LENGTH, fitsMessageLimit, normaliseEmail } from './visitor-input.js';

/**
 * The client's operations that need the conversation parts: sending, reading, choosing a
 * conversation, the visitor's name and email, the restore flow, rating, `reset`. They come
 * with the conversation file, beside those parts, so that the first file (what every page
 * loads) holds only the calls a page makes before the visitor opens the widget; the client
 * installs each of them as a method (see `SupportChatClient`), documented in `SupportChatApi`.
 */
export class ClientOperations implements Pick<SupportChatApi, OperationName> {
  readonly #core: ClientParts;
  readonly #late: Omit<ConversationParts, 'operations'>;
  readonly #client: SupportChatClient;
  readonly #clock: Clock;
  /** The order of `sendMessage` calls, which is the order of delivery (see `sendMessage`). */
  #lastQueued = 0;
  #rating: RatingPart | undefined;

  constructor(core: ClientParts, late: Omit<ConversationParts, 'operations'>, clock: Clock) {
    this.#core = core;
    this.#late = late;
    this.#client = core.client;
    this.#clock = clock;
  }

  /**
   * `files` (when `getAttachmentLimits()` has limits) go with the message, which may then have
   * no text. They are stored before this resolves its first step, uploaded, then attached once.
   * A file the limits refuse rejects the call (a RangeError; `checkAttachments()` says why) before any upload.
   */
  async sendMessage(message: string, traits?: Traits, newTicket = false, files: readonly File[] = []) {
    const text = String(message ?? '').trim();
    if (!text && !files.length) throw new RangeError('support-chat: a message cannot be empty');
    if (!fitsMessageLimit(text)) throw new RangeError(`support-chat: a message is at most ${MAX_MESSAGE_LENGTH} characters`);
    const { tab, consent, session } = this.#core;
    const queuedAt = (this.#lastQueued = Math.max(this.#clock.now(), this.#lastQueued + 1));
    // No needless await: once started, the message shows as `sending` before this call returns.
    if (!tab.state.ready) await this.#client.start();
    if (consent && !consent.granted) await session.interacted();
    const { live, queue } = this.#late;
    live.visitorTyping.set(false);
    this.#clearPrefill();
    tab.clearError(true); // a ticket_gone notice has been read
    return queue.send(text, cleanTraits(traits), newTicket, queuedAt, files, () => this.getAttachmentLimits());
  }

  /** `null` when the backend takes none (a plain backend, or a transport without `uploadAttachment`): a UI offers no attach button then. */
  async getAttachmentLimits() {
    const { transport, capabilities } = this.#core;
    const offered = transport.uploadAttachment && (await capabilities())?.attachments;
    return offered ? (await loadAttachments()).limitsOf(offered) : null;
  }

  /** Every file is refused by a backend without attachments. */
  async checkAttachments<F extends File>(files: Iterable<F>, already = 0) {
    const limits = await this.getAttachmentLimits();
    return (await loadAttachments()).checkFiles(files, limits, already);
  }

  cancelAttachment(clientMessageId: string, key: string) {
    return this.#late.queue.cancelAttachment(clientMessageId, key);
  }

  async retryMessage(clientMessageId: string) {
    const { queue } = this.#late;
    const entry = queue.outbox.find(clientMessageId);
    if (entry?.state !== 'failed') return null;
    await this.#core.session.interacted();
    return queue.enqueue({ ...entry, state: 'sending', failure: undefined, tab: this.#core.tab.tabs.id });
  }

  discardMessage(clientMessageId: string) {
    return this.#late.queue.discard(clientMessageId);
  }

  async getMessages(ticketId?: string, after?: string) {
    const id = await this.#ticket(ticketId);
    return id ? this.#late.sync.getMessages(id, after) : null;
  }

  async markAsRead(ticketId?: string) {
    const id = await this.#ticket(ticketId);
    return id ? this.#late.sync.markAsRead(id) : null;
  }

  async #ticket(ticketId: string | undefined) {
    await this.#client.start();
    return ticketId ?? this.#core.tab.state.currentTicketId;
  }

  async getTickets(options: GetTicketsRequest = {}) {
    await this.#client.start();
    return this.#late.sync.getTickets(options);
  }

  async selectTicket(ticketId: string | null) {
    const { tab, session } = this.#core;
    await this.#client.start();
    await session.interacted();
    tab.clearError(true);
    this.#clearPrefill();
    if (ticketId === tab.state.currentTicketId && !tab.draft) return;
    await tab.share({ currentTicketId: ticketId, draft: null });
    if (ticketId) await this.#client.refresh();
  }

  async showNewMessage(text = '') {
    await this.selectTicket(null);
    // Never more than a message may hold: the visitor could not send it.
    this.#core.tab.update({ prefill: { text: Array.from(String(text)).slice(0, MAX_MESSAGE_LENGTH).join('') } });
    this.#client.openPanel();
  }

  /** The text `showNewMessage` gave is used (sent) or moot (another conversation). */
  #clearPrefill() {
    const { tab } = this.#core;
    if (tab.state.prefill) tab.update({ prefill: null });
  }

  /** The rating travels in the panel file: until that is loaded (on open, or ahead when idle), always `none`. */
  ratingOffer() {
    return this.#ratingPart()?.offer() ?? Promise.resolve('none' as const);
  }

  async rate(score: number, comment?: string) {
    const part = this.#ratingPart();
    if (!part) throw new Error('support-chat: the rating comes with the panel file');
    return part.rate(score, comment);
  }

  #ratingPart() {
    return (this.#rating ??= ratingSlot.make?.(this.#core));
  }

  async identify(traits: Traits) {
    await this.#client.start();
    const { tab, session } = this.#core;
    await session.interacted();
    const merged = { ...tab.state.traits, ...cleanTraits(traits) };
    if (JSON.stringify(merged) === JSON.stringify(tab.state.traits)) return;
    await tab.share({ traits: merged });
    dispatch(tab.eventTarget, 'support-chat-identified', { hasName: !!merged.name, hasEmail: !!merged.email });
  }

  async requestRestoreLink(email: string) {
    const normal = normaliseEmail(email);
    await this.#client.start();
    const { tab, session, transport, restore } = this.#core;
    await requestRestoreLink(tab, session, transport, restore.param, normal);
  }

  async restoreFromUrlToken() {
    const { tab, session, transport, restore } = this.#core;
    if (!tab.state.ready) await this.#client.start(); // once started, the question goes at once
    const token = restore.take();
    const result = token && (await redeemRestoreToken(tab, session, transport, token));
    if (result && result.status === 'success') void this.#client.refresh();
    return result || null;
  }

  async reset() {
    await this.#client.start();
    const { tab, storage } = this.#core;
    const sessionId = crypto.randomUUID();
    tab.broadcast({ t: 'reset', sessionId });
    await storage.clear();
    await storage.set(STORED.sessionId, sessionId);
  }
}

/** Only a trimmed name and email, as strings: whatever else a caller passes is not sent. */
function cleanTraits(traits: Traits | undefined): Traits {
  const clean: Traits = {};
  for (const key of ['name', 'email'] as const) {
    const value = traits?.[key];
    if (typeof value === 'string' && value.trim()) clean[key] = value.trim();
  }
  return clean;
}
