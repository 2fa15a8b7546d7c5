import { http, passthrough } from 'msw';
import type { SetupWorker } from 'msw/browser';

/** Fault injection on the reference server's widget API (`/api/_dev/chaos`); `{}` turns it off. */
export async function chaos(settings: {
  latency_ms?: number;
  error_rate?: number;
  error_status?: number;
  offline?: boolean;
  drop_after_store_rate?: number;
}) {
  const response = await fetch('/api/_dev/chaos', {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify(settings),
  });
  if (!response.ok) throw new Error(`chaos failed: ${response.status}`);
}

/** Counts widget API requests by kind, as the reference server sees them (iframes included). */
export function countRequests(worker: SetupWorker) {
  const seen: Array<{ kind: string; at: number; url: string }> = [];
  let active = 0;
  let maxActive = 0;
  const started = new Set<string>();
  const kindOf = (url: string, method: string) => {
    const path = new URL(url).pathname;
    if (!path.includes('/widget/')) return undefined;
    if (path.endsWith('/read')) return 'read';
    if (path.includes('/messages/')) return 'messages';
    if (path.endsWith('/tickets')) return 'tickets';
    if (path.endsWith('/message')) return method === 'POST' ? 'send' : 'other';
    return 'restore';
  };
  const onStart = ({ request, requestId }: { request: Request; requestId: string }) => {
    const kind = kindOf(request.url, request.method);
    if (!kind) return;
    seen.push({ kind, at: performance.now(), url: request.url });
    if (kind === 'messages' || kind === 'tickets') {
      started.add(requestId);
      maxActive = Math.max(maxActive, ++active);
    }
  };
  const onEnd = ({ requestId }: { requestId: string }) => {
    if (started.delete(requestId)) active--;
  };
  worker.events.on('request:start', onStart);
  worker.events.on('request:end', onEnd);
  return {
    of: (kind: string) => seen.filter((r) => r.kind === kind),
    get all() {
      return seen;
    },
    /** Most poll requests ever in flight together (a poll asks for the messages and the ticket list at once). */
    get maxConcurrentPolls() {
      return maxActive;
    },
    clear: () => (seen.length = 0),
    stop: () => {
      worker.events.removeListener('request:start', onStart);
      worker.events.removeListener('request:end', onEnd);
    },
  };
}

/** Pretends the page went to the background (or came back), as a tab switch does. */
export function setPageHidden(hidden: boolean) {
  if (hidden) Object.defineProperty(document, 'visibilityState', { configurable: true, get: () => 'hidden' });
  else delete (document as { visibilityState?: string }).visibilityState;
  document.dispatchEvent(new Event('visibilitychange'));
}

export const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Deletes the widget's IndexedDB database, so that each test starts from nothing. */
export function deleteDatabase(name = 'support-chat-demo-widget-token') {
  return new Promise<void>((resolve) => {
    const request = indexedDB.deleteDatabase(name);
    request.onsuccess = request.onerror = request.onblocked = () => resolve();
  });
}

/**
 * Holds back every request for `url` (an MSW path pattern: a lazily loaded file) until
 * `release()`; `asked()` tells how many came. A module request, once held, stays so for the
 * page: a test file that holds one must be the only one to load it.
 */
export function holdRequests(worker: SetupWorker, url: string) {
  let release = () => {};
  const held = new Promise<void>((resolve) => (release = resolve));
  let asked = 0;
  worker.use(
    http.get(url, async () => {
      asked++;
      await held;
      return passthrough();
    }),
  );
  return { release, asked: () => asked };
}
