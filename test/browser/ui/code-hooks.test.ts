import { expect, fixture, html } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import { HttpResponse, http } from 'msw';
import { defaultConfig } from '../../../mock-server/config.js';
import { MAX_MESSAGE_LENGTH } from '../../../src/client/visitor-input.js';
import type { SupportChat } from '../../../src/index.js';
import { findByRole, waitFor } from '../helpers/queries.js';
import { startReferenceServer } from '../helpers/reference-server.js';
import { openPanel, panelReady, send, ticketOf, ui, widget } from './widget.js';

/** axe, once the panel's entrance animation has settled (axe reads colours mid-fade otherwise). */
async function accessible(el: SupportChat) {
  await Promise.all(el.shadowRoot!.getAnimations().map((animation) => animation.finished));
  await expect(el).to.be.accessible();
}

/** The element that has focus, through the shadow roots. */
function deepActive(): Element | null {
  let active = document.activeElement;
  while (active?.shadowRoot?.activeElement) active = active.shadowRoot.activeElement;
  return active;
}

const messageBox = async (el: SupportChat) => (await findByRole(ui(el), 'textbox', 'Message')) as HTMLTextAreaElement;

/** The ticket as the team sees it: its session_context is what the widget sent with the last message. */
async function sessionContextOf(ticketId: string): Promise<{ current_url?: string }> {
  const response = await fetch(`/api/projects/${defaultConfig.projectId}/conversations/tickets/${ticketId}`, {
    headers: { Authorization: `Bearer ${defaultConfig.apiKey}` },
  });
  return (await response.json()).session_context;
}

describe('code hooks: showNewMessage()', () => {
  beforeEach(() => startReferenceServer());

  it('opens the panel on a new conversation with the text in the message box, keyboard there', async () => {
    const el = await widget();
    await openPanel(el);
    await send(el, 'An older question');
    const older = await ticketOf(el);
    el.closePanel();
    await waitFor(() => expect(el.open).to.be.false);

    await el.showNewMessage('I have a question about order 1234');
    await waitFor(() => expect(el.open).to.be.true);
    await panelReady(el);
    const box = await messageBox(el);
    await waitFor(() => expect(box.value).to.equal('I have a question about order 1234'));
    await waitFor(() => expect(deepActive()).to.equal(box));
    expect(el.getCurrentTicketId()).to.equal(null);
    expect(el.client!.getState().prefill?.text).to.equal('I have a question about order 1234');

    // The visitor adds to it and sends: a new ticket, and the text is used up.
    box.value += ', it has not arrived.';
    box.dispatchEvent(new Event('input'));
    await sendKeys({ press: 'Enter' });
    const fresh = await waitFor(() => {
      const id = el.getCurrentTicketId();
      if (!id || id === older) throw new Error('no new ticket yet');
      return id;
    });
    expect(fresh).not.to.equal(older);
    expect(el.client!.getState().prefill).to.equal(null);
    await waitFor(() => expect(box.value).to.equal(''));
    await accessible(el);
  });

  it('from the list of conversations, while open; and with no text, an empty box', async () => {
    const el = await widget();
    await openPanel(el);
    await send(el, 'First');
    await ticketOf(el);
    (await findByRole(ui(el), 'button', 'Back')).click();
    await findByRole(ui(el), 'button', 'New conversation');

    await el.showNewMessage('Another thing');
    const box = await messageBox(el);
    await waitFor(() => expect(box.value).to.equal('Another thing'));
    await el.showNewMessage('Another thing'); // the same text again is filled in again
    box.value = 'changed';
    box.dispatchEvent(new Event('input'));
    await el.showNewMessage('Another thing');
    await waitFor(() => expect(box.value).to.equal('Another thing'));
    await el.showNewMessage();
    await waitFor(() => expect(box.value).to.equal(''));
  });

  it('on the headless client too, cut to what a message may hold', async () => {
    const el = await widget();
    await el.client!.showNewMessage('x'.repeat(MAX_MESSAGE_LENGTH + 2000));
    expect(el.client!.getState().open).to.be.true;
    expect(el.client!.getState().prefill!.text.length).to.equal(MAX_MESSAGE_LENGTH);
  });
});

describe('code hooks: data-support-chat-open and data-support-chat-toggle on the page', () => {
  beforeEach(() => startReferenceServer());

  it('the site’s own launcher (with no-launcher): open, toggle, aria-expanded kept in step', async () => {
    const page = await fixture<HTMLElement>(html`
      <div>
        <button data-support-chat-open>Chat with us</button>
        <a href="/contact" data-support-chat-toggle>Help</a>
      </div>
    `);
    const el = await widget({ 'no-launcher': true });
    const [open, toggle] = [page.querySelector('button')!, page.querySelector('a')!];
    expect(ui(el).querySelector('support-chat-launcher')).to.equal(null);
    await waitFor(() => expect(open.getAttribute('aria-expanded')).to.equal('false'));

    open.click();
    await waitFor(() => expect(el.open).to.be.true);
    expect([open.getAttribute('aria-expanded'), toggle.getAttribute('aria-expanded')]).to.deep.equal(['true', 'true']);
    open.click(); // "open" only opens
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(el.open).to.be.true;

    let navigated = true;
    const watch = (event: Event) => (navigated = !event.defaultPrevented);
    window.addEventListener('click', watch);
    toggle.click();
    window.removeEventListener('click', watch);
    expect(navigated, 'the link’s own navigation is cancelled').to.be.false;
    await waitFor(() => expect(el.open).to.be.false);
    expect(open.getAttribute('aria-expanded')).to.equal('false');
    await expect(page).to.be.accessible();
  });

  it('elements added later, inside the page’s own shadow roots too, and from the keyboard', async () => {
    const el = await widget({ 'no-launcher': true });
    const later = document.createElement('button');
    later.textContent = 'Questions?';
    later.setAttribute('data-support-chat-toggle', '');
    const host = await fixture<HTMLElement>(html`<div></div>`);
    host.append(later);

    later.focus();
    await sendKeys({ press: 'Enter' });
    await waitFor(() => expect(el.open).to.be.true);
    await panelReady(el);
    // The visitor's doing: the keyboard follows into the panel.
    await waitFor(() =>
      expect(deepActive()).to.equal(ui(el).querySelector('support-chat-composer')!.shadowRoot!.querySelector('textarea')),
    );
    // Escape closes it, and the keyboard is back on the page's own launcher.
    await sendKeys({ press: 'Escape' });
    await waitFor(() => expect(el.open).to.be.false);
    expect(document.activeElement).to.equal(later);

    const shadowHost = document.createElement('div');
    host.append(shadowHost);
    const shadow = shadowHost.attachShadow({ mode: 'open' });
    shadow.innerHTML = '<button data-support-chat-open>Inside a component</button>';
    shadow.querySelector('button')!.click();
    await waitFor(() => expect(el.open).to.be.true);
  });

  it('a click elsewhere does nothing, and a removed widget stops listening', async () => {
    const page = await fixture<HTMLElement>(html`<div><button>Other</button><button data-support-chat-open>Chat</button></div>`);
    const el = await widget();
    page.querySelector('button')!.click();
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(el.open).to.be.false;
    const client = el.client!;
    el.remove();
    page.querySelector<HTMLElement>('[data-support-chat-open]')!.click();
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(client.getState().open).to.be.false;
  });
});

describe('code hooks: a single-page app’s address goes with each message', () => {
  const original = location.href;
  beforeEach(() => startReferenceServer());
  afterEach(() => history.replaceState(null, '', original));

  it('current_url follows pushState, replaceState and popstate, with nothing for the site to do', async () => {
    const el = await widget();
    await openPanel(el);
    history.pushState(null, '', '/shop/pricing?plan=pro');
    await send(el, 'A question about the pro plan');
    const ticketId = await ticketOf(el);
    await waitFor(async () =>
      expect((await sessionContextOf(ticketId)).current_url).to.equal(`${location.origin}/shop/pricing?plan=pro`),
    );

    history.pushState(null, '', '/shop/checkout');
    history.replaceState(null, '', '/shop/checkout?step=2');
    await send(el, 'And about paying');
    await waitFor(() => expect(el.client!.getState().messages.at(-1)?.delivery).to.equal('sent'));
    expect((await sessionContextOf(ticketId)).current_url).to.equal(`${location.origin}/shop/checkout?step=2`);

    const popped = new Promise((resolve) => addEventListener('popstate', resolve, { once: true }));
    history.back();
    await popped;
    await send(el, 'Back on the pricing page');
    await waitFor(() => expect(el.client!.getState().messages.at(-1)?.delivery).to.equal('sent'));
    expect((await sessionContextOf(ticketId)).current_url).to.equal(`${location.origin}/shop/pricing?plan=pro`);
  });

  it('a message delivered later (a failed first attempt) keeps the address it was written on', async () => {
    const worker = await startReferenceServer();
    const el = await widget();
    await openPanel(el);
    await send(el, 'Opening message');
    const ticketId = await ticketOf(el);
    await waitFor(() => expect(el.client!.getState().messages.at(-1)?.delivery).to.equal('sent'));
    let failed = false;
    worker.use(
      http.post(
        '*/api/conversations/v1/widget/message',
        () => {
          failed = true;
          return HttpResponse.error();
        },
        { once: true },
      ),
    );
    history.pushState(null, '', '/shop/beans/ethiopia');
    await send(el, 'Is this one decaf?');
    await waitFor(() => expect(failed).to.be.true);
    history.pushState(null, '', '/shop/cart'); // the visitor moves on before the retry
    await waitFor(() => expect(el.client!.getState().messages.at(-1)?.delivery).to.equal('sent'), 10_000);
    expect((await sessionContextOf(ticketId)).current_url).to.equal(`${location.origin}/shop/beans/ethiopia`);
  });
});
