import { clear, createStore, delMany, get, set, type UseStore } from 'idb-keyval';
import { MemoryBlobs, type BlobStore } from '../store.js';

/**
 * Attachment bytes in the browser runtime: IndexedDB, which (unlike localStorage, where the
 * records live) holds binary data and megabytes, and is shared by the site's tabs like the
 * records are. Where IndexedDB is missing or refuses (a private window of some browsers),
 * the bytes stay in this page's memory: uploads still work until the page is reloaded.
 */
export class IndexedDbBlobs implements BlobStore {
  readonly #db: UseStore;
  readonly #fallback = new MemoryBlobs();
  #broken = typeof indexedDB === 'undefined';

  constructor(name = 'support-chat-reference-server-files') {
    this.#db = this.#broken ? (undefined as unknown as UseStore) : createStore(name, 'blobs');
  }

  /** `action` on IndexedDB, or on memory from the first time IndexedDB fails. */
  async #use<T>(action: (db: UseStore) => Promise<T>, fallback: () => Promise<T>): Promise<T> {
    if (!this.#broken) {
      try {
        return await action(this.#db);
      } catch {
        this.#broken = true;
      }
    }
    return fallback();
  }

  put(id: string, bytes: Uint8Array) {
    return this.#use(
      (db) => set(id, bytes, db),
      () => this.#fallback.put(id, bytes),
    );
  }

  get(id: string) {
    return this.#use(
      async (db) => (await get<Uint8Array>(id, db)) ?? (await this.#fallback.get(id)),
      () => this.#fallback.get(id),
    );
  }

  delete(ids: readonly string[]) {
    void this.#fallback.delete(ids);
    return this.#use(
      (db) => delMany([...ids], db),
      async () => {},
    );
  }

  clear() {
    void this.#fallback.clear();
    return this.#use(
      (db) => clear(db),
      async () => {},
    );
  }
}
