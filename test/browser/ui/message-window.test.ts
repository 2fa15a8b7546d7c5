import { expect, fixture, html } from '@open-wc/testing';
import { sendKeys, setViewport } from '@web/test-runner-commands';
import { SupportChatClient, type SupportChat } from '../../../src/index.js';
import { MemoryStorage } from '../../../src/client/storage.js';
import type { Message } from '../../../src/transport/wire-types.js';
import { FIRST_PAGE } from '../../../src/components/message-list/message-window.js';
import { MemoryTransport } from '../helpers/memory-transport.js';
import { waitFor } from '../helpers/queries.js';
import { openPanel, ui } from './widget.js';

/** A widget whose conversation already holds `count` messages, served from memory. */
async function longConversation(count: number) {
  const transport = new MemoryTransport();
  const sessionId = crypto.randomUUID();
  const ticketId = crypto.randomUUID();
  // Before the transport's own clock (2024), which dates the replies it adds.
  const start = Date.parse('2023-01-01T00:00:00Z');
  const messages: Message[] = Array.from({ length: count }, (_, i) => ({
    id: `m${i + 1}`,
    content: `Message ${i + 1}`,
    author_type: i % 2 ? 'human' : 'customer',
    author_name: i % 2 ? 'Ada' : null,
    created_at: new Date(start + i * 60_000).toISOString(),
  }));
  transport.tickets.set(ticketId, {
    ticket: {
      id: ticketId,
      ticket_number: 1,
      status: 'open',
      unread_count: 0,
      last_message: null,
      last_message_at: null,
      message_count: count,
      created_at: messages[0].created_at,
    },
    owner: sessionId,
    messages,
    unread: new Set(),
  });
  const storage = new MemoryStorage();
  await storage.set('session-id', sessionId);
  await storage.set('current-ticket', ticketId);
  const container = await fixture<HTMLDivElement>(html`<div style="height: 600px"></div>`);
  const el = document.createElement('support-chat') as SupportChat;
  el.client = new SupportChatClient({
    token: `window-${Math.random()}`,
    transport,
    storage,
    eventTarget: el,
    pollIntervals: { open: 150, closed: 150 },
  });
  container.append(el);
  await waitFor(() => expect(el.isAvailable()).to.be.true);
  await openPanel(el);
  const list = ui(el).querySelector('support-chat-message-list')!;
  await waitFor(() => expect(list.shadowRoot!.querySelectorAll('li').length).to.be.greaterThan(0));
  await list.updateComplete;
  return { el, list, transport, ticketId };
}

const items = (list: Element) => [...list.shadowRoot!.querySelectorAll('li')];
const offset = (list: Element, item: Element) => item.getBoundingClientRect().top - list.getBoundingClientRect().top;

describe('a long conversation opens on a window of its newest messages', () => {
  it('renders a page of <li> for 10,000 messages, the newest last and in view', async function () {
    this.timeout(20_000);
    const { list } = await longConversation(10_000);
    const shown = items(list);
    expect(shown.length).to.equal(FIRST_PAGE);
    expect(shown.at(-1)!.textContent).to.contain('Message 10000');
    // The composer appearing below shrinks the list; it stays scrolled to the end (before the paint).
    for (let frame = 0; frame < 2; frame++) await new Promise((resolve) => requestAnimationFrame(resolve));
    expect(list.scrollTop + list.clientHeight).to.be.closeTo(list.scrollHeight, 2);

    // The full date is a tooltip written when the pointer reaches a time, not for every message up front.
    const time = shown.at(-1)!.querySelector('time')!;
    expect(time.title).to.equal('');
    time.dispatchEvent(new PointerEvent('pointerover', { bubbles: true, composed: true }));
    expect(time.title).to.equal(new Date(time.dateTime).toLocaleString('en'));
  });

  it('scrolled to the top, renders the page before it, the messages on screen staying put', async function () {
    this.timeout(20_000);
    const { list } = await longConversation(500);
    const before = items(list).length;
    list.scrollTop = 0;
    const first = items(list)[0];
    const at = offset(list, first);
    await waitFor(() => expect(items(list).length).to.be.greaterThan(before));
    await list.updateComplete;
    expect(offset(list, first)).to.be.closeTo(at, 2);
    expect(items(list)[0].textContent).to.not.contain('Message 451');
  });

  it('older messages are reachable by keyboard, outside the live log; new replies arrive in it', async function () {
    this.timeout(20_000);
    const { el, list, transport, ticketId } = await longConversation(120);
    const button = [...list.shadowRoot!.querySelectorAll('button')].find((b) => b.textContent === 'Show earlier messages')!;
    expect(button.tabIndex).to.equal(0);
    // (Focus scrolls the button into view, which may render a page by itself.)
    button.focus();
    for (let i = 0; i < 3 && button.isConnected; i++) {
      await sendKeys({ press: 'Enter' });
      await list.updateComplete;
    }
    await waitFor(() => expect(items(list)[0].textContent).to.match(/Message 1\b/));
    // All shown: the button is gone, and focus went to the earlier messages rather than the page.
    await waitFor(() => expect(list.shadowRoot!.activeElement?.classList.contains('earlier-list')).to.be.true);
    const log = list.shadowRoot!.querySelector('[role="log"]')!;
    expect(items(list)[0].closest('[role="log"]')).to.equal(null);
    expect(log.querySelectorAll('li').length).to.equal(FIRST_PAGE);

    transport.reply(ticketId, 'A new answer');
    await waitFor(() => expect(log.textContent).to.contain('A new answer'));
    await expect(el).to.be.accessible();
  });

  it('opens on a small first page, and a list it does not fill renders the pages before it at once', async function () {
    this.timeout(20_000);
    // A phone of 2,500 px: the panel takes the whole screen, taller than a first page of one-line messages.
    await setViewport({ width: 375, height: 2_500 });
    try {
      const { list } = await longConversation(500);
      expect(list.clientHeight).to.be.greaterThan(1_500);
      await waitFor(() => expect(list.scrollHeight).to.be.greaterThan(list.clientHeight));
      expect(items(list).length).to.be.greaterThan(FIRST_PAGE);
      expect(items(list).at(-1)!.textContent).to.contain('Message 500');
      await waitFor(() => expect(list.scrollTop + list.clientHeight).to.be.closeTo(list.scrollHeight, 2));
    } finally {
      await setViewport({ width: 800, height: 600 });
    }
  });
});
