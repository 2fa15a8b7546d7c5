import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { after, before, beforeEach, describe, it } from 'node:test';
import { ATTACHMENT_TYPES } from '../../contract/attachments.js';
import { client, type Client } from './helpers/api.js';
import { identity } from './helpers/identity.js';
import { spawnServer, type RunningServer } from './helpers/spawn-server.js';

/**
 * The production backend's own widget and restore test lists (PostHog's
 * products/conversations/backend/api/tests/test_widget.py and test_restore.py), ported to
 * HTTP against the standalone server, once per flavour where the behaviour is shared, and
 * the production-only quirks (`--flavor posthog`) beside the reference server's extensions.
 * State is made through the team API and the dev clock, as a real deployment's would be.
 */
const FLAVORS = ['reference', 'posthog'] as const;
const SHOP = 'https://shop.example';
const page = { Origin: SHOP };

for (const flavor of FLAVORS) {
  describe(`production compatibility (--flavor ${flavor})`, () => {
    let server: RunningServer;
    let api: Client;
    before(async () => {
      server = await spawnServer([
        '--port',
        '0',
        '--flavor',
        flavor,
        '--allowed-domains',
        'shop.example,*.trusted.example,localhost',
      ]);
      api = client(server.url, { flavor });
    });
    beforeEach(async () => {
      await api.dev.reset();
    });
    after(() => server.stop());

    const send = (body: Record<string, unknown>, o = {}) => api.widget.send({ message: 'Hello', ticket_id: null, ...body }, o);
    const newTicket = async (session = randomUUID(), extra: Record<string, unknown> = {}) => {
      const sent = await send({ widget_session_id: session, ...extra });
      assert.equal(sent.status, 200, JSON.stringify(sent.body));
      return { session, ticketId: sent.body.ticket_id as string };
    };

    describe('widget: authentication', () => {
      it('no token → 403', async () => {
        const answer = await api.call('POST', '/api/conversations/v1/widget/message', {
          body: { message: 'x', widget_session_id: randomUUID(), distinct_id: 'd' },
        });
        assert.equal(answer.status, 403);
      });
      it('wrong token → 403 (posthog: framework error authentication_failed)', async () => {
        const answer = await send({ widget_session_id: randomUUID() }, { headers: { 'X-Conversations-Token': 'wrong' } });
        assert.equal(answer.status, 403);
        if (flavor === 'posthog') assert.equal(answer.body.code, 'authentication_failed');
        else assert.ok(answer.body.error);
      });
    });

    describe('widget: sending', () => {
      it('creates a ticket, then continues it', async () => {
        const { session, ticketId } = await newTicket();
        const again = await send({ widget_session_id: session, ticket_id: ticketId, message: 'More' });
        assert.equal(again.body.ticket_id, ticketId);
        assert.equal((await api.widget.messages(ticketId, { widget_session_id: session })).body.messages.length, 2);
      });
      it('another session’s ticket → 403 for send, read and mark read', async () => {
        const { ticketId } = await newTicket();
        const other = randomUUID();
        assert.equal((await send({ widget_session_id: other, ticket_id: ticketId })).status, 403);
        const read = await api.widget.messages(ticketId, { widget_session_id: other });
        assert.equal(read.status, 403);
        assert.ok(!JSON.stringify(read.body).includes('Hello'));
        assert.equal((await api.widget.markRead(ticketId, { widget_session_id: other })).status, 403);
      });
      it('missing widget_session_id → 400; missing distinct_id with a session → 400 naming it, nothing stored', async () => {
        assert.equal((await send({ distinct_id: 'd' })).status, 400);
        const noDistinct = await send({ widget_session_id: randomUUID(), distinct_id: undefined });
        assert.equal(noDistinct.status, 400);
        assert.ok('distinct_id' in noDistinct.body.details);
        assert.equal((await api.team.tickets()).body.count, 0);
      });
      it('empty, blank and over-long (10001) messages → 400', async () => {
        for (const message of ['', '   ', 'x'.repeat(10_001)])
          assert.equal((await send({ widget_session_id: randomUUID(), message })).status, 400);
      });
      it('honeypot _hp → 400', async () => {
        assert.equal((await send({ widget_session_id: randomUUID(), _hp: 'bot' })).status, 400);
      });
      it('invalid widget_session_id → 400', async () => {
        assert.equal((await send({ widget_session_id: 'not-a-uuid', distinct_id: 'd' })).status, 400);
      });
      it('a long current_url is cut to 2000, not refused', async () => {
        const { ticketId } = await newTicket(randomUUID(), {
          session_context: { current_url: `https://shop.example/${'a'.repeat(3000)}` },
        });
        assert.equal((await api.team.get(ticketId)).body.session_context.current_url.length, 2000);
      });
      it('traits and session_context over the limits are cut, not refused; null is 400', async () => {
        const traits = Object.fromEntries(Array.from({ length: 60 }, (_, i) => [`k${i}`, 'v'.repeat(600)]));
        const { ticketId } = await newTicket(randomUUID(), { traits });
        const stored = (await api.team.get(ticketId)).body.anonymous_traits;
        assert.equal(Object.keys(stored).length, 50);
        assert.equal(stored.k0.length, 500);
        assert.equal((await send({ widget_session_id: randomUUID(), traits: null })).status, 400);
        assert.equal((await send({ widget_session_id: randomUUID(), session_context: null })).status, 400);
      });
      it('a non-UUID ticket id in a path → 404; unknown → 404', async () => {
        const session = randomUUID();
        assert.equal((await api.widget.messages('not-a-uuid', { widget_session_id: session })).status, 404);
        assert.equal((await api.widget.messages(randomUUID(), { widget_session_id: session })).status, 404);
        assert.equal((await api.widget.markRead('not-a-uuid', { widget_session_id: session })).status, 404);
      });
    });

    describe('widget: reading', () => {
      it('messages come oldest first; team replies are author_type support; private notes excluded and is_private never exposed', async () => {
        const { session, ticketId } = await newTicket();
        await api.team.reply(ticketId, { content: 'Reply' });
        await api.team.reply(ticketId, { content: 'Secret note', is_private: true });
        await api.team.reply(ticketId, { content: 'Legacy', author_type: 'human' });
        const { messages } = (await api.widget.messages(ticketId, { widget_session_id: session })).body;
        assert.deepEqual(
          messages.map((m: { content: string; author_type: string }) => [m.content, m.author_type]),
          [
            ['Hello', 'customer'],
            ['Reply', 'support'],
            ['Legacy', 'support'],
          ],
        );
        assert.ok(messages.every((m: object) => !('is_private' in m)));
      });
      it('own tickets only, with a status filter, limit with the full count, newest first', async () => {
        const session = randomUUID();
        const first = await newTicket(session);
        const second = await newTicket(session);
        await newTicket();
        await api.team.update(first.ticketId, { status: 'resolved' });
        const all = (await api.widget.tickets({ widget_session_id: session, limit: 1 })).body;
        assert.equal(all.count, 2);
        assert.deepEqual(
          all.results.map((t: { id: string }) => t.id),
          [second.ticketId],
        );
        const resolved = (await api.widget.tickets({ widget_session_id: session, status: 'resolved' })).body;
        assert.deepEqual(
          resolved.results.map((t: { id: string }) => t.id),
          [first.ticketId],
        );
      });
      it('mark read sets the unread count to 0', async () => {
        const { session, ticketId } = await newTicket();
        await api.team.reply(ticketId, { content: 'Reply' });
        assert.equal((await api.widget.messages(ticketId, { widget_session_id: session })).body.unread_count, 1);
        assert.deepEqual((await api.widget.markRead(ticketId, { widget_session_id: session })).body, {
          success: true,
          unread_count: 0,
        });
        assert.equal((await api.widget.tickets({ widget_session_id: session })).body.results[0].unread_count, 0);
      });
    });

    describe('widget: identity verification', () => {
      it('a valid hash works, and the same person on another browser sees the same tickets', async () => {
        const sent = await send({ ...identity('user-ada') });
        assert.equal(sent.status, 200);
        const elsewhere = await api.widget.tickets({ ...identity('user-ada') });
        assert.deepEqual(
          elsewhere.body.results.map((t: { id: string }) => t.id),
          [sent.body.ticket_id],
        );
      });
      it('a non-hex hash → 400; a wrong hash → 403', async () => {
        assert.equal((await send({ identity_distinct_id: 'user-ada', identity_hash: 'z'.repeat(64) })).status, 400);
        assert.equal((await send({ identity_distinct_id: 'user-ada', identity_hash: 'f'.repeat(64) })).status, 403);
      });
      it('another person’s id → 403', async () => {
        const { body } = await send({ ...identity('user-ada') });
        assert.equal((await api.widget.messages(body.ticket_id, { ...identity('user-eve') })).status, 403);
      });
      it('identity wins over a session when both are sent', async () => {
        const session = randomUUID();
        const { body } = await send({ widget_session_id: session, ...identity('user-ada') });
        assert.equal((await api.widget.messages(body.ticket_id, { ...identity('user-ada') })).status, 200);
        assert.equal((await api.widget.tickets({ widget_session_id: session })).body.count, 0);
      });
    });

    describe('Origin', () => {
      it('a send from a page not on the allowed domains → 403; from an allowed one, or with no Origin/Referer, → 200', async () => {
        assert.equal(
          (await send({ widget_session_id: randomUUID() }, { headers: { Origin: 'https://evil.example' } })).status,
          403,
        );
        assert.equal(
          (await send({ widget_session_id: randomUUID() }, { headers: { Referer: 'https://evil.example/page' } })).status,
          403,
        );
        assert.equal(
          (await send({ widget_session_id: randomUUID() }, { headers: { Origin: 'https://a.trusted.example' } })).status,
          200,
        );
        assert.equal(
          (await send({ widget_session_id: randomUUID() }, { headers: { Origin: 'https://trusted.example' } })).status,
          200,
        );
        assert.equal((await send({ widget_session_id: randomUUID() })).status, 200);
      });
      it('a redeem from a page not on the list, or from no page at all → 403', async () => {
        const body = { restore_token: 'a'.repeat(43), widget_session_id: randomUUID() };
        assert.equal((await api.widget.redeem(body, { headers: { Origin: 'https://evil.example' } })).status, 403);
        assert.equal((await api.widget.redeem(body, { bare: true })).status, 403);
      });
    });

    describe('restore: the request', () => {
      const request = (email: string, requestUrl: unknown, headers: Record<string, string> | null = page) =>
        api.widget.restoreRequest({ email, request_url: requestUrl }, headers ? { headers } : { bare: true });

      it('the link starts with request_url and carries ph_conv_restore; query and path kept, fragment dropped', async () => {
        await newTicket(randomUUID(), { traits: { email: 'ada@example.com' } });
        assert.deepEqual((await request('ada@example.com', `${SHOP}/support/page?foo=bar#section`)).body, { ok: true });
        const [mail] = (await api.dev.mailbox()).body;
        assert.ok(mail.link.startsWith(`${SHOP}/support/page?foo=bar&`), mail.link);
        assert.match(new URL(mail.link).searchParams.get('ph_conv_restore')!, /^[A-Za-z0-9_-]{43}$/);
        assert.ok(!mail.link.includes('#'));
      });
      it('an unknown email still answers {ok: true} and mails nothing', async () => {
        assert.deepEqual((await request('nobody@example.com', `${SHOP}/`)).body, { ok: true });
        assert.equal((await api.dev.mailbox()).body.length, 0);
      });
      it('invalid email / missing request_url → 400', async () => {
        assert.equal((await request('not_an_email', `${SHOP}/`)).status, 400);
        assert.equal((await api.widget.restoreRequest({ email: 'ada@example.com' }, { headers: page })).status, 400);
      });
      it('origin mismatch, missing Origin, domain not allowed → 403, and nothing mailed', async () => {
        await newTicket(randomUUID(), { traits: { email: 'ada@example.com' } });
        assert.equal(
          (await request('ada@example.com', `${SHOP}/support`, { Origin: 'https://a.trusted.example' })).status,
          403,
          'mismatch',
        );
        assert.equal((await request('ada@example.com', `${SHOP}/support`, null)).status, 403, 'no Origin, no Referer');
        assert.equal(
          (await request('ada@example.com', 'https://evil.example/phishing', { Origin: 'https://evil.example' })).status,
          403,
          'not allowed',
        );
        assert.equal(
          (await request('ada@example.com', `${SHOP}/support`, { Referer: `${SHOP}/help` })).status,
          200,
          'Referer serves when there is no Origin',
        );
        assert.equal((await api.dev.mailbox()).body.length, 1);
      });
      it('the attacker’s side: no Origin and request_url on their site never mails a token there', async () => {
        await newTicket(randomUUID(), { traits: { email: 'victim@example.com' } });
        for (const headers of [
          null,
          { Origin: 'https://evil.example' },
          { Origin: SHOP },
          { Referer: 'https://evil.example/' },
        ] as Array<Record<string, string> | null>) {
          const answer = await request('victim@example.com', 'https://evil.example/', headers);
          assert.equal(answer.status, 403, JSON.stringify(headers));
        }
        assert.equal((await api.dev.mailbox()).body.length, 0, 'the victim got no link that leads to evil.example');
      });
      for (const [name, url] of [
        ['raw backslash', 'https://evil.example\\@shop.example/support'],
        ['%5C', 'https://evil.example%5C@shop.example/support'],
        ['%2F', 'https://evil.example%2F@shop.example/support'],
        ['%3F', 'https://evil.example%3F@shop.example/support'],
        ['%23', 'https://evil.example%23@shop.example/support'],
        ['%40', 'https://evil.example%40@shop.example/support'],
      ]) {
        it(`an ambiguous authority (${name}) → 403`, async () => {
          await newTicket(randomUUID(), { traits: { email: 'ada@example.com' } });
          assert.equal((await request('ada@example.com', url)).status, 403);
          assert.equal((await api.dev.mailbox()).body.length, 0);
        });
      }
      it('a new request does not invalidate earlier tokens', async () => {
        await newTicket(randomUUID(), { traits: { email: 'ada@example.com' } });
        await request('ada@example.com', `${SHOP}/`);
        await request('ada@example.com', `${SHOP}/`);
        const [first] = (await api.dev.mailbox()).body.map((m: { link: string }) =>
          new URL(m.link).searchParams.get('ph_conv_restore'),
        );
        assert.equal(
          (await api.widget.redeem({ restore_token: first, widget_session_id: randomUUID() }, { headers: page })).body.status,
          'success',
        );
      });
    });

    describe('restore: redeeming', () => {
      const tokenFor = async (email: string) => {
        await api.widget.restoreRequest({ email, request_url: `${SHOP}/` }, { headers: page });
        return new URL((await api.dev.mailbox()).body.at(-1).link).searchParams.get('ph_conv_restore')!;
      };
      const redeem = (token: string, session: unknown = randomUUID()) =>
        api.widget.redeem({ restore_token: token, widget_session_id: session }, { headers: page });

      it('success moves the tickets; invalid, expired and used answer 200 with their code', async () => {
        const { ticketId } = await newTicket(randomUUID(), { traits: { email: 'ada@example.com' } });
        const token = await tokenFor('ada@example.com');
        const browser = randomUUID();
        assert.deepEqual((await redeem(token, browser)).body, {
          status: 'success',
          widget_session_id: browser,
          migrated_ticket_ids: [ticketId],
        });
        assert.deepEqual((await redeem(token)).body, { status: 'used', code: 'token_already_used' });
        assert.deepEqual((await redeem('a'.repeat(43))).body, { status: 'invalid', code: 'token_invalid' });
        const late = await tokenFor('ada@example.com');
        await api.dev.advanceClock(61 * 60_000);
        assert.deepEqual((await redeem(late)).body, { status: 'expired', code: 'token_expired' });
      });
      it('a redeem that moves nothing leaves out migrated_ticket_ids', async () => {
        const { ticketId } = await newTicket(randomUUID(), { traits: { email: 'ada@example.com' } });
        const token = await tokenFor('ada@example.com');
        await api.team.remove(ticketId);
        const answer = (await redeem(token)).body;
        assert.equal(answer.status, 'success');
        assert.ok(!('migrated_ticket_ids' in answer), JSON.stringify(answer));
      });
      it('a bad session id → 400; a token outside 40..50 characters → 400', async () => {
        assert.equal((await redeem('a'.repeat(43), 'not-a-uuid')).status, 400);
        assert.equal((await redeem('a'.repeat(43), '')).status, 400);
        assert.equal((await redeem('short')).status, 400);
        assert.equal((await redeem('a'.repeat(39))).status, 400);
        assert.equal((await redeem('a'.repeat(51))).status, 400);
        assert.equal((await redeem('a'.repeat(40))).status, 200);
        assert.equal((await redeem('a'.repeat(50))).status, 200);
      });
      it('a redeem invalidates the email’s other tokens', async () => {
        await newTicket(randomUUID(), { traits: { email: 'ada@example.com' } });
        const first = await tokenFor('ada@example.com');
        const second = await tokenFor('ada@example.com');
        assert.equal((await redeem(first)).body.status, 'success');
        assert.equal((await redeem(second)).body.status, 'used');
      });
    });
  });
}

describe('production quirks (--flavor posthog) and the reference extensions', () => {
  let reference: RunningServer;
  let posthog: RunningServer;
  let ref: Client;
  let ph: Client;
  before(async () => {
    [reference, posthog] = await Promise.all([spawnServer(['--port', '0']), spawnServer(['--port', '0', '--flavor', 'posthog'])]);
    ref = client(reference.url);
    ph = client(posthog.url, { flavor: 'posthog' });
  });
  beforeEach(async () => {
    await Promise.all([ref.dev.reset(), ph.dev.reset()]);
  });
  after(() => Promise.all([reference.stop(), posthog.stop()]));

  it('extensions: capabilities answers what the reference server supports, and 404 on posthog', async () => {
    assert.deepEqual((await ref.widget.capabilities()).body, {
      stream: true,
      typing: true,
      idempotent_send: true,
      rating: true,
      attachments: { max_bytes: 10_485_760, max_per_message: 5, types: [...ATTACHMENT_TYPES] },
    });
    assert.equal((await ph.widget.capabilities()).status, 404);
  });

  it('rating: posthog has no rating endpoint (404); the reference rates a resolved ticket', async () => {
    for (const [api, status] of [
      [ph, 404],
      [ref, 200],
    ] as const) {
      const session = randomUUID();
      const sent = await api.widget.send({ message: 'hi', ticket_id: null, widget_session_id: session });
      await api.team.update(sent.body.ticket_id, { status: 'resolved' });
      const answer = await api.call('POST', `/api/conversations/v1/widget/tickets/${sent.body.ticket_id}/rating`, {
        body: { score: 5, widget_session_id: session },
        headers: { 'X-Conversations-Token': 'demo-widget-token' },
      });
      assert.equal(answer.status, status);
    }
  });

  it('idempotency: posthog ignores client_message_id (a resend is stored twice); the reference stores it once', async () => {
    for (const [api, expected] of [
      [ref, 1],
      [ph, 2],
    ] as const) {
      const session = randomUUID();
      const body = { message: 'Once', ticket_id: null, widget_session_id: session, client_message_id: randomUUID() };
      const first = await api.widget.send(body);
      await api.widget.send({ ...body, ticket_id: first.body.ticket_id });
      const stored = (await api.widget.messages(first.body.ticket_id, { widget_session_id: session })).body.messages;
      assert.equal(stored.length, expected);
    }
  });

  it('has_more: posthog says true when the page is full (len == limit), even if nothing follows', async () => {
    for (const [api, expected] of [
      [ref, false],
      [ph, true],
    ] as const) {
      const session = randomUUID();
      const { body } = await api.widget.send({ message: 'One', ticket_id: null, widget_session_id: session });
      await api.widget.send({ message: 'Two', ticket_id: body.ticket_id, widget_session_id: session });
      assert.equal((await api.widget.messages(body.ticket_id, { widget_session_id: session, limit: 2 })).body.has_more, expected);
      assert.equal((await api.widget.messages(body.ticket_id, { widget_session_id: session, limit: 1 })).body.has_more, true);
    }
  });

  it('framework errors: posthog answers {type, code, detail, attr} for a parse error; the views keep {error, details}', async () => {
    const raw = { raw: '{not json', headers: { 'X-Conversations-Token': 'demo-widget-token' } };
    const parse = await ph.call('POST', '/api/conversations/v1/widget/message', raw);
    assert.equal(parse.status, 400);
    assert.equal(parse.body.code, 'parse_error');
    assert.deepEqual(Object.keys(parse.body).sort(), ['attr', 'code', 'detail', 'type']);
    const view = await ph.widget.send({ message: '', ticket_id: null, widget_session_id: randomUUID() });
    assert.ok(view.body.error && view.body.details);
    assert.ok((await ref.call('POST', '/api/conversations/v1/widget/message', raw)).body.error);
  });

  it('429: posthog answers throttled with its sentence and no Retry-After; the reference sends Retry-After', async () => {
    for (const api of [ref, ph]) {
      const session = randomUUID();
      let last;
      for (let i = 0; i < 31; i++)
        last = await api.widget.send({ message: `m${i}`, ticket_id: null, widget_session_id: session });
      assert.equal(last!.status, 429);
      if (api === ph) {
        assert.equal(last!.headers.get('retry-after'), null);
        assert.equal(last!.body.code, 'throttled');
        assert.match(last!.body.detail, /^Request was throttled\. Expected available in \d+ seconds\.$/);
      } else {
        assert.ok(Number(last!.headers.get('retry-after')) >= 1);
      }
    }
  });
});
