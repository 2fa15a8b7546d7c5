import { expect } from '@open-wc/testing';
import { HttpResponse, http } from 'msw';
import type { SetupWorker } from 'msw/browser';
import { store } from '../../../mock-server/store.js';
import { SupportChatClient } from '../../../src/client/support-chat-client.js';
import { MemoryStorage } from '../../../src/client/storage.js';
import { HttpTransport } from '../../../src/transport/http-transport.js';
import { TransportError } from '../../../src/transport/transport-error.js';
import { sleep } from '../helpers/faults.js';
import { WIDGET_TOKEN, startReferenceServer } from '../helpers/reference-server.js';

const WIDGET = '*/api/conversations/v1/widget';

/**
 * The restore endpoints are being added to the reference server on another branch; until
 * then these tests add them with `worker.use()`, answering exactly as REFERENCE-API.md says
 * and moving tickets in the reference store itself.
 */
function restoreHandlers(tokens: Map<string, string>, requests: Array<Record<string, unknown>>) {
  const perEmail = new Map<string, number>();
  return [
    http.post(`${WIDGET}/restore/request`, async ({ request }) => {
      const body = (await request.json()) as { email: string; request_url: string };
      requests.push(body);
      const count = (perEmail.get(body.email) ?? 0) + 1;
      perEmail.set(body.email, count);
      if (count > 3) return HttpResponse.json({ error: 'Too many restore requests' }, { status: 429, headers: { 'Retry-After': '3600' } });
      return HttpResponse.json({ ok: true });
    }),
    http.post(`${WIDGET}/restore`, async ({ request }) => {
      const body = (await request.json()) as { restore_token: string; widget_session_id: string };
      const email = tokens.get(body.restore_token);
      if (email === undefined) return HttpResponse.json({ status: 'invalid', code: 'invalid' });
      if (email === '') return HttpResponse.json({ status: 'used', code: 'used' });
      tokens.set(body.restore_token, '');
      const moved = store.data.tickets.filter((t) => t.customer_email === email);
      for (const t of moved) t.session_id = body.widget_session_id;
      return HttpResponse.json({ status: 'success', widget_session_id: body.widget_session_id, migrated_ticket_ids: moved.map((t) => t.id) });
    }),
  ];
}

describe('restore: a link by email moves the tickets to this browser', () => {
  let worker: SetupWorker;
  let clients: SupportChatClient[] = [];
  const tokens = new Map<string, string>();
  let requests: Array<Record<string, unknown>>;
  const originalUrl = location.href;

  const client = () => {
    const made = new SupportChatClient({ token: `restore-${clients.length}-${Math.random()}`, transport: new HttpTransport({ token: WIDGET_TOKEN }), storage: new MemoryStorage(), pollIntervals: { open: 60_000, closed: 60_000 } });
    clients.push(made);
    return made;
  };

  beforeEach(async () => {
    worker = await startReferenceServer();
    requests = [];
    worker.use(...restoreHandlers(tokens, requests));
  });
  afterEach(() => {
    clients.forEach((c) => c.stop());
    clients = [];
    history.replaceState(history.state, '', originalUrl);
  });

  it('requests a link with the email normalised and this page as the link target', async () => {
    history.replaceState(history.state, '', `${originalUrl}&sc_restore=old#section`);
    const c = client();
    const events: string[] = [];
    c.addEventListener('support-chat-restore-requested', () => events.push('requested'));
    await c.requestRestoreLink('  Ada@Example.COM ');
    expect(requests).to.have.length(1);
    expect(requests[0].email).to.equal('ada@example.com');
    const link = new URL(requests[0].request_url as string);
    expect(link.searchParams.has('sc_restore'), 'no stale token in the link').to.be.false;
    expect(link.hash).to.equal('');
    expect(events).to.deep.equal(['requested']);
  });

  it('refuses something that is not an email address, before any request', async () => {
    const c = client();
    for (const bad of ['', 'ada', 'ada@', '@example.com', 'a b@example.com']) {
      const error = await c.requestRestoreLink(bad).then(() => undefined, (e: unknown) => e);
      expect(error, bad).to.be.instanceOf(RangeError);
    }
    expect(requests).to.have.length(0);
  });

  it('rejects the fourth request in an hour with a rate_limit error carrying retryAfter', async () => {
    const c = client();
    for (let i = 0; i < 3; i++) await c.requestRestoreLink('ada@example.com');
    const error = (await c.requestRestoreLink('ada@example.com').then(() => undefined, (e: unknown) => e)) as TransportError;
    expect(error).to.be.instanceOf(TransportError);
    expect([error.kind, error.status, error.retryAfter]).to.deep.equal(['rate_limit', 429, 3600]);
  });

  it('redeems the token in the URL at start-up, adopts the tickets and removes the parameter, even if a router puts it back', async () => {
    const elsewhere = client();
    await elsewhere.start();
    const sent = await elsewhere.sendMessage('Asked from my phone', { email: 'ada@example.com' });
    tokens.set('token-123', 'ada@example.com');

    history.replaceState({ router: 'state' }, '', `${originalUrl}&page=2&sc_restore=token-123`);
    const routerUrl = location.href;
    const here = client();
    const restored = new Promise<CustomEvent>((resolve) => here.addEventListener('support-chat-restored', (e) => resolve(e as CustomEvent)));
    await here.start();
    const event = await restored;
    expect(event.detail).to.deep.equal({ ticketIds: [sent!.ticket_id] });
    expect(here.getCurrentTicketId()).to.equal(sent!.ticket_id);
    await sleep(50);
    expect(here.getState().messages.map((m) => m.content)).to.deep.equal(['Asked from my phone']);
    expect(new URL(location.href).searchParams.has('sc_restore')).to.be.false;
    expect(new URL(location.href).searchParams.get('page'), 'other parameters stay').to.equal('2');
    expect(history.state).to.deep.equal({ router: 'state' });

    history.replaceState(history.state, '', routerUrl); // an SPA router rewriting the URL it read at start-up
    await sleep(1100);
    expect(new URL(location.href).searchParams.has('sc_restore'), 'removed again').to.be.false;
    expect(await here.restoreFromUrlToken(), 'nothing left to redeem').to.equal(null);
  });

  it('reports a used or unknown token as an error and keeps the session', async () => {
    history.replaceState(history.state, '', `${originalUrl}&sc_restore=unknown`);
    const c = client();
    const errors: unknown[] = [];
    c.addEventListener('support-chat-error', (e) => errors.push((e as CustomEvent).detail));
    await c.start();
    await sleep(100);
    expect(errors).to.deep.equal([{ kind: 'rejected', message: 'This restore link is not valid. Ask for a new one.' }]);
    expect(new URL(location.href).searchParams.has('sc_restore')).to.be.false;
    expect(c.getWidgetSessionId()).to.be.a('string');
  });
});
