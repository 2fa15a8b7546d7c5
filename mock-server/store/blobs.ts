/**
 * Where attachment bytes live, apart from the JSON state (which holds only their records):
 * in memory in Node tests, in IndexedDB in the browser runtime (attachments/indexeddb-blobs.ts),
 * and in `FILE.files/` beside `--data FILE` for the standalone server (http/file-blobs.ts).
 * Every blob is stored under its attachment's id, a UUID the server made: never under a
 * name a client chose.
 */
export interface BlobStore {
  /** Resolves once the bytes are kept (on disk: fsync'd), so that an answer after it is durable. */
  put(id: string, bytes: Uint8Array): Promise<void>;
  get(id: string): Promise<Uint8Array | undefined>;
  delete(ids: readonly string[]): Promise<void>;
  /** Everything goes (`POST /api/_dev/reset`). */
  clear(): Promise<void>;
}

/** Blobs in this process's memory: Node tests, and the standalone server without `--data`. */
export class MemoryBlobs implements BlobStore {
  readonly #blobs = new Map<string, Uint8Array>();

  async put(id: string, bytes: Uint8Array) {
    this.#blobs.set(id, bytes);
  }

  async get(id: string) {
    return this.#blobs.get(id);
  }

  async delete(ids: readonly string[]) {
    for (const id of ids) this.#blobs.delete(id);
  }

  async clear() {
    this.#blobs.clear();
  }
}
