import { expect } from '@open-wc/testing';
import type { SetupWorker } from 'msw/browser';
import { defaultConfig } from '../../../mock-server/config.js';
import { hmacSha256Hex } from '../../../mock-server/lib/crypto.js';
import { SupportChatClient } from '../../../src/client/support-chat-client.js';
import { MemoryStorage } from '../../../src/client/storage.js';
import { HttpTransport } from '../../../src/transport/http-transport.js';
import { sleep } from '../helpers/faults.js';
import { waitFor } from '../helpers/queries.js';
import { WIDGET_TOKEN, startReferenceServer } from '../helpers/reference-server.js';

/** Every widget request's credential fields, from the query (GET, the stream) or the JSON body (POST). */
interface Seen {
  path: string;
  fields: Promise<Record<string, unknown>>;
}

/**
 * Issue 16: every request sends the same `distinct_id` (the live stream and typing sent the
 * session id even when the site gave its own), and a verified identity sends the session id
 * beside it, so that the server can link what the visitor wrote before logging in.
 */
describe('distinct_id: the same on every request', () => {
  let worker: SetupWorker;
  const seen: Seen[] = [];
  const onStart = ({ request }: { request: Request }) => {
    const url = new URL(request.url);
    if (!url.pathname.includes('/widget/') || url.pathname.endsWith('/capabilities')) return;
    const fields =
      request.method === 'POST'
        ? request.clone().json()
        : Promise.resolve(Object.fromEntries(url.searchParams.entries()) as Record<string, unknown>);
    seen.push({ path: url.pathname.replace(/^.*\/widget\//, ''), fields });
  };
  let c: SupportChatClient | undefined;
  const fieldsOfAll = () =>
    Promise.all(seen.map(async (s): Promise<Record<string, unknown>> => ({ ...(await s.fields), path: s.path })));

  beforeEach(async () => {
    worker = await startReferenceServer({ live: true });
    seen.length = 0;
    worker.events.on('request:start', onStart);
  });
  afterEach(() => {
    worker.events.removeListener('request:start', onStart);
    c?.stop();
  });

  /** Sends, reads, marks read, lists, streams and types: every kind of request the client makes. */
  async function everyRequest(distinctId?: string) {
    c = new SupportChatClient({
      token: `distinct-${Math.random()}`,
      transport: new HttpTransport({ token: WIDGET_TOKEN }),
      storage: new MemoryStorage(),
      pollIntervals: { open: 300, closed: 300 },
      distinctId,
    });
    await c.start();
    c.openPanel();
    await c.sendMessage('Hello');
    await c.getMessages();
    await c.markAsRead();
    await waitFor(() => expect(c!.getState().channel).to.equal('live'));
    c.setTyping(true);
    await waitFor(() => expect(seen.map((s) => s.path)).to.include('typing'));
    await sleep(50);
    const paths = new Set(seen.map((s) => s.path.replace(/messages\/[^/]+/, 'messages/{id}')));
    // Every kind was seen: the assertion below is about all of them.
    for (const kind of ['message', 'messages/{id}', 'messages/{id}/read', 'tickets', 'stream', 'typing']) {
      expect([...paths], kind).to.include(kind);
    }
    return fieldsOfAll();
  }

  it("sends the site's distinct id (the distinct-id attribute) with every request, the stream and typing included", async () => {
    const requests = await everyRequest('analytics-7');
    for (const r of requests) expect(r.distinct_id, String(r.path)).to.equal('analytics-7');
  });

  it('sends the session id as the distinct id with every request when the site gives none', async () => {
    const requests = await everyRequest();
    const session = c!.getWidgetSessionId();
    expect(session).to.be.a('string');
    for (const r of requests) {
      expect(r.widget_session_id, String(r.path)).to.equal(session);
      expect(r.distinct_id, String(r.path)).to.equal(session);
    }
  });

  it('a verified visitor sends the identity, the session id beside it, and the same distinct id everywhere', async () => {
    c = new SupportChatClient({
      token: `distinct-${Math.random()}`,
      transport: new HttpTransport({ token: WIDGET_TOKEN }),
      storage: new MemoryStorage(),
      pollIntervals: { open: 300, closed: 300 },
      distinctId: 'analytics-7',
    });
    await c.setIdentity('user-5', await hmacSha256Hex(defaultConfig.identitySecret, 'user-5'));
    c.openPanel();
    await c.sendMessage('Hello');
    await c.refresh();
    await waitFor(() => expect(c!.getState().channel).to.equal('live'));
    await sleep(50);
    const requests = await fieldsOfAll();
    expect(requests.map((r) => r.path)).to.include.members(['message', 'tickets', 'stream']);
    for (const r of requests) {
      expect(r.identity_distinct_id, String(r.path)).to.equal('user-5');
      expect(r.widget_session_id, String(r.path)).to.equal(c.getWidgetSessionId());
      expect(r.distinct_id, String(r.path)).to.equal('user-5');
    }
  });
});
