import { setupWorker } from 'msw/browser';
import { handlers } from './handlers/index.js';
import { store, type StoreData } from './store.js';

const STORAGE_KEY = 'support-chat-reference-server';

function loadSaved() {
  const saved = localStorage.getItem(STORAGE_KEY);
  if (!saved) return;
  try {
    store.load(JSON.parse(saved) as StoreData);
  } catch {
    localStorage.removeItem(STORAGE_KEY); // a corrupt save must not break the demo
  }
}

/**
 * The reference server inside the browser: the MSW service worker answers the widget's
 * requests, so the demo needs no server. State is kept in localStorage so that it
 * survives a page reload, as a real backend's would. MSW runs the handlers in each page,
 * so every tab has its own copy of the store; the `storage` event keeps the copies in step
 * (the demo site in one tab, the agent inbox in another).
 */
export async function startBrowserServer(options: { quiet?: boolean } = {}) {
  loadSaved();
  window.addEventListener('storage', (event) => {
    if (event.key === STORAGE_KEY) loadSaved();
  });
  store.onChange = (data) => localStorage.setItem(STORAGE_KEY, JSON.stringify(data));
  const worker = setupWorker(...handlers);
  await worker.start({
    serviceWorker: { url: '/mockServiceWorker.js' },
    quiet: options.quiet ?? false,
    onUnhandledRequest: 'bypass',
  });
  return worker;
}
