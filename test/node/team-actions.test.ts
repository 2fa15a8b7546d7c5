import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { useServer } from './helpers/server-suite.js';
import { team, visitorTicket } from './helpers/team.js';

const ctx = useServer();
const DOC = {
  type: 'doc',
  content: [
    {
      type: 'paragraph',
      content: [
        { type: 'text', text: 'Hello ', marks: [{ type: 'bold' }] },
        { type: 'text', text: 'there' },
      ],
    },
  ],
};

describe('team API: tickets the seed-004 way', () => {
  it('creates a ticket whose description is the customer first message, with subject, user, priority, channel and metadata', async () => {
    const api = team(ctx.api);
    const made = await api.post('/tickets', {
      subject: 'Help with order #1234',
      description: 'I need help with my order',
      user_email: 'customer@example.com',
      user_first_name: 'Jane',
      user_last_name: 'Doe',
      priority: 'high',
      channel_source: 'email',
      metadata: { phone: '+1 555 0100', callback: { at: '10:00' } },
    });
    assert.equal(made.status, 201);
    const t = made.body;
    assert.equal(t.subject, 'Help with order #1234');
    assert.equal(t.customer_email, 'customer@example.com');
    assert.equal(t.customer_name, 'Jane Doe');
    assert.equal(t.priority, 'high');
    assert.equal(t.channel_source, 'email');
    assert.deepEqual(t.metadata, { phone: '+1 555 0100', callback: { at: '10:00' } });
    assert.equal(t.rating, null);
    assert.equal(t.message_count, 1);
    assert.equal(t.unread_team_count, 1);
    const [first] = (await api.get(`/tickets/${t.id}/messages`)).body.results;
    assert.equal(first.content, 'I need help with my order');
    assert.equal(first.author_type, 'customer');
    assert.equal(first.author_name, 'Jane Doe');
    const events = (await ctx.api.team.events({ ticket_id: t.id })).body.results.map((e: { event: string }) => e.event);
    assert.deepEqual(events, ['$conversation_ticket_created', '$conversation_message_received']);
  });

  it('resolves, assigns and unassigns, adds and removes tags', async () => {
    const api = team(ctx.api);
    const { ticketId } = await visitorTicket(ctx.api, 'hi');
    const resolved = await api.post(`/tickets/${ticketId}/resolve`);
    assert.equal(resolved.status, 200);
    assert.equal(resolved.body.status, 'resolved');
    assert.deepEqual((await api.post(`/tickets/${ticketId}/assign`, { assignee_id: 'user-456' })).body.assignee, {
      type: 'user',
      id: 'user-456',
    });
    assert.deepEqual((await api.post(`/tickets/${ticketId}/assign`, { assignee_id: 'role:tier-2' })).body.assignee, {
      type: 'role',
      id: 'tier-2',
    });
    assert.equal((await api.post(`/tickets/${ticketId}/assign`, { assignee_id: null })).body.assignee, null);
    assert.deepEqual((await api.post(`/tickets/${ticketId}/tags`, { tags: ['billing', 'vip'] })).body.tags, ['billing', 'vip']);
    assert.deepEqual((await api.post(`/tickets/${ticketId}/tags`, { tags: ['vip', 'needs reply'] })).body.tags, [
      'billing',
      'vip',
      'needs reply',
    ]);
    assert.deepEqual((await api.delete(`/tickets/${ticketId}/tags/${encodeURIComponent('needs reply')}`)).body.tags, [
      'billing',
      'vip',
    ]);
    assert.deepEqual(
      (await api.delete(`/tickets/${ticketId}/tags/absent`)).body.tags,
      ['billing', 'vip'],
      'removing an absent tag changes nothing',
    );
    const events = (await ctx.api.team.events({ ticket_id: ticketId, event: '$conversation_ticket_assigned' })).body.count;
    assert.equal(events, 3);
  });

  it('replies PostHog-style and takes rich content on both reply endpoints; the widget sees it, never a note', async () => {
    const api = team(ctx.api);
    const { ticketId, session } = await visitorTicket(ctx.api, 'hi');
    const reply = await api.post(`/tickets/${ticketId}/reply`, { message: 'Hello there', rich_content: DOC });
    assert.equal(reply.status, 201);
    assert.equal(reply.body.author_type, 'support');
    assert.deepEqual(reply.body.rich_content, DOC);
    const note = await api.post(`/tickets/${ticketId}/reply`, { message: 'internal', is_private: true });
    assert.equal(note.body.is_private, true);
    const viaMessages = await api.post(`/tickets/${ticketId}/messages`, { content: 'Second', rich_content: DOC });
    assert.deepEqual(viaMessages.body.rich_content, DOC);
    const seen = (await ctx.api.widget.messages(ticketId, { widget_session_id: session })).body.messages;
    assert.deepEqual(
      seen.map((m: { content: string }) => m.content),
      ['hi', 'Hello there', 'Second'],
    );
    assert.deepEqual(seen[1].rich_content, DOC);
    assert.equal('rich_content' in seen[0], false, 'plain messages have none');
  });
});

describe('team API: saved views', () => {
  it('saves, lists, gets and deletes views, and view= applies their filters', async () => {
    const api = team(ctx.api);
    const vip = await visitorTicket(ctx.api, 'refund please');
    const other = await visitorTicket(ctx.api, 'hello');
    await api.post(`/tickets/${vip.ticketId}/tags`, { tags: ['vip'] });
    await api.patch(`/tickets/${vip.ticketId}`, { priority: 'urgent' });

    const made = await api.post('/views', { name: 'Urgent VIPs', filters: { priority: ['urgent', 'high'], tags: ['vip'] } });
    assert.equal(made.status, 201);
    assert.match(made.body.short_id, /^[A-Za-z0-9]{10}$/);
    assert.equal(made.body.name, 'Urgent VIPs');
    const id = made.body.short_id;
    assert.deepEqual((await api.get(`/views/${id}`)).body, made.body);
    assert.deepEqual((await api.get('/views')).body.results, [made.body]);

    const listed = await api.get('/tickets', { view: id });
    assert.deepEqual(
      listed.body.results.map((t: { id: string }) => t.id),
      [vip.ticketId],
    );
    const widened = await api.get('/tickets', { view: id, priority: 'normal,urgent', tags: '' });
    assert.deepEqual(
      widened.body.results.map((t: { id: string }) => t.id).sort(),
      [vip.ticketId, other.ticketId].sort(),
      'parameters given beside view= win',
    );

    assert.equal((await api.delete(`/views/${id}`)).status, 204);
    assert.equal((await api.get(`/views/${id}`)).status, 404);
    const gone = await api.get('/tickets', { view: id });
    assert.equal(gone.status, 400);
    assert.ok(gone.body.details.view);
  });

  it('refuses filters the ticket list would refuse, naming them', async () => {
    const api = team(ctx.api);
    for (const [filters, name] of [
      [{ status: 'closed' }, 'filters.status'],
      [{ colour: 'red' }, 'filters.colour'],
      [{ order_by: 'name' }, 'filters.order_by'],
      [{ tags: [1] }, 'filters.tags[0]'],
      ['urgent', 'filters'],
    ] as const) {
      const answer = await api.post('/views', { name: 'x', filters });
      assert.equal(answer.status, 400, name);
      assert.ok(name in answer.body.details, `${JSON.stringify(answer.body)} names ${name}`);
    }
    assert.equal((await api.get('/views')).body.count, 0);
  });
});
