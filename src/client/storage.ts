import { clear, createStore, del, get, set, type UseStore } from 'idb-keyval';

/** The few operations the client needs from persistent storage. */
export interface KeyValueStorage {
  get<T>(key: string): Promise<T | undefined>;
  set(key: string, value: unknown): Promise<void>;
  delete(key: string): Promise<void>;
  clear(): Promise<void>;
}

/** Storage that forgets on reload: the fallback, and handy in tests. */
export class MemoryStorage implements KeyValueStorage {
  private readonly map = new Map<string, unknown>();
  async get<T>(key: string) {
    return structuredClone(this.map.get(key)) as T | undefined;
  }
  async set(key: string, value: unknown) {
    this.map.set(key, structuredClone(value));
  }
  async delete(key: string) {
    this.map.delete(key);
  }
  async clear() {
    this.map.clear();
  }
}

/**
 * IndexedDB through idb-keyval, one database per widget token so two widgets on one
 * origin never see each other's session. Any failure (no IndexedDB, private mode,
 * a blocked or corrupt database) switches to memory for the rest of the page's life:
 * the visitor can still chat, the conversation just won't survive a reload.
 */
export class IndexedDbStorage implements KeyValueStorage {
  private store: UseStore | undefined;
  private fallback: MemoryStorage | undefined;

  constructor(token: string) {
    try {
      this.store = createStore(`support-chat-${token}`, 'state');
    } catch {
      this.fallback = new MemoryStorage();
    }
  }

  /** True once IndexedDB has failed and values live in memory only. */
  get inMemory() {
    return this.fallback !== undefined;
  }

  get<T>(key: string) {
    return this.attempt(() => get<T>(key, this.store), (m) => m.get<T>(key));
  }
  set(key: string, value: unknown) {
    return this.attempt(() => set(key, value, this.store), (m) => m.set(key, value));
  }
  delete(key: string) {
    return this.attempt(() => del(key, this.store), (m) => m.delete(key));
  }
  clear() {
    return this.attempt(() => clear(this.store), (m) => m.clear());
  }

  private async attempt<T>(idb: () => Promise<T>, memory: (m: MemoryStorage) => Promise<T>): Promise<T> {
    if (!this.fallback) {
      try {
        return await idb();
      } catch {
        this.fallback = new MemoryStorage();
      }
    }
    return memory(this.fallback);
  }
}
