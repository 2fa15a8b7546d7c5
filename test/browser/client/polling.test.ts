import { expect } from '@open-wc/testing';
import { HttpResponse, delay, http } from 'msw';
import type { SetupWorker } from 'msw/browser';
import { store } from '../../../mock-server/store.js';
import { chaos, countRequests, setPageHidden, sleep } from '../helpers/faults.js';
import { FakeClock } from '../helpers/fake-clock.js';
import { waitFor } from '../helpers/queries.js';
import { testClients } from '../helpers/test-clients.js';
import { startReferenceServer, team } from '../helpers/reference-server.js';
import { FLAVORS, defaultConfig, type Flavor } from '../../../mock-server/config.js';
import { hmacSha256Hex } from '../../../mock-server/lib/crypto.js';

const WIDGET = '*/api/conversations/v1/widget';

/** Every test runs against both flavours: the reference server, and one behaving like PostHog's production backend. */
const suite = (flavor: Flavor) => () => {
  let worker: SetupWorker;
  let requests: ReturnType<typeof countRequests>;

  /** The schedule's clock: tests that count polls move it by hand (`step`), the others leave it alone. */
  let clock: FakeClock;

  const make = testClients('polling', { retryDelays: { base: 50, max: 200 } });
  const client = (intervals = { open: 100, closed: 300 }) => make({ pollIntervals: intervals, clock });

  /** A client with a ticket (created quietly), and the request counter cleared. */
  async function withTicket(intervals?: { open: number; closed: number }) {
    const c = client(intervals);
    await c.start();
    await c.sendMessage('I have a question');
    await c.refresh(); // after the polls the new ticket caused
    requests.clear();
    return c;
  }

  /** Waits (for the network, not for time) until the poll under way is done and the next one is scheduled, or none is. */
  const idle = (timers = 1) => waitFor(() => expect(clock.pending).to.equal(timers));

  /** Moves the clock `times` by `ms`, each time letting the poll it triggers finish. */
  async function step(ms: number, times = 1) {
    for (let i = 0; i < times; i++) {
      await clock.tick(ms);
      await idle();
    }
  }

  beforeEach(async () => {
    clock = new FakeClock();
    worker = await startReferenceServer({ flavor });
    requests = countRequests(worker);
  });
  afterEach(async () => {
    requests.stop();
    setPageHidden(false);
    await chaos({});
  });

  it('polls the open ticket at the open pace and the ticket list at the closed pace', async () => {
    const c = await withTicket();
    c.openPanel();
    await idle();
    expect(requests.of('messages'), 'at once on opening').to.have.length(1);
    await step(100, 10);
    expect(requests.of('messages'), 'every 100 ms, plus the one at opening').to.have.length(11);
    expect(requests.of('tickets'), 'every 300 ms: at 300, 600 and 900').to.have.length(3);
    // The first poll of a new ticket has no cursor yet; every later one asks only for what is newer.
    expect(
      requests.all.filter((r) => r.url.includes('after=')),
      'the after cursor is used',
    ).to.have.length(10);
  });

  it('while closed, polls only the ticket list for the badge, at the closed pace', async () => {
    await withTicket();
    await step(100, 10);
    expect(requests.of('messages')).to.have.length(0);
    expect(requests.of('tickets')).to.have.length(3);
  });

  it('polls nothing while the page is hidden, and at once when it comes back', async () => {
    const c = await withTicket({ open: 800, closed: 800 });
    c.openPanel();
    await idle();
    setPageHidden(true);
    requests.clear();
    await clock.tick(60_000);
    expect(requests.all, 'nothing while hidden').to.have.length(0);
    expect(clock.pending, 'no poll scheduled').to.equal(0);
    setPageHidden(false);
    // No time passes: the poll is the page coming back, not the schedule.
    await waitFor(() => expect(requests.of('messages'), 'at once when visible').to.have.length(1));
  });

  it('polls at once when the panel opens and when the network returns', async () => {
    const c = await withTicket({ open: 60_000, closed: 60_000 });
    // The clock never moves: any poll is the one the event caused.
    c.openPanel();
    await waitFor(() => expect(requests.of('messages')).to.have.length(1), 2000);
    await idle();
    dispatchEvent(new Event('online'));
    await waitFor(() => expect(requests.of('messages')).to.have.length(2), 2000);
  });

  it('never runs two polls at once', async () => {
    const c = await withTicket({ open: 20, closed: 20 });
    await chaos({ latency_ms: 150 });
    c.openPanel(); // a poll under way...
    await Promise.all([c.refresh(), c.refresh(), c.refresh()]); // ...and three asked for meanwhile
    expect(requests.maxConcurrentPolls).to.equal(1);
    expect(requests.of('messages'), 'the one under way, then one more').to.have.length(2);
  });

  it('de-duplicates messages by id, whatever the server repeats', async () => {
    const c = await withTicket();
    const ticketId = c.getCurrentTicketId()!;
    await team.reply(ticketId, 'Only once please');
    // A server that ignores `after` and repeats everything on every poll.
    worker.use(
      http.get(`${WIDGET}/messages/:id`, () => {
        const messages = store.messagesOf(ticketId).map(({ id, content, author_type, author_name, created_at }) => ({
          id,
          content,
          author_type,
          author_name,
          created_at,
        }));
        return HttpResponse.json({ ticket_id: ticketId, ticket_status: 'new', messages, has_more: false, unread_count: 0 });
      }),
    );
    c.openPanel();
    await idle();
    await step(100, 4);
    expect(c.getState().messages.map((m) => m.content)).to.deep.equal(['I have a question', 'Only once please']);
  });

  it('drops an answer that arrives after the visitor switched tickets', async () => {
    const c = await withTicket({ open: 60_000, closed: 60_000 });
    const first = c.getCurrentTicketId()!;
    await team.reply(first, 'Reply in the first ticket');
    await c.sendMessage('Second conversation', undefined, true);
    const second = c.getCurrentTicketId()!;
    expect(second).not.to.equal(first);
    worker.use(
      http.get(`${WIDGET}/messages/${first}`, async () => {
        await delay(300);
        return undefined; // then the real handler answers, late
      }),
    );
    await c.selectTicket(first).catch(() => undefined);
    const late = c.getMessages(first); // slow answer for the first ticket
    void late;
    await sleep(20);
    await c.selectTicket(second);
    await sleep(500);
    expect(c.getCurrentTicketId()).to.equal(second);
    expect(c.getState().messages.map((m) => m.content)).to.deep.equal(['Second conversation']);
  });

  it('drops answers for the old identity after setIdentity', async () => {
    const c = await withTicket({ open: 60_000, closed: 60_000 });
    // Logged in from anonymous, the ticket stays on show (issue 16); another identity is someone else.
    await c.setIdentity('user-1', await hmacSha256Hex(defaultConfig.identitySecret, 'user-1'));
    await c.refresh();
    expect(c.getState().tickets).to.have.length(1);
    worker.use(
      http.get(`${WIDGET}/tickets`, async () => {
        await delay(200);
        return undefined;
      }),
    );
    const slow = c.refresh();
    await sleep(20);
    worker.use(http.get(`${WIDGET}/tickets`, () => HttpResponse.json({ count: 0, results: [] })));
    await c.setIdentity('user-42', 'a'.repeat(64));
    await slow;
    await sleep(300);
    expect(c.getState().tickets).to.deep.equal([]);
    expect(c.getCurrentTicketId()).to.equal(null);
  });

  it('stops after repeated network failures while online, and resumes on online', async () => {
    await withTicket({ open: 50, closed: 50 });
    await chaos({ offline: true });
    await step(50, 2);
    await clock.tick(50);
    await waitFor(() => expect(requests.of('tickets')).to.have.length(3));
    await sleep(50); // the client reads the third failure...
    expect(clock.pending, '...which opens the breaker: nothing is scheduled').to.equal(0);
    await clock.tick(60_000);
    expect(requests.of('tickets'), 'no more polls once open').to.have.length(3);
    await chaos({});
    dispatchEvent(new Event('online'));
    await idle();
    await step(50, 3);
    expect(requests.of('tickets'), 'at once on online, then on schedule').to.have.length(3 + 4);
  });

  it('counts unread per ticket and in total, and marks the ticket read when viewed in a visible page', async () => {
    const c = await withTicket();
    const first = c.getCurrentTicketId()!;
    await c.sendMessage('Another topic', undefined, true);
    const second = c.getCurrentTicketId()!;
    await c.selectTicket(first);
    await team.reply(first, 'One');
    await team.reply(first, 'Two');
    await team.reply(second, 'Three');
    await step(300); // the next badge poll
    expect(c.getState().unreadCount).to.equal(3);
    const unread = () => Object.fromEntries(c.getState().tickets.map((t) => [t.id, t.unread_count]));
    expect(unread()).to.deep.equal({ [first]: 2, [second]: 1 });

    setPageHidden(true);
    c.openPanel();
    c.watch(first); // what the element's message list does while on screen
    await clock.tick(60_000);
    await sleep(50); // a mark-read on its way would have been sent by now
    expect(unread()[first], 'not read while the page is hidden').to.equal(2);

    setPageHidden(false);
    await waitFor(() => expect(unread()).to.deep.equal({ [first]: 0, [second]: 1 }));
    expect(c.getState().unreadCount).to.equal(1);
    expect(c.getState().messages.map((m) => m.content)).to.deep.equal(['I have a question', 'One', 'Two']);

    await c.markAsRead(second);
    expect(c.getState().unreadCount).to.equal(0);
  });
};

for (const flavor of FLAVORS)
  describe(`receiving: the polling schedule, unread counts and mark-read (${flavor} flavour)`, suite(flavor));
