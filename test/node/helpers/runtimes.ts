import { setupServer } from 'msw/node';
import { createHandlers } from '../../../mock-server/handlers/index.js';
import type { StorageHost } from '../../../mock-server/storage-sync.js';
import { Store } from '../../../mock-server/store.js';
import { spawnServer } from './spawn-server.js';

/** The origin requests have under `setupServer` in this process. */
export const IN_PROCESS = 'http://in-process.test';

/**
 * Runs `script` against the standalone HTTP server, then against the same handlers under
 * `setupServer` in this process, and returns both results, for a test to compare.
 */
export async function inBothRuntimes<T>(script: (baseUrl: string) => Promise<T>) {
  const http = await spawnServer();
  let overHttp: T;
  try {
    overHttp = await script(http.url);
  } finally {
    await http.stop();
  }
  const inProcess = setupServer(...createHandlers(new Store()));
  inProcess.listen({ onUnhandledRequest: 'error' });
  try {
    return { overHttp, underMsw: await script(IN_PROCESS) };
  } finally {
    inProcess.close();
  }
}

/** An in-memory stand-in for localStorage and the window's `storage` events: a tab of the browser runtime. */
export function fakeBrowser(shared = new Map<string, string>()) {
  const listeners: Array<(event: { key: string | null }) => void> = [];
  const host: StorageHost = {
    storage: {
      getItem: (k) => shared.get(k) ?? null,
      setItem: (k, v) => void shared.set(k, v),
      removeItem: (k) => void shared.delete(k),
    },
    addEventListener: (_type, listener) => void listeners.push(listener),
  };
  return { host, shared, fireStorage: (key: string) => listeners.forEach((l) => l({ key })) };
}
