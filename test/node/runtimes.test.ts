import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { setupServer } from 'msw/node';
import { createHandlers } from '../../mock-server/handlers/index.js';
import { syncWithStorage } from '../../mock-server/storage-sync.js';
import { Store } from '../../mock-server/store.js';
import { client, type Client } from './helpers/api.js';
import { identity } from './helpers/identity.js';
import { fakeBrowser, inBothRuntimes } from './helpers/runtimes.js';

/**
 * One store module, three runtimes: the same requests must get the same answers from the
 * standalone HTTP server and from `setupServer` in this process. (The service worker runs
 * the same handlers in the browser tests; its persistence is checked below with fake storage.)
 */

const SESSION = '11111111-1111-4111-8111-111111111111';
const CLIENT_MESSAGE_ID = '22222222-2222-4222-8222-222222222222';

/** A script touching every endpoint; returns each answer's status and body. */
async function script(api: Client) {
  const seen: Array<[number, unknown]> = [];
  const record = async (pending: Promise<{ status: number; body: unknown }>) => {
    const answer = await pending;
    seen.push([answer.status, answer.body]);
    return answer.body as any;
  };
  await record(api.dev.reset());
  const sent = await record(
    api.widget.send({
      message: 'Hello',
      ticket_id: null,
      widget_session_id: SESSION,
      client_message_id: CLIENT_MESSAGE_ID,
      traits: { email: 'ada@example.com' },
    }),
  );
  await record(
    api.widget.send({ message: 'Hello', ticket_id: null, widget_session_id: SESSION, client_message_id: CLIENT_MESSAGE_ID }),
  );
  await record(api.team.reply(sent.ticket_id, { content: 'Hi!' }));
  await record(api.team.reply(sent.ticket_id, { content: 'note', is_private: true }));
  await record(api.widget.messages(sent.ticket_id, { widget_session_id: SESSION }));
  await record(api.widget.tickets({ widget_session_id: SESSION }));
  await record(api.widget.markRead(sent.ticket_id, { widget_session_id: SESSION }));
  await record(api.widget.send({ message: 'verified', ticket_id: null, ...identity('user-ada') }));
  // The visitor logs in: the session's anonymous ticket is linked to the identity (issue 16).
  await record(api.widget.tickets({ ...identity('user-ada'), widget_session_id: SESSION }));
  await record(api.widget.tickets(identity('user-ada')));
  await record(
    api.widget.send({ message: 'forged', ticket_id: null, identity_distinct_id: 'user-ada', identity_hash: 'f'.repeat(64) }),
  );
  await record(api.widget.messages(sent.ticket_id, { widget_session_id: '33333333-3333-4333-8333-333333333333' }));
  await record(api.widget.send({ message: '', ticket_id: null, widget_session_id: SESSION }));
  await record(api.widget.restoreRequest({ email: 'ada@example.com', request_url: 'https://shop.example/?a=1#x' }));
  await record(api.widget.redeem({ restore_token: 'wrong', widget_session_id: SESSION }));
  await record(api.team.update(sent.ticket_id, { status: 'open', priority: 'high', tags: ['x'] }));
  await record(api.team.tickets({ status: 'open', order_by: 'ticket_number' }));
  await record(api.team.events());
  await record(api.dev.mailbox());
  return seen;
}

/** Ids, times and tokens differ from run to run; everything else must not. */
function normalise(value: unknown): unknown {
  return JSON.parse(
    JSON.stringify(value)
      .replace(/[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/g, (id) =>
        id === SESSION || id === CLIENT_MESSAGE_ID ? id : '<uuid>',
      )
      .replace(/\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z/g, '<time>')
      .replace(/ph_conv_restore=[A-Za-z0-9_-]{43}/g, 'ph_conv_restore=<token>')
      .replace(/http:\/\/(127\.0\.0\.1:\d+|in-process\.test)/g, '<origin>'),
  );
}

describe('three runtimes, one store module', () => {
  it('answers the same requests the same way over HTTP and under setupServer', async () => {
    const { overHttp, underMsw } = await inBothRuntimes((url) => script(client(url)));
    assert.deepEqual(normalise(underMsw), normalise(overHttp));
  });
});

describe('browser persistence (the service worker runtime)', () => {
  it('keeps the state across a page reload, and follows changes made in another tab', async () => {
    const tab = fakeBrowser();
    const first = new Store();
    syncWithStorage(first, tab.host);
    const api = setupServer(...createHandlers(first));
    api.listen({ onUnhandledRequest: 'error' });
    try {
      await client('http://in-process.test').widget.send({
        message: 'before reload',
        ticket_id: null,
        widget_session_id: SESSION,
      });
    } finally {
      api.close();
    }

    // A reload: a new page, a new store, the same storage.
    const reloaded = new Store();
    syncWithStorage(reloaded, fakeBrowser(tab.shared).host);
    assert.deepEqual(reloaded.data, first.data);
    assert.equal(reloaded.ticketsOf({ kind: 'session', id: SESSION }).length, 1);

    // Another tab writes; this tab hears the storage event and picks it up.
    const other = new Store();
    syncWithStorage(other, fakeBrowser(tab.shared).host);
    other.createTicket({
      channel_source: 'widget',
      session_id: SESSION,
      identity_id: null,
      distinct_id: null,
      traits: {},
      session_context: {},
    });
    tab.fireStorage('support-chat-reference-server');
    assert.equal(first.ticketsOf({ kind: 'session', id: SESSION }).length, 2);
  });

  it('starts empty rather than broken when the saved state is corrupt', () => {
    const tab = fakeBrowser(new Map([['support-chat-reference-server', '{not json']]));
    const fresh = new Store();
    syncWithStorage(fresh, tab.host);
    assert.equal(fresh.data.tickets.length, 0);
    assert.equal(tab.shared.has('support-chat-reference-server'), false);
  });
});
