import { clear, createStore, delMany, get, set, type UseStore } from 'idb-keyval';
import { MemoryBlobs, type BlobStore } from '../store.js';

/**
 * Attachment bytes in the browser runtime: IndexedDB, which (unlike localStorage, where the
 * records live) holds binary data and megabytes, and is shared by the site's tabs like the
 * records are. Where IndexedDB is missing or refuses (a private window of some browsers, a
 * full quota), the bytes stay in this page's memory: uploads still work until the page is
 * reloaded. A refused write sends later writes to memory, but reads and deletions still try
 * IndexedDB too: the files kept there before it refused are still served, and still deleted.
 */
export class IndexedDbBlobs implements BlobStore {
  readonly #db: UseStore | undefined;
  readonly #fallback = new MemoryBlobs();
  /** IndexedDB refused a write: the next ones go to memory. */
  #writesRefused = false;

  constructor(name = 'support-chat-reference-server-files') {
    this.#db = typeof indexedDB === 'undefined' ? undefined : createStore(name, 'blobs');
  }

  /** `action` on IndexedDB; undefined where there is none or it fails. */
  async #tryDb<T>(action: (db: UseStore) => Promise<T>): Promise<T | undefined> {
    if (!this.#db) return undefined;
    try {
      return await action(this.#db);
    } catch {
      return undefined;
    }
  }

  async put(id: string, bytes: Uint8Array) {
    if (this.#db && !this.#writesRefused) {
      try {
        return await set(id, bytes, this.#db);
      } catch {
        this.#writesRefused = true;
      }
    }
    return this.#fallback.put(id, bytes);
  }

  async get(id: string) {
    return (await this.#fallback.get(id)) ?? (await this.#tryDb((db) => get<Uint8Array>(id, db)));
  }

  async delete(ids: readonly string[]) {
    await this.#fallback.delete(ids);
    await this.#tryDb((db) => delMany([...ids], db));
  }

  async clear() {
    await this.#fallback.clear();
    await this.#tryDb((db) => clear(db));
  }
}
