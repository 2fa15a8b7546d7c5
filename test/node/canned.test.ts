import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { describe, it } from 'node:test';
import { useServer } from './helpers/server-suite.js';
import { team, visitorTicket } from './helpers/team.js';

const ctx = useServer();

describe('canned responses', () => {
  it('makes, lists, changes, renders and deletes them', async () => {
    const api = team(ctx.api);
    const made = await api.post('/canned_responses', {
      title: 'Greeting',
      shortcut: '/hello',
      content: 'Hi {{visitor.name}}! Thanks for reaching out. How can I help you today?',
    });
    assert.equal(made.status, 201);
    const id = made.body.id;
    assert.deepEqual((await api.get('/canned_responses')).body.results, [made.body]);
    const { ticketId } = await visitorTicket(ctx.api, 'hi', { name: 'John', email: 'john@example.com', company: 'Acme' });
    assert.equal(
      (await api.post(`/canned_responses/${id}/render`, { ticket_id: ticketId })).body.content,
      'Hi John! Thanks for reaching out. How can I help you today?',
    );
    const changed = await api.patch(`/canned_responses/${id}`, {
      content: '{{ agent.name }} of {{company.name}} here, {{visitor.name}} <{{visitor.email}}>; {{ticket.secret}} stays',
    });
    assert.equal(changed.status, 200);
    assert.equal(changed.body.title, 'Greeting');
    const rendered = await api.post(`/canned_responses/${id}/render`, { ticket_id: ticketId, agent_name: 'Ada' });
    assert.equal(rendered.body.content, 'Ada of Acme here, John <john@example.com>; {{ticket.secret}} stays');
    assert.equal((await api.delete(`/canned_responses/${id}`)).status, 204);
    assert.equal((await api.post(`/canned_responses/${id}/render`, { ticket_id: ticketId })).status, 404);
  });

  it('fills unknown values with nothing, and inserts values as text once (no template injection)', async () => {
    const api = team(ctx.api);
    const { body } = await api.post('/canned_responses', {
      title: 't',
      shortcut: '/t',
      content: '[{{visitor.name}}|{{visitor.email}}|{{agent.name}}|{{company.name}}]',
    });
    const anonymous = await visitorTicket(ctx.api, 'hi');
    assert.equal(
      (await api.post(`/canned_responses/${body.id}/render`, { ticket_id: anonymous.ticketId })).body.content,
      '[|||]',
    );
    const sly = await visitorTicket(ctx.api, 'hi', {
      name: '{{agent.name}}{{visitor.email}}',
      email: '{{company.name}}@x.com',
      company: '{{visitor.name}}',
    });
    const filled = await api.post(`/canned_responses/${body.id}/render`, {
      ticket_id: sly.ticketId,
      agent_name: '{{visitor.name}}',
    });
    assert.equal(
      filled.body.content,
      '[{{agent.name}}{{visitor.email}}|{{company.name}}@x.com|{{visitor.name}}|{{visitor.name}}]',
    );
  });

  it('refuses bad fields, a taken shortcut and unknown tickets, storing nothing', async () => {
    const api = team(ctx.api);
    const ok = { title: 'A', shortcut: '/a', content: 'x' };
    const first = await api.post('/canned_responses', ok);
    for (const [body, name] of [
      [{ ...ok, title: '' }, 'title'],
      [{ ...ok, shortcut: 'two words' }, 'shortcut'],
      [{ ...ok, shortcut: '/b', content: 'x'.repeat(10_001) }, 'content'],
      [{ title: 'A', shortcut: '/b' }, 'content'],
    ] as const) {
      const answer = await api.post('/canned_responses', body);
      assert.equal(answer.status, 400, name);
      assert.ok(name in answer.body.details, name);
    }
    const taken = await api.post('/canned_responses', { ...ok, title: 'B' });
    assert.equal(taken.status, 409);
    assert.equal(
      (await api.patch(`/canned_responses/${first.body.id}`, { shortcut: '/a' })).status,
      200,
      'its own shortcut is not taken',
    );
    assert.equal((await api.patch(`/canned_responses/${randomUUID()}`, { title: 'x' })).status, 404);
    const render = await api.post(`/canned_responses/${first.body.id}/render`, { ticket_id: 'nope' });
    assert.equal(render.status, 400);
    assert.ok(render.body.details.ticket_id);
    assert.equal((await api.post(`/canned_responses/${first.body.id}/render`, { ticket_id: randomUUID() })).status, 404);
    assert.equal((await api.get('/canned_responses')).body.count, 1);
  });
});
