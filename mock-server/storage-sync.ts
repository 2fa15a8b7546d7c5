import { deserialise, serialise, type Store } from './store.js';

export const STORAGE_KEY = 'support-chat-reference-server';

/** The parts of `window` the sync needs, so that Node tests can hand it fakes. */
export interface StorageHost {
  storage: Pick<Storage, 'getItem' | 'setItem' | 'removeItem'>;
  addEventListener(type: 'storage', listener: (event: { key: string | null }) => void): void;
}

/**
 * Keeps the store in Web Storage, as a real backend keeps its state: it survives a page
 * reload. MSW runs the handlers in each page, so every tab has its own copy of the store;
 * the `storage` event (fired in the other tabs) keeps the copies in step, e.g. the demo site
 * in one tab and the agent inbox in another. Saving is a subscriber of the store's change
 * feed; returns the function that unsubscribes it.
 */
export function syncWithStorage(store: Store, { storage, addEventListener }: StorageHost, key = STORAGE_KEY): () => void {
  const loadSaved = () => {
    const saved = storage.getItem(key);
    if (!saved) return;
    try {
      store.load(deserialise(saved));
    } catch {
      storage.removeItem(key); // a corrupt save must not break the demo
    }
  };
  loadSaved();
  addEventListener('storage', (event) => {
    if (event.key === key) loadSaved();
  });
  // A load came from storage: writing it back would only echo it. Typing changes no state, and a
  // write would make every other tab reload (and reset its live streams) for nothing.
  return store.feed.subscribe((change) => {
    if (change.type !== 'loaded' && change.type !== 'typing') storage.setItem(key, serialise(store.data));
  });
}
