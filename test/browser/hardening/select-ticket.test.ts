import { expect } from '@open-wc/testing';
import { findByRole, waitFor } from '../helpers/queries.js';
import { startReferenceServer } from '../helpers/reference-server.js';
import { openPanel, ui, widget } from '../ui/widget.js';

describe('hardening: selectTicket() from code while the list shows', () => {
  beforeEach(() => startReferenceServer());

  it('shows that conversation, without taking focus from the page', async () => {
    const el = await widget();
    await el.sendMessage('First conversation');
    const first = el.getCurrentTicketId()!;
    await el.sendMessage('Second conversation', undefined, true);
    await waitFor(() => expect(el.getCurrentTicketId()).to.not.equal(first));
    await openPanel(el);
    (await findByRole(ui(el), 'button', 'Back')).click();
    await findByRole(ui(el), 'button', 'New conversation');
    const pageButton = document.createElement('button');
    document.body.append(pageButton);
    pageButton.focus();

    await el.selectTicket(first);
    await findByRole(ui(el), 'textbox', 'Message');
    await waitFor(() => expect(el.getState().messages.map((m) => m.content)).to.deep.equal(['First conversation']));
    expect(document.activeElement).to.equal(pageButton);
    pageButton.remove();
  });
});
