import { expect } from '@open-wc/testing';
import { deleteDatabase } from '../helpers/faults.js';
import { waitFor } from '../helpers/queries.js';
import { startReferenceServer, team } from '../helpers/reference-server.js';
import { closeTab, openTab, type Tab } from '../helpers/tabs.js';

/**
 * Two "tabs" are two iframes of the test page: separate windows with their own client, one
 * IndexedDB, one BroadcastChannel and one set of Web Locks, as real tabs of one site have.
 * The MSW worker answers every frame with the handlers of the top page, so both talk to the
 * same reference server (one store), which keeps these tests simple and deterministic.
 */
describe('several tabs of one site', () => {
  let tabs: Tab[] = [];
  const open = async (query = '') => {
    const tab = await openTab(query);
    tabs.push(tab);
    return tab;
  };
  const contents = (tab: Tab) => tab.client.getState().messages.map((m) => `${m.content}:${m.delivery}`);

  beforeEach(async () => {
    await startReferenceServer();
    await deleteDatabase();
  });
  afterEach(() => {
    tabs.forEach(closeTab);
    tabs = [];
  });

  it('polls from one tab only, and hands polling over when that tab closes', async () => {
    const a = await open();
    const b = await open();
    // b came to the front and took the lock; by its second poll, a has long heard it lost it.
    await waitFor(() => expect(b.polls()).to.be.at.least(2));
    const [startA, startB, started] = [a.polls(), b.polls(), performance.now()];
    await waitFor(() => expect(b.polls() - startB).to.be.at.least(3));
    const elapsed = performance.now() - started;
    expect(a.polls() - startA, 'the other tab stays quiet').to.equal(0);
    expect(b.polls() - startB, 'the leader polls every 400 ms, not more often').to.be.at.most(Math.floor(elapsed / 400) + 1);

    closeTab(b);
    tabs = [a];
    const before = a.polls();
    await waitFor(() => expect(a.polls() - before, 'the remaining tab took over').to.be.at.least(2));
  });

  it('shows a message sent in one tab in the other, with the same state', async () => {
    const a = await open();
    const b = await open();
    const sending = b.client.sendMessage('Written in B');
    await waitFor(() => expect(contents(a)).to.have.length(1));
    await sending;
    await waitFor(() => expect(contents(a)).to.deep.equal(['Written in B:sent']));
    expect(contents(b)).to.deep.equal(['Written in B:sent']);
    expect(a.client.getCurrentTicketId()).to.equal(b.client.getCurrentTicketId());
    expect(a.client.getWidgetSessionId()).to.equal(b.client.getWidgetSessionId());
    expect(
      b.events.filter((e) => e.name === 'support-chat-message-sent'),
      'announced in the tab that sent it',
    ).to.have.length(1);
    expect(a.events.filter((e) => e.name === 'support-chat-message-sent')).to.have.length(0);

    a.client.openPanel();
    await waitFor(() => expect(b.client.getState().open).to.be.true);
  });

  it('keeps a new ticket opened the moment a tab opens, though the welcome from the leader was written before it', async () => {
    const a = await open();
    // In the background, b leaves the lock to a: a answers b's hello and delivers b's message.
    const b = await open('?hidden&send=Written+at+once');
    await waitFor(() => {
      expect(contents(a)).to.deep.equal(['Written at once:sent']);
      expect(contents(b)).to.deep.equal(['Written at once:sent']);
    });
    expect(b.client.getCurrentTicketId()).to.be.a('string').and.equal(a.client.getCurrentTicketId());
    expect(
      b.events.filter((e) => e.name === 'support-chat-message-sent'),
      'announced in the tab that sent it',
    ).to.have.length(1);
  });

  it('shows the same replies and unread count in every tab', async () => {
    const a = await open();
    await a.client.sendMessage('Hello');
    const b = await open();
    const ticketId = a.client.getCurrentTicketId()!;
    await team.reply(ticketId, 'Hi from the team');
    await waitFor(() => {
      expect(a.client.getState().unreadCount).to.equal(1);
      expect(b.client.getState().unreadCount).to.equal(1);
    });
    for (const tab of [a, b]) {
      expect(tab.events.filter((e) => e.name === 'support-chat-unread-change').map((e) => e.detail)).to.deep.equal([
        { count: 1 },
      ]);
    }
    b.client.openPanel();
    b.client.watch(ticketId); // the conversation is on show in tab b
    await waitFor(() => {
      expect(contents(a)).to.deep.equal(['Hello:sent', 'Hi from the team:sent']);
      expect(contents(b)).to.deep.equal(['Hello:sent', 'Hi from the team:sent']);
      expect(a.client.getState().unreadCount).to.equal(0);
      expect(b.client.getState().unreadCount).to.equal(0);
    });
    for (const tab of [a, b]) {
      expect(
        tab.events.filter((e) => e.name === 'support-chat-message-received'),
        'each tab fires it once',
      ).to.have.length(1);
    }
  });

  it('copies a conversation to the other tabs only when there are some', async () => {
    const a = await open();
    const posted: unknown[] = [];
    const channel = (a.frame.contentWindow as typeof window).BroadcastChannel.prototype;
    const post = channel.postMessage;
    channel.postMessage = function (this: BroadcastChannel, message: { t: unknown }) {
      posted.push(message.t);
      post.call(this, message);
    };
    await a.client.sendMessage('Hello');
    await team.reply(a.client.getCurrentTicketId()!, 'Hi from the team');
    a.client.openPanel();
    await waitFor(() => expect(contents(a)).to.deep.equal(['Hello:sent', 'Hi from the team:sent']));
    expect(posted, 'alone, the tab tells its state but copies no messages').to.include('state').and.not.include('messages');

    const b = await open();
    await waitFor(() => expect(contents(b)).to.deep.equal(['Hello:sent', 'Hi from the team:sent']));
  });

  it('delivers what a closed tab left in the outbox', async () => {
    const a = await open('?closed=60000');
    const b = await open('?closed=60000');
    await waitFor(() => expect(b.polls(), 'b, opened last, took the lock and polled').to.be.above(0));
    await a.client.sendMessage('First');
    // The leader closes; a queues a message at once and has to take over delivery.
    closeTab(b);
    tabs = [a];
    void a.client.sendMessage('After the leader left').catch(() => undefined);
    await waitFor(() => expect(contents(a)).to.deep.equal(['First:sent', 'After the leader left:sent']), 8000);
    expect((await team.messages(a.client.getCurrentTicketId()!)).map((m) => m.content)).to.deep.equal([
      'First',
      'After the leader left',
    ]);
  });
});
