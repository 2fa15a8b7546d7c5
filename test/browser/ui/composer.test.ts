import { expect } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import { http, HttpResponse } from 'msw';
import { findByRole, getByRole, queryAllByRole, waitFor } from '../helpers/queries.js';
import { startReferenceServer, team } from '../helpers/reference-server.js';
import { deepQuery, openPanel, ticketOf, ui, widget, refuseNextSendWhenReleased } from './widget.js';

describe('composer: keys, growth, limit, failed sends', () => {
  beforeEach(async () => {
    await startReferenceServer();
  });

  async function box(el: HTMLElement & { shadowRoot: ShadowRoot | null }) {
    const found = (await findByRole(el.shadowRoot!, 'textbox', 'Message')) as HTMLTextAreaElement;
    found.focus();
    return found;
  }

  it('Send is disabled while the box is empty or blank', async () => {
    const el = await widget();
    await openPanel(el);
    const textbox = await box(el);
    const send = getByRole(ui(el), 'button', 'Send') as HTMLButtonElement;
    expect(send.disabled).to.be.true;
    await sendKeys({ type: '   ' });
    await el.updateComplete;
    expect(send.disabled).to.be.true;
    await sendKeys({ type: 'hi' });
    await waitFor(() => expect(send.disabled).to.be.false);
    expect(textbox.value).to.equal('   hi');
  });

  it('Shift+Enter starts a new line and Enter sends both lines as one message', async () => {
    const el = await widget();
    await openPanel(el);
    const textbox = await box(el);
    await sendKeys({ type: 'First line' });
    await sendKeys({ press: 'Shift+Enter' });
    await sendKeys({ type: 'Second line' });
    expect(textbox.value).to.equal('First line\nSecond line');
    await sendKeys({ press: 'Enter' });
    await waitFor(() => expect(textbox.value).to.equal(''));
    const ticketId = await ticketOf(el);
    expect((await team.messages(ticketId)).map((m) => m.content)).to.deep.equal(['First line\nSecond line']);
    // Enter on an empty box sends nothing.
    await sendKeys({ press: 'Enter' });
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect(await team.messages(ticketId)).to.have.length(1);
  });

  it('grows with its text, up to a limit', async () => {
    const el = await widget();
    await openPanel(el);
    const textbox = await box(el);
    const oneLine = textbox.getBoundingClientRect().height;
    for (let i = 0; i < 3; i++) await sendKeys({ press: 'Shift+Enter' });
    await sendKeys({ type: 'x' });
    const fourLines = textbox.getBoundingClientRect().height;
    expect(fourLines).to.be.greaterThan(oneLine + 30);
    for (let i = 0; i < 30; i++) await sendKeys({ press: 'Shift+Enter' });
    expect(textbox.getBoundingClientRect().height).to.be.at.most(161);
  });

  it('shows the characters left before the 10,000 limit and stops there', async () => {
    const el = await widget();
    await openPanel(el);
    const textbox = await box(el);
    expect(textbox.maxLength).to.equal(10_000);
    document.execCommand('insertText', false, 'a'.repeat(9_000));
    await el.updateComplete;
    const limit = () => deepQuery(ui(el), '[part=limit]')!.textContent!.trim();
    await waitFor(() => expect(limit()).to.equal(''));
    document.execCommand('insertText', false, 'b'.repeat(700));
    await waitFor(() => expect(limit()).to.equal('300 characters left'));
    expect(textbox.getAttribute('aria-describedby')).to.equal('limit');
    // Typing or pasting past the limit is cut at the limit.
    document.execCommand('insertText', false, 'c'.repeat(500));
    await waitFor(() => expect(limit()).to.equal('0 characters left'));
    expect(textbox.value).to.have.length(10_000);
  });

  it('counts characters as the server does: an emoji is one, though it is two UTF-16 units', async () => {
    const el = await widget();
    await openPanel(el);
    const textbox = await box(el);
    document.execCommand('insertText', false, 'a'.repeat(9_400));
    await el.updateComplete;
    document.execCommand('insertText', false, '😀'.repeat(300));
    await el.updateComplete;
    const limit = () => deepQuery(ui(el), '[part=limit]')!.textContent!.trim();
    // 10,000 UTF-16 units, 9,700 characters.
    await waitFor(() => expect(limit()).to.equal('300 characters left'));
    // The native limit (UTF-16 units) follows what is left, so that typing stops at the limit, not before.
    expect(textbox.maxLength).to.equal(10_300);
    document.execCommand('insertText', false, 'a'.repeat(500));
    await waitFor(() => expect(limit()).to.equal('0 characters left'));
    expect(Array.from(textbox.value)).to.have.length(10_000);
  });

  it('marks a message the server refused as not sent, and Retry delivers it', async () => {
    const worker = await startReferenceServer();
    const el = await widget();
    await openPanel(el);
    worker.use(
      http.post('*/api/conversations/v1/widget/message', () => HttpResponse.json({ error: 'Refused' }, { status: 400 }), {
        once: true,
      }),
    );
    const textbox = await box(el);
    await sendKeys({ type: 'Please call me back' });
    await sendKeys({ press: 'Enter' });
    const item = await findByRole(ui(el), 'listitem', /Please call me back/);
    await waitFor(() => expect(item.textContent).to.contain('Not sent.'));
    expect(textbox.value).to.equal('');
    getByRole(ui(el), 'button', 'Retry').click();
    const ticketId = await ticketOf(el);
    await waitFor(() => expect(queryAllByRole(ui(el), 'button', 'Retry')).to.have.length(0));
    expect((await team.messages(ticketId)).map((m) => m.content)).to.deep.equal(['Please call me back']);
  });

  it('shows "Sending…" while a message is on its way, and Delete drops a failed one', async () => {
    const worker = await startReferenceServer();
    const el = await widget();
    await openPanel(el);
    const release = refuseNextSendWhenReleased(worker);
    await box(el);
    await sendKeys({ type: 'Slow one' });
    await sendKeys({ press: 'Enter' });
    const item = await findByRole(ui(el), 'listitem', /Slow one/);
    await waitFor(() => expect(item.textContent).to.contain('Sending…'));
    release();
    await findByRole(ui(el), 'button', 'Delete');
    getByRole(ui(el), 'button', 'Delete').click();
    await waitFor(() => expect(queryAllByRole(ui(el), 'listitem', /Slow one/)).to.have.length(0));
  });
});
