import type { SupportChatClient } from '../../../src/client/support-chat-client.js';
import type { SupportChatEventName } from '../../../src/client/events.js';
import { waitFor } from './queries.js';

export interface Tab {
  frame: HTMLIFrameElement;
  client: SupportChatClient;
  requests: Array<{ path: string; method: string }>;
  events: Array<{ name: SupportChatEventName; detail: unknown }>;
  /** Poll requests this tab made (ticket list or messages). */
  polls(): number;
}

type TabWindow = Window & { tab?: Omit<Tab, 'frame' | 'polls'> };

/** Opens another "tab" of the site: an iframe running the headless client (helpers/tab.ts). */
export async function openTab(query = ''): Promise<Tab> {
  const frame = document.createElement('iframe');
  frame.src = `/test/browser/helpers/tab.html${query}`;
  document.body.append(frame);
  return attach(frame);
}

/** Reloads a tab mid-whatever, as a visitor pressing F5 does, and returns the new instance. */
export async function reloadTab(tab: Tab): Promise<Tab> {
  const old = (tab.frame.contentWindow as TabWindow).tab;
  tab.frame.contentWindow!.location.reload();
  await waitFor(() => {
    if ((tab.frame.contentWindow as TabWindow).tab === old) throw new Error('not reloaded yet');
  }, 10_000);
  return attach(tab.frame);
}

async function attach(frame: HTMLIFrameElement): Promise<Tab> {
  const tab = await waitFor(() => {
    const found = (frame.contentWindow as TabWindow | null)?.tab;
    if (!found?.client.isAvailable()) throw new Error('tab not ready');
    return found;
  }, 10_000);
  return { ...tab, frame, polls: () => tab.requests.filter((r) => r.method === 'GET').length };
}

export function closeTab(tab: Tab) {
  tab.frame.remove();
}
