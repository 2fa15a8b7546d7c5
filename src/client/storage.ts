import { clear, del, get, keys, set, type UseStore } from 'idb-keyval';

/** The few operations the client needs from persistent storage. */
export interface KeyValueStorage {
  get<T>(key: string): Promise<T | undefined>;
  set(key: string, value: unknown): Promise<void>;
  delete(key: string): Promise<void>;
  clear(): Promise<void>;
  /** Every stored key (the outbox keeps one key per message). */
  keys(): Promise<string[]>;
  /** Whether anything was ever stored, found without creating anything; absent means "can't tell". */
  exists?(): Promise<boolean>;
  /** True once writes reach memory only (they will not survive a reload); absent means "never". */
  readonly inMemory?: boolean;
}

/** Storage that forgets on reload: the fallback, and handy in tests. */
export class MemoryStorage implements KeyValueStorage {
  readonly #map = new Map<string, unknown>();
  async get<T>(key: string) {
    return structuredClone(this.#map.get(key)) as T | undefined;
  }
  async set(key: string, value: unknown) {
    this.#map.set(key, structuredClone(value));
  }
  async delete(key: string) {
    this.#map.delete(key);
  }
  async clear() {
    this.#map.clear();
  }
  async keys() {
    return [...this.#map.keys()];
  }
}

/**
 * A blocked open (another tab holding an old version open) may never answer: give up after
 * this. Generous on purpose: on a busy phone an open can take seconds, and giving up too soon
 * starts the page on an empty session. Only the open is timed: once the database is open, a
 * slow operation is still an answer, and falling back to memory then would lose the outbox.
 */
const OPEN_TIMEOUT_MS = 10_000;

/**
 * idb-keyval's `createStore`, plus good manners: the connection closes when another tab
 * wants to delete or upgrade the database (so `reset()` elsewhere is never blocked by us),
 * and a blocked open fails instead of waiting forever.
 */
function openStore(name: string, openTimeoutMs: number): UseStore {
  let db: Promise<IDBDatabase> | undefined;
  return (mode, use) => {
    db ??= new Promise<IDBDatabase>((resolve, reject) => {
      const request = indexedDB.open(name);
      request.onupgradeneeded = () => request.result.createObjectStore('state');
      request.onsuccess = () => {
        request.result.onversionchange = () => {
          request.result.close();
          db = undefined;
        };
        resolve(request.result);
      };
      request.onerror = request.onblocked = () => reject(request.error);
      setTimeout(() => reject(new Error('IndexedDB open timed out')), openTimeoutMs);
    }).catch((error: unknown) => {
      db = undefined;
      throw error;
    });
    return db.then((opened) => use(opened.transaction('state', mode).objectStore('state')));
  };
}

/**
 * IndexedDB through idb-keyval, one database per widget token so two widgets on one
 * origin never see each other's session. Any failure (no IndexedDB, private mode,
 * a blocked or corrupt database) switches to memory for the rest of the page's life:
 * the visitor can still chat, the conversation just won't survive a reload.
 */
export class IndexedDbStorage implements KeyValueStorage {
  readonly #name: string;
  readonly #store: UseStore;
  #fallback: MemoryStorage | undefined;

  /** `openTimeoutMs`: how long a blocked open may wait before memory takes over (default 10 s). */
  constructor(token: string, { openTimeoutMs = OPEN_TIMEOUT_MS }: { openTimeoutMs?: number } = {}) {
    this.#name = `support-chat-${token}`;
    this.#store = openStore(this.#name, openTimeoutMs);
  }

  /** True once IndexedDB has failed and values live in memory only. */
  get inMemory() {
    return this.#fallback !== undefined;
  }

  get<T>(key: string) {
    return this.#attempt(
      () => get<T>(key, this.#store),
      (m) => m.get<T>(key),
    );
  }
  set(key: string, value: unknown) {
    return this.#attempt(
      () => set(key, value, this.#store),
      (m) => m.set(key, value),
    );
  }
  delete(key: string) {
    return this.#attempt(
      () => del(key, this.#store),
      (m) => m.delete(key),
    );
  }
  clear() {
    return this.#attempt(
      () => clear(this.#store),
      (m) => m.clear(),
    );
  }
  keys() {
    return this.#attempt(
      () => keys<string>(this.#store),
      (m) => m.keys(),
    );
  }

  /** Lists databases rather than opening ours, since opening would create it. */
  async exists() {
    try {
      return (await indexedDB.databases()).some((db) => db.name === this.#name);
    } catch {
      return false;
    }
  }

  async #attempt<T>(idb: () => Promise<T>, memory: (m: MemoryStorage) => Promise<T>): Promise<T> {
    if (!this.#fallback) {
      try {
        return await idb();
      } catch {
        this.#fallback = new MemoryStorage();
      }
    }
    return memory(this.#fallback);
  }
}
