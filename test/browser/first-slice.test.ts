import { expect, fixture, html } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import { SupportChatClient } from '../../src/index.js';
import type { SupportChat } from '../../src/index.js';
import { MemoryStorage } from '../../src/client/storage.js';
import { findByRole, getByRole, waitFor } from './helpers/queries.js';
import { WIDGET_TOKEN, startReferenceServer, team } from './helpers/reference-server.js';

describe('first slice: launcher → panel → send → team reply', () => {
  beforeEach(async () => {
    await startReferenceServer();
  });

  async function widget() {
    // A fast poll so that the reply shows within the test; everything else is the default client.
    const client = new SupportChatClient({
      token: WIDGET_TOKEN,
      storage: new MemoryStorage(),
      pollIntervals: { open: 200, closed: 200 },
    });
    return fixture<SupportChat>(html`<support-chat token=${WIDGET_TOKEN} .client=${client}></support-chat>`);
  }

  it('shows a launcher named "Open chat" that opens a labelled dialog', async () => {
    const el = await widget();
    const launcher = getByRole(el.shadowRoot!, 'button', 'Open chat');
    expect(launcher.getAttribute('aria-expanded')).to.equal('false');

    launcher.click();
    const dialog = await findByRole(el.shadowRoot!, 'dialog', 'Support');
    expect(dialog).to.exist;
    expect(el.open).to.be.true;
    expect(launcher.getAttribute('aria-expanded')).to.equal('true');
    // The panel's screens are a file of their own, loaded on first open.
    await findByRole(el.shadowRoot!, 'textbox', 'Message');
  });

  it('sends a message through the reference server and shows the team reply by polling', async () => {
    const el = await widget();
    getByRole(el.shadowRoot!, 'button', 'Open chat').click();
    const box = await findByRole(el.shadowRoot!, 'textbox', 'Message');
    const send = getByRole(el.shadowRoot!, 'button', 'Send');
    expect((send as HTMLButtonElement).disabled, 'Send is disabled while empty').to.be.true;

    box.focus();
    await sendKeys({ type: 'My order has not arrived' });
    await sendKeys({ press: 'Enter' });

    await findByRole(el.shadowRoot!, 'listitem', /My order has not arrived/);
    const ticketId = await waitFor(() => {
      const id = el.getCurrentTicketId();
      if (!id) throw new Error('no ticket yet');
      return id;
    });
    expect(ticketId).to.match(/^[0-9a-f-]{36}$/);

    const tickets = await team.tickets();
    expect(tickets.map((t) => t.id)).to.deep.equal([ticketId]);
    expect((await team.messages(ticketId)).map((m) => m.content)).to.deep.equal(['My order has not arrived']);

    await team.reply(ticketId, 'Sorry about that! It ships today.');
    const reply = await findByRole(el.shadowRoot!, 'listitem', /Sorry about that! It ships today\./);
    expect(reply.textContent).to.contain('Ada from Support');
  });
});
