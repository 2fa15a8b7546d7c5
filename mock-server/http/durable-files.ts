import { closeSync, fsyncSync, openSync, renameSync, writeSync } from 'node:fs';
import { open } from 'node:fs/promises';
import { dirname } from 'node:path';
import { serialise, type StoreData } from '../store.js';

/**
 * The file operations persistence is built on, each one durable when it returns: data is
 * fsync'd, and so is the directory after a file appears or is renamed (else a power cut can
 * lose the name even though the bytes were written).
 */

function writeAll(fd: number, bytes: Buffer) {
  for (let done = 0; done < bytes.length;) done += writeSync(fd, bytes, done);
}

export function fsyncDirectory(path: string) {
  const fd = openSync(dirname(path), 'r');
  try {
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
}

/** Appends `text` to `path` (made if missing) and waits for the disk. */
export function appendDurably(path: string, text: string, created: boolean) {
  const fd = openSync(path, 'a');
  try {
    writeAll(fd, Buffer.from(text));
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
  if (created) fsyncDirectory(path);
}

/** Makes `path` an empty file, durably (fails where the file cannot be written). */
export function createEmpty(path: string) {
  closeSync(openSync(path, 'w'));
  fsyncDirectory(path);
}

/** The state into `file` at once: a temporary file, fsync'd, then renamed over it. */
export function writeSnapshotSync(file: string, data: StoreData) {
  const tmp = `${file}.tmp`;
  const fd = openSync(tmp, 'w');
  try {
    writeAll(fd, Buffer.from(serialise(data)));
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
  renameSync(tmp, file);
  fsyncDirectory(file);
}

/** How long serialising may hold the event loop before it lets requests in. */
const SLICE_MS = 4;
const CHUNK_CHARS = 512 * 1024;

/**
 * The state into `tmp`, serialised an item at a time and yielding to the event loop every
 * few milliseconds, so that a large store never stalls requests. The result may mix states
 * from the start and the end of the write; the journal replayed over it settles that (see
 * journal-entry.ts). Resolves once the file is fsync'd; renaming it is the caller's.
 */
export async function writeSnapshotAsync(tmp: string, data: StoreData) {
  const handle = await open(tmp, 'w');
  try {
    let pending: string[] = [];
    let pendingChars = 0;
    let sliceStart = performance.now();
    const put = async (text: string) => {
      pending.push(text);
      pendingChars += text.length;
      if (pendingChars >= CHUNK_CHARS) {
        await handle.write(pending.join(''));
        pending = [];
        pendingChars = 0;
        sliceStart = performance.now();
      } else if (performance.now() - sliceStart > SLICE_MS) {
        await new Promise((resolve) => setImmediate(resolve));
        sliceStart = performance.now();
      }
    };
    const keys = Object.keys(data) as (keyof StoreData)[];
    await put('{');
    for (const [k, key] of keys.entries()) {
      const value = data[key];
      await put(`${k ? ',' : ''}${JSON.stringify(key)}:`);
      if (!Array.isArray(value)) {
        await put(JSON.stringify(value));
        continue;
      }
      await put('[');
      // Items pushed meanwhile are written too; a list replaced meanwhile is the journal's.
      for (let i = 0; i < value.length; i++) await put(`${i ? ',' : ''}${JSON.stringify(value[i])}`);
      await put(']');
    }
    await put('}');
    await handle.write(pending.join(''));
    await handle.sync();
  } finally {
    await handle.close();
  }
}
