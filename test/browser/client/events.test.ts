import { expect } from '@open-wc/testing';
import { SupportChatClient } from '../../../src/client/support-chat-client.js';
import type { SupportChatEventName } from '../../../src/client/events.js';
import { MemoryStorage } from '../../../src/client/storage.js';
import { HttpTransport } from '../../../src/transport/http-transport.js';
import { chaos, sleep } from '../helpers/faults.js';
import { waitFor } from '../helpers/queries.js';
import { WIDGET_TOKEN, startReferenceServer, team } from '../helpers/reference-server.js';
import { FLAVORS, type Flavor } from '../../../mock-server/config.js';

/** Every test runs against both flavours: the reference server, and one behaving like PostHog's production backend. */
const suite = (flavor: Flavor) => () => {
  let c: SupportChatClient;
  let target: HTMLElement;
  let listening: AbortController;
  let seen: Array<{ name: string; detail: unknown; bubbles: boolean; composed: boolean }>;
  const NAMES: SupportChatEventName[] = [
    'support-chat-ready',
    'support-chat-open-change',
    'support-chat-unread-change',
    'support-chat-message-sent',
    'support-chat-message-received',
    'support-chat-identified',
    'support-chat-restore-requested',
    'support-chat-restored',
    'support-chat-error',
  ];
  const names = () => seen.map((e) => e.name.replace('support-chat-', ''));

  beforeEach(async () => {
    await startReferenceServer({ flavor });
    target = document.createElement('div');
    document.body.append(target);
    seen = [];
    listening = new AbortController();
    // Listening on the document shows that they bubble out of the target (composed: out of shadow roots too).
    for (const name of NAMES) {
      document.addEventListener(name, (e) => seen.push({ name, detail: e.detail, bubbles: e.bubbles, composed: e.composed }), {
        signal: listening.signal,
      });
    }
    c = new SupportChatClient({
      token: 'events',
      transport: new HttpTransport({ token: WIDGET_TOKEN }),
      storage: new MemoryStorage(),
      eventTarget: target,
      pollIntervals: { open: 100, closed: 100 },
      retryDelays: { base: 50, max: 100 },
    });
  });
  afterEach(async () => {
    c.stop();
    listening.abort();
    target.remove();
    await chaos({});
  });

  it('fires ready once, and open-change only when the panel really changes', async () => {
    await c.start();
    await c.start();
    c.openPanel();
    c.openPanel();
    c.toggle();
    c.closePanel();
    await sleep(20);
    expect(names()).to.deep.equal(['ready', 'open-change', 'open-change']);
    expect(seen.slice(1).map((e) => e.detail)).to.deep.equal([{ open: true }, { open: false }]);
    expect(seen.every((e) => e.bubbles && e.composed)).to.be.true;
  });

  it('fires message-sent once per message, message-received and unread-change once per real change', async () => {
    await c.start();
    const response = await c.sendMessage('Hello');
    expect(seen.filter((e) => e.name === 'support-chat-message-sent').map((e) => e.detail)).to.deep.equal([
      { ticketId: response!.ticket_id, messageId: response!.message_id, isNewTicket: true },
    ]);
    await c.sendMessage('Again');
    expect(
      seen.filter((e) => e.name === 'support-chat-message-sent').map((e) => (e.detail as { isNewTicket: boolean }).isNewTicket),
    ).to.deep.equal([true, false]);

    await team.reply(response!.ticket_id, 'A reply');
    await waitFor(() => expect(c.getState().unreadCount).to.equal(1));
    await sleep(300); // several more polls, nothing new
    expect(seen.filter((e) => e.name === 'support-chat-unread-change').map((e) => e.detail)).to.deep.equal([{ count: 1 }]);

    c.openPanel();
    c.watch(response!.ticket_id); // what the element's message list does while on screen
    await waitFor(() => expect(c.getState().unreadCount).to.equal(0));
    await sleep(300);
    const received = seen.filter((e) => e.name === 'support-chat-message-received');
    expect(received).to.have.length(1);
    expect((received[0].detail as { message: { content: string } }).message.content).to.equal('A reply');
    expect(seen.filter((e) => e.name === 'support-chat-unread-change').map((e) => e.detail)).to.deep.equal([
      { count: 1 },
      { count: 0 },
    ]);
  });

  it('fires identified once per change of traits', async () => {
    await c.identify({ name: 'Ada' });
    await c.identify({ name: 'Ada' });
    await c.identify({ email: 'ada@example.com' });
    expect(seen.filter((e) => e.name === 'support-chat-identified').map((e) => e.detail)).to.deep.equal([
      { hasName: true, hasEmail: false },
      { hasName: true, hasEmail: true },
    ]);
  });

  it('fires error once per new problem, not once per failed poll', async () => {
    await c.start();
    await chaos({ error_rate: 1, error_status: 503 });
    await sleep(500);
    await chaos({ offline: true });
    await sleep(300);
    expect(seen.filter((e) => e.name === 'support-chat-error').map((e) => (e.detail as { kind: string }).kind)).to.deep.equal([
      'server',
      'network',
    ]);
  });
};

for (const flavor of FLAVORS)
  describe(`events: typed, bubbling, each fired once per real change (${flavor} flavour)`, suite(flavor));
