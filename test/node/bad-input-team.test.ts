import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { describe, it } from 'node:test';
import { snapshot, TEAM, WIDGET, withRawValue } from './helpers/api.js';
import { useServer } from './helpers/server-suite.js';
import { team, WRITE_KEY } from './helpers/team.js';

/**
 * bad-input.test.ts, continued for the team side of issue 15 (and the widget's rating):
 * every text field refuses control characters and lone surrogates with a 400 naming it,
 * wrong types are 400s naming the field, never 500s, and nothing is stored.
 */
const ctx = useServer();
const widgetHeaders = { 'X-Conversations-Token': 'demo-widget-token' };
const BAD_TEXT = ['"a\\u0000b"', '"a\\u001bb"', '"a\\u007fb"', '"a\\ud800b"', '"a\\udc00b"'];

async function everything() {
  const api = team(ctx.api);
  const lists = await Promise.all(['/views', '/canned_responses', '/webhooks', '/automations'].map((p) => api.get(p)));
  return { ...(await snapshot(ctx.api)), settings: lists.map((l) => l.body) };
}

async function fixtures() {
  const session = randomUUID();
  const ticketId = (await ctx.api.widget.send({ message: 'hi', ticket_id: null, widget_session_id: session })).body.ticket_id;
  await team(ctx.api).post(`/tickets/${ticketId}/resolve`);
  const canned = (await team(ctx.api).post('/canned_responses', { title: 't', shortcut: '/t', content: 'c' })).body.id;
  return { session, ticketId, canned };
}

describe('bad input: the team side', () => {
  it('refuses control characters and lone surrogates in every new text field, naming it, storing nothing', async () => {
    const { session, ticketId, canned } = await fixtures();
    const rule = {
      trigger: 'message.received',
      conditions: [{ field: 'visitor.plan', operator: 'equals', value: 'x' }],
      actions: [{ type: 'addTag', tag: 'x' }],
    };
    const T = `${TEAM}/tickets/${ticketId}`;
    const fields: Array<{
      path: string;
      body: Record<string, unknown>;
      at: string[];
      field: string;
      headers?: Record<string, string>;
      method?: string;
    }> = [
      { path: `${TEAM}/tickets`, body: {}, at: ['subject'], field: 'subject' },
      { path: `${TEAM}/tickets`, body: {}, at: ['description'], field: 'description' },
      { path: `${TEAM}/tickets`, body: {}, at: ['user_first_name'], field: 'user_first_name' },
      { path: `${TEAM}/tickets`, body: {}, at: ['user_last_name'], field: 'user_last_name' },
      { path: `${TEAM}/tickets`, body: {}, at: ['user_email'], field: 'user_email' },
      { path: `${T}/reply`, body: {}, at: ['message'], field: 'message' },
      { path: `${T}/assign`, body: {}, at: ['assignee_id'], field: 'assignee_id' },
      { path: `${T}/tags`, body: { tags: ['ok'] }, at: ['tags', '1'], field: 'tags[1]' },
      { path: `${TEAM}/views`, body: {}, at: ['name'], field: 'name' },
      { path: `${TEAM}/views`, body: { name: 'v', filters: {} }, at: ['filters', 'search'], field: 'filters.search' },
      { path: `${TEAM}/canned_responses`, body: { shortcut: '/a', content: 'c' }, at: ['title'], field: 'title' },
      { path: `${TEAM}/canned_responses`, body: { title: 'a', content: 'c' }, at: ['shortcut'], field: 'shortcut' },
      { path: `${TEAM}/canned_responses`, body: { title: 'a', shortcut: '/a' }, at: ['content'], field: 'content' },
      { path: `${TEAM}/canned_responses/${canned}`, method: 'PATCH', body: {}, at: ['content'], field: 'content' },
      {
        path: `${TEAM}/canned_responses/${canned}/render`,
        body: { ticket_id: ticketId },
        at: ['agent_name'],
        field: 'agent_name',
      },
      { path: `${TEAM}/webhooks`, body: { events: ['message.sent'] }, at: ['url'], field: 'url' },
      {
        path: `${TEAM}/webhooks`,
        body: { url: 'http://127.0.0.1:9/', events: ['message.sent'] },
        at: ['secret'],
        field: 'secret',
      },
      { path: `${TEAM}/automations`, body: rule, at: ['name'], field: 'name' },
      { path: `${TEAM}/automations`, body: rule, at: ['conditions', '0', 'value'], field: 'conditions[0].value' },
      { path: `${TEAM}/automations`, body: rule, at: ['conditions', '0', 'field'], field: 'conditions[0].field' },
      { path: `${TEAM}/automations`, body: rule, at: ['actions', '0', 'tag'], field: 'actions[0].tag' },
      {
        path: `${TEAM}/automations`,
        body: { ...rule, actions: [{ type: 'reply' }] },
        at: ['actions', '0', 'message'],
        field: 'actions[0].message',
      },
      {
        path: `${WIDGET}/tickets/${ticketId}/rating`,
        body: { score: 5, widget_session_id: session },
        at: ['comment'],
        field: 'comment',
        headers: widgetHeaders,
      },
    ];
    const before = await everything();
    for (const f of fields) {
      for (const bad of BAD_TEXT) {
        const answer = await ctx.api.call(f.method ?? 'POST', f.path, {
          raw: withRawValue(f.body, f.at, bad),
          headers: f.headers ?? WRITE_KEY,
        });
        assert.equal(answer.status, 400, `${f.field} with ${bad}: ${JSON.stringify(answer.body)}`);
        assert.ok(f.field in (answer.body.details ?? {}), `${f.field} with ${bad} is named: ${JSON.stringify(answer.body)}`);
      }
    }
    assert.deepEqual(await everything(), before);
  });

  it('refuses wrong types and sizes with 400 naming the field, storing nothing', async () => {
    const { ticketId } = await fixtures();
    const api = team(ctx.api);
    const T = `/tickets/${ticketId}`;
    const cases: Array<[string, string, unknown, string]> = [
      ['POST', '/tickets', { subject: 's'.repeat(501) }, 'subject'],
      ['POST', '/tickets', { subject: 5 }, 'subject'],
      ['POST', '/tickets', { description: '' }, 'description'],
      ['POST', '/tickets', { description: 'x'.repeat(10_001) }, 'description'],
      ['POST', '/tickets', { user_email: 'not an email' }, 'user_email'],
      ['POST', '/tickets', { metadata: [1, 2] }, 'metadata'],
      ['POST', '/tickets', { metadata: { big: 'x'.repeat(10_001) } }, 'metadata'],
      ['POST', '/tickets', { priority: 'asap' }, 'priority'],
      ['POST', '/tickets', { channel_source: 'fax' }, 'channel_source'],
      ['POST', `${T}/assign`, {}, 'assignee_id'],
      ['POST', `${T}/assign`, { assignee_id: { id: 1 } }, 'assignee_id'],
      ['POST', `${T}/tags`, { tags: 'vip' }, 'tags'],
      ['POST', `${T}/tags`, { tags: Array.from({ length: 51 }, (_, i) => `t${i}`) }, 'tags'],
      ['POST', `${T}/reply`, { message: '' }, 'message'],
      ['POST', `${T}/reply`, { message: 'x', is_private: 'yes' }, 'is_private'],
      ['POST', `${T}/reply`, { message: 'x', rich_content: { type: 'paragraph' } }, 'rich_content'],
      ['POST', `${T}/reply`, { message: 'x', rich_content: { type: 'doc', content: 'text' } }, 'rich_content'],
      ['POST', `${T}/messages`, { content: 'x', rich_content: [] }, 'rich_content'],
      ['POST', '/views', { filters: {} }, 'name'],
      ['POST', '/views', { name: 'v', filters: { date_from: 'soon' } }, 'filters.date_from'],
      ['POST', '/canned_responses', { title: 'x'.repeat(201), shortcut: '/s', content: 'c' }, 'title'],
      ['POST', '/webhooks', { url: 'http://127.0.0.1/', events: [] }, 'events'],
      ['POST', '/webhooks', { url: 'http://127.0.0.1/', events: ['ticket.exploded'] }, 'events[0]'],
      ['POST', '/webhooks', { url: 'http://127.0.0.1/', events: ['message.sent'], secret: 'short' }, 'secret'],
      ['POST', '/webhooks', { url: 42, events: ['message.sent'] }, 'url'],
      ['POST', '/automations', { trigger: 'message.received', actions: 'addTag' }, 'actions'],
    ];
    const before = await everything();
    for (const [method, path, body, name] of cases) {
      const answer = await ctx.api.call(method, `${TEAM}${path}`, { body, headers: WRITE_KEY });
      assert.equal(answer.status, 400, `${method} ${path} ${JSON.stringify(body).slice(0, 80)}`);
      assert.ok(name in answer.body.details, `${JSON.stringify(answer.body).slice(0, 200)} names ${name}`);
    }
    for (const [query, name] of [
      [{ date_from: 'soon' }, 'date_from'],
      [{ date_to: '2024-02-30' }, 'date_to'],
    ] as const) {
      const answer = await api.get('/analytics', query);
      assert.equal(answer.status, 400);
      assert.ok(name in answer.body.details, name);
    }
    assert.equal((await api.get('/views', { limit: 0 })).status, 400);
    assert.equal((await api.delete(`${T}/tags/${encodeURIComponent('a\u0007b')}`)).status, 400);
    assert.deepEqual(await everything(), before);
  });
});
