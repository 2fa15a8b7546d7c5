import { expect, fixture, html } from '@open-wc/testing';
import { IndexedDbStorage } from '../../../src/client/storage.js';
import { define } from '../../../src/internal/define.js';
import { findByRole, waitFor } from '../helpers/queries.js';
import { WIDGET_TOKEN, startReferenceServer, team } from '../helpers/reference-server.js';
import { openPanel, send, ticketOf, ui, widget } from './widget.js';

describe('single-page apps: moved, re-created, loaded twice', () => {
  beforeEach(async () => {
    await startReferenceServer();
    await new IndexedDbStorage(WIDGET_TOKEN).clear();
  });
  afterEach(() => new IndexedDbStorage(WIDGET_TOKEN).clear());

  it('keeps working when the app moves the element elsewhere in the page', async () => {
    const el = await widget();
    await openPanel(el);
    await send(el, 'Before the move');
    const ticketId = await ticketOf(el);
    const elsewhere = await fixture<HTMLElement>(html`<main><section></section></main>`);
    elsewhere.querySelector('section')!.append(el);
    await findByRole(ui(el), 'listitem', /Before the move/);
    await team.reply(ticketId, 'After the move');
    await findByRole(ui(el), 'listitem', /After the move/);
    await send(el, 'Still here');
    await waitFor(() => expect(el.client!.getState().messages.map((m) => m.delivery)).to.deep.equal(['sent', 'sent', 'sent']));
  });

  it('a re-created element continues the same conversation (IndexedDB)', async () => {
    const first = await widget({}, new IndexedDbStorage(WIDGET_TOKEN));
    await openPanel(first);
    await send(first, 'Before the new page');
    const ticketId = await ticketOf(first);
    const sessionId = first.getWidgetSessionId();
    await waitFor(() => expect(first.client!.getState().messages[0].delivery).to.equal('sent'));
    first.remove();

    await team.reply(ticketId, 'Welcome back');
    const second = await widget({}, new IndexedDbStorage(WIDGET_TOKEN));
    expect(second.getWidgetSessionId()).to.equal(sessionId);
    expect(second.getCurrentTicketId()).to.equal(ticketId);
    // The panel was left open: it comes back open, with the conversation.
    await waitFor(() => expect(second.open).to.be.true);
    await findByRole(ui(second), 'listitem', /Before the new page/);
    await findByRole(ui(second), 'listitem', /Welcome back/);
  });

  it('registers once: defining again (the script loaded twice) is harmless', async () => {
    const original = customElements.get('support-chat');
    expect(original).to.exist;
    expect(() => define('support-chat', class extends HTMLElement {})).not.to.throw();
    expect(customElements.get('support-chat')).to.equal(original);
  });
});
