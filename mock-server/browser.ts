import { setupWorker } from 'msw/browser';
import { handlers } from './handlers/index.js';
import { syncWithStorage } from './storage-sync.js';
import { store } from './store.js';

/**
 * The reference server inside the browser: the MSW service worker answers the widget's
 * requests, so the demo needs no server. State lives in localStorage (see storage-sync.ts),
 * so it survives a page reload and is shared by the tabs of the site.
 */
let stopSync: (() => void) | undefined;

export async function startBrowserServer(options: { quiet?: boolean } = {}) {
  // Started twice in a page, the store must still have one storage subscriber, not two.
  stopSync?.();
  stopSync = syncWithStorage(store, { storage: localStorage, addEventListener: (type, listener) => window.addEventListener(type, listener) });
  const worker = setupWorker(...handlers);
  await worker.start({
    serviceWorker: { url: '/mockServiceWorker.js' },
    quiet: options.quiet ?? false,
    onUnhandledRequest: 'bypass',
  });
  return worker;
}
