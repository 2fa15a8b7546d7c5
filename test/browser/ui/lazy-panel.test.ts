import { expect } from '@open-wc/testing';
import { panelSlot } from '../../../src/components/support-chat/panel-slot.js';
import { holdRequests } from '../helpers/faults.js';
import { findByRole, getByRole, waitFor } from '../helpers/queries.js';
import { startReferenceServer, team } from '../helpers/reference-server.js';
import { panelReady, ticketOf, ui, widget } from './widget.js';

// What a page loads first is the launcher, the badge and the client; the panel's views come
// from a file of their own (here the TypeScript module; dist/panel.js when built). This file
// holds that file back, so it must be the only test file here: a module request, once held,
// stays so for the page.
describe('the panel file, loaded on first open', () => {
  it('before it has loaded, the launcher works and the badge counts replies; on open it loads', async function () {
    this.timeout(20_000);
    const worker = await startReferenceServer();
    const { release, asked } = holdRequests(worker, '*/src/components/support-chat/panel.js');

    const el = await widget();
    await el.sendMessage('Where is my order?');
    const ticketId = await ticketOf(el);
    await team.reply(ticketId, 'On its way');
    // The badge: kept by the client, drawn by the launcher, both in the first file.
    const launcher = await findByRole(ui(el), 'button', 'Open chat (1 unread)');
    expect(panelSlot.mount).to.equal(undefined);

    // The launcher opens the panel at once: its frame, and a loading line for the screen.
    launcher.click();
    await findByRole(ui(el), 'dialog');
    expect(getByRole(ui(el), 'status').textContent).to.equal('Loading…');
    expect(getByRole(ui(el), 'button', 'Close')).to.exist;
    await waitFor(() => expect(asked()).to.be.greaterThan(0));

    // The file arrives: the conversation shows, with focus in the message box.
    release();
    await panelReady(el);
    await findByRole(ui(el), 'listitem', /On its way/);
    const box = await findByRole(ui(el), 'textbox', 'Message');
    const deepActive = () => {
      let active = document.activeElement;
      while (active?.shadowRoot?.activeElement) active = active.shadowRoot.activeElement;
      return active;
    };
    await waitFor(() => expect(deepActive()).to.equal(box));
    expect(panelSlot.mount).to.be.a('function');
  });
});
