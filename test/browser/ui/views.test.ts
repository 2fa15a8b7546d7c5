import { expect } from '@open-wc/testing';
import { http } from 'msw';
import type { SupportChat } from '../../../src/index.js';
import { findByRole, getByRole, queryAllByRole, waitFor } from '../helpers/queries.js';
import { startReferenceServer, team } from '../helpers/reference-server.js';
import { deepQuery, openPanel, send, ticketOf, ui, widget } from './widget.js';

/** What the badge shows (drawn by CSS, so that screen readers hear the count once, in the name). */
const badgeText = (el: SupportChat) => getComputedStyle(deepQuery(ui(el), '[part=badge]')!, '::before').content;

describe('views and navigation', () => {
  beforeEach(async () => {
    await startReferenceServer();
  });

  it('badge shows the unread count, and 99+ past 99', async () => {
    const el = await widget();
    await openPanel(el);
    await send(el, 'Hello');
    const ticketId = await ticketOf(el);
    el.closePanel();
    await team.reply(ticketId, 'First');
    await team.reply(ticketId, 'Second');
    const launcher = await findByRole(ui(el), 'button', 'Open chat (2 unread)');
    expect(badgeText(el)).to.equal('"2"');
    expect(launcher.getAttribute('aria-expanded')).to.equal('false');

    for (let i = 0; i < 98; i++) await team.reply(ticketId, `Reply ${i}`);
    await findByRole(ui(el), 'button', 'Open chat (99+ unread)');
    expect(badgeText(el)).to.equal('"99+"');
  });

  it('starts on the greeting, and lists conversations by latest activity with status and unread', async () => {
    const el = await widget({ greeting: 'Ahoy! Ask us anything.' });
    await openPanel(el);
    expect(deepQuery(ui(el), '[part=greeting]')!.textContent).to.equal('Ahoy! Ask us anything.');
    expect(queryAllByRole(ui(el), 'button', 'Back')).to.have.length(0);

    await send(el, 'About my first order');
    const first = await ticketOf(el);
    // A second conversation, started from the list.
    (await findByRole(ui(el), 'button', 'Back')).click();
    (await findByRole(ui(el), 'button', 'New conversation')).click();
    await findByRole(ui(el), 'textbox', 'Message');
    await send(el, 'A question about returns');
    await waitFor(() => {
      if (el.getCurrentTicketId() === first || !el.getCurrentTicketId()) throw new Error('no second ticket');
    });
    // The team answers the first one later: it moves to the top, with an unread pill.
    await team.reply(first, 'Your first order ships today, see https://example.com/track.');
    getByRole(ui(el), 'button', 'Back').click();
    const tickets = await waitFor(() => {
      const found = queryAllByRole(ui(el), 'button', /ships today/);
      if (!found.length) throw new Error('no reply in the list yet');
      return [...deepQuery(ui(el), 'support-chat-ticket-list')!.shadowRoot!.querySelectorAll('[part~=ticket]')];
    });
    expect(tickets).to.have.length(2);
    expect(tickets[0].textContent).to.contain('Your first order ships today');
    expect(tickets[0].querySelector('[part=unread]')!.textContent).to.equal('1 unread');
    expect(tickets[0].querySelector('[part=ticket-status]')!.textContent).to.equal('New');
    expect(tickets[1].textContent).to.contain('A question about returns');
    expect(tickets[1].querySelector('[part=unread]')).to.equal(null);
    // The last message is cut to one line with an ellipsis, not wrapped.
    const preview = tickets[0].querySelector<HTMLElement>('.preview')!;
    expect(getComputedStyle(preview).textOverflow).to.equal('ellipsis');

    (tickets[0] as HTMLElement).click();
    const link = await findByRole(ui(el), 'link', 'https://example.com/track');
    expect(el.getCurrentTicketId()).to.equal(first);
    expect(link.getAttribute('rel')).to.equal('noopener noreferrer');
  });

  it('marks a reply read only while its conversation is on show, not while the list is', async () => {
    const el = await widget();
    await openPanel(el);
    await send(el, 'Is my order on its way?');
    const ticketId = await ticketOf(el);
    (await findByRole(ui(el), 'button', 'Back')).click();
    await findByRole(ui(el), 'button', /Is my order on its way/);
    await team.reply(ticketId, 'It ships tomorrow.');
    // The open panel polls the current ticket's messages: the reply arrives while the list is on show.
    await waitFor(() => expect(el.getState().messages.map((m) => m.content)).to.include('It ships tomorrow.'));
    await el.refresh();
    expect(el.getState().unreadCount, 'not seen, so not read').to.equal(1);

    (await findByRole(ui(el), 'button', /It ships tomorrow/)).click();
    await findByRole(ui(el), 'listitem', /It ships tomorrow\./);
    await waitFor(() => expect(el.getState().unreadCount, 'read once on show').to.equal(0));
  });

  it('shows who wrote each message, on which side, and when, in words', async () => {
    const el = await widget();
    await openPanel(el);
    await send(el, 'Where is my parcel?');
    const ticketId = await ticketOf(el);
    await team.reply(ticketId, 'Let me check.');
    const reply = await findByRole(ui(el), 'listitem', /Let me check\./);
    const mine = getByRole(ui(el), 'listitem', /Where is my parcel\?/);
    expect(mine.getAttribute('part')).to.contain('message-customer');
    expect(reply.getAttribute('part')).to.contain('message-team');
    expect(mine.textContent).to.contain('You');
    expect(reply.textContent).to.contain('Ada from Support');
    expect(reply.querySelector('time')!.textContent).to.equal('now');
    expect(reply.querySelector('time')!.getAttribute('datetime')).to.match(/^\d{4}-\d\d-\d\dT/);
    // Visitor on the end side, team on the start side.
    expect(mine.getBoundingClientRect().right).to.be.greaterThan(reply.getBoundingClientRect().right);
  });

  it('a resolved conversation shows a banner and "New conversation" instead of the message box', async () => {
    const el = await widget();
    await openPanel(el);
    await send(el, 'Thanks, all good');
    const ticketId = await ticketOf(el);
    await team.setStatus(ticketId, 'resolved');
    const banner = await waitFor(() => {
      const found = deepQuery(ui(el), '[part=resolved]');
      if (!found) throw new Error('no banner');
      return found;
    });
    expect(banner.textContent).to.contain('This conversation has been resolved');
    expect(queryAllByRole(ui(el), 'textbox', 'Message')).to.have.length(0);

    getByRole(ui(el), 'button', 'New conversation').click();
    await findByRole(ui(el), 'textbox', 'Message');
    expect(el.getCurrentTicketId()).to.equal(null);
    await send(el, 'One more question');
    await waitFor(() => {
      if (!el.getCurrentTicketId() || el.getCurrentTicketId() === ticketId) throw new Error('no new ticket');
    });
  });

  it('says "Loading…" while a chosen conversation is on its way', async () => {
    const worker = await startReferenceServer();
    const el = await widget();
    await openPanel(el);
    await send(el, 'Earlier question');
    await ticketOf(el);
    (await findByRole(ui(el), 'button', 'Back')).click();
    const ticket = await findByRole(ui(el), 'button', /Earlier question/);
    let release = () => {};
    const held = new Promise<void>((resolve) => (release = resolve));
    worker.use(
      http.get('*/api/conversations/v1/widget/messages/:ticketId', async () => {
        await held;
        return undefined; // on to the reference handler
      }),
    );
    // Another conversation first, so that choosing the earlier one really loads it.
    await el.client!.selectTicket(null);
    ticket.click();
    await findByRole(ui(el), 'status', 'Loading…');
    release();
    await findByRole(ui(el), 'listitem', /Earlier question/);
  });
});
