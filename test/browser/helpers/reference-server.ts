import { HttpResponse, http } from 'msw';
import { setupWorker, type SetupWorker } from 'msw/browser';
import { createHandlers } from '../../../mock-server/handlers/index.js';
import { defaultConfig, type Flavor } from '../../../mock-server/config.js';

/**
 * The real reference server, running in the test page through the MSW service worker:
 * the same handlers as the demo, the Node tests and the HTTP server. Tests add failures
 * per test with `worker.use()`. `flavor: 'posthog'` makes it behave like PostHog's
 * production backend, so that a test can run the widget against both.
 */
let worker: SetupWorker | undefined;

/** As the browser runtime does: the widget may run on this page's host only. */
const handlersFor = (flavor: Flavor) => createHandlers(undefined, { flavor, allowedDomains: [location.hostname] });

/**
 * Without `live`, the server does not advertise its extensions (capabilities answer 404, as
 * PostHog's backend does): the widget polls, as the tests of polling, tabs and delivery expect.
 * The tests of the live channel pass `live: true`.
 */
const noCapabilities = http.get('*/api/conversations/v1/widget/capabilities', () =>
  HttpResponse.json({ error: 'Not found' }, { status: 404 }),
);

export async function startReferenceServer({
  flavor = 'reference',
  live = false,
}: { flavor?: Flavor; live?: boolean } = {}): Promise<SetupWorker> {
  if (!worker) {
    worker = setupWorker(...handlersFor(flavor));
    await worker.start({ serviceWorker: { url: '/mockServiceWorker.js' }, quiet: true, onUnhandledRequest: 'bypass' });
  }
  // Replaces the handlers of the last test (its `use()` overrides, and its flavour).
  worker.resetHandlers(...(live ? [] : [noCapabilities]), ...handlersFor(flavor));
  // JSON, as the dev endpoints require (a text/plain POST is what a foreign page could send).
  const reset = await fetch('/api/_dev/reset', { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: '{}' });
  if (!reset.ok) throw new Error(`reset answered ${reset.status}`);
  return worker;
}

const teamBase = `/api/projects/${defaultConfig.projectId}/conversations`;
const teamHeaders = { Authorization: `Bearer ${defaultConfig.apiKey}`, 'Content-Type': 'application/json' };

/** Plays the support team through the team API. */
export const team = {
  async tickets(): Promise<Array<{ id: string; status: string; customer_email: string | null }>> {
    const response = await fetch(`${teamBase}/tickets`, { headers: teamHeaders });
    return (await response.json()).results;
  },
  async messages(ticketId: string): Promise<Array<{ content: string; author_type: string }>> {
    const response = await fetch(`${teamBase}/tickets/${ticketId}/messages`, { headers: teamHeaders });
    return (await response.json()).results;
  },
  async setStatus(ticketId: string, status: string) {
    const response = await fetch(`${teamBase}/tickets/${ticketId}`, {
      method: 'PATCH',
      headers: teamHeaders,
      body: JSON.stringify({ status }),
    });
    if (!response.ok) throw new Error(`status change failed: ${response.status}`);
  },
  async ticket(
    ticketId: string,
  ): Promise<{ id: string; status: string; rating: { score: number; comment: string | null } | null }> {
    const response = await fetch(`${teamBase}/tickets/${ticketId}`, { headers: teamHeaders });
    if (!response.ok) throw new Error(`ticket read failed: ${response.status}`);
    return response.json();
  },
  async resolve(ticketId: string) {
    const response = await fetch(`${teamBase}/tickets/${ticketId}/resolve`, { method: 'POST', headers: teamHeaders, body: '{}' });
    if (!response.ok) throw new Error(`resolve failed: ${response.status}`);
  },
  async typing(ticketId: string, typing: boolean, authorName?: string) {
    const response = await fetch(`${teamBase}/tickets/${ticketId}/typing`, {
      method: 'POST',
      headers: teamHeaders,
      body: JSON.stringify({ typing, author_name: authorName }),
    });
    if (!response.ok) throw new Error(`typing failed: ${response.status}`);
  },
  async reply(ticketId: string, content: string, extra: Record<string, unknown> = {}) {
    const response = await fetch(`${teamBase}/tickets/${ticketId}/messages`, {
      method: 'POST',
      headers: teamHeaders,
      body: JSON.stringify({ content, author_name: 'Ada from Support', ...extra }),
    });
    if (!response.ok) throw new Error(`reply failed: ${response.status}`);
    return response.json();
  },
};

export const WIDGET_TOKEN = defaultConfig.widgetToken;
