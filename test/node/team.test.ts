import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { describe, it } from 'node:test';
import { useServer } from './helpers/server-suite.js';

const ctx = useServer();
const ids = (answer: { body: { results: Array<{ id: string }> } }) => answer.body.results.map((t) => t.id);

/** Three tickets with different customers, words, priorities, tags and assignees. */
async function seedInbox() {
  const send = async (message: string, traits: Record<string, string>) =>
    (await ctx.api.widget.send({ message, ticket_id: null, widget_session_id: randomUUID(), traits })).body.ticket_id as string;
  const refund = await send('I want a refund for my blender', { name: 'Ada Lovelace', email: 'ada@example.com' });
  const shipping = await send('Where is my parcel?', { name: 'Bo Diddley', email: 'bo@example.com' });
  const login = await send('Cannot log in', { email: 'cy@example.org' });
  await ctx.api.team.update(refund, { priority: 'high', tags: ['billing', 'vip'], assignee: { type: 'user', id: '42' } });
  await ctx.api.team.update(shipping, { status: 'pending', tags: ['shipping'] });
  await ctx.api.team.update(login, { priority: 'urgent', status: 'open', assignee: { type: 'role', id: 'tier-2' } });
  await ctx.api.team.reply(shipping, { content: 'Internal: courier lost it', is_private: true });
  return { refund, shipping, login };
}

describe('team API: ticket list', () => {
  it('filters by status, priority, assignee, tags, search, channel and dates', async () => {
    const t = await seedInbox();
    const list = (query: Record<string, string>) => ctx.api.team.tickets(query).then(ids);
    const same = (actual: string[], expected: string[], message?: string) =>
      assert.deepEqual([...actual].sort(), [...expected].sort(), message);

    same(await list({ status: 'pending' }), [t.shipping]);
    same(await list({ status: 'new,open' }), [t.refund, t.login]);
    same(await list({ priority: 'high' }), [t.refund]);
    same(await list({ priority: 'urgent,normal' }), [t.shipping, t.login]);
    same(await list({ assignee: 'unassigned' }), [t.shipping]);
    same(await list({ assignee: 'user:42' }), [t.refund]);
    same(await list({ assignee: 'role:tier-2' }), [t.login]);
    same(await list({ tags: '["vip"]' }), [t.refund]);
    same(await list({ tags: 'shipping,billing' }), [t.refund, t.shipping]);
    same(await list({ search: 'BLENDER' }), [t.refund], 'message text, case-insensitive');
    same(await list({ search: 'diddley' }), [t.shipping], 'customer name');
    same(await list({ search: 'example.org' }), [t.login], 'customer email');
    same(await list({ search: 'courier' }), [t.shipping], 'private notes are searchable by the team');
    same(await list({ search: '3' }), [t.login], 'digits match the ticket number');
    same(await list({ channel_source: 'widget' }), [t.refund, t.shipping, t.login]);
    same(await list({ channel_source: 'email' }), []);

    // Last updated: refund, then login, then shipping (its note).
    const login = await ctx.api.team.get(t.login);
    same(await list({ date_from: login.body.updated_at }), [t.shipping, t.login]);
    same(await list({ date_to: login.body.updated_at }), [t.refund, t.login]);
    same(await list({ date_from: '-1h' }), [t.refund, t.shipping, t.login]);
    same(await list({ date_from: 'all', date_to: '2000-01-01' }), []);
  });

  it('orders by created_at, updated_at and ticket_number, both ways (default -updated_at)', async () => {
    const t = await seedInbox();
    const order = (order_by?: string) => ctx.api.team.tickets(order_by ? { order_by } : {}).then(ids);
    const byNumber = [t.refund, t.shipping, t.login];
    assert.deepEqual(await order('ticket_number'), byNumber);
    assert.deepEqual(await order('-ticket_number'), [...byNumber].reverse());
    assert.deepEqual(await order('created_at'), byNumber);
    assert.deepEqual(await order('-created_at'), [...byNumber].reverse());
    // Updated last: shipping (its note), then login, then refund.
    await ctx.api.team.update(t.refund, { priority: 'low' });
    assert.deepEqual(await order('-updated_at'), [t.refund, t.shipping, t.login]);
    assert.deepEqual(await order(), [t.refund, t.shipping, t.login]);
    assert.deepEqual(await order('updated_at'), [t.login, t.shipping, t.refund]);
  });

  it('pages with limit and offset, and links next and previous', async () => {
    await seedInbox();
    const first = await ctx.api.team.tickets({ order_by: 'ticket_number', limit: 2 });
    assert.equal(first.body.count, 3);
    assert.deepEqual(
      first.body.results.map((t: { ticket_number: number }) => t.ticket_number),
      [1, 2],
    );
    assert.equal(first.body.previous, null);
    const next = new URL(first.body.next);
    assert.equal(next.searchParams.get('offset'), '2');
    const second = await ctx.api.call('GET', next.pathname + next.search, { headers: { Authorization: 'Bearer demo-api-key' } });
    assert.deepEqual(
      second.body.results.map((t: { ticket_number: number }) => t.ticket_number),
      [3],
    );
    assert.equal(second.body.next, null);
    assert.ok(second.body.previous);
  });

  it('refuses unknown filter values with 400 naming the parameter', async () => {
    for (const [name, value] of [
      ['status', 'closed'],
      ['priority', 'medium'],
      ['order_by', 'customer_name'],
      ['channel_source', 'fax'],
      ['assignee', 'bob'],
      ['tags', '["unclosed"'],
      ['date_from', 'yesterday'],
      ['limit', '0'],
      ['limit', 'ten'],
      ['offset', '-1'],
    ]) {
      const answer = await ctx.api.team.tickets({ [name]: value });
      assert.equal(answer.status, 400, `${name}=${value}`);
      assert.ok(name in answer.body.details, JSON.stringify(answer.body));
    }
  });

  it('needs the personal API key (401) and the right project (404)', async () => {
    assert.equal((await ctx.api.team.tickets({}, { headers: { Authorization: 'Bearer wrong' } })).status, 401);
    assert.equal((await ctx.api.call('GET', '/api/projects/1/conversations/tickets')).status, 401);
    const other = await ctx.api.call('GET', '/api/projects/2/conversations/tickets', {
      headers: { Authorization: 'Bearer demo-api-key' },
    });
    assert.equal(other.status, 404);
  });
});

describe('team API: one ticket', () => {
  it('gets a ticket by id or number, and opening it clears the team unread count', async () => {
    const session = randomUUID();
    const { body } = await ctx.api.widget.send({ message: 'one', ticket_id: null, widget_session_id: session });
    await ctx.api.widget.send({ message: 'two', ticket_id: body.ticket_id, widget_session_id: session });
    assert.equal((await ctx.api.team.tickets()).body.results[0].unread_team_count, 2);
    const byNumber = await ctx.api.team.get(1);
    assert.equal(byNumber.body.id, body.ticket_id);
    assert.equal((await ctx.api.team.get(body.ticket_id)).body.unread_team_count, 0);
    assert.equal((await ctx.api.team.get(randomUUID())).status, 404);
    assert.equal((await ctx.api.team.get('nope')).status, 404);
  });

  it('creates a ticket for a customer email, who can then restore it into their browser', async () => {
    const created = await ctx.api.team.create({
      anonymous_traits: { email: 'ada@example.com' },
      priority: 'high',
      tags: ['outbound'],
      channel_source: 'email',
    });
    assert.equal(created.status, 201);
    assert.equal(created.body.status, 'new');
    assert.equal(created.body.channel_source, 'email');
    await ctx.api.team.reply(created.body.id, { content: 'We noticed a problem with your order' });
    await ctx.api.widget.restoreRequest({ email: 'ada@example.com', request_url: 'http://localhost/shop' });
    const token = new URL((await ctx.api.dev.mailbox()).body[0].link).searchParams.get('ph_conv_restore')!;
    const session = randomUUID();
    await ctx.api.widget.redeem({ restore_token: token, widget_session_id: session });
    const [ticket] = (await ctx.api.widget.tickets({ widget_session_id: session })).body.results;
    assert.equal(ticket.last_message, 'We noticed a problem with your order');
    assert.equal(ticket.unread_count, 1);
  });

  it('updates status, priority, assignee and tags, and refuses bad values with 400 naming the field', async () => {
    const { body } = await ctx.api.widget.send({ message: 'hi', ticket_id: null, widget_session_id: randomUUID() });
    const updated = await ctx.api.team.update(body.ticket_id, {
      status: 'open',
      priority: 'urgent',
      assignee: { type: 'user', id: 7 },
      tags: ['a', 'b', 'a', ' c '],
    });
    assert.equal(updated.status, 200);
    assert.equal(updated.body.status, 'open');
    assert.equal(updated.body.priority, 'urgent');
    assert.deepEqual(updated.body.assignee, { type: 'user', id: '7' });
    assert.deepEqual(updated.body.tags, ['a', 'b', 'c']);
    assert.equal((await ctx.api.team.update(body.ticket_id, { assignee: null })).body.assignee, null);

    const before = (await ctx.api.team.get(body.ticket_id)).body;
    for (const [patch, fieldName] of [
      [{ status: 'closed' }, 'status'],
      [{ priority: 3 }, 'priority'],
      [{ assignee: 'bob' }, 'assignee'],
      [{ assignee: { type: 'team', id: '1' } }, 'assignee.type'],
      [{ tags: 'a,b' }, 'tags'],
      [{ tags: [1] }, 'tags[0]'],
      [{ snoozed_until: 'tomorrow' }, 'snoozed_until'],
      [{ snoozed_until: '2001-01-01T00:00:00Z' }, 'snoozed_until'],
    ] as const) {
      const answer = await ctx.api.team.update(body.ticket_id, patch);
      assert.equal(answer.status, 400, JSON.stringify(patch));
      assert.ok(fieldName in answer.body.details, JSON.stringify(answer.body));
    }
    const malformed = await ctx.api.call('PATCH', `/api/projects/1/conversations/tickets/${body.ticket_id}`, {
      raw: '{"status": "open"',
      headers: { Authorization: 'Bearer demo-api-key' },
    });
    assert.equal(malformed.status, 400);
    assert.deepEqual((await ctx.api.team.get(body.ticket_id)).body, before, 'refused edits changed nothing');
  });

  it('deletes a ticket: gone for the team and the widget', async () => {
    const session = randomUUID();
    const { body } = await ctx.api.widget.send({ message: 'delete me', ticket_id: null, widget_session_id: session });
    assert.equal((await ctx.api.team.remove(body.ticket_id)).status, 204);
    assert.equal((await ctx.api.team.get(body.ticket_id)).status, 404);
    assert.equal((await ctx.api.widget.messages(body.ticket_id, { widget_session_id: session })).status, 404);
    assert.equal((await ctx.api.widget.tickets({ widget_session_id: session })).body.count, 0);
    assert.equal((await ctx.api.team.remove(body.ticket_id)).status, 404);
  });

  it('lists replies and private notes for the team, oldest first, with is_private', async () => {
    const { body } = await ctx.api.widget.send({ message: 'help', ticket_id: null, widget_session_id: randomUUID() });
    await ctx.api.team.reply(body.ticket_id, { content: 'note', is_private: true, author_name: 'Ada' });
    await ctx.api.team.reply(body.ticket_id, { content: 'reply' });
    const messages = (await ctx.api.team.messages(body.ticket_id)).body.results;
    assert.deepEqual(
      messages.map((m: { content: string; is_private: boolean; author_type: string; author_name: string }) => [
        m.content,
        m.is_private,
        m.author_type,
        m.author_name,
      ]),
      [
        ['help', false, 'customer', null],
        ['note', true, 'support', 'Ada'],
        ['reply', false, 'support', 'Support'],
      ],
    );
    for (const [reply, fieldName] of [
      [{}, 'content'],
      [{ content: '   ' }, 'content'],
      [{ content: 'x', is_private: 'yes' }, 'is_private'],
      [{ content: 'x', author_type: 'customer' }, 'author_type'],
      [{ content: 'x', author_name: 5 }, 'author_name'],
    ] as const) {
      const answer = await ctx.api.team.reply(body.ticket_id, reply);
      assert.equal(answer.status, 400);
      assert.ok(fieldName in answer.body.details);
    }
    assert.equal((await ctx.api.team.reply(randomUUID(), { content: 'x' })).status, 404);
  });
});

describe('team API: snooze', () => {
  it('puts a snoozed ticket on hold until its time, then opens it again', async () => {
    const session = randomUUID();
    const { body } = await ctx.api.widget.send({ message: 'later please', ticket_id: null, widget_session_id: session });
    const clock = await ctx.api.call('GET', '/api/_dev/clock');
    const until = new Date(Date.parse(clock.body.now) + 3_600_000).toISOString();

    const snoozed = await ctx.api.team.update(body.ticket_id, { snoozed_until: until });
    assert.equal(snoozed.body.status, 'on_hold');
    assert.equal(snoozed.body.snoozed_until, until);
    assert.equal((await ctx.api.widget.tickets({ widget_session_id: session })).body.results[0].status, 'on_hold');

    await ctx.api.dev.advanceClock(3_599_000);
    assert.equal((await ctx.api.team.get(body.ticket_id)).body.status, 'on_hold');
    await ctx.api.dev.advanceClock(1_000);
    const woke = (await ctx.api.widget.messages(body.ticket_id, { widget_session_id: session })).body;
    assert.equal(woke.ticket_status, 'open');
    const ticket = (await ctx.api.team.get(body.ticket_id)).body;
    assert.equal(ticket.status, 'open');
    assert.equal(ticket.snoozed_until, null);
    const changes = await ctx.api.team.events({ event: '$conversation_ticket_status_changed' });
    assert.deepEqual(
      changes.body.results.map((e: { properties: { old_status: string; new_status: string } }) => [
        e.properties.old_status,
        e.properties.new_status,
      ]),
      [
        ['new', 'on_hold'],
        ['on_hold', 'open'],
      ],
    );
  });

  it('un-snoozing opens the ticket; a status set with the snooze wins; another status ends the snooze', async () => {
    const { body } = await ctx.api.widget.send({ message: 'x', ticket_id: null, widget_session_id: randomUUID() });
    const until = new Date(Date.parse((await ctx.api.call('GET', '/api/_dev/clock')).body.now) + 86_400_000).toISOString();
    await ctx.api.team.update(body.ticket_id, { snoozed_until: until });
    const unsnoozed = await ctx.api.team.update(body.ticket_id, { snoozed_until: null });
    assert.equal(unsnoozed.body.status, 'open');
    const pending = await ctx.api.team.update(body.ticket_id, { snoozed_until: until, status: 'pending' });
    assert.equal(pending.body.status, 'pending');
    assert.equal(pending.body.snoozed_until, null, 'a status other than on_hold ends the snooze');
    await ctx.api.team.update(body.ticket_id, { snoozed_until: until });
    const resolved = await ctx.api.team.update(body.ticket_id, { status: 'resolved' });
    assert.equal(resolved.body.snoozed_until, null);
  });
});

describe('team API: event log', () => {
  it('records the six kinds in order, each with the base properties and its own', async () => {
    const session = randomUUID();
    const sent = await ctx.api.widget.send({
      message: 'Hello',
      ticket_id: null,
      widget_session_id: session,
      traits: { name: 'Ada', email: 'ada@example.com' },
    });
    const ticketId = sent.body.ticket_id;
    await ctx.api.team.update(ticketId, { status: 'open' });
    await ctx.api.team.update(ticketId, { priority: 'high' });
    await ctx.api.team.update(ticketId, { assignee: { type: 'user', id: '42' } });
    const reply = await ctx.api.team.reply(ticketId, { content: 'Hi Ada', author_name: 'Bo' });
    await ctx.api.team.reply(ticketId, { content: 'secret note', is_private: true });
    await ctx.api.team.update(ticketId, { status: 'open', priority: 'high' });

    const log = (await ctx.api.team.events()).body;
    assert.deepEqual(
      log.results.map((e: { event: string }) => e.event),
      [
        '$conversation_ticket_created',
        '$conversation_message_received',
        '$conversation_ticket_status_changed',
        '$conversation_ticket_priority_changed',
        '$conversation_ticket_assigned',
        '$conversation_message_sent',
      ],
      'no event for a private note or an edit that changes nothing',
    );
    for (const e of log.results) {
      assert.equal(e.properties.ticket_id, ticketId);
      assert.equal(e.properties.ticket_number, 1);
      assert.equal(e.properties.channel_source, 'widget');
    }
    const [created, received, status, priority, assigned, sentEvent] = log.results.map(
      (e: { properties: object }) => e.properties,
    );
    assert.deepEqual([created.status, created.priority, created.customer_email], ['new', 'normal', 'ada@example.com']);
    assert.deepEqual([received.message_content, received.author_type, received.customer_name], ['Hello', 'customer', 'Ada']);
    assert.equal(received.message_id, sent.body.message_id);
    assert.deepEqual([status.old_status, status.new_status, status.status], ['new', 'open', 'open']);
    assert.deepEqual([priority.old_priority, priority.new_priority, priority.priority], ['normal', 'high', 'high']);
    assert.deepEqual([assigned.assignee_type, assigned.assignee_id], ['user', '42']);
    assert.deepEqual(
      [sentEvent.message_id, sentEvent.message_content, sentEvent.author_type, sentEvent.author_id],
      [reply.body.id, 'Hi Ada', 'support', 'Bo'],
    );
    const timestamps = log.results.map((e: { timestamp: string }) => e.timestamp);
    assert.deepEqual([...timestamps].sort(), timestamps);

    const filtered = await ctx.api.team.events({
      event: '$conversation_ticket_assigned,$conversation_ticket_created',
      ticket_id: ticketId,
    });
    assert.equal(filtered.body.count, 2);
    const after = await ctx.api.team.events({ after: timestamps[3] });
    assert.equal(after.body.count, 2);
    assert.equal((await ctx.api.team.events({ event: '$pageview' })).status, 400);
  });
});
