import { existsSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import type { Store, StoreData } from '../store.js';

/**
 * `--data FILE`: the store kept in a JSON file across restarts. Writes are batched (a burst
 * of sends costs one write) and atomic (a temporary file renamed over the old one), so that
 * a crash never leaves half a file; `flush` writes at once, for shutdown.
 */
export function persistTo(store: Store, file: string, delayMs = 200) {
  if (existsSync(file)) {
    let data: StoreData;
    try {
      data = JSON.parse(readFileSync(file, 'utf8')) as StoreData;
    } catch (error) {
      throw new Error(`cannot read ${file} as the server's data (${(error as Error).message}); move it away or choose another --data file`);
    }
    store.load(data);
  }

  let timer: ReturnType<typeof setTimeout> | undefined;
  const flush = () => {
    clearTimeout(timer);
    timer = undefined;
    writeFileSync(`${file}.tmp`, JSON.stringify(store.data));
    renameSync(`${file}.tmp`, file);
  };
  store.onChange = () => {
    timer ??= setTimeout(flush, delayMs);
  };
  return { flush };
}
