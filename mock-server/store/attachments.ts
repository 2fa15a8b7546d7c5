import { MAX_ATTACHMENTS_PER_MESSAGE } from '../../contract/attachments.js';
import type { Clock } from './clock.js';
import type { StoreData, StoredAttachment, StoredMessage } from './data.js';
import type { ChangeFeed } from './feed.js';

/** An upload as the handler hands it over: checked, cleaned, its bytes already kept. */
export type NewAttachment = Pick<StoredAttachment, 'id' | 'name' | 'content_type' | 'size' | 'uploader' | 'ticket_id'>;

/** The records of uploaded files, and the rules of `attachment_ids` on a message. */
export class Attachments {
  #byId = new Map<string, StoredAttachment>();

  constructor(
    private readonly data: () => StoreData,
    private readonly clock: Clock,
    private readonly feed: ChangeFeed,
  ) {}

  reindex() {
    this.#byId = new Map(this.data().attachments.map((a) => [a.id, a]));
  }

  get(id: string): StoredAttachment | undefined {
    return this.#byId.get(id.toLowerCase());
  }

  add(fields: NewAttachment): StoredAttachment {
    const attachment: StoredAttachment = { ...fields, message_id: null, created_at: this.clock.stamp() };
    this.data().attachments.push(attachment);
    this.#byId.set(attachment.id, attachment);
    this.feed.publish({ type: 'attachment', attachment });
    return attachment;
  }

  /**
   * Why `ids` cannot go on a message of `uploader`, or undefined if they can: each must be
   * an upload of that very caller (a team upload: of that ticket) not yet on a message.
   * Another caller's id is as unknown as one that never was, so that nothing tells them apart.
   */
  problem(uploader: string, ids: readonly string[]): string | undefined {
    if (ids.length > MAX_ATTACHMENTS_PER_MESSAGE) return `must hold at most ${MAX_ATTACHMENTS_PER_MESSAGE} ids`;
    if (new Set(ids).size !== ids.length) return 'must not repeat an id';
    for (const id of ids) {
      const attachment = this.get(id);
      if (!attachment || attachment.uploader !== uploader) return `${id} is not an attachment you uploaded`;
      if (attachment.message_id !== null) return `${id} is already on a message`;
    }
    return undefined;
  }

  /** The message takes its attachments (checked by `problem` first): they are its from now on. */
  claim(message: StoredMessage) {
    for (const attachment of this.of(message)) {
      attachment.message_id = message.id;
      attachment.ticket_id = message.ticket_id;
    }
  }

  /** A message's attachments, in the order sent. */
  of(message: Pick<StoredMessage, 'attachment_ids'>): StoredAttachment[] {
    return (message.attachment_ids ?? []).map((id) => this.get(id)).filter((a): a is StoredAttachment => !!a);
  }

  /** Removes the records of a deleted ticket's attachments; returns their ids (for the blob store). */
  deleteOfTicket(ticketId: string): string[] {
    const data = this.data();
    const gone = data.attachments.filter((a) => a.ticket_id === ticketId).map((a) => a.id);
    if (!gone.length) return gone;
    data.attachments = data.attachments.filter((a) => a.ticket_id !== ticketId);
    this.reindex();
    return gone;
  }
}
