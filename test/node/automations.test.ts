import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { useServer } from './helpers/server-suite.js';
import { team, visitorTicket } from './helpers/team.js';

const ctx = useServer();
const rule = (body: Record<string, unknown>) => team(ctx.api).post('/automations', body);
const ticket = async (id: string) => (await team(ctx.api).get(`/tickets/${id}`)).body;
const thread = async (id: string) => (await team(ctx.api).get(`/tickets/${id}/messages`)).body.results;

describe('automation rules', () => {
  it("runs seed 003's Auto-Assignment as written (visitor.plan is a trait)", async () => {
    const made = await rule({
      trigger: 'conversation.created',
      conditions: [{ field: 'visitor.plan', operator: 'equals', value: 'enterprise' }],
      actions: [
        { type: 'assign', assigneeId: 'priority-team-id' },
        { type: 'addTag', tag: 'enterprise' },
      ],
    });
    assert.equal(made.status, 201);
    const big = await visitorTicket(ctx.api, 'Hello', { name: 'Ada', plan: 'enterprise' });
    const small = await visitorTicket(ctx.api, 'Hello', { name: 'Bo', plan: 'free' });
    const t = await ticket(big.ticketId);
    assert.deepEqual(t.assignee, { type: 'user', id: 'priority-team-id' });
    assert.deepEqual(t.tags, ['enterprise']);
    const other = await ticket(small.ticketId);
    assert.equal(other.assignee, null);
    assert.deepEqual(other.tags, []);
    // A later message is not a new conversation.
    await ctx.api.widget.send({
      message: 'again',
      ticket_id: small.ticketId,
      widget_session_id: small.session,
      traits: { plan: 'enterprise' },
    });
    assert.equal((await ticket(small.ticketId)).assignee, null);
  });

  it("runs seed 003's Auto-Reply as written, as AI named Automation, once, and its reply triggers nothing", async () => {
    await rule({
      trigger: 'message.received',
      conditions: [{ field: 'message.content', operator: 'contains', value: 'refund' }],
      actions: [
        { type: 'reply', message: 'I see you have a question about refunds. Let me connect you with our billing team.' },
        { type: 'addTag', tag: 'refund-request' },
      ],
    });
    // A rule that would answer any message, automation replies included, if they triggered rules.
    await rule({ trigger: 'message.received', conditions: [], actions: [{ type: 'addTag', tag: 'seen' }] });
    const { ticketId, session } = await visitorTicket(ctx.api, 'I want a Refund for my order');
    const messages = await thread(ticketId);
    assert.deepEqual(
      messages.map((m: { author_type: string; author_name: string }) => [m.author_type, m.author_name]),
      [
        ['customer', null],
        ['AI', 'Automation'],
      ],
    );
    assert.equal(messages[1].content, 'I see you have a question about refunds. Let me connect you with our billing team.');
    assert.deepEqual((await ticket(ticketId)).tags, ['refund-request', 'seen'], 'in the order the rules were made');
    const widget = (await ctx.api.widget.messages(ticketId, { widget_session_id: session })).body;
    assert.equal(widget.unread_count, 1, 'the visitor sees the automatic reply');
    await ctx.api.widget.send({ message: 'thanks', ticket_id: ticketId, widget_session_id: session });
    assert.equal((await thread(ticketId)).length, 3, 'no reply to a message without "refund"');
  });

  it('tests every field and operator, and sets priority and status', async () => {
    await rule({
      trigger: 'message.received',
      conditions: [
        { field: 'visitor.email', operator: 'contains', value: '@example.com' },
        { field: 'visitor.name', operator: 'not_equals', value: 'bot' },
        { field: 'session.current_url', operator: 'contains', value: '/pricing' },
        { field: 'ticket.channel_source', operator: 'equals', value: 'widget' },
      ],
      actions: [
        { type: 'setPriority', priority: 'urgent' },
        { type: 'setStatus', status: 'open' },
      ],
    });
    const context = { session_context: { current_url: 'https://shop.example.com/pricing' } };
    const hit = await visitorTicket(ctx.api, 'price?', { name: 'Ada', email: 'ada@example.com' }, context);
    assert.equal(hit.answer.body.ticket_status, 'open', 'the answer already shows what rules did');
    const t = await ticket(hit.ticketId);
    assert.equal(t.priority, 'urgent');
    const bot = await visitorTicket(ctx.api, 'price?', { name: 'BOT', email: 'bot@example.com' }, context);
    assert.equal((await ticket(bot.ticketId)).priority, 'normal', 'not_equals is without regard to case too');
    const elsewhere = await visitorTicket(ctx.api, 'price?', { name: 'Cy', email: 'cy@example.com' });
    assert.equal((await ticket(elsewhere.ticketId)).status, 'new');
  });

  it('acts on a team-made ticket with a description, and lists and deletes rules', async () => {
    const made = await rule({
      name: 'Callbacks',
      trigger: 'conversation.created',
      conditions: [{ field: 'message.content', operator: 'contains', value: 'call me' }],
      actions: [{ type: 'assign', assigneeId: 'role:phone' }],
    });
    const created = await team(ctx.api).post('/tickets', { description: 'Please call me back', user_email: 'x@example.com' });
    assert.deepEqual(created.body.assignee, { type: 'role', id: 'phone' });
    const listed = await team(ctx.api).get('/automations');
    assert.deepEqual(listed.body.results, [made.body]);
    assert.equal((await team(ctx.api).delete(`/automations/${made.body.id}`)).status, 204);
    assert.equal((await team(ctx.api).delete(`/automations/${made.body.id}`)).status, 404);
    const later = await team(ctx.api).post('/tickets', { description: 'call me', user_email: 'y@example.com' });
    assert.equal(later.body.assignee, null);
  });

  it('refuses a malformed rule, naming the field, and stores nothing', async () => {
    const base = { trigger: 'message.received', conditions: [], actions: [{ type: 'addTag', tag: 'x' }] };
    for (const [body, name] of [
      [{ ...base, trigger: 'ticket.deleted' }, 'trigger'],
      [{ ...base, actions: [] }, 'actions'],
      [{ ...base, actions: [{ type: 'explode' }] }, 'actions[0].type'],
      [{ ...base, actions: [{ type: 'assign' }] }, 'actions[0].assigneeId'],
      [{ ...base, actions: [{ type: 'setPriority', priority: 'meh' }] }, 'actions[0].priority'],
      [{ ...base, actions: [{ type: 'setStatus', status: 'closed' }] }, 'actions[0].status'],
      [{ ...base, actions: [{ type: 'reply', message: '' }] }, 'actions[0].message'],
      [{ ...base, conditions: [{ field: 'ticket.secret', operator: 'equals', value: 'x' }] }, 'conditions[0].field'],
      [{ ...base, conditions: [{ field: 'visitor.plan', operator: 'matches', value: 'x' }] }, 'conditions[0].operator'],
      [{ ...base, conditions: [{ field: 'visitor.plan', operator: 'equals' }] }, 'conditions[0].value'],
      [{ ...base, conditions: 'all' }, 'conditions'],
    ] as const) {
      const answer = await rule(body);
      assert.equal(answer.status, 400, name);
      assert.ok(name in answer.body.details, `${JSON.stringify(answer.body)} names ${name}`);
    }
    assert.equal((await team(ctx.api).get('/automations')).body.count, 0);
  });
});
