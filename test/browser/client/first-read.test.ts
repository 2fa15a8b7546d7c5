import { expect } from '@open-wc/testing';
import { MemoryStorage } from '../../../src/client/storage.js';
import { STORED } from '../../../src/client/stored-fields.js';
import { chaos, countRequests } from '../helpers/faults.js';
import { MemoryTransport } from '../helpers/memory-transport.js';
import { waitFor } from '../helpers/queries.js';
import { startReferenceServer, team, WIDGET_TOKEN } from '../helpers/reference-server.js';
import { testClients } from '../helpers/test-clients.js';

/**
 * Web Locks granted only when the test says: the grant of a tab's election lock comes behind
 * the browser's next frame in a real page (its first frame of the panel), which these tests
 * stretch so that what happens before it can be seen.
 */
function holdLockGrants() {
  const request = navigator.locks.request.bind(navigator.locks);
  const held: Array<() => void> = [];
  navigator.locks.request = ((name: string, options: LockOptions, callback: (lock: Lock | null) => unknown) =>
    request(name, options, (lock) => new Promise<void>((resolve) => held.push(resolve)).then(() => callback(lock)))) as never;
  return {
    release() {
      navigator.locks.request = request as never;
      held.splice(0).forEach((grant) => grant());
    },
  };
}

describe('a conversation opened as the page loads', () => {
  const client = testClients('first-read', { pollIntervals: { open: 60_000, closed: 60_000 } });
  let locks: ReturnType<typeof holdLockGrants> | undefined;
  afterEach(async () => {
    locks?.release();
    await chaos({});
  });

  /** A visitor of an earlier visit, with a ticket the team answered. */
  async function returningVisitor() {
    const sessionId = crypto.randomUUID();
    const response = await fetch('/api/conversations/v1/widget/message', {
      method: 'POST',
      headers: { 'X-Conversations-Token': WIDGET_TOKEN, 'Content-Type': 'application/json' },
      body: JSON.stringify({ widget_session_id: sessionId, distinct_id: sessionId, message: 'Where is my order?', traits: {} }),
    });
    const { ticket_id: ticketId } = (await response.json()) as { ticket_id: string };
    await team.reply(ticketId, 'On its way');
    const storage = new MemoryStorage();
    await storage.set(STORED.sessionId, sessionId);
    await storage.set(STORED.currentTicketId, ticketId);
    return storage;
  }

  it('is read before the tab has won its election, with the ticket list, and the schedule goes on from that read', async () => {
    const worker = await startReferenceServer();
    const storage = await returningVisitor();
    const requests = countRequests(worker);
    await chaos({ latency_ms: 100 }); // a network's round trip: requests asked together overlap
    locks = holdLockGrants();
    const c = client({ storage });
    await c.start();
    c.openPanel();
    await waitFor(() => expect(c.getState().messages.map((m) => m.content)).to.deep.equal(['Where is my order?', 'On its way']));
    expect(c.getState().leader, 'shown while the lock is still held back').to.equal(false);
    expect(requests.of('messages')).to.have.length(1);
    expect(requests.of('tickets')).to.have.length(1);
    expect(requests.maxConcurrentPolls, 'the messages and the ticket list asked together').to.equal(2);

    locks.release();
    await waitFor(() => expect(c.getState().leader).to.equal(true));
    await new Promise((resolve) => setTimeout(resolve, 200));
    // The lead starts the schedule at once when no poll is under way: one more read, of what came after.
    expect(requests.of('messages').length, 'no second read of the whole history').to.be.at.most(2);
    expect(
      requests
        .of('messages')
        .slice(1)
        .every((r) => new URL(r.url).searchParams.has('after')),
    ).to.equal(true);
    requests.stop();
  });

  it('stays read when the ticket list asked beside its messages is answered after the mark-as-read', async () => {
    const transport = new MemoryTransport();
    const storage = new MemoryStorage();
    const earlier = client({ transport, storage });
    await earlier.sendMessage('Where is my order?');
    const ticketId = earlier.getCurrentTicketId()!;
    earlier.stop();
    transport.reply(ticketId, 'On its way');
    // The list is answered as the server had it when asked (one unread reply), but only once the
    // mark-as-read that the messages' answer leads to has been answered.
    let markAnswered!: () => void;
    const marked = new Promise<void>((resolve) => (markAnswered = resolve));
    const [getTickets, markAsRead] = [transport.getTickets.bind(transport), transport.markAsRead.bind(transport)];
    transport.getTickets = async (...args) => {
      const answer = await getTickets(...args);
      await marked;
      return answer;
    };
    transport.markAsRead = async (...args) => {
      const answer = await markAsRead(...args);
      setTimeout(markAnswered, 20); // after the client has taken the answer in
      return answer;
    };

    const c = client({ transport, storage });
    const counts: number[] = [];
    c.addEventListener('support-chat-unread-change', (event) =>
      counts.push((event as CustomEvent<{ count: number }>).detail.count),
    );
    await c.start();
    const stop = c.watch(ticketId); // a view shows it, in a visible page
    c.openPanel();
    await waitFor(() => expect(transport.calls.filter((call) => call === 'read')).to.have.length(1));
    await marked;
    await new Promise((resolve) => setTimeout(resolve, 100));
    stop();
    expect(c.getState().unreadCount, 'read').to.equal(0);
    expect(counts, 'the reply, read on arrival, never counted as unread').to.deep.equal([]);
  });
});
