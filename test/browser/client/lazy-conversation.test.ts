import { expect } from '@open-wc/testing';
import { conversationSlot } from '../../../src/client/conversation-slot.js';
import { MemoryStorage } from '../../../src/client/storage.js';
import { STORED } from '../../../src/client/stored-fields.js';
import { HttpTransport } from '../../../src/transport/http-transport.js';
import { holdRequests } from '../helpers/faults.js';
import { MemoryTransport } from '../helpers/memory-transport.js';
import { waitFor } from '../helpers/queries.js';
import { testClients } from '../helpers/test-clients.js';
import { startReferenceServer, team, WIDGET_TOKEN } from '../helpers/reference-server.js';

// With `lazy` (as <support-chat> makes its client), what keeps the unread count runs at once
// and the conversation parts (delivery, message sync, live, restore flow) come from a file of
// their own: here the TypeScript module, dist/conversation-chunk.js when built. This file holds
// that file back; a module request, once held or loaded, stays so for the page, so the test
// that needs it unloaded comes first and nothing else here loads it before.
describe('the conversation file, loaded when needed', () => {
  const chunk = '*/src/client/conversation-chunk.js';
  const client = testClients('lazy', { pollIntervals: { open: 150, closed: 150 } });
  const lazyClient = (storage: MemoryStorage) => client({ storage, lazy: true });

  it('before it is in, the badge counts replies; a message waits for it, then is sent once', async function () {
    this.timeout(20_000);
    const worker = await startReferenceServer();
    const { release, asked } = holdRequests(worker, chunk);
    // A visitor of an earlier visit, with a ticket and an unread reply on the server.
    const sessionId = crypto.randomUUID();
    const storage = new MemoryStorage();
    await storage.set(STORED.sessionId, sessionId);
    // Written by plain HTTP: HttpTransport's own sendMessage comes with the file held back here.
    const written = await fetch('/api/conversations/v1/widget/message', {
      method: 'POST',
      headers: { 'X-Conversations-Token': WIDGET_TOKEN, 'Content-Type': 'application/json' },
      body: JSON.stringify({ widget_session_id: sessionId, distinct_id: sessionId, message: 'Where is my order?', traits: {} }),
    });
    const opened = (await written.json()) as { ticket_id: string };
    await team.reply(opened.ticket_id, 'On its way');

    const client = lazyClient(storage);
    await client.start();
    expect(client.isAvailable()).to.equal(true);
    await waitFor(() => expect(client.getState().unreadCount).to.equal(1));
    expect(conversationSlot.build, 'the badge did not need the conversation file').to.equal(undefined);

    // No ticket on show (none was stored): the message opens a new one.
    const sending = client.sendMessage('And a second question');
    await waitFor(() => expect(asked()).to.be.greaterThan(0));
    // From code, before the file is in: a conversation request waits for it, and a stream
    // opens once it is (one closed meanwhile never does).
    const transport = new HttpTransport({ token: WIDGET_TOKEN });
    const credentials = { widgetSessionId: sessionId };
    const reading = transport.getMessages(credentials, { ticketId: opened.ticket_id });
    const streams: string[] = [];
    const listener = (name: string) => ({
      open: () => streams.push(`${name} open`),
      event() {},
      error: () => streams.push(`${name} error`),
    });
    const stream = transport.openStream(credentials, {}, listener('kept'));
    transport.openStream(credentials, {}, listener('closed')).close();
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect(streams, 'nothing opened while the file is held').to.deep.equal([]);
    release();
    expect((await reading).messages.map((m) => m.content)).to.deep.equal(['Where is my order?', 'On its way']);
    await waitFor(() => expect(streams).to.deep.equal(['kept open']));
    stream.close();
    const response = await sending;
    expect(response?.ticket_id).to.be.a('string');
    expect(conversationSlot.build).to.be.a('function');
    const sent = await team.messages(response!.ticket_id);
    expect(sent.filter((m) => m.content === 'And a second question')).to.have.length(1);
    await waitFor(() =>
      expect(client.getState().messages.map((m) => `${m.content}:${m.delivery}`)).to.deep.equal(['And a second question:sent']),
    );
  });

  it('a message left unsent by the last visit is delivered at start, without opening the panel', async () => {
    await startReferenceServer();
    const storage = new MemoryStorage();
    const sessionId = crypto.randomUUID();
    const clientMessageId = crypto.randomUUID();
    await storage.set(STORED.sessionId, sessionId);
    // As the outbox stores it (delivery/outbox.ts): queued by a tab that has since gone.
    await storage.set(`outbox:${clientMessageId}`, {
      clientMessageId,
      content: 'Written just before the reload',
      ticket: `new:${clientMessageId}`,
      traits: {},
      queuedAt: Date.now() - 1_000,
      state: 'sending',
      tab: 'a-closed-tab',
    });
    const client = lazyClient(storage);
    await client.start();
    expect(client.getState().open).to.equal(false);
    expect(
      client.getState().messages.map((m) => m.content),
      'on show from the start',
    ).to.deep.equal(['Written just before the reload']);
    await waitFor(() => expect(client.getCurrentTicketId()).to.be.a('string'));
    const onServer = await team.messages(client.getCurrentTicketId()!);
    expect(onServer.map((m) => m.content)).to.deep.equal(['Written just before the reload']);
    await waitFor(async () => expect((await storage.keys()).filter((k) => k.startsWith('outbox:'))).to.have.length(0));
  });

  it('without `lazy`, start() waits for it: once started, a message shows as sending before sendMessage returns', async () => {
    await startReferenceServer();
    const eager = client();
    await eager.start();
    const sending = eager.sendMessage('Hello');
    expect(eager.getState().messages.map((m) => `${m.content}:${m.delivery}`)).to.deep.equal(['Hello:sending']);
    await sending;
  });

  for (const open of [false, true]) {
    it(`reads the ticket list once at start: the badge's read is the conversation parts' first (panel ${open ? 'open' : 'closed'})`, async () => {
      const transport = new MemoryTransport();
      const sessionId = crypto.randomUUID();
      const { ticket_id: ticketId } = await transport.sendMessage(
        { widgetSessionId: sessionId },
        { message: 'Where is my order?', ticketId: null, clientMessageId: crypto.randomUUID() },
      );
      transport.reply(ticketId, 'On its way');
      const storage = new MemoryStorage();
      await storage.set(STORED.sessionId, sessionId);
      await storage.set(STORED.currentTicketId, ticketId);
      await storage.set(STORED.open, open);
      transport.calls.length = 0;
      // No second poll during the test.
      const once = client({ transport, storage, lazy: true, pollIntervals: { open: 60_000, closed: 60_000 } });
      await once.start();
      // The history is in: the conversation parts have made their first poll.
      await waitFor(() =>
        expect(once.getState().messages.map((m) => m.content)).to.deep.equal(['Where is my order?', 'On its way']),
      );
      expect(once.getState().unreadCount).to.equal(1);
      expect(transport.calls.filter((call) => call === 'tickets')).to.have.length(1);
    });
  }
});
