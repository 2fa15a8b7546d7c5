import { existsSync, readFileSync, renameSync, rmSync } from 'node:fs';
import { HttpError } from '../lib/errors.js';
import type { Store, StoreData } from '../store.js';
import { emptyData } from '../store.js';
import { checkData, ShapeError } from './data-shape.js';
import { appendDurably, createEmpty, fsyncDirectory, writeSnapshotAsync, writeSnapshotSync } from './durable-files.js';
import { JournalRecorder, parseEntry, Replay } from './journal-entry.js';

export interface PersistOptions {
  /** Fold the journal into the file once it is this large... */
  foldBytes?: number;
  /** ...or this long after the last change. */
  idleFoldMs?: number;
  /** While saving fails, try again at most this often (a retry rewrites the whole file). */
  retryMs?: number;
  log?: (line: string) => void;
}

export interface Persistence {
  /** Throws a 503 `HttpError` when changes cannot be saved now (before a request that may write). */
  beforeWrite(): void;
  /** Everything into the file at once (shutdown); throws if that fails. */
  flush(): void;
  /** Resolves when no fold is running (tests). */
  settled(): Promise<void>;
  stop(): void;
}

/**
 * `--data FILE`: the store kept across restarts, crashes included. Every change (a record of
 * the store's feed) is appended to `FILE.journal` and fsync'd synchronously, inside the feed
 * subscriber, so it is on disk before the handler that made it returns, and thus before any
 * answer is written: a write answered 2xx survives `kill -9`. Now and then the journal is
 * folded into FILE, off the request path (see `writeSnapshotAsync`): the journal is renamed
 * to `FILE.journal.old`, the state written to a temporary file and renamed over FILE, then
 * the old journal deleted. Start-up loads FILE and replays both journals.
 *
 * When saving fails (a full disk, a file made unwritable) the server keeps running: it says
 * so once in the log, answers 503 to every change until saving works again, and on the first
 * retry that works writes the whole state, so that nothing answered since is missing.
 */
export function persistTo(store: Store, file: string, options: PersistOptions = {}): Persistence {
  const {
    foldBytes = 8 * 1024 * 1024,
    idleFoldMs = 5_000,
    retryMs = 1_000,
    log = (line: string) => console.error(line),
  } = options;
  const journal = `${file}.journal`;
  const oldJournal = `${file}.journal.old`;

  const { replayed, keySaved } = load(store, file, [oldJournal, journal], log);
  const recorder = new JournalRecorder(
    () => store.data,
    (id) => store.messagesOf(id),
    (message) => store.attachmentsOf(message),
  );

  let healthy = true;
  let lastTry = 0;
  let journalBytes = 0;
  let journalExists = false;
  /** Bumped by every whole-state write: a fold that started before must not rename its older file over it. */
  let generation = 0;
  let folding: Promise<void> | undefined;
  let idleTimer: ReturnType<typeof setTimeout> | undefined;

  const unsaved = () =>
    new HttpError(
      503,
      'The server could not save this change (its data file is not writable); nothing was stored, try again later',
    );

  function broke(error: unknown) {
    if (healthy) {
      log(
        `mock-server: cannot save to ${journal} (${(error as Error).message}); answering 503 to every change until saving works again`,
      );
    }
    healthy = false;
    lastTry = Date.now();
  }

  /** The whole state into FILE, and an empty journal after it (proving it can be written). */
  function writeEverything() {
    generation++;
    clearTimeout(idleTimer);
    writeSnapshotSync(file, store.data);
    rmSync(oldJournal, { force: true });
    createEmpty(journal);
    journalExists = true;
    journalBytes = 0;
    recorder.resync();
  }

  function recover() {
    if (Date.now() - lastTry < retryMs) throw unsaved();
    lastTry = Date.now();
    try {
      writeEverything();
    } catch {
      throw unsaved();
    }
    healthy = true;
    log(`mock-server: saving to ${file} works again`);
  }

  function fold() {
    if (folding || !healthy) return;
    clearTimeout(idleTimer);
    const started = generation;
    folding = (async () => {
      // An old journal left by a fold that failed holds changes the file lacks: keep it
      // and the current one both until a fold succeeds (replaying both in order is safe).
      if (!existsSync(oldJournal) && journalExists) {
        renameSync(journal, oldJournal);
        journalExists = false;
        journalBytes = 0;
      }
      const tmp = `${file}.fold.tmp`;
      await writeSnapshotAsync(tmp, store.data);
      if (started !== generation) return rmSync(tmp, { force: true });
      renameSync(tmp, file);
      fsyncDirectory(file);
      rmSync(oldJournal, { force: true });
    })()
      .catch((error: unknown) =>
        log(`mock-server: could not fold ${journal} into ${file} (${(error as Error).message}); the journal keeps every change`),
      )
      .finally(() => (folding = undefined));
  }

  // Start-up: what was replayed goes into the file now, and so does a new attachment-signing
  // key (a first start, an older file), else a crash would forget the key that signed the
  // URLs handed out; and a data file that cannot be written is said at once, not at the first send.
  try {
    if (replayed || !keySaved) writeEverything();
    else {
      appendDurably(journal, '', !existsSync(journal));
      journalExists = true;
    }
  } catch (error) {
    broke(error);
  }

  const unsubscribe = store.feed.subscribe((change) => {
    // A load came from this file (or from start-up): nothing to save.
    if (change.type === 'loaded') return recorder.resync();
    // Typing is a passing signal, not state: nothing to make durable.
    if (change.type === 'typing') return;
    // The change is already in memory: the retry's whole-state write saves it too.
    if (!healthy) return recover();
    const line = `${JSON.stringify(recorder.entry(change))}\n`;
    try {
      appendDurably(journal, line, !journalExists);
      journalExists = true;
    } catch (error) {
      broke(error);
      throw unsaved();
    }
    journalBytes += line.length;
    if (journalBytes >= foldBytes) fold();
    else {
      clearTimeout(idleTimer);
      idleTimer = setTimeout(fold, idleFoldMs);
      idleTimer.unref();
    }
  });

  return {
    beforeWrite() {
      if (!healthy) recover();
    },
    flush() {
      writeEverything();
      healthy = true;
    },
    settled: async () => {
      while (folding) await folding;
    },
    stop() {
      unsubscribe();
      clearTimeout(idleTimer);
      generation++;
    },
  };
}

/**
 * FILE and the journals into the store. Returns whether any journal line was replayed, and
 * whether the attachment-signing key was in FILE. Throws an `Error` that says which file,
 * and which line or field, is wrong.
 */
function load(
  store: Store,
  file: string,
  journals: string[],
  log: (line: string) => void,
): { replayed: boolean; keySaved: boolean } {
  let keySaved = false;
  let data: StoreData = emptyData();
  const hasFile = existsSync(file);
  if (hasFile) {
    let parsed: unknown;
    try {
      parsed = JSON.parse(readFileSync(file, 'utf8'));
    } catch (error) {
      throw new Error(
        `cannot read ${file} as the server's data (${(error as Error).message}); move it away or choose another --data file`,
        { cause: error },
      );
    }
    keySaved = typeof (parsed as { attachmentSecret?: unknown } | null)?.attachmentSecret === 'string';
    try {
      data = checkData(parsed);
    } catch (error) {
      if (!(error instanceof ShapeError)) throw error;
      throw new Error(`cannot read ${file} as the server's data: ${error.message}; move it away or choose another --data file`, {
        cause: error,
      });
    }
  }
  const replay = new Replay(data);
  let lines = 0;
  for (const path of journals.filter((p) => existsSync(p))) {
    let text: string;
    try {
      text = readFileSync(path, 'utf8');
    } catch (error) {
      throw new Error(`cannot read ${path} (${(error as Error).message}); move it away or choose another --data file`, {
        cause: error,
      });
    }
    const all = text.split('\n');
    // The last piece has no newline: a line cut short by a crash while it was written. It
    // was never acknowledged (the answer waits for the whole line), so it is dropped.
    const torn = all.pop();
    if (torn) log(`mock-server: ${path} ends in a half-written line (never acknowledged); it is ignored`);
    all.forEach((line, i) => {
      if (!line) return;
      try {
        replay.apply(parseEntry(line));
      } catch (error) {
        if (!(error instanceof ShapeError)) throw error;
        throw new Error(`cannot replay ${path}: line ${i + 1}: ${error.message}; move it away or choose another --data file`, {
          cause: error,
        });
      }
      lines++;
    });
  }
  if (hasFile || lines) store.load(replay.data);
  return { replayed: lines > 0, keySaved };
}
