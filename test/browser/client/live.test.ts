import { expect } from '@open-wc/testing';
import { HttpResponse, http } from 'msw';
import type { SetupWorker } from 'msw/browser';
import { SupportChatClient } from '../../../src/client/support-chat-client.js';
import { closeLiveStreams, liveHub } from '../../../mock-server/live/hub.js';
import { store } from '../../../mock-server/store.js';
import { deleteDatabase, sleep } from '../helpers/faults.js';
import { waitFor } from '../helpers/queries.js';
import { startReferenceServer, team } from '../helpers/reference-server.js';
import { closeTab, openTab, type Tab } from '../helpers/tabs.js';
import { testClients } from '../helpers/test-clients.js';

/**
 * The live channel against the reference server in the service worker: a real EventSource,
 * the real stream, the team API. Polls are counted as the worker sees them.
 */
describe('live: the stream, its fallback and typing (reference server)', () => {
  let worker: SetupWorker;
  let tabs: Tab[] = [];
  const seen: Array<{ method: string; url: URL; body?: Promise<string> }> = [];
  const onStart = ({ request }: { request: Request }) =>
    void seen.push({
      method: request.method,
      url: new URL(request.url),
      body: request.method === 'POST' ? request.clone().text() : undefined,
    });
  const polls = () => seen.filter((r) => r.method === 'GET' && /\/widget\/(tickets|messages)/.test(r.url.pathname)).length;
  const streams = () => seen.filter((r) => r.url.pathname.endsWith('/widget/stream'));

  const client = testClients('live', { pollIntervals: { open: 200, closed: 400 } });

  /** A client with a ticket, live, its panel open, after the reads its start caused. */
  async function liveClient() {
    const c = client();
    await c.start();
    c.openPanel();
    await c.sendMessage('Hello');
    await waitFor(() => {
      expect(c.getState().channel).to.equal('live');
      expect(c.getState().tickets.map((t) => t.id)).to.include(c.getCurrentTicketId());
    });
    await sleep(300);
    return c;
  }

  const contents = (c: SupportChatClient) => c.getState().messages.map((m) => m.content);

  beforeEach(async () => {
    worker = await startReferenceServer({ live: true });
    seen.length = 0;
    worker.events.on('request:start', onStart);
  });
  afterEach(() => {
    worker.events.removeListener('request:start', onStart);
    tabs.forEach(closeTab);
    tabs = [];
  });

  it('a reply arrives without any poll', async () => {
    const c = await liveClient();
    const before = polls();
    const started = performance.now();
    await team.reply(c.getCurrentTicketId()!, 'Live reply');
    await waitFor(() => expect(contents(c)).to.include('Live reply'));
    expect(performance.now() - started).to.be.below(1000);
    await sleep(1000);
    expect(polls() - before, 'no poll in a second with a 200 ms open interval').to.equal(0);
    expect(c.getState().unreadCount, 'the badge follows the stream too').to.equal(1);
  });

  it('three tabs share one stream, and hear every reply without polling', async () => {
    await deleteDatabase();
    for (let i = 0; i < 3; i++) tabs.push(await openTab());
    await tabs[2].client.sendMessage('From the third tab');
    await waitFor(() => tabs.forEach((t) => expect(t.client.getState().channel).to.equal('live')));
    await sleep(500);
    expect(liveHub(store).openStreams, 'one stream for the browser').to.equal(1);
    const before = polls();
    await team.reply(tabs[2].client.getCurrentTicketId()!, 'For every tab');
    await waitFor(() => tabs.forEach((t) => expect(contents(t.client)).to.include('For every tab')));
    await sleep(800);
    expect(polls() - before).to.equal(0);
  });

  it('falls back to polling when the stream dies, and recovers with no loss or duplicate', async () => {
    const c = await liveClient();
    const ticketId = c.getCurrentTicketId()!;
    worker.use(http.get('*/api/conversations/v1/widget/stream', () => HttpResponse.error()));
    closeLiveStreams(store);
    await waitFor(() => expect(c.getState().channel).to.equal('polling'), 5000);
    await team.reply(ticketId, 'While down');
    await waitFor(() => expect(contents(c)).to.include('While down'), 3000);
    worker.resetHandlers();
    await waitFor(() => expect(c.getState().channel).to.equal('live'), 10_000);
    await team.reply(ticketId, 'After recovery');
    await waitFor(() => expect(contents(c)).to.include('After recovery'));
    await sleep(300);
    expect(contents(c)).to.deep.equal(['Hello', 'While down', 'After recovery']);
    const ids = c.getState().messages.map((m) => m.id);
    expect(new Set(ids).size).to.equal(ids.length);
  });

  it('resumes after the last event id, and a missed reply is shown once', async () => {
    const c = await liveClient();
    const ticketId = c.getCurrentTicketId()!;
    await team.reply(ticketId, 'Seen');
    await waitFor(() => expect(contents(c)).to.include('Seen'));
    const opened = streams().length;
    closeLiveStreams(store);
    await team.reply(ticketId, 'Missed');
    await waitFor(() => expect(streams().length).to.be.greaterThan(opened), 5000);
    expect(streams().at(-1)!.url.searchParams.get('last_event_id')).to.match(/^\d+$/);
    await waitFor(() => expect(contents(c)).to.deep.equal(['Hello', 'Seen', 'Missed']));
    await sleep(300);
    expect(contents(c)).to.deep.equal(['Hello', 'Seen', 'Missed']);
  });

  it('re-reads tickets and messages on reset', async () => {
    await liveClient();
    const before = polls();
    store.feed.publish({ type: 'reset' });
    await waitFor(() => expect(polls() - before).to.be.at.least(2));
  });

  it('shows team typing, and hides it when the message arrives', async () => {
    const c = await liveClient();
    const ticketId = c.getCurrentTicketId()!;
    const events: unknown[] = [];
    c.addEventListener('support-chat-typing', (e) => events.push(e.detail));
    await team.typing(ticketId, true, 'Dana');
    await waitFor(() => expect(c.getState().typing).to.deep.equal({ ticketId, authorName: 'Dana' }));
    await team.reply(ticketId, 'Typed it');
    await waitFor(() => expect(c.getState().typing).to.equal(null));
    expect(events).to.deep.equal([
      { ticketId, authorName: 'Dana', typing: true },
      { ticketId, authorName: 'Dana', typing: false },
    ]);
  });

  it("the visitor's typing reaches the team stream, never its text", async () => {
    const c = await liveClient();
    const ticketId = c.getCurrentTicketId()!;
    const live = new EventSource(`/api/projects/1/conversations/live?api_key=demo-api-key`);
    const heard: unknown[] = [];
    live.addEventListener('typing', (e) => heard.push(JSON.parse((e as MessageEvent).data)));
    await new Promise((resolve) => (live.onopen = resolve));
    c.setTyping(true);
    await waitFor(() => expect(heard).to.deep.equal([{ ticket_id: ticketId, typing: true }]));
    c.setTyping(false);
    await waitFor(() => expect(heard).to.have.length(2));
    live.close();
    const posts = seen.filter((r) => r.url.pathname.endsWith('/widget/typing'));
    for (const post of posts)
      expect(Object.keys(JSON.parse(await post.body!)).sort()).to.deep.equal([
        'distinct_id',
        'ticket_id',
        'typing',
        'widget_session_id',
      ]);
  });

  it('a backend without capabilities (posthog flavour) still works by polling', async () => {
    worker = await startReferenceServer({ flavor: 'posthog' });
    const c = client();
    await c.start();
    c.openPanel();
    await c.sendMessage('Hello production');
    await team.reply(c.getCurrentTicketId()!, 'Polled reply');
    await waitFor(() => expect(contents(c)).to.include('Polled reply'), 5000);
    c.setTyping(true);
    await sleep(300);
    expect(c.getState().channel).to.equal('polling');
    expect(streams()).to.have.length(0);
    expect(seen.filter((r) => r.url.pathname.endsWith('/typing'))).to.have.length(0);
  });
});
