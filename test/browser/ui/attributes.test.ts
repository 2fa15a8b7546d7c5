import { expect } from '@open-wc/testing';
import { RelativeTimeController } from '../../../src/controllers/relative-time-controller.js';
import { deleteDatabase } from '../helpers/faults.js';
import { findByRole, getByRole, queryAllByRole, waitFor } from '../helpers/queries.js';
import { startReferenceServer, team } from '../helpers/reference-server.js';
import { deepQuery, openPanel, send, ticketOf, ui, widget } from './widget.js';

describe('attributes, methods and events of the element', () => {
  beforeEach(async () => {
    await startReferenceServer();
  });

  it('open: the attribute opens the panel, and reflects it', async () => {
    const el = await widget({ open: true });
    await waitFor(() => expect(el.client!.getState().open).to.be.true);
    await findByRole(ui(el), 'dialog', 'Support');
    getByRole(ui(el), 'button', 'Close').click();
    await waitFor(() => expect(el.hasAttribute('open')).to.be.false);
    el.open = true;
    await findByRole(ui(el), 'dialog', 'Support');
    expect(el.client!.getState().open).to.be.true;
  });

  it("distinct-id: the site's id reaches the client the element makes, and follows the attribute", async () => {
    const container = document.createElement('div');
    document.body.append(container);
    const el = document.createElement('support-chat');
    el.setAttribute('token', 'distinct-id-test');
    el.setAttribute('distinct-id', 'site-visitor-7');
    container.append(el);
    await el.updateComplete;
    expect(el.client!.distinctId).to.equal('site-visitor-7');
    el.setAttribute('distinct-id', 'site-visitor-8');
    await el.updateComplete;
    expect([el.distinctId, el.client!.distinctId]).to.deep.equal(['site-visitor-8', 'site-visitor-8']);
    container.remove();
    await deleteDatabase('support-chat-distinct-id-test');
  });

  it('no-launcher: no button, the panel opens from code', async () => {
    const el = await widget({ 'no-launcher': true });
    expect(queryAllByRole(ui(el), 'button', /Open chat/)).to.have.length(0);
    el.openPanel();
    await findByRole(ui(el), 'textbox', 'Message');
    el.closePanel();
    await waitFor(() => expect(queryAllByRole(ui(el), 'dialog')).to.have.length(0));
  });

  it('hide() and show() take the whole widget out of view and back', async () => {
    const el = await widget();
    el.hide();
    await waitFor(() => expect(getComputedStyle(el).display).to.equal('none'));
    expect(el.isVisible()).to.be.false;
    el.show();
    await waitFor(() => expect(getComputedStyle(el).display).not.to.equal('none'));
    getByRole(ui(el), 'button', 'Open chat');
  });

  it('placeholder sets the message box placeholder', async () => {
    const el = await widget({ placeholder: 'Ask the roaster…' });
    await openPanel(el);
    const box = (await findByRole(ui(el), 'textbox', 'Message')) as HTMLTextAreaElement;
    expect(box.placeholder).to.equal('Ask the roaster…');
  });

  it('fires open-change, message-sent, unread-change and message-received, once each', async () => {
    const el = await widget();
    const seen: Array<[string, unknown]> = [];
    for (const type of [
      'support-chat-open-change',
      'support-chat-message-sent',
      'support-chat-unread-change',
      'support-chat-message-received',
    ]) {
      el.addEventListener(type, (event) => seen.push([type, (event as CustomEvent).detail]));
    }
    await openPanel(el);
    await send(el, 'Counting events');
    const ticketId = await ticketOf(el);
    await waitFor(() => expect(seen.some(([type]) => type === 'support-chat-message-sent')).to.be.true);
    el.closePanel();
    await team.reply(ticketId, 'One reply');
    await findByRole(ui(el), 'button', 'Open chat (1 unread)');
    const count = (type: string) => seen.filter(([t]) => t === type).length;
    expect(count('support-chat-open-change')).to.equal(2);
    expect(count('support-chat-message-sent')).to.equal(1);
    expect(seen.find(([t]) => t === 'support-chat-message-sent')![1]).to.include({ ticketId, isNewTicket: true });
    expect(seen.filter(([t]) => t === 'support-chat-unread-change').map(([, d]) => d)).to.deep.equal([{ count: 1 }]);
    expect(deepQuery(ui(el), '[part=badge]')).to.exist;
  });
});

describe('relative times', () => {
  const time = new RelativeTimeController({ addController() {}, requestUpdate() {} } as never);
  const ago = (seconds: number) => new Date(Date.now() - seconds * 1000).toISOString();

  it('speaks in words, in the widget language', () => {
    expect(time.format(ago(5), 'en')).to.equal('now');
    expect(time.format(ago(120), 'en')).to.equal('2 minutes ago');
    expect(time.format(ago(3 * 3600), 'en')).to.equal('3 hours ago');
    expect(time.format(ago(86_400), 'en')).to.equal('yesterday');
    expect(time.format(ago(120), 'de')).to.equal('vor 2 Minuten');
    expect(time.format(ago(86_400), 'de')).to.equal('gestern');
    expect(time.format(ago(120), 'ar')).to.equal('قبل دقيقتين');
  });
});
