import type {
  CollectionName,
  Collections,
  MailboxEntry,
  StoredAttachment,
  StoredMessage,
  StoredTicket,
  TicketChanges,
} from './data.js';

/** Who types: the visitor, or a team member. */
export type TypingSide = 'customer' | 'team';

/**
 * What changed in the store, one record per change, in the order they happened. The records
 * carry the live objects (read them when the record comes, do not keep them): enough for a
 * subscriber to persist, to push to a stream or to fire a webhook without diffing the state.
 */
export type StoreChange =
  /** A new ticket (from a first customer message or the team API). */
  | { type: 'ticket-created'; ticket: StoredTicket }
  /** Fields of a ticket changed; `changes` holds those that did, with their new values. */
  | { type: 'ticket'; ticket: StoredTicket; changes: TicketChanges }
  | { type: 'ticket-deleted'; ticket: StoredTicket }
  /**
   * A message, private notes included: subscribers decide who may see it. `origin`: where
   * the request that made it came, for attachment URLs that leave with it (webhooks).
   */
  | { type: 'message'; ticket: StoredTicket; message: StoredMessage; origin?: string }
  /** A file was uploaded (its bytes are already in the blob store); it waits to be sent. */
  | { type: 'attachment'; attachment: StoredAttachment }
  /** The customer marked the ticket read, or the team opened it. */
  | { type: 'read'; ticket: StoredTicket; by: 'customer' | 'team' }
  /**
   * Someone started or stopped typing on a ticket: the visitor (`customer`) or a team member
   * (`team`, with their name). It changes no state; it exists for the live streams.
   */
  | { type: 'typing'; ticket: StoredTicket; side: TypingSide; author_name: string | null; typing: boolean }
  /** A restore link was mailed (only ever for a known email). */
  | { type: 'mail'; mail: MailboxEntry }
  /** A restore token was redeemed: these tickets now belong to `session_id`. */
  | { type: 'restored'; session_id: string; tickets: StoredTicket[] }
  /** The customer rated the ticket (its `rating` is new, and an event was logged). */
  | { type: 'rated'; ticket: StoredTicket }
  /** A team setting was made or changed (a saved view, a webhook, a delivery's try, …): `item` in full. */
  | SettingSaved
  /** A team setting was deleted: the item of `collection` whose key is `key`. */
  | { type: 'removed'; collection: CollectionName; key: string }
  /** Everything was cleared (`POST /api/_dev/reset`). */
  | { type: 'reset' }
  /**
   * The state was replaced by a saved one (a data file, another tab). Subscribers that derive
   * something from the state re-read it; the persisting ones skip it, it came from them.
   */
  | { type: 'loaded' };

/** One `saved` record per kind of setting, so that `item` has the type of its `collection`. */
export type SettingSaved = { [K in CollectionName]: { type: 'saved'; collection: K; item: Collections[K] } }[CollectionName];

export type ChangeListener = (change: StoreChange) => void;

/** One feed of the store's changes, for any number of subscribers. */
export class ChangeFeed {
  #listeners = new Set<ChangeListener>();

  /** Calls `listener` with every change from now on; returns the function that stops it. */
  subscribe(listener: ChangeListener): () => void {
    this.#listeners.add(listener);
    return () => this.#listeners.delete(listener);
  }

  get size(): number {
    return this.#listeners.size;
  }

  /**
   * Tells every subscriber. One that throws does not keep the change from the others; the
   * first error is rethrown afterwards, so that the request that made the change still fails
   * as it did when there was a single listener (e.g. a full localStorage).
   */
  publish(change: StoreChange) {
    let failure: { error: unknown } | undefined;
    // A copy: a listener may subscribe or unsubscribe while it is called.
    for (const listener of [...this.#listeners]) {
      try {
        listener(change);
      } catch (error) {
        failure ??= { error };
      }
    }
    if (failure) throw failure.error;
  }
}
