import { expect } from '@open-wc/testing';
import { HttpResponse, http } from 'msw';
import type { SetupWorker } from 'msw/browser';
import { SupportChatClient } from '../../../src/client/support-chat-client.js';
import { MemoryStorage } from '../../../src/client/storage.js';
import { HttpTransport } from '../../../src/transport/http-transport.js';
import { chaos, countRequests, deleteDatabase, sleep } from '../helpers/faults.js';
import { waitFor } from '../helpers/queries.js';
import { WIDGET_TOKEN, startReferenceServer, team } from '../helpers/reference-server.js';
import { FLAVORS, type Flavor } from '../../../mock-server/config.js';
import { closeTab, openTab, reloadTab } from '../helpers/tabs.js';
import { testClients } from '../helpers/test-clients.js';

const WIDGET = '*/api/conversations/v1/widget';

/** Every test runs against both flavours: the reference server, and one behaving like PostHog's production backend. */
const suite = (flavor: Flavor) => () => {
  let worker: SetupWorker;

  const make = testClients('delivery', { retryDelays: { base: 50, max: 400 } });
  const client = (storage = new MemoryStorage(), timeoutMs = 2000) =>
    make({ storage, transport: new HttpTransport({ token: WIDGET_TOKEN, timeoutMs }) });

  const stored = async (ticketId: string) => (await team.messages(ticketId)).map((m) => m.content);
  const deliveries = (c: SupportChatClient) => c.getState().messages.map((m) => `${m.content}:${m.delivery}`);

  beforeEach(async () => {
    worker = await startReferenceServer({ flavor });
  });
  afterEach(async () => {
    await chaos({});
  });

  it('saves the message in the outbox before sending it, and shows it at once as sending', async () => {
    const storage = new MemoryStorage();
    const c = client(storage);
    await c.start();
    const atRequest: Array<{ keys: string[]; delivery: string[] }> = [];
    worker.events.on('request:start', ({ request }) => {
      if (request.method !== 'POST' || !request.url.endsWith('/widget/message')) return;
      void storage
        .keys()
        .then((keys) => atRequest.push({ keys: keys.filter((k) => k.startsWith('outbox:')), delivery: deliveries(c) }));
    });
    const sending = c.sendMessage('Hello');
    expect(deliveries(c), 'before sendMessage even returns').to.deep.equal(['Hello:sending']);
    const response = await sending;
    worker.events.removeAllListeners();
    expect(atRequest).to.have.length(1);
    expect(atRequest[0].keys).to.have.length(1);
    expect(atRequest[0].delivery).to.deep.equal(['Hello:sending']);
    expect(deliveries(c)).to.deep.equal(['Hello:sent']);
    expect(c.getState().messages[0].id).to.equal(response!.message_id);
    expect(
      (await storage.keys()).filter((k) => k.startsWith('outbox:')),
      'the outbox is empty once sent',
    ).to.deep.equal([]);
  });

  it('retries 500s with backoff until the server takes it, once', async () => {
    const c = client();
    await c.start();
    await c.sendMessage('Opens the ticket');
    const requests = countRequests(worker);
    await chaos({ error_rate: 1, error_status: 500 });
    const sending = c.sendMessage('Through the 500s');
    await waitFor(() => expect(requests.of('send').length).to.be.at.least(4));
    expect(c.getState().error?.kind).to.equal('server');
    expect(deliveries(c).at(-1)).to.equal('Through the 500s:sending');
    await chaos({});
    await sending;
    requests.stop();
    expect(await stored(c.getCurrentTicketId()!)).to.deep.equal(['Opens the ticket', 'Through the 500s']);
    expect(c.getState().error).to.equal(null);
  });

  it('honours Retry-After on 429', async () => {
    const c = client();
    await c.start();
    await c.sendMessage('First');
    const requests = countRequests(worker);
    await chaos({ error_rate: 1, error_status: 429 }); // the reference server says Retry-After: 1
    const sending = c.sendMessage('Rate limited');
    await sleep(800);
    expect(requests.of('send'), 'no retry before Retry-After has passed').to.have.length(1);
    expect(c.getState().error?.kind).to.equal('rate_limit');
    await chaos({});
    await sending;
    const [first, second] = requests.of('send');
    requests.stop();
    expect(second.at - first.at).to.be.at.least(990);
    expect(await stored(c.getCurrentTicketId()!)).to.deep.equal(['First', 'Rate limited']);
  });

  it('keeps messages while offline and delivers them in order when the network comes back', async () => {
    const c = client();
    await c.start();
    await chaos({ offline: true });
    const all = ['One', 'Two', 'Three'].map((text) => c.sendMessage(text));
    await sleep(300);
    expect(deliveries(c)).to.deep.equal(['One:sending', 'Two:sending', 'Three:sending']);
    expect(c.getState().error?.kind).to.equal('network');
    await chaos({});
    dispatchEvent(new Event('online'));
    const responses = await Promise.all(all);
    expect(new Set(responses.map((r) => r!.ticket_id)).size, 'queued before the ticket existed, all went to one ticket').to.equal(
      1,
    );
    expect(await stored(c.getCurrentTicketId()!)).to.deep.equal(['One', 'Two', 'Three']);
    expect(await team.tickets()).to.have.length(1);
  });

  it('never duplicates a message whose request timed out after the server stored it', async () => {
    const c = client(new MemoryStorage(), 300);
    await c.start();
    await c.sendMessage('Opens the ticket');
    await chaos({ latency_ms: 500 }); // the server stores it 500 ms later; the client gave up at 300
    const sending = c.sendMessage('Slow but once');
    await sleep(1200);
    await chaos({});
    await sending;
    await sleep(600); // let every late attempt land on the server
    expect(await stored(c.getCurrentTicketId()!)).to.deep.equal(['Opens the ticket', 'Slow but once']);
  });

  it('marks a message the server refuses (4xx) as failed with the reason, sends the next ones, and retries or discards it', async () => {
    const c = client();
    await c.start();
    await c.sendMessage('Fine');
    worker.use(
      http.post(`${WIDGET}/message`, () => HttpResponse.json({ error: 'Blocked by the spam filter' }, { status: 422 }), {
        once: true,
      }),
    );
    const refused = c.sendMessage('Refused once');
    const error = await refused.then(
      () => undefined,
      (e: unknown) => e as Error,
    );
    expect(error?.message).to.equal('Blocked by the spam filter');
    const failed = c.getState().messages.at(-1)!;
    expect([failed.delivery, failed.failure]).to.deep.equal(['failed', { kind: 'rejected', code: 'rejected' }]);
    expect(c.getState().error).to.deep.equal({ kind: 'rejected', code: 'rejected' });

    await c.sendMessage('Not blocked by it');
    expect(deliveries(c)).to.deep.equal(['Fine:sent', 'Not blocked by it:sent', 'Refused once:failed']);

    const retried = await c.retryMessage(failed.clientMessageId!);
    expect(retried?.message_id).to.be.a('string');
    expect(await stored(c.getCurrentTicketId()!)).to.deep.equal(['Fine', 'Not blocked by it', 'Refused once']);

    worker.use(http.post(`${WIDGET}/message`, () => HttpResponse.json({ error: 'Nope' }, { status: 400 }), { once: true }));
    await c.sendMessage('To discard').catch(() => undefined);
    const doomed = c.getState().messages.find((m) => m.content === 'To discard')!;
    await c.discardMessage(doomed.clientMessageId!);
    expect(c.getState().messages.map((m) => m.content)).not.to.include('To discard');
    expect(await c.retryMessage(doomed.clientMessageId!)).to.equal(null);
  });

  it('rejects bad input with a clear error and sends nothing', async () => {
    const c = client();
    await c.start();
    const requests = countRequests(worker);
    for (const bad of ['', '   ', 'x'.repeat(10_001)]) {
      const error = await c.sendMessage(bad).then(
        () => undefined,
        (e: unknown) => e as Error,
      );
      expect(error).to.be.instanceOf(RangeError);
    }
    requests.stop();
    expect(requests.of('send')).to.have.length(0);
    expect(c.getState().messages).to.deep.equal([]);
  });

  it('delivers a message after a reload in the middle of its send, exactly once', async function () {
    this.timeout(30_000);
    await deleteDatabase();
    let tab = await openTab('?closed=60000');
    await tab.client.sendMessage('Opens the ticket');
    // Every send is held until released: the reload surely lands while the request is on its
    // way, and once released the server stores it (the old page never hears back).
    let release = () => {};
    const held = new Promise<void>((resolve) => (release = resolve));
    worker.use(
      http.post(`${WIDGET}/message`, async () => {
        await held;
        return undefined; // then the real handler stores it
      }),
      // Reads wait until that store is done: a backend that is not idempotent (posthog) is then
      // looked at by the reloaded page after the first attempt landed, as a real server would be.
      http.get(`${WIDGET}/messages/:id`, async () => {
        await held;
        await sleep(100);
        return undefined;
      }),
    );
    void tab.client.sendMessage('Sent, then F5').catch(() => undefined);
    await waitFor(() => expect(tab.requests.filter((r) => r.method === 'POST')).to.have.length(2));
    tab = await reloadTab(tab);
    // Held, it cannot be sent yet: the reloaded page must show it from the outbox, as sending.
    await waitFor(() =>
      expect(tab.client.getState().messages.map((m) => `${m.content}:${m.delivery}`)).to.include('Sent, then F5:sending'),
    );
    release();
    await waitFor(
      () => expect(tab.client.getState().messages.map((m) => `${m.content}:${m.delivery}`)).to.include('Sent, then F5:sent'),
      10_000,
    );
    await sleep(800);
    expect(await stored(tab.client.getCurrentTicketId()!)).to.deep.equal(['Opens the ticket', 'Sent, then F5']);
    expect(
      tab.events.filter((e) => e.name === 'support-chat-message-sent'),
      'the reloaded tab announces the adopted message',
    ).to.have.length(1);
    closeTab(tab);
  });
};

for (const flavor of FLAVORS) describe(`delivery: outbox, retries, exactly once, in order (${flavor} flavour)`, suite(flavor));
