import { expect } from '@open-wc/testing';
import { defaultConfig } from '../../../mock-server/config.js';
import { hmacSha256Hex } from '../../../mock-server/lib/crypto.js';
import type { ChatState } from '../../../src/client/chat-state.js';
import { SupportChatClient } from '../../../src/client/support-chat-client.js';
import { MemoryStorage } from '../../../src/client/storage.js';
import { HttpTransport } from '../../../src/transport/http-transport.js';
import { chaos, sleep } from '../helpers/faults.js';
import { queryAllByRole, waitFor } from '../helpers/queries.js';
import { WIDGET_TOKEN, startReferenceServer, team } from '../helpers/reference-server.js';
import { openPanel, send, ticketOf, ui, widget } from '../ui/widget.js';

const hashOf = (distinctId: string) => hmacSha256Hex(defaultConfig.identitySecret, distinctId);

/** The same person on another device: only the identity, no session of this browser. */
const elsewhere = (distinctId: string, hash: string) =>
  new HttpTransport({ token: WIDGET_TOKEN }).getTickets({ identityDistinctId: distinctId, identityHash: hash }, {});

const shown = (el: HTMLElement) =>
  queryAllByRole(ui(el as never), 'listitem')
    .map((li) => li.textContent ?? '')
    .join('\n');

// Issue 16, item 4: a visitor who wrote anonymously and then logs in keeps their tickets;
// logging out (reset) starts clean.
describe('identity continuity in the widget', () => {
  beforeEach(() => startReferenceServer());

  it('keeps the anonymous ticket listed and readable after setIdentity, with no flash of an empty list; reset() starts clean', async () => {
    const el = await widget();
    await openPanel(el);
    await send(el, 'Where is my order?');
    const ticketId = await ticketOf(el);
    await team.reply(ticketId, 'It ships today');
    await waitFor(() => expect(shown(el)).to.contain('It ships today'));
    await el.identify({ name: 'Ida', email: 'ida@example.com' });
    const client = el.client!;
    const sessionBefore = client.getWidgetSessionId();
    await waitFor(() => expect(client.getState().tickets.map((t) => t.id)).to.include(ticketId));

    // Every state from the login on: never an empty list, never an empty conversation.
    const states: ChatState[] = [];
    const unsubscribe = client.subscribe((s) => states.push(s));
    const hash = await hashOf('user-77');
    await el.setIdentity('user-77', hash);
    await client.refresh();
    await sleep(400); // a few polls (150 ms) with the identity
    unsubscribe();
    expect(states.length).to.be.above(1);
    for (const s of states) {
      expect(
        s.tickets.map((t) => t.id),
        'the list never empties',
      ).to.include(ticketId);
      expect(
        s.messages.map((m) => m.content),
        'the conversation never empties',
      ).to.deep.equal(['Where is my order?', 'It ships today']);
    }
    expect(el.getCurrentTicketId()).to.equal(ticketId);
    expect(shown(el)).to.contain('Where is my order?').and.contain('It ships today');
    expect(client.getState().error).to.equal(null);

    // The server linked it: the identity on another device has it too, and the team sees who.
    expect((await elsewhere('user-77', hash)).results.map((t) => t.id)).to.deep.equal([ticketId]);
    const teamView = await (
      await fetch(`/api/projects/${defaultConfig.projectId}/conversations/tickets/${ticketId}`, {
        headers: { Authorization: `Bearer ${defaultConfig.apiKey}` },
      })
    ).json();
    expect(teamView.verified_identity).to.equal('user-77');

    // And the visitor writes on in it, as themselves.
    await send(el, 'Thanks!');
    await waitFor(() => expect(client.getState().messages.at(-1)).to.include({ content: 'Thanks!', delivery: 'sent' }));
    expect((await team.messages(ticketId)).map((m) => m.content)).to.deep.equal([
      'Where is my order?',
      'It ships today',
      'Thanks!',
    ]);

    // Logout with a message still unsent (offline): reset() forgets everything, the outbox too;
    // the fresh session sees none of the identity's tickets.
    await chaos({ offline: true });
    void el.sendMessage('Never to be sent').catch(() => {});
    await waitFor(() => expect(client.getState().messages.at(-1)).to.include({ content: 'Never to be sent' }));
    await el.reset();
    await chaos({});
    await client.refresh();
    await sleep(300);
    const after = client.getState();
    expect(client.getWidgetSessionId()).to.be.a('string').and.not.equal(sessionBefore);
    expect(after.tickets).to.deep.equal([]);
    expect(after.messages).to.deep.equal([]);
    expect(after.traits).to.deep.equal({});
    expect(el.getCurrentTicketId()).to.equal(null);
    expect(shown(el)).not.to.contain('It ships today');
    expect(((await client.getTickets()) ?? { results: [] }).results).to.deep.equal([]);
    dispatchEvent(new Event('online'));
    await sleep(500);
    expect(
      (await team.messages(ticketId)).map((m) => m.content),
      'the outbox was cleared',
    ).not.to.include('Never to be sent');
    expect((await team.tickets()).map((t) => t.id)).to.deep.equal([ticketId]);
    await expect(el).to.be.accessible();
  });

  it('clearIdentity() starts a fresh anonymous session that sees none of the identity’s tickets', async () => {
    const client = new SupportChatClient({
      token: `continuity-${Math.random()}`,
      transport: new HttpTransport({ token: WIDGET_TOKEN }),
      storage: new MemoryStorage(),
      pollIntervals: { open: 60_000, closed: 60_000 },
    });
    try {
      await client.sendMessage('Before login');
      const anonymousTicket = client.getCurrentTicketId()!;
      const session = client.getWidgetSessionId();
      await client.setIdentity('user-88', await hashOf('user-88'));
      await client.sendMessage('While logged in', undefined, true);
      await client.refresh();
      expect(client.getState().tickets).to.have.length(2);

      await client.clearIdentity();
      await client.refresh();
      expect(client.getWidgetSessionId()).to.not.equal(session);
      expect(client.getState().tickets).to.deep.equal([]);
      expect(client.getCurrentTicketId()).to.equal(null);
      expect(await client.getMessages(anonymousTicket).catch((e: Error) => e.message)).to.match(/403|Forbidden/);
    } finally {
      client.stop();
    }
  });

  it('keeps showing them on a backend that does not link (the posthog flavour), through the session', async () => {
    await startReferenceServer({ flavor: 'posthog' });
    const storage = new MemoryStorage();
    const make = () =>
      new SupportChatClient({
        token: 'continuity-posthog',
        transport: new HttpTransport({ token: WIDGET_TOKEN }),
        storage,
        pollIntervals: { open: 60_000, closed: 60_000 },
      });
    let client = make();
    try {
      await client.sendMessage('Before login');
      const ticketId = client.getCurrentTicketId()!;
      await client.refresh();
      await client.setIdentity('user-99', await hashOf('user-99'));
      await client.refresh();
      expect(client.getState().tickets.map((t) => t.id)).to.deep.equal([ticketId]);
      expect(client.getState().messages.map((m) => m.content)).to.deep.equal(['Before login']);
      expect(client.getState().error).to.equal(null);

      client.stop(); // a reload: the site sets the identity again
      client = make();
      await client.setIdentity('user-99', await hashOf('user-99'));
      await client.refresh();
      expect(client.getState().tickets.map((t) => t.id)).to.deep.equal([ticketId]);
      expect(client.getState().messages.map((m) => m.content)).to.deep.equal(['Before login']);
    } finally {
      client.stop();
    }
  });
});
