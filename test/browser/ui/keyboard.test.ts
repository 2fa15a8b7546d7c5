import { expect, fixture, html } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import type { SupportChat } from '../../../src/index.js';
import { MemoryStorage } from '../../../src/client/storage.js';
import { findByRole, getByRole, waitFor } from '../helpers/queries.js';
import { startReferenceServer, team } from '../helpers/reference-server.js';
import { openPanel, send, ticketOf, ui, widget } from './widget.js';

/** The element that has focus, looking into shadow roots. */
function focused(): Element | null {
  let active = document.activeElement;
  while (active?.shadowRoot?.activeElement) active = active.shadowRoot.activeElement;
  return active;
}

async function tabTo(target: Element, limit = 15) {
  for (let i = 0; i < limit && focused() !== target; i++) await sendKeys({ press: 'Tab' });
  expect(focused() === target, 'reached by Tab').to.be.true;
}

describe('keyboard and focus', () => {
  beforeEach(async () => {
    await startReferenceServer();
  });

  it('Tab reaches the launcher, Enter opens, focus goes into the panel; Escape closes and returns focus', async () => {
    const el = await widget();
    const launcher = getByRole(ui(el), 'button', 'Open chat');
    await tabTo(launcher);
    expect(getComputedStyle(launcher).outlineStyle).to.equal('solid');
    await sendKeys({ press: 'Enter' });
    const box = await findByRole(ui(el), 'textbox', 'Message');
    await waitFor(() => expect(focused() === box, 'focused').to.be.true);
    await sendKeys({ press: 'Escape' });
    await waitFor(() => expect(el.open).to.be.false);
    await waitFor(() => expect(focused() === launcher, 'focused').to.be.true);
    expect(launcher.getAttribute('aria-expanded')).to.equal('false');
  });

  it('focus stays on the launcher while replies arrive and its badge counts them', async () => {
    const el = await widget();
    await openPanel(el);
    await send(el, 'Focus test');
    const ticketId = await ticketOf(el);
    getByRole(ui(el), 'button', 'Close').click();
    const launcher = await findByRole(ui(el), 'button', 'Open chat');
    launcher.focus();
    await waitFor(() => expect(focused() === launcher, 'focused').to.be.true);
    // The frame is drawn by hand: nothing of it may be taken out and put back at an update.
    const moved: Node[] = [];
    const observer = new MutationObserver((records) => records.forEach((r) => moved.push(...r.removedNodes)));
    observer.observe(ui(el), { childList: true, subtree: true });
    await team.reply(ticketId, 'One');
    await findByRole(ui(el), 'button', 'Open chat (1 unread)');
    await team.reply(ticketId, 'Two');
    await findByRole(ui(el), 'button', 'Open chat (2 unread)');
    observer.disconnect();
    expect(focused() === launcher, 'focus stayed on the launcher').to.be.true;
    expect(moved.filter((node) => node.nodeName !== '#text')).to.deep.equal([]);
  });

  it('Close in the header is reachable and returns focus to the launcher', async () => {
    const el = await widget();
    await openPanel(el);
    const close = getByRole(ui(el), 'button', 'Close');
    await findByRole(ui(el), 'textbox', 'Message');
    await sendKeys({ press: 'Shift+Tab' });
    await sendKeys({ press: 'Shift+Tab' });
    await waitFor(() => expect(focused() === close, 'focused').to.be.true);
    expect(getComputedStyle(close).outlineStyle).to.equal('solid');
    await sendKeys({ press: 'Enter' });
    await waitFor(() => expect(focused() === getByRole(ui(el), 'button', 'Open chat'), 'focused').to.be.true);
  });

  it('every action of the list works from the keyboard', async () => {
    const el = await widget();
    await openPanel(el);
    await send(el, 'Keyboard only');
    const ticketId = await ticketOf(el);
    await team.reply(ticketId, 'Got it');
    await findByRole(ui(el), 'listitem', /Got it/);
    const back = await findByRole(ui(el), 'button', 'Back');
    await tabTo(back);
    await sendKeys({ press: 'Enter' });
    // Focus lands on the list's first control, and the ticket opens with Enter.
    const newConversation = await findByRole(ui(el), 'button', 'New conversation');
    await waitFor(() => expect(focused() === newConversation, 'focused').to.be.true);
    const ticket = getByRole(ui(el), 'button', /Got it/);
    await tabTo(ticket);
    expect(getComputedStyle(ticket).outlineStyle).to.equal('solid');
    await sendKeys({ press: 'Enter' });
    await waitFor(() => expect(focused() === getByRole(ui(el), 'textbox', 'Message'), 'focused').to.be.true);
  });

  it('the page stays usable while the panel is open: Tab leaves the panel for the page', async () => {
    const page = await fixture<HTMLDivElement>(html`<div><button id="after">Page button</button></div>`);
    const el = await widget();
    page.before(el.parentElement!);
    await openPanel(el);
    await findByRole(ui(el), 'textbox', 'Message');
    const after = page.querySelector('button')!;
    await tabTo(after);
    expect(el.open, 'the panel stays open: no trap, no forced close').to.be.true;
  });

  it('does not take focus on page load, even when the panel was left open', async () => {
    const storage = new MemoryStorage();
    await storage.set('open', true);
    const outside = await fixture<HTMLInputElement>(html`<input aria-label="Search the shop" />`);
    outside.focus();
    const el: SupportChat = await widget({}, storage);
    await waitFor(() => expect(el.open).to.be.true);
    await findByRole(ui(el), 'textbox', 'Message');
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect(document.activeElement === outside, 'focus stays where the visitor put it').to.be.true;
  });

  it('does not take focus on page load with the open attribute either', async () => {
    const outside = await fixture<HTMLInputElement>(html`<input aria-label="Search the shop" />`);
    outside.focus();
    const el = await widget({ open: true });
    await findByRole(ui(el), 'textbox', 'Message');
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect(document.activeElement === outside, 'focus stays where the visitor put it').to.be.true;
  });

  it('closing from code while the visitor types in the page leaves their focus alone', async () => {
    const el = await widget();
    await openPanel(el);
    const outside = await fixture<HTMLInputElement>(html`<input aria-label="Search the shop" />`);
    outside.focus();
    el.closePanel();
    await el.updateComplete;
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(document.activeElement === outside, 'focus stays where the visitor put it').to.be.true;
  });
});
