import { expect } from '@open-wc/testing';
import { http, HttpResponse, type DefaultBodyType } from 'msw';
import { findByRole, getByRole, waitFor } from '../helpers/queries.js';
import { startReferenceServer } from '../helpers/reference-server.js';
import { openPanel, ui, widget } from './widget.js';

const RESTORE_REQUEST = '*/api/conversations/v1/widget/restore/request';

describe('restore view', () => {
  let requests: DefaultBodyType[];

  beforeEach(async () => {
    const worker = await startReferenceServer();
    requests = [];
    // Records what was asked, then lets the real restore handler answer.
    worker.use(
      http.post(RESTORE_REQUEST, async ({ request }) => {
        requests.push(await request.clone().json());
        return undefined;
      }),
    );
  });

  async function openRestore(el: Awaited<ReturnType<typeof widget>>) {
    await openPanel(el);
    (await findByRole(ui(el), 'button', 'Continue a conversation from another device')).click();
    const email = (await findByRole(ui(el), 'textbox', 'Email')) as HTMLInputElement;
    await waitFor(() => expect(email.matches(':focus')).to.be.true);
    return email;
  }

  it('checks the address before asking the server', async () => {
    const el = await widget();
    const email = await openRestore(el);
    email.value = 'nope';
    getByRole(ui(el), 'button', 'Send link').click();
    await waitFor(() => expect(email.getAttribute('aria-invalid')).to.equal('true'));
    expect((email.getRootNode() as ShadowRoot).getElementById('email-error')!.textContent).to.equal(
      'Please enter a valid email address, such as name@example.com.',
    );
    expect(requests).to.have.length(0);
  });

  it('asks for a link and confirms without saying whether the address is known', async () => {
    const el = await widget();
    const events: string[] = [];
    el.addEventListener('support-chat-restore-requested', (e) => events.push(e.type));
    const email = await openRestore(el);
    email.value = 'Kim@Example.com ';
    getByRole(ui(el), 'button', 'Send link').click();
    const status = await findByRole(ui(el), 'status');
    expect(status.textContent).to.equal(
      'Thank you. If we have conversations for this address, a link is on its way. Check your inbox.',
    );
    await waitFor(() => expect(status.matches(':focus')).to.be.true);
    expect(requests).to.have.length(1);
    expect((requests[0] as { email: string }).email).to.equal('kim@example.com');
    expect((requests[0] as { request_url: string }).request_url).to.equal(location.href);
    expect(events).to.deep.equal(['support-chat-restore-requested']);
  });

  it('says so when the visitor asked too often', async () => {
    const worker = await startReferenceServer();
    worker.use(
      http.post(RESTORE_REQUEST, () =>
        HttpResponse.json({ error: 'Too many' }, { status: 429, headers: { 'Retry-After': '3600' } }),
      ),
    );
    const el = await widget();
    const email = await openRestore(el);
    email.value = 'kim@example.com';
    getByRole(ui(el), 'button', 'Send link').click();
    await waitFor(() => expect(email.getAttribute('aria-invalid')).to.equal('true'));
    expect((email.getRootNode() as ShadowRoot).getElementById('email-error')!.textContent).to.equal(
      'Too many requests. Please wait a moment and try again.',
    );
    expect(email.value).to.equal('kim@example.com');
  });

  it('Back returns to where the visitor came from', async () => {
    const el = await widget();
    await openRestore(el);
    getByRole(ui(el), 'button', 'Back').click();
    await findByRole(ui(el), 'textbox', 'Message');
  });
});
