import { expect } from '@open-wc/testing';
import { findByRole, getByRole, queryAllByRole, waitFor } from '../helpers/queries.js';
import { startReferenceServer, team } from '../helpers/reference-server.js';
import { openPanel, send, ticketOf, ui, widget } from './widget.js';

describe('identification form (require-email, collect-name)', () => {
  beforeEach(async () => {
    await startReferenceServer();
  });

  async function fill(field: HTMLElement, value: string) {
    (field as HTMLInputElement).value = value;
  }

  it('asks for an email before the first message, with clear messages, then sends with it', async () => {
    const el = await widget({ 'require-email': true });
    await openPanel(el);
    const email = await findByRole(ui(el), 'textbox', 'Email');
    expect(queryAllByRole(ui(el), 'textbox', 'Message')).to.have.length(0);
    expect(queryAllByRole(ui(el), 'textbox', 'Name')).to.have.length(0);
    expect(document.activeElement === el, 'focus is in the widget').to.be.true;

    getByRole(ui(el), 'button', 'Continue').click();
    const required = await findByRole(ui(el), 'textbox', 'Email');
    await waitFor(() => expect(required.getAttribute('aria-invalid')).to.equal('true'));
    const message = () => {
      const id = required.getAttribute('aria-describedby')!;
      return (required.getRootNode() as ShadowRoot).getElementById(id)!.textContent;
    };
    expect(message()).to.equal('Please enter your email address.');
    expect(required.matches(':focus')).to.be.true;

    await fill(email, 'not-an-email');
    getByRole(ui(el), 'button', 'Continue').click();
    await waitFor(() => expect(message()).to.equal('Please enter a valid email address, such as name@example.com.'));
    // Longer than an address can be (254): refused here, by the contract's rule the client and server apply.
    await fill(email, `${'a'.repeat(310)}@example.com`);
    getByRole(ui(el), 'button', 'Continue').click();
    await waitFor(() => expect(message()).to.equal('Please enter a valid email address, such as name@example.com.'));
    expect(queryAllByRole(ui(el), 'textbox', 'Message'), 'still on the form').to.have.length(0);

    const identified: Array<{ hasName: boolean; hasEmail: boolean }> = [];
    el.addEventListener('support-chat-identified', (e) => identified.push(e.detail));
    await fill(email, '  mia@example.com ');
    getByRole(ui(el), 'button', 'Continue').click();
    await findByRole(ui(el), 'textbox', 'Message');
    expect(identified).to.deep.equal([{ hasName: false, hasEmail: true }]);

    await send(el, 'Hello with my email');
    const ticketId = await ticketOf(el);
    const ticket = (await team.tickets()).find((t) => t.id === ticketId)!;
    expect(ticket.customer_email).to.equal('mia@example.com');
  });

  it('also asks for a name with collect-name, and requires it', async () => {
    const el = await widget({ 'require-email': true, 'collect-name': true });
    await openPanel(el);
    const name = await findByRole(ui(el), 'textbox', 'Name');
    const email = getByRole(ui(el), 'textbox', 'Email');
    await fill(email, 'sam@example.com');
    getByRole(ui(el), 'button', 'Continue').click();
    await waitFor(() => expect(name.getAttribute('aria-invalid')).to.equal('true'));
    expect(email.getAttribute('aria-invalid')).to.equal('false');
    expect((name.getRootNode() as ShadowRoot).getElementById('name-error')!.textContent).to.equal('Please enter your name.');
    await fill(name, 'Sam Lee');
    getByRole(ui(el), 'button', 'Continue').click();
    await findByRole(ui(el), 'textbox', 'Message');
    expect(el.client!.getState().traits).to.deep.equal({ name: 'Sam Lee', email: 'sam@example.com' });
  });

  it('does not ask a visitor whose email is already known', async () => {
    const el = await widget({ 'require-email': true });
    await el.identify({ email: 'known@example.com' });
    await openPanel(el);
    await findByRole(ui(el), 'textbox', 'Message');
    expect(queryAllByRole(ui(el), 'textbox', 'Email')).to.have.length(0);
  });
});
