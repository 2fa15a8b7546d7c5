import { expect } from '@open-wc/testing';
import { emulateMedia } from '@web/test-runner-commands';
import type { SupportChat } from '../../../src/index.js';
import { findByRole, getByRole, waitFor } from '../helpers/queries.js';
import { startReferenceServer, team } from '../helpers/reference-server.js';
import { openPanel, send, ticketOf, ui, widget, refuseNextSendWhenReleased } from './widget.js';

/**
 * axe on the element, shadow roots included, in the state the test put it in, once the
 * panel's entrance animation has settled (axe reads colours mid-fade otherwise).
 */
async function accessible(el: SupportChat) {
  await new Promise(requestAnimationFrame);
  await Promise.all(el.shadowRoot!.getAnimations().map((animation) => animation.finished));
  await expect(el).to.be.accessible();
}

describe('accessibility: axe in every view and state', () => {
  beforeEach(async () => {
    await startReferenceServer();
  });
  afterEach(() => emulateMedia({ colorScheme: 'light' }));

  it('closed, with and without unread replies', async () => {
    const el = await widget();
    await accessible(el);
    await openPanel(el);
    await send(el, 'Hi');
    const ticketId = await ticketOf(el);
    el.closePanel();
    await team.reply(ticketId, 'Hello!');
    await findByRole(ui(el), 'button', 'Open chat (1 unread)');
    await accessible(el);
  });

  it('the empty conversation, a conversation with replies, sending and failed messages', async () => {
    const worker = await startReferenceServer();
    const el = await widget();
    await openPanel(el);
    await findByRole(ui(el), 'textbox', 'Message');
    await accessible(el);
    await send(el, 'Where is https://example.com/order/1 ?');
    const ticketId = await ticketOf(el);
    await team.reply(ticketId, 'On its way, write to mailto:help@example.com');
    await findByRole(ui(el), 'link', 'mailto:help@example.com');
    await accessible(el);

    const release = refuseNextSendWhenReleased(worker);
    await send(el, 'Another');
    await findByRole(ui(el), 'listitem', /Sending…/);
    await accessible(el);
    release();
    await findByRole(ui(el), 'button', 'Retry');
    await accessible(el);
  });

  it('the ticket list, a resolved conversation, and an error', async () => {
    const el = await widget();
    await openPanel(el);
    await send(el, 'First');
    const ticketId = await ticketOf(el);
    (await findByRole(ui(el), 'button', 'Back')).click();
    await findByRole(ui(el), 'button', 'New conversation');
    await waitFor(() => getByRole(ui(el), 'button', /First/));
    await accessible(el);

    getByRole(ui(el), 'button', /First/).click();
    await team.setStatus(ticketId, 'resolved');
    await findByRole(ui(el), 'button', 'New conversation');
    await accessible(el);

    await fetch('/api/_dev/chaos', {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ offline: true }),
    });
    await findByRole(ui(el), 'alert');
    await accessible(el);
    await fetch('/api/_dev/chaos', { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: '{}' });
  });

  it('the identification form, empty and with errors; the restore form and its confirmation', async () => {
    const el = await widget({ 'require-email': true, 'collect-name': true });
    await openPanel(el);
    await findByRole(ui(el), 'textbox', 'Email');
    await accessible(el);
    getByRole(ui(el), 'button', 'Continue').click();
    await waitFor(() => expect(getByRole(ui(el), 'textbox', 'Email').getAttribute('aria-invalid')).to.equal('true'));
    await accessible(el);

    await startReferenceServer();
    const other = await widget();
    await openPanel(other);
    (await findByRole(ui(other), 'button', 'Continue a conversation from another device')).click();
    const email = (await findByRole(ui(other), 'textbox', 'Email')) as HTMLInputElement;
    await accessible(other);
    email.value = 'ana@example.com';
    getByRole(ui(other), 'button', 'Send link').click();
    await findByRole(ui(other), 'status');
    await accessible(other);
  });

  it('dark theme, a custom colour, and Arabic', async () => {
    await emulateMedia({ colorScheme: 'dark' });
    const el = await widget({ color: '#ffd400', locale: 'ar' });
    await openPanel(el, 'فتح المحادثة');
    await send(el, 'مرحبا', { message: 'الرسالة', send: 'إرسال' });
    await ticketOf(el);
    await accessible(el);
    el.theme = 'light';
    el.color = '#0b5d1e';
    await el.updateComplete;
    await accessible(el);
  });
});

describe('accessibility: names, dialog, live region', () => {
  beforeEach(async () => {
    await startReferenceServer();
  });

  it('the panel is a labelled dialog that does not trap the page', async () => {
    const el = await widget();
    const launcher = getByRole(ui(el), 'button', 'Open chat');
    expect(launcher.getAttribute('aria-expanded')).to.equal('false');
    await openPanel(el);
    const dialog = getByRole(ui(el), 'dialog', 'Support');
    expect(dialog.hasAttribute('aria-modal')).to.be.false;
    expect(launcher.getAttribute('aria-expanded')).to.equal('true');
    getByRole(ui(el), 'button', 'Close');
  });

  it('the messages are a live region where new replies appear', async () => {
    const el = await widget();
    await openPanel(el);
    await send(el, 'Hello');
    const ticketId = await ticketOf(el);
    const log = getByRole(ui(el), 'log', 'Conversation');
    await team.reply(ticketId, 'A reply to announce');
    const reply = await findByRole(ui(el), 'listitem', /A reply to announce/);
    // Same log element (not re-created, which would silence it), and the reply inside it.
    expect(getByRole(ui(el), 'log', 'Conversation') === log, 'the same log element').to.be.true;
    expect(log.contains(reply)).to.be.true;
  });
});
