import { defaultConfig } from '../../../mock-server/config.js';
import { SupportChatClient } from '../../../src/client/support-chat-client.js';
import { MemoryStorage } from '../../../src/client/storage.js';
import { HttpTransport } from '../../../src/transport/http-transport.js';
import { WIDGET_TOKEN } from '../helpers/reference-server.js';

const teamBase = `/api/projects/${defaultConfig.projectId}/conversations`;

/** The team deletes a ticket through the team API. */
export async function teamDelete(ticketId: string) {
  const response = await fetch(`${teamBase}/tickets/${ticketId}`, {
    method: 'DELETE',
    headers: { Authorization: `Bearer ${defaultConfig.apiKey}` },
  });
  if (!response.ok) throw new Error(`delete answered ${response.status}`);
}

/** The newest restore link in the dev mailbox (where a real backend would have emailed it). */
export async function lastRestoreLink(): Promise<string> {
  const mails: Array<{ link: string | null }> = await (await fetch('/api/_dev/mailbox')).json();
  const link = mails.at(-1)?.link;
  if (!link) throw new Error('no restore mail');
  return link;
}

let count = 0;

/** A headless client in a browser of its own: its own session, storage and tab channel. */
export function otherBrowser() {
  return new SupportChatClient({
    token: `other-browser-${++count}-${Math.random()}`,
    transport: new HttpTransport({ token: WIDGET_TOKEN }),
    storage: new MemoryStorage(),
    pollIntervals: { open: 60_000, closed: 60_000 },
  });
}

/** Another browser takes a visitor's conversations: asks for a link to `email` and redeems it. */
export async function restoreElsewhere(email: string) {
  const original = location.href;
  const other = otherBrowser();
  await other.requestRestoreLink(email);
  history.replaceState(history.state, '', await lastRestoreLink());
  await other.start();
  const result = await other.restoreFromUrlToken();
  history.replaceState(history.state, '', original);
  if (result?.status !== 'success') throw new Error(`restore failed: ${JSON.stringify(result)}`);
  return other;
}
