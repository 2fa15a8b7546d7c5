import { setupWorker } from 'msw/browser';
import { IndexedDbBlobs } from './attachments/indexeddb-blobs.js';
import type { Flavor } from './config.js';
import { createHandlers } from './handlers/index.js';
import { syncWithStorage } from './storage-sync.js';
import { store } from './store.js';

/**
 * The reference server inside the browser: the MSW service worker answers the widget's
 * requests, so the demo needs no server. State lives in localStorage (see storage-sync.ts),
 * attachment bytes in IndexedDB, so both survive a page reload and are shared by the tabs
 * of the site.
 */
let stopSync: (() => void) | undefined;

export interface BrowserServerOptions {
  quiet?: boolean;
  /** `posthog` behaves like PostHog's production backend (the demo: `?flavor=posthog`). */
  flavor?: Flavor;
  /** Hosts the widget may run on; by default only this page's own host. */
  allowedDomains?: string[];
}

export async function startBrowserServer(options: BrowserServerOptions = {}) {
  // Started twice in a page, the store must still have one storage subscriber, not two.
  stopSync?.();
  if (!(store.blobs instanceof IndexedDbBlobs)) store.blobs = new IndexedDbBlobs();
  stopSync = syncWithStorage(store, {
    storage: localStorage,
    addEventListener: (type, listener) => window.addEventListener(type, listener),
  });
  const worker = setupWorker(
    ...createHandlers(store, {
      flavor: options.flavor ?? 'reference',
      allowedDomains: options.allowedDomains ?? [location.hostname],
    }),
  );
  await worker.start({
    serviceWorker: { url: '/mockServiceWorker.js' },
    quiet: options.quiet ?? false,
    onUnhandledRequest: 'bypass',
  });
  return worker;
}
