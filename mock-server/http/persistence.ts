import { existsSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { deserialise, serialise, type Store } from '../store.js';

/**
 * `--data FILE`: the store kept in a JSON file across restarts, as a subscriber of its change
 * feed. Writes are batched (a burst of sends costs one write) and atomic (a temporary file
 * renamed over the old one), so that a crash never leaves half a file; `flush` writes at
 * once, for shutdown, and `stop` unsubscribes.
 */
export function persistTo(store: Store, file: string, delayMs = 200) {
  if (existsSync(file)) {
    try {
      store.load(deserialise(readFileSync(file, 'utf8')));
    } catch (error) {
      throw new Error(`cannot read ${file} as the server's data (${(error as Error).message}); move it away or choose another --data file`);
    }
  }

  let timer: ReturnType<typeof setTimeout> | undefined;
  const flush = () => {
    clearTimeout(timer);
    timer = undefined;
    writeFileSync(`${file}.tmp`, serialise(store.data));
    renameSync(`${file}.tmp`, file);
  };
  const unsubscribe = store.feed.subscribe((change) => {
    // What was loaded came from this file (or needs no saving until it changes).
    if (change.type === 'loaded') return;
    timer ??= setTimeout(flush, delayMs);
  });
  const stop = () => {
    unsubscribe();
    clearTimeout(timer);
    timer = undefined;
  };
  return { flush, stop };
}
