import {
  closeSync,
  existsSync,
  fsyncSync,
  mkdirSync,
  openSync,
  readdirSync,
  readFileSync,
  renameSync,
  rmSync,
  writeSync,
} from 'node:fs';
import { join } from 'node:path';
import { HttpError } from '../lib/errors.js';
import { UUID } from '../lib/fields.js';
import type { BlobStore } from '../store.js';
import { fsyncDirectory } from './durable-files.js';

/**
 * Attachment bytes beside `--data FILE`, in `FILE.files/`, one file per attachment named by
 * its id (a UUID the server made; a client's file name never reaches the file system).
 * A put is durable when it resolves: written to a temporary file, fsync'd, renamed, and the
 * folder fsync'd, before the upload's record is journaled and answered, so a file answered
 * 2xx survives `kill -9` as the journal's writes do. The calls are synchronous on purpose:
 * a reset's `clear` can then never race a put half done.
 */
export class FileBlobs implements BlobStore {
  /**
   * The folder is made with the first file, beside the data file: never its parents (a
   * missing data folder is a save that fails, with a 503, as the journal's does).
   */
  constructor(readonly dir: string) {}

  #path(id: string) {
    // Defence in depth: only the server's own ids ever become paths.
    if (!UUID.test(id)) throw new Error(`not an attachment id: ${JSON.stringify(id)}`);
    return join(this.dir, id.toLowerCase());
  }

  async put(id: string, bytes: Uint8Array) {
    const path = this.#path(id);
    const tmp = `${path}.tmp`;
    try {
      if (!existsSync(this.dir)) {
        mkdirSync(this.dir);
        fsyncDirectory(this.dir);
      }
      const fd = openSync(tmp, 'w');
      try {
        for (let done = 0; done < bytes.length;) done += writeSync(fd, bytes, done);
        fsyncSync(fd);
      } finally {
        closeSync(fd);
      }
      renameSync(tmp, path);
      fsyncDirectory(path);
    } catch (error) {
      rmSync(tmp, { force: true });
      console.error(`mock-server: cannot save an attachment to ${this.dir} (${(error as Error).message})`);
      throw new HttpError(
        503,
        'The server could not save this file (its data folder is not writable); nothing was kept, try again later',
      );
    }
  }

  async get(id: string) {
    const path = this.#path(id);
    return existsSync(path) ? new Uint8Array(readFileSync(path)) : undefined;
  }

  async delete(ids: readonly string[]) {
    for (const id of ids) rmSync(this.#path(id), { force: true });
  }

  async clear() {
    if (!existsSync(this.dir)) return;
    for (const name of readdirSync(this.dir)) rmSync(join(this.dir, name), { force: true });
  }

  /**
   * Removes what no record names: files of uploads whose record never reached the journal
   * (a crash between the two; never answered) and half-written temporary files.
   */
  prune(known: ReadonlySet<string>) {
    if (!existsSync(this.dir)) return;
    for (const name of readdirSync(this.dir)) if (!known.has(name)) rmSync(join(this.dir, name), { force: true });
  }
}
