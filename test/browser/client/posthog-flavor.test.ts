import { expect } from '@open-wc/testing';
import { sleep } from '../helpers/faults.js';
import { waitFor } from '../helpers/queries.js';
import { WIDGET_TOKEN, startReferenceServer, team } from '../helpers/reference-server.js';
import { testClients } from '../helpers/test-clients.js';

/**
 * Today's client, through its public API, against the in-browser server behaving like
 * PostHog's production backend (`flavor: 'posthog'`): no capabilities, no idempotency,
 * `distinct_id` required, team replies as `support`, and restore bound to this page.
 */
describe('the client against a production-like backend (flavor posthog)', () => {
  const originalUrl = location.href;
  const client = testClients('posthog');

  beforeEach(async () => {
    await startReferenceServer({ flavor: 'posthog' });
  });
  afterEach(() => history.replaceState(history.state, '', originalUrl));

  it("sends the site's distinct_id (option or property), else the session id; a verified identity wins", async () => {
    const worker = await startReferenceServer({ flavor: 'posthog' });
    const sent: Array<Record<string, unknown>> = [];
    worker.events.on('request:start', ({ request }) => {
      if (request.method === 'POST' && request.url.endsWith('/widget/message'))
        void request
          .clone()
          .json()
          .then((b) => sent.push(b));
    });
    const anonymous = client();
    await anonymous.sendMessage('No id from the site');
    const site = client({ distinctId: 'site-visitor-7' });
    await site.sendMessage('With the site id');
    site.distinctId = 'site-visitor-8'; // the site learnt who this is
    await site.sendMessage('With the new id');
    const key = await crypto.subtle.importKey(
      'raw',
      new TextEncoder().encode('demo-identity-secret'),
      { name: 'HMAC', hash: 'SHA-256' },
      false,
      ['sign'],
    );
    const mac = new Uint8Array(await crypto.subtle.sign('HMAC', key, new TextEncoder().encode('user-42')));
    await site.setIdentity('user-42', [...mac].map((b) => b.toString(16).padStart(2, '0')).join(''));
    await site.sendMessage('As the verified user', undefined, true); // a new conversation: the identity's own
    await sleep(50);
    worker.events.removeAllListeners();
    expect(sent.map((b) => [b.message, b.distinct_id])).to.deep.equal([
      ['No id from the site', anonymous.getWidgetSessionId()],
      ['With the site id', 'site-visitor-7'],
      ['With the new id', 'site-visitor-8'],
      ['As the verified user', 'user-42'],
    ]);
    expect(sent[3].identity_distinct_id).to.equal('user-42');
    expect((await team.tickets()).map((t) => (t as { distinct_id?: string }).distinct_id).sort()).to.deep.equal(
      [anonymous.getWidgetSessionId(), 'site-visitor-8', 'user-42'].sort(),
    );
  });

  it('is really the production flavour: no capabilities', async () => {
    const answer = await fetch('/api/conversations/v1/widget/capabilities', {
      headers: { 'X-Conversations-Token': WIDGET_TOKEN },
    });
    expect(answer.status).to.equal(404);
  });

  it('sends, receives a support reply, and restores the ticket in another browser', async () => {
    const phone = client();
    const sent = await phone.sendMessage('Where is my order?', { email: 'ada@example.com' });
    const [ticket] = await team.tickets();
    expect(ticket.id).to.equal(sent!.ticket_id);
    await team.reply(ticket.id, 'It ships today');
    const thread = await phone.getMessages(ticket.id);
    expect(thread!.messages.map((m) => [m.author_type, m.content])).to.deep.equal([
      ['customer', 'Where is my order?'],
      ['support', 'It ships today'],
    ]);

    const laptop = client();
    await laptop.requestRestoreLink('ada@example.com');
    const [mail] = (await (await fetch('/api/_dev/mailbox')).json()) as Array<{ link: string }>;
    history.replaceState(history.state, '', mail.link);
    const restoredClient = client();
    const restored = new Promise<CustomEvent>((resolve) =>
      restoredClient.addEventListener('support-chat-restored', (e) => resolve(e as CustomEvent)),
    );
    await restoredClient.start();
    await restoredClient.restoreFromUrlToken(); // the visitor said the link is theirs
    expect((await restored).detail).to.deep.equal({ ticketIds: [ticket.id] });
    // The restored ticket's messages arrive with the next read, not with the event.
    await waitFor(() =>
      expect(restoredClient.getState().messages.map((m) => m.content)).to.deep.equal(['Where is my order?', 'It ships today']),
    );
  });
});
