import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { describe, it } from 'node:test';
import { snapshot } from './helpers/api.js';
import { useServer } from './helpers/server-suite.js';

const ctx = useServer();

/** A fresh anonymous visitor with one ticket. */
async function visitorWithTicket(message = 'Hello') {
  const session = randomUUID();
  const sent = await ctx.api.widget.send({ message, ticket_id: null, widget_session_id: session });
  assert.equal(sent.status, 200);
  return { session, ticketId: sent.body.ticket_id as string, sent: sent.body };
}

describe('widget API: sending and reading', () => {
  it('starts a new ticket, then adds to it, and lists it with its last message', async () => {
    const { session, ticketId, sent } = await visitorWithTicket('  First  ');
    assert.equal(sent.ticket_status, 'new');
    assert.equal(sent.unread_count, 0);

    const second = await ctx.api.widget.send({ message: 'Second', ticket_id: ticketId, widget_session_id: session });
    assert.equal(second.body.ticket_id, ticketId);
    assert.ok(second.body.created_at > sent.created_at, 'times strictly increase');

    const polled = await ctx.api.widget.messages(ticketId, { widget_session_id: session });
    assert.deepEqual(
      polled.body.messages.map((m: { content: string }) => m.content),
      ['First', 'Second'],
      'trimmed, oldest first',
    );
    assert.equal(polled.body.has_more, false);

    const list = await ctx.api.widget.tickets({ widget_session_id: session });
    assert.equal(list.body.count, 1);
    assert.equal(list.body.results[0].last_message, 'Second');
    assert.equal(list.body.results[0].message_count, 2);
  });

  it('lists tickets newest first, with status filter, limit and offset', async () => {
    const session = randomUUID();
    const ids: string[] = [];
    for (const message of ['one', 'two', 'three']) {
      ids.push((await ctx.api.widget.send({ message, ticket_id: null, widget_session_id: session })).body.ticket_id);
    }
    await ctx.api.team.update(ids[1], { status: 'resolved' });

    const all = await ctx.api.widget.tickets({ widget_session_id: session });
    assert.deepEqual(
      all.body.results.map((t: { id: string }) => t.id),
      [...ids].reverse(),
    );
    const page = await ctx.api.widget.tickets({ widget_session_id: session, limit: 1, offset: 1 });
    assert.equal(page.body.count, 3);
    assert.deepEqual(
      page.body.results.map((t: { id: string }) => t.id),
      [ids[1]],
    );
    const resolved = await ctx.api.widget.tickets({ widget_session_id: session, status: 'resolved' });
    assert.deepEqual(
      resolved.body.results.map((t: { id: string }) => t.id),
      [ids[1]],
    );
  });

  it('returns only messages strictly after `after`, up to `limit`, with has_more', async () => {
    const { session, ticketId } = await visitorWithTicket('m1');
    for (const m of ['m2', 'm3', 'm4'])
      await ctx.api.widget.send({ message: m, ticket_id: ticketId, widget_session_id: session });
    const all = (await ctx.api.widget.messages(ticketId, { widget_session_id: session })).body.messages;

    const afterSecond = await ctx.api.widget.messages(ticketId, { widget_session_id: session, after: all[1].created_at });
    assert.deepEqual(
      afterSecond.body.messages.map((m: { content: string }) => m.content),
      ['m3', 'm4'],
    );
    const limited = await ctx.api.widget.messages(ticketId, { widget_session_id: session, limit: 2 });
    assert.deepEqual(
      limited.body.messages.map((m: { content: string }) => m.content),
      ['m1', 'm2'],
    );
    assert.equal(limited.body.has_more, true);
    const exact = await ctx.api.widget.messages(ticketId, { widget_session_id: session, limit: 4 });
    assert.equal(exact.body.has_more, false);
  });

  it('counts team replies as unread until marked read; private notes never show, count or become last_message', async () => {
    const { session, ticketId } = await visitorWithTicket('Where is my order?');
    await ctx.api.team.reply(ticketId, { content: 'It ships today', author_name: 'Ada' });
    await ctx.api.team.reply(ticketId, { content: 'Bot answer', author_type: 'AI' });
    await ctx.api.team.reply(ticketId, { content: 'Internal: customer is VIP', is_private: true });

    const polled = await ctx.api.widget.messages(ticketId, { widget_session_id: session });
    assert.deepEqual(
      polled.body.messages.map((m: { author_type: string; author_name: string | null; content: string }) => [
        m.author_type,
        m.author_name,
        m.content,
      ]),
      [
        ['customer', null, 'Where is my order?'],
        ['support', 'Ada', 'It ships today'],
        ['AI', 'AI assistant', 'Bot answer'],
      ],
    );
    assert.ok(polled.body.messages.every((m: object) => !('is_private' in m)));
    assert.equal(polled.body.unread_count, 2);

    const [ticket] = (await ctx.api.widget.tickets({ widget_session_id: session })).body.results;
    assert.equal(ticket.last_message, 'Bot answer');
    assert.equal(ticket.message_count, 3);
    assert.equal(ticket.unread_count, 2);

    const read = await ctx.api.widget.markRead(ticketId, { widget_session_id: session });
    assert.deepEqual(read.body, { success: true, unread_count: 0 });
    assert.equal((await ctx.api.widget.tickets({ widget_session_id: session })).body.results[0].unread_count, 0);
    assert.equal(
      (await ctx.api.widget.send({ message: 'thanks', ticket_id: ticketId, widget_session_id: session })).body.unread_count,
      0,
    );
  });

  it('keeps traits and session context on the ticket, cut to size rather than refused', async () => {
    const session = randomUUID();
    const longName = 'N'.repeat(600);
    const traits: Record<string, unknown> = {
      name: longName,
      email: 'ada@example.com',
      plan: 3,
      nested: { no: 1 },
      ['k'.repeat(201)]: 'dropped',
    };
    for (let i = 0; i < 60; i++) traits[`extra${i}`] = 'x';
    const sent = await ctx.api.widget.send({
      message: 'Hi',
      ticket_id: null,
      widget_session_id: session,
      traits,
      session_context: { current_url: `https://shop.example/${'p'.repeat(3000)}`, tab: 2 },
    });
    assert.equal(sent.status, 200);
    const ticket = (await ctx.api.team.get(sent.body.ticket_id)).body;
    assert.equal(ticket.customer_name, 'N'.repeat(500));
    assert.equal(ticket.customer_email, 'ada@example.com');
    assert.equal(ticket.anonymous_traits.plan, '3');
    assert.ok(!('nested' in ticket.anonymous_traits));
    assert.ok(!('k'.repeat(201) in ticket.anonymous_traits));
    assert.equal(Object.keys(ticket.anonymous_traits).length, 50);
    assert.equal(ticket.session_context.current_url.length, 2000);
    assert.equal(ticket.session_context.tab, 2);
    const [message] = (await ctx.api.widget.messages(sent.body.ticket_id, { widget_session_id: session })).body.messages;
    assert.equal(message.author_name, 'N'.repeat(500));
  });

  it('never lets the widget change a status', async () => {
    const { session, ticketId } = await visitorWithTicket();
    await ctx.api.team.update(ticketId, { status: 'pending' });
    const sent = await ctx.api.widget.send({
      message: 'again',
      ticket_id: ticketId,
      widget_session_id: session,
      status: 'resolved',
    });
    assert.equal(sent.body.ticket_status, 'pending');
  });
});

describe('widget API: idempotent sends', () => {
  it('stores one message for the same client_message_id sent twice, and returns the same message_id', async () => {
    const session = randomUUID();
    const clientMessageId = randomUUID();
    const body = { message: 'Once only', ticket_id: null, widget_session_id: session, client_message_id: clientMessageId };
    const first = await ctx.api.widget.send(body);
    const second = await ctx.api.widget.send(body);
    assert.equal(second.body.message_id, first.body.message_id);
    assert.equal(second.body.ticket_id, first.body.ticket_id, 'a retried first send does not open a second ticket');
    assert.equal(second.body.created_at, first.body.created_at);
    assert.equal((await ctx.api.widget.tickets({ widget_session_id: session })).body.count, 1);
    const messages = (await ctx.api.widget.messages(first.body.ticket_id, { widget_session_id: session })).body.messages;
    assert.equal(messages.length, 1);
    const received = await ctx.api.team.events({ event: '$conversation_message_received' });
    assert.equal(received.body.count, 1, 'a replay is not a new event either');
  });

  it('scopes client_message_id to its owner: another session reusing it gets its own message', async () => {
    const clientMessageId = randomUUID();
    const a = await ctx.api.widget.send({
      message: 'A',
      ticket_id: null,
      widget_session_id: randomUUID(),
      client_message_id: clientMessageId,
    });
    const b = await ctx.api.widget.send({
      message: 'B',
      ticket_id: null,
      widget_session_id: randomUUID(),
      client_message_id: clientMessageId,
    });
    assert.notEqual(b.body.message_id, a.body.message_id);
    assert.notEqual(b.body.ticket_id, a.body.ticket_id);
  });
});

describe('widget API: status codes', () => {
  it('answers 403 without the token or with a wrong one, and stores nothing', async () => {
    const before = await snapshot(ctx.api);
    const session = randomUUID();
    for (const headers of [{ 'X-Conversations-Token': 'wrong' }, { 'X-Conversations-Token': '' }]) {
      const sent = await ctx.api.call('POST', '/api/conversations/v1/widget/message', {
        body: { message: 'x', ticket_id: null, widget_session_id: session },
        headers,
      });
      assert.equal(sent.status, 403);
    }
    const noToken = await ctx.api.call('GET', '/api/conversations/v1/widget/tickets', { query: { widget_session_id: session } });
    assert.equal(noToken.status, 403);
    assert.deepEqual(await snapshot(ctx.api), before);
  });

  it('answers 404 for an unknown ticket and for a path ticket id that is not a UUID; 400 for a body ticket_id that is not one', async () => {
    const session = randomUUID();
    const unknown = randomUUID();
    assert.equal((await ctx.api.widget.messages(unknown, { widget_session_id: session })).status, 404);
    assert.equal((await ctx.api.widget.markRead(unknown, { widget_session_id: session })).status, 404);
    assert.equal((await ctx.api.widget.send({ message: 'x', ticket_id: unknown, widget_session_id: session })).status, 404);
    assert.equal((await ctx.api.widget.messages('not-a-uuid', { widget_session_id: session })).status, 404);
    assert.equal((await ctx.api.widget.markRead('not-a-uuid', { widget_session_id: session })).status, 404);
    const bad = await ctx.api.widget.send({ message: 'x', ticket_id: 'not-a-uuid', widget_session_id: session });
    assert.equal(bad.status, 400);
    assert.ok('ticket_id' in bad.body.details);
  });

  it('answers 400 to a truthy honeypot and stores nothing', async () => {
    const before = await snapshot(ctx.api);
    const sent = await ctx.api.widget.send({
      message: 'buy pills',
      ticket_id: null,
      widget_session_id: randomUUID(),
      _hp: 'filled by a bot',
    });
    assert.equal(sent.status, 400);
    assert.deepEqual(await snapshot(ctx.api), before);
    const falsy = await ctx.api.widget.send({ message: 'human', ticket_id: null, widget_session_id: randomUUID(), _hp: '' });
    assert.equal(falsy.status, 200);
  });

  it('answers 404 with a JSON error for a path or method that does not exist', async () => {
    const wrongMethod = await fetch(`${ctx.server.url}/api/conversations/v1/widget/tickets`, {
      method: 'DELETE',
      headers: { 'X-Conversations-Token': 'demo-widget-token' },
    });
    assert.equal(wrongMethod.status, 404);
    assert.ok((await wrongMethod.json()).error);
  });
});

describe('widget API: isolation between sessions', () => {
  it('gives another session a 403 with none of the ticket in it, for reading, marking and writing', async () => {
    const { ticketId } = await visitorWithTicket('My secret order number is 1234');
    await ctx.api.team.reply(ticketId, { content: 'Team reply' });
    const intruder = randomUUID();
    const before = await snapshot(ctx.api);

    const read = await ctx.api.widget.messages(ticketId, { widget_session_id: intruder });
    const mark = await ctx.api.widget.markRead(ticketId, { widget_session_id: intruder });
    const write = await ctx.api.widget.send({ message: 'injected', ticket_id: ticketId, widget_session_id: intruder });
    for (const answer of [read, mark, write]) {
      assert.equal(answer.status, 403);
      assert.deepEqual(Object.keys(answer.body), ['error']);
      assert.doesNotMatch(JSON.stringify(answer.body), /1234|Team reply|new|ticket_number/);
    }
    assert.equal((await ctx.api.widget.tickets({ widget_session_id: intruder })).body.count, 0);
    assert.deepEqual(await snapshot(ctx.api), before, 'the owner still has one unread reply; nothing was added');
  });
});

describe('widget API: rate limits', () => {
  it('allows 30 writes a minute per session; the 31st is a 429 with Retry-After, and the window slides', async () => {
    const { session, ticketId } = await visitorWithTicket('1');
    for (let i = 2; i <= 29; i++) {
      assert.equal(
        (await ctx.api.widget.send({ message: String(i), ticket_id: ticketId, widget_session_id: session })).status,
        200,
      );
    }
    assert.equal((await ctx.api.widget.markRead(ticketId, { widget_session_id: session })).status, 200, 'mark-read is write 30');
    const limited = await ctx.api.widget.send({ message: '31', ticket_id: ticketId, widget_session_id: session });
    assert.equal(limited.status, 429);
    const retryAfter = Number(limited.headers.get('retry-after'));
    assert.ok(retryAfter >= 1 && retryAfter <= 60, `Retry-After ${retryAfter}`);
    assert.equal(
      (await ctx.api.widget.messages(ticketId, { widget_session_id: session })).body.messages.length,
      29,
      'the refused send stored nothing',
    );
    assert.equal((await ctx.api.widget.markRead(ticketId, { widget_session_id: session })).status, 429);

    // Another session is not affected; polls are not writes.
    assert.equal((await ctx.api.widget.send({ message: 'other', ticket_id: null, widget_session_id: randomUUID() })).status, 200);
    assert.equal((await ctx.api.widget.tickets({ widget_session_id: session })).status, 200);

    await ctx.api.dev.advanceClock(retryAfter * 1000);
    assert.equal((await ctx.api.widget.send({ message: 'later', ticket_id: ticketId, widget_session_id: session })).status, 200);
  });
});
