// One "tab" of a site using the headless client, loaded in an iframe by multi-tab and reload
// tests. Default storage (IndexedDB, shared by every frame of the origin), real HTTP transport
// (answered by the test page's reference server), fast polls and retries. Query: open, closed
// (poll intervals), hidden (opened in the background), send (a message sent the moment it is ready).
import { SupportChatClient } from '../../../src/client/support-chat-client.js';
import { HttpTransport } from '../../../src/transport/http-transport.js';
import type { SupportChatEventName } from '../../../src/client/events.js';

const params = new URLSearchParams(location.search);
// A background tab waits for the lock instead of taking it: the tab already open stays the leader.
if (params.has('hidden')) Object.defineProperty(document, 'visibilityState', { get: () => 'hidden' });
const requests: Array<{ path: string; method: string }> = [];
const transport = new HttpTransport({
  token: 'demo-widget-token',
  timeoutMs: 2000,
  fetch: (input, init) => {
    requests.push({ path: new URL(String(input)).pathname, method: init?.method ?? 'GET' });
    return fetch(input, init);
  },
});
const client = new SupportChatClient({
  token: 'demo-widget-token',
  transport,
  pollIntervals: { open: Number(params.get('open') ?? 200), closed: Number(params.get('closed') ?? 400) },
  retryDelays: { base: 50, max: 400 },
});
const events: Array<{ name: SupportChatEventName; detail: unknown }> = [];
for (const name of [
  'support-chat-ready',
  'support-chat-open-change',
  'support-chat-unread-change',
  'support-chat-message-sent',
  'support-chat-message-received',
] as const) {
  client.addEventListener(name, (event) => events.push({ name, detail: (event as CustomEvent).detail }));
}
// Sent before any other tab can have answered this one's hello (the ready event follows it at once).
const early = params.get('send');
if (early) client.addEventListener('support-chat-ready', () => void client.sendMessage(early), { once: true });
Object.assign(window, { tab: { client, requests, events } });
void client.start();
