import type { KeyValueStorage } from './storage.js';

/**
 * For sites under GDPR/ePrivacy rules: nothing reaches the real storage until the visitor
 * first interacts with the widget. Until `grant()`, writes are held in memory (the widget
 * works normally for the page's life) and reads see them; `grant()` then writes them through.
 * A visitor who interacted on an earlier visit already has stored data: that counts as
 * consent given, so the client grants at once (see `previouslyGranted`).
 */
export class ConsentStorage implements KeyValueStorage {
  /** Held writes by key; `undefined` marks a delete. Gone once consent is given. */
  #held: Map<string, unknown> | undefined = new Map();
  #cleared = false;

  readonly #inner: KeyValueStorage;

  constructor(inner: KeyValueStorage) {
    this.#inner = inner;
  }

  /** Held writes are in memory by design: only the real storage failing counts. */
  get inMemory() {
    return this.#inner.inMemory;
  }

  get granted() {
    return !this.#held;
  }

  /** Stored data from an earlier visit means the visitor interacted then. */
  async previouslyGranted() {
    // IndexedDB would create the database just to list its keys, so it answers `exists()` instead.
    return this.#inner.exists ? this.#inner.exists() : (await this.#inner.keys()).length > 0;
  }

  async grant() {
    const held = this.#held;
    if (!held) return;
    this.#held = undefined;
    if (this.#cleared) await this.#inner.clear();
    await Promise.all([...held].map(([k, v]) => (v === undefined ? this.#inner.delete(k) : this.#inner.set(k, v))));
  }

  async get<T>(key: string): Promise<T | undefined> {
    if (!this.#held) return this.#inner.get<T>(key);
    return this.#held.has(key) ? (structuredClone(this.#held.get(key)) as T) : undefined;
  }
  async set(key: string, value: unknown) {
    if (this.#held) this.#held.set(key, structuredClone(value));
    else await this.#inner.set(key, value);
  }
  async delete(key: string) {
    if (this.#held) this.#held.set(key, undefined);
    else await this.#inner.delete(key);
  }
  async clear() {
    if (!this.#held) return this.#inner.clear();
    this.#held.clear();
    this.#cleared = true;
  }
  async keys() {
    if (!this.#held) return this.#inner.keys();
    return [...this.#held].filter(([, v]) => v !== undefined).map(([k]) => k);
  }
}
