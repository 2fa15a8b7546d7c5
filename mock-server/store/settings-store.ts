import { keyOf, type CollectionName, type Collections, type StoreData } from './data.js';
import type { ChangeFeed, SettingSaved } from './feed.js';

/**
 * The team's settings lists (saved views, canned responses, webhooks, deliveries,
 * automations): one generic keeper, so that every kind is saved, journaled and replayed the
 * same way. Each write publishes the item in full (`saved`) or its key (`removed`).
 */
export class Settings {
  constructor(
    private readonly data: () => StoreData,
    private readonly feed: ChangeFeed,
  ) {}

  /** In the order they were made (automations run in this order). */
  list<K extends CollectionName>(collection: K): readonly Collections[K][] {
    return this.data()[collection] as Collections[K][];
  }

  get<K extends CollectionName>(collection: K, key: string): Collections[K] | undefined {
    return this.list(collection).find((item) => keyOf(collection, item) === key);
  }

  /** Adds the item, or replaces the one with its key (a change is saved in full, never as a diff). */
  save<K extends CollectionName>(collection: K, item: Collections[K]): Collections[K] {
    const list = this.data()[collection] as Collections[K][];
    const at = list.findIndex((other) => keyOf(collection, other) === keyOf(collection, item));
    if (at === -1) list.push(item);
    else list[at] = item;
    this.feed.publish({ type: 'saved', collection, item } as SettingSaved);
    return item;
  }

  /** Deletes the item with this key; false if there was none. */
  remove(collection: CollectionName, key: string): boolean {
    const data = this.data();
    const list = data[collection] as Array<Collections[CollectionName]>;
    const kept = list.filter((item) => keyOf(collection, item) !== key);
    if (kept.length === list.length) return false;
    (data as unknown as Record<CollectionName, unknown[]>)[collection] = kept;
    this.feed.publish({ type: 'removed', collection, key });
    return true;
  }
}
