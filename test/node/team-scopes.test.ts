import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { describe, it } from 'node:test';
import { snapshot, TEAM } from './helpers/api.js';
import { useServer } from './helpers/server-suite.js';
import { READ_KEY, team, visitorTicket } from './helpers/team.js';

const ctx = useServer();

/** Everything the team has set up, to prove that a refused write changed nothing. */
async function settings() {
  const api = team(ctx.api);
  const [views, canned, hooks, rules] = await Promise.all(
    ['/views', '/canned_responses', '/webhooks', '/automations'].map((p) => api.get(p)),
  );
  return { views: views.body, canned: canned.body, hooks: hooks.body, rules: rules.body };
}

/** One of each thing, made with the full key, for the read-only key to try to change. */
async function setUp() {
  const api = team(ctx.api);
  const { ticketId } = await visitorTicket(ctx.api, 'hello');
  await api.post(`/tickets/${ticketId}/tags`, { tags: ['vip'] });
  const view = (await api.post('/views', { name: 'Open', filters: { status: 'open' } })).body.short_id;
  const canned = (await api.post('/canned_responses', { title: 'Hi', shortcut: '/hi', content: 'Hi {{visitor.name}}' })).body.id;
  const hook = (await api.post('/webhooks', { url: 'http://127.0.0.1:9/hook', events: ['message.sent'] })).body.id;
  const rule = (
    await api.post('/automations', { trigger: 'message.received', conditions: [], actions: [{ type: 'addTag', tag: 'seen' }] })
  ).body.id;
  return { ticketId, view, canned, hook, rule };
}

describe('team API: the read-only key', () => {
  it('is refused with 403 on every write, from the attacker side, and nothing changes', async () => {
    const t = await setUp();
    const before = { ...(await snapshot(ctx.api)), ...(await settings()) };
    const api = team(ctx.api, READ_KEY);
    const writes: Array<[string, string, unknown]> = [
      ['POST', '/tickets', { description: 'spam', user_email: 'x@example.com' }],
      ['PATCH', `/tickets/${t.ticketId}`, { status: 'resolved' }],
      ['DELETE', `/tickets/${t.ticketId}`, undefined],
      ['POST', `/tickets/${t.ticketId}/messages`, { content: 'pwned' }],
      ['POST', `/tickets/${t.ticketId}/reply`, { message: 'pwned' }],
      ['POST', `/tickets/${t.ticketId}/resolve`, undefined],
      ['POST', `/tickets/${t.ticketId}/assign`, { assignee_id: 'attacker' }],
      ['POST', `/tickets/${t.ticketId}/tags`, { tags: ['pwned'] }],
      ['DELETE', `/tickets/${t.ticketId}/tags/vip`, undefined],
      ['POST', `/tickets/${t.ticketId}/typing`, { typing: true }],
      ['POST', '/views', { name: 'x', filters: {} }],
      ['DELETE', `/views/${t.view}`, undefined],
      ['POST', '/canned_responses', { title: 'x', shortcut: '/x', content: 'x' }],
      ['PATCH', `/canned_responses/${t.canned}`, { content: 'pwned' }],
      ['DELETE', `/canned_responses/${t.canned}`, undefined],
      ['POST', '/webhooks', { url: 'http://127.0.0.1:9/steal', events: ['message.received'] }],
      ['DELETE', `/webhooks/${t.hook}`, undefined],
      ['POST', '/automations', { trigger: 'message.received', conditions: [], actions: [{ type: 'reply', message: 'pwned' }] }],
      ['DELETE', `/automations/${t.rule}`, undefined],
    ];
    for (const [method, path, body] of writes) {
      const answer = await ctx.api.call(method, `${TEAM}${path}`, { body, headers: READ_KEY });
      assert.equal(answer.status, 403, `${method} ${path}: ${JSON.stringify(answer.body)}`);
      assert.match(answer.body.error, /only read/);
      // The same with a body that is not even valid: the scope is checked first.
      if (body !== undefined) {
        const broken = await ctx.api.call(method, `${TEAM}${path}`, { raw: '{', headers: READ_KEY });
        assert.equal(broken.status, 403, `${method} ${path} with a broken body`);
      }
    }
    // An unknown ticket or setting says no more than a known one.
    assert.equal((await api.post(`/tickets/${randomUUID()}/resolve`)).status, 403);
    assert.equal((await api.delete(`/webhooks/${randomUUID()}`)).status, 403);
    assert.deepEqual({ ...(await snapshot(ctx.api)), ...(await settings()) }, before);
  });

  it('reads everything: tickets, a ticket (without marking it seen), messages, events, views, settings, deliveries, analytics', async () => {
    const t = await setUp();
    const api = team(ctx.api, READ_KEY);
    for (const path of [
      '/tickets',
      `/tickets/${t.ticketId}`,
      `/tickets/${t.ticketId}/messages`,
      '/events',
      '/views',
      `/views/${t.view}`,
      '/canned_responses',
      '/webhooks',
      `/webhooks/${t.hook}/deliveries`,
      '/automations',
      '/analytics',
    ]) {
      assert.equal((await api.get(path)).status, 200, path);
    }
    assert.equal((await api.get('/tickets', { view: t.view })).status, 200);
    assert.equal((await api.get(`/tickets/${t.ticketId}`)).body.unread_team_count, 1, 'a read-only look is nobody answering');
    const rendered = await api.post(`/canned_responses/${t.canned}/render`, { ticket_id: t.ticketId });
    assert.equal(rendered.status, 200, 'rendering stores nothing: a read');
  });

  it('opens the live stream', async () => {
    const response = await fetch(`${ctx.server.url}${TEAM}/live?api_key=demo-read-key`);
    assert.equal(response.status, 200);
    assert.match(response.headers.get('content-type') ?? '', /text\/event-stream/);
    await response.body?.cancel();
    const header = await fetch(`${ctx.server.url}${TEAM}/live`, { headers: READ_KEY });
    assert.equal(header.status, 200);
    await header.body?.cancel();
  });

  it('is still a key: a wrong key is 401, another project 404', async () => {
    assert.equal(
      (await ctx.api.call('GET', `${TEAM}/views`, { headers: { Authorization: 'Bearer demo-read-kez' } })).status,
      401,
    );
    assert.equal((await ctx.api.call('GET', '/api/projects/2/conversations/views', { headers: READ_KEY })).status, 404);
  });
});
