import { expect } from '@open-wc/testing';
import { TransportError } from '../../../src/transport/transport-error.js';
import { sleep } from '../helpers/faults.js';
import { startReferenceServer } from '../helpers/reference-server.js';
import { testClients } from '../helpers/test-clients.js';
import { FLAVORS, type Flavor } from '../../../mock-server/config.js';

interface Mail {
  to: string;
  link: string | null;
}

/** The reference server's dev mailbox: where a real backend would have sent the email. */
async function mailbox(): Promise<Mail[]> {
  return (await fetch('/api/_dev/mailbox')).json();
}

/** Every test runs against both flavours: the reference server, and one behaving like PostHog's production backend. */
const suite = (flavor: Flavor) => () => {
  const originalUrl = location.href;
  const client = testClients('restore');

  beforeEach(async () => {
    await startReferenceServer({ flavor });
  });
  afterEach(() => history.replaceState(history.state, '', originalUrl));

  it('requests a link with the email normalised and this page as the link target', async () => {
    const owner = client();
    await owner.sendMessage('My earlier question', { email: 'ada@example.com' });
    history.replaceState(history.state, '', `${originalUrl}&ph_conv_restore=old#section`);
    const c = client();
    const events: string[] = [];
    c.addEventListener('support-chat-restore-requested', () => events.push('requested'));
    await c.requestRestoreLink('  Ada@Example.COM ');
    const mails = await mailbox();
    expect(mails.map((m) => m.to)).to.deep.equal(['ada@example.com']);
    const link = new URL(mails[0].link!);
    expect(link.searchParams.getAll('ph_conv_restore'), 'one fresh token, no stale one').to.have.length(1);
    expect(link.searchParams.get('ph_conv_restore')).to.match(/^[A-Za-z0-9_-]{43}$/);
    expect(link.pathname).to.equal(location.pathname);
    expect(link.hash).to.equal('');
    expect(events).to.deep.equal(['requested']);
  });

  it('refuses something that is not an email address, before any request', async () => {
    const c = client();
    for (const bad of ['', 'ada', 'ada@', '@example.com', 'a b@example.com']) {
      const error = await c.requestRestoreLink(bad).then(
        () => undefined,
        (e: unknown) => e,
      );
      expect(error, bad).to.be.instanceOf(RangeError);
    }
    expect(await mailbox()).to.deep.equal([]);
  });

  it('rejects the fourth request in an hour with a rate_limit error carrying retryAfter', async () => {
    const c = client();
    for (let i = 0; i < 3; i++) await c.requestRestoreLink('ada@example.com');
    const error = (await c.requestRestoreLink('ada@example.com').then(
      () => undefined,
      (e: unknown) => e,
    )) as TransportError;
    expect(error).to.be.instanceOf(TransportError);
    expect([error.kind, error.status]).to.deep.equal(['rate_limit', 429]);
    expect(error.retryAfter).to.be.within(1, 3600);
  });

  it('takes the token out of the URL at start-up, redeems it when asked, adopts the tickets, even if a router puts it back', async () => {
    const elsewhere = client();
    await elsewhere.start();
    const sent = await elsewhere.sendMessage('Asked from my phone', { email: 'ada@example.com' });
    await elsewhere.requestRestoreLink('ada@example.com');
    const [mail] = await mailbox();

    // Open the emailed link, as the visitor does in another browser, with a router's extra state.
    const emailed = new URL(mail.link!);
    emailed.searchParams.set('page', '2');
    history.replaceState({ router: 'state' }, '', emailed);
    const routerUrl = location.href;
    const here = client();
    const restored = new Promise<CustomEvent>((resolve) =>
      here.addEventListener('support-chat-restored', (e) => resolve(e as CustomEvent)),
    );
    await here.start();
    expect(here.getState().pendingRestore, 'waits for the visitor').to.be.true;
    expect(new URL(location.href).searchParams.has('ph_conv_restore'), 'out of the address bar at once').to.be.false;
    expect((await here.restoreFromUrlToken())?.status).to.equal('success');
    expect(here.getState().pendingRestore).to.be.false;
    const event = await restored;
    expect(event.detail).to.deep.equal({ ticketIds: [sent!.ticket_id] });
    expect(here.getCurrentTicketId()).to.equal(sent!.ticket_id);
    await sleep(50);
    expect(here.getState().messages.map((m) => m.content)).to.deep.equal(['Asked from my phone']);
    expect(new URL(location.href).searchParams.has('ph_conv_restore')).to.be.false;
    expect(new URL(location.href).searchParams.get('page'), 'other parameters stay').to.equal('2');
    expect(history.state).to.deep.equal({ router: 'state' });

    history.replaceState(history.state, '', routerUrl); // an SPA router rewriting the URL it read at start-up
    await sleep(1100);
    expect(new URL(location.href).searchParams.has('ph_conv_restore'), 'removed again').to.be.false;
    expect(await here.restoreFromUrlToken(), 'nothing left to redeem').to.equal(null);
  });

  it('reports a used or unknown token as an error and keeps the session', async () => {
    history.replaceState(history.state, '', `${originalUrl}&ph_conv_restore=${'u'.repeat(43)}`);
    const c = client();
    const errors: unknown[] = [];
    c.addEventListener('support-chat-error', (e) => errors.push((e as CustomEvent).detail));
    await c.start();
    await c.restoreFromUrlToken();
    await sleep(100);
    expect(errors).to.deep.equal([
      { kind: 'rejected', code: 'token_invalid', message: 'This restore link is not valid. Ask for a new one.' },
    ]);
    expect(new URL(location.href).searchParams.has('ph_conv_restore')).to.be.false;
    expect(c.getWidgetSessionId()).to.be.a('string');
  });
};

for (const flavor of FLAVORS)
  describe(`restore: a link by email moves the tickets to this browser (${flavor} flavour)`, suite(flavor));
