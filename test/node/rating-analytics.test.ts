import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { describe, it } from 'node:test';
import { WIDGET } from './helpers/api.js';
import { useServer } from './helpers/server-suite.js';
import { team, visitorTicket } from './helpers/team.js';

const ctx = useServer();
const rate = (ticketId: string, body: Record<string, unknown>) =>
  ctx.api.call('POST', `${WIDGET}/tickets/${ticketId}/rating`, {
    body,
    headers: { 'X-Conversations-Token': 'demo-widget-token' },
  });

describe('ratings (CSAT)', () => {
  it('rates a resolved ticket once per resolution; the team sees it, the event log has it', async () => {
    assert.equal((await ctx.api.widget.capabilities()).body.rating, true);
    const { ticketId, session } = await visitorTicket(ctx.api, 'help');
    const notYet = await rate(ticketId, { score: 5, widget_session_id: session });
    assert.equal(notYet.status, 400, 'not resolved yet');
    assert.ok(notYet.body.details.ticket_id);
    await team(ctx.api).post(`/tickets/${ticketId}/resolve`);
    assert.equal(
      (await rate(ticketId, { score: 2, comment: 'slow', widget_session_id: randomUUID() })).status,
      403,
      "another caller's ticket",
    );
    const rated = await rate(ticketId, { score: 4, comment: 'Quick and kind', widget_session_id: session });
    assert.deepEqual([rated.status, rated.body], [200, { ok: true }]);
    const t = (await team(ctx.api).get(`/tickets/${ticketId}`)).body;
    assert.equal(t.rating.score, 4);
    assert.equal(t.rating.comment, 'Quick and kind');
    assert.match(t.rating.created_at, /^\d{4}-/);
    assert.equal((await rate(ticketId, { score: 1, widget_session_id: session })).status, 409, 'once per resolution');
    await ctx.api.team.update(ticketId, { status: 'open' });
    assert.equal((await rate(ticketId, { score: 1, widget_session_id: session })).status, 400, 'reopened: not resolved');
    await team(ctx.api).post(`/tickets/${ticketId}/resolve`);
    assert.equal((await rate(ticketId, { score: 5, widget_session_id: session })).status, 200, 'resolved again: may rate again');
    const events = (await ctx.api.team.events({ event: '$conversation_ticket_rated' })).body.results;
    assert.deepEqual(
      events.map((e: { properties: { score: number } }) => e.properties.score),
      [4, 5],
    );
    assert.equal(events[0].properties.ticket_id, ticketId);
  });

  it('refuses bad scores and comments, naming them; unknown tickets are 404', async () => {
    const { ticketId, session } = await visitorTicket(ctx.api, 'help');
    await team(ctx.api).post(`/tickets/${ticketId}/resolve`);
    for (const [body, name] of [
      [{ widget_session_id: session }, 'score'],
      [{ score: 0, widget_session_id: session }, 'score'],
      [{ score: 6, widget_session_id: session }, 'score'],
      [{ score: 4.5, widget_session_id: session }, 'score'],
      [{ score: '5', widget_session_id: session }, 'score'],
      [{ score: 5, comment: 'x'.repeat(1001), widget_session_id: session }, 'comment'],
      [{ score: 5, comment: 42, widget_session_id: session }, 'comment'],
      [{ score: 5 }, 'widget_session_id'],
    ] as const) {
      const answer = await rate(ticketId, body);
      assert.equal(answer.status, 400, JSON.stringify(body).slice(0, 80));
      assert.ok(name in answer.body.details, name);
    }
    assert.equal((await rate(randomUUID(), { score: 5, widget_session_id: session })).status, 404);
    assert.equal((await rate('not-a-uuid', { score: 5, widget_session_id: session })).status, 404);
    assert.equal((await team(ctx.api).get(`/tickets/${ticketId}`)).body.rating, null);
  });
});

describe('analytics', () => {
  it('counts conversations, response and resolution times and CSAT by the store clock', async () => {
    const api = team(ctx.api);
    const empty = (await api.get('/analytics')).body;
    assert.deepEqual(empty, {
      totalConversations: 0,
      openConversations: 0,
      resolvedToday: 0,
      avgFirstResponseTime: null,
      avgResolutionTime: null,
      csat: null,
    });
    // The store's clock is the wall clock plus what the test adds: real time passes too (a
    // second or more on a loaded machine), and the averages are whole seconds.
    const started = Date.now();
    const a = await visitorTicket(ctx.api, 'first');
    const b = await visitorTicket(ctx.api, 'second');
    await visitorTicket(ctx.api, 'third');
    // A private note at once: counted as a response, it would bring the mean down to about 90 s.
    await api.post(`/tickets/${a.ticketId}/reply`, { message: 'note', is_private: true });
    await ctx.api.dev.advanceClock(120_000);
    await api.post(`/tickets/${a.ticketId}/reply`, { message: 'hello' });
    await ctx.api.dev.advanceClock(60_000);
    await api.post(`/tickets/${b.ticketId}/reply`, { message: 'hello' });
    await ctx.api.dev.advanceClock(3_420_000);
    await api.post(`/tickets/${a.ticketId}/resolve`);
    await api.post(`/tickets/${b.ticketId}/resolve`);
    await rate(a.ticketId, { score: 5, widget_session_id: a.session });
    await rate(b.ticketId, { score: 4, widget_session_id: b.session });
    const stats = (await api.get('/analytics')).body;
    assert.equal(stats.totalConversations, 3);
    assert.equal(stats.openConversations, 1);
    const slack = Math.ceil((Date.now() - started) / 1000);
    const within = (value: number, expected: number, what: string) =>
      assert.ok(
        value >= expected && value <= expected + slack,
        `${what}: ${value} s, expected ${expected} (+${slack} s of real time)`,
      );
    within(stats.avgFirstResponseTime, 150, '(120 + 180) / 2 s: the note does not count');
    within(stats.avgResolutionTime, 3600, 'resolution');
    assert.equal(stats.csat, 4.5);
    assert.ok(stats.resolvedToday >= 1);
    // A day later nothing was resolved today; a range that ends before them counts nothing.
    await ctx.api.dev.advanceClock(86_400_000);
    assert.equal((await api.get('/analytics')).body.resolvedToday, 0);
    assert.equal((await api.get('/analytics', { date_to: '2000-01-01' })).body.totalConversations, 0);
    assert.equal((await api.get('/analytics', { date_from: '-1h' })).body.totalConversations, 0);
    const bad = await api.get('/analytics', { date_from: 'yesterday' });
    assert.equal(bad.status, 400);
    assert.ok(bad.body.details.date_from);
  });
});
