import { expect } from '@open-wc/testing';
import { SupportChatClient } from '../../../src/client/support-chat-client.js';
import { MemoryStorage } from '../../../src/client/storage.js';
import { FakeClock, settle } from '../helpers/fake-clock.js';
import { LiveMemoryTransport } from '../helpers/live-transport.js';

/**
 * The live channel and typing on a fake stream and the fake clock: reconnection, backoff,
 * the fallback to polling and back, resume positions, the typing lapse and the throttle.
 * Nothing here sleeps.
 */
describe('live channel (fake stream, fake clock)', () => {
  let clock: FakeClock;
  let transport: LiveMemoryTransport;
  let client: SupportChatClient;
  let n = 0;

  async function start(options: { consentRequired?: boolean } = {}) {
    client = new SupportChatClient({
      token: `live-unit-${n++}`,
      transport,
      storage: new MemoryStorage(),
      pollIntervals: { open: 1_000, closed: 5_000 },
      clock,
      ...options,
    });
    await client.start();
    await clock.tick(0);
  }

  /** A client with a ticket, its stream open. */
  async function live() {
    await start();
    client.openPanel();
    await client.sendMessage('Hello');
    await clock.tick(0);
    transport.current!.listener.open();
    await clock.tick(0);
    transport.calls.length = 0;
    return client.getCurrentTicketId()!;
  }

  const polls = () => transport.calls.filter((c) => c === 'messages' || c === 'tickets').length;
  const contents = () => client.getState().messages.map((m) => m.content);

  beforeEach(() => {
    clock = new FakeClock(Date.parse('2024-01-01T00:00:00Z'));
    transport = new LiveMemoryTransport();
  });
  afterEach(() => client?.stop());

  it('opens one stream when the backend says so, and does not poll while it is healthy', async () => {
    const ticketId = await live();
    expect(client.getState().channel).to.equal('live');
    expect(transport.streams).to.have.length(1);
    await clock.tick(60_000);
    expect(polls(), 'no poll in a minute with the panel open').to.equal(0);
    transport.replyLive(ticketId, 'Hi there');
    await settle();
    expect(contents()).to.deep.equal(['Hello', 'Hi there']);
  });

  it('reads once on every (re)connection, and resumes after the last event id', async () => {
    const ticketId = await live();
    const message = transport.reply(ticketId, 'One');
    const id = transport.emit('message', { ticket_id: ticketId, message });
    transport.fail();
    expect(client.getState().channel, 'one drop: still live, reconnecting').to.equal('live');
    await clock.tick(1_000);
    expect(transport.streams).to.have.length(2);
    expect(transport.streams[1].request.lastEventId).to.equal(id);
    transport.current!.listener.open();
    await clock.tick(0);
    expect(polls(), 'the gap read').to.be.greaterThan(0);
    // A replay overlapping what was seen: applied once.
    transport.emit('message', { ticket_id: ticketId, message }, id);
    await settle();
    expect(contents()).to.deep.equal(['Hello', 'One']);
  });

  it('falls back to polling after repeated failures, with backoff, and returns to the stream', async () => {
    const ticketId = await live();
    transport.fail();
    await clock.tick(1_000);
    transport.fail();
    expect(client.getState().channel).to.equal('polling');
    await clock.tick(0);
    const atFallback = polls();
    expect(atFallback, 'a poll at once').to.be.greaterThan(0);
    transport.reply(ticketId, 'While the stream was down');
    await clock.tick(1_000);
    expect(contents()).to.include('While the stream was down');
    expect(transport.streams.length, 'the next try waits longer (backoff: up to 2 s)').to.be.at.most(3);
    await clock.tick(2_000);
    expect(transport.streams).to.have.length(3);
    transport.current!.listener.open();
    await clock.tick(0);
    expect(client.getState().channel).to.equal('live');
    const atRecovery = polls();
    await clock.tick(30_000);
    expect(polls(), 'polling stops again').to.equal(atRecovery);
    expect(contents().filter((c) => c === 'While the stream was down')).to.have.length(1);
  });

  it('a refused stream polls at once; a plain backend (no capabilities) never streams', async () => {
    await live();
    transport.fail(true);
    expect(client.getState().channel).to.equal('polling');
    client.stop();
    transport = new LiveMemoryTransport();
    transport.getCapabilities = () => Promise.reject(new Error('404'));
    await start();
    await clock.tick(10_000);
    expect(transport.streams).to.have.length(0);
    expect(client.getState().channel).to.equal('polling');
  });

  it('on reset reads the tickets and the messages again', async () => {
    await live();
    transport.emit('reset', { reason: 'too_old' });
    await clock.tick(0);
    expect(transport.calls).to.include('tickets');
    expect(transport.calls).to.include('messages');
  });

  it('shows team typing, refreshes it, and hides it 6 s after the last refresh or when the message comes', async () => {
    const ticketId = await live();
    const events: unknown[] = [];
    client.addEventListener('support-chat-typing', (e) => events.push(e.detail));
    transport.emit('typing', { ticket_id: ticketId, author_name: 'Dana', typing: true });
    expect(client.getState().typing).to.deep.equal({ ticketId, authorName: 'Dana' });
    await clock.tick(4_000);
    transport.emit('typing', { ticket_id: ticketId, author_name: 'Dana', typing: true });
    await clock.tick(5_999);
    expect(client.getState().typing, 'refreshed: still typing').to.not.equal(null);
    await clock.tick(1);
    expect(client.getState().typing, 'lapsed').to.equal(null);
    expect(events).to.deep.equal([
      { ticketId, authorName: 'Dana', typing: true },
      { ticketId, authorName: 'Dana', typing: false },
    ]);
    transport.emit('typing', { ticket_id: ticketId, author_name: 'Dana', typing: true });
    transport.replyLive(ticketId, 'Here it is');
    await settle();
    expect(client.getState().typing, 'the message ends it').to.equal(null);
  });

  it("sends the visitor's typing at most every 3 s, false when they stop or send, never the text", async () => {
    await live();
    for (let i = 0; i < 10; i++) {
      client.setTyping(true);
      await clock.tick(500);
    }
    expect(transport.typing.map((t) => t.typing)).to.deep.equal([true, true]);
    await clock.tick(5_000);
    expect(transport.typing.at(-1)!.typing, 'idle: stopped').to.equal(false);
    client.setTyping(true);
    await client.sendMessage('Done');
    await settle();
    expect(transport.typing.map((t) => t.typing)).to.deep.equal([true, true, false, true, false]);
    expect(Object.keys(transport.typing[0]).sort()).to.deep.equal(['ticketId', 'typing']);
  });

  it('sends no typing before consent, nor when the backend does not say typing', async () => {
    transport.capabilities = { stream: true, typing: false };
    await live();
    client.setTyping(true);
    await clock.tick(0);
    expect(transport.typing).to.have.length(0);
    client.stop();
    transport = new LiveMemoryTransport();
    await start({ consentRequired: true });
    await clock.tick(0);
    client.setTyping(true);
    await clock.tick(0);
    expect(transport.typing).to.have.length(0);
  });
});
