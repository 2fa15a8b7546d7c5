import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { anonymous } from './helpers/anonymous.js';
import { download, PNG, teamUpload, widgetUpload } from './helpers/attachments.js';
import { startReceiver } from './helpers/receiver.js';
import { useServer } from './helpers/server-suite.js';
import { eventually, team, visitorTicket } from './helpers/team.js';

// Short timeouts: a receiver that never answers is given up on in 1 s (real time);
// the retry delays are the defaults (1, 4, 16, 64 s) in store time, moved with the dev clock.
const ctx = useServer(['--port', '0', '--webhook-timeout-ms', '1000']);
let receiver: Awaited<ReturnType<typeof startReceiver>>;
before(async () => (receiver = await startReceiver()));
after(() => receiver.stop());

async function hook(path: string, events: string[], behaviour?: (attempt: number) => number | 'hang', secret = `secret-${path}`) {
  const made = await team(ctx.api).post('/webhooks', { url: receiver.url(path), events, secret });
  assert.equal(made.status, 201);
  receiver.on(path, made.body.secret, behaviour);
  return made.body as { id: string; secret: string; url: string; events: string[] };
}
const deliveries = async (id: string) => (await team(ctx.api).get(`/webhooks/${id}/deliveries`)).body.results;
const tries = (path: string, n: number) => eventually(() => receiver.at(path).length >= n, 3000, `${n} tries at ${path}`);

describe('webhooks', () => {
  it('signs each chosen event, with the seed-003 payload, and never sends private notes', async () => {
    receiver.clear();
    const h = await hook('/all', [
      'conversation.created',
      'conversation.updated',
      'conversation.assigned',
      'conversation.resolved',
      'message.received',
      'message.sent',
    ]);
    assert.match(h.secret, /^secret-/);
    const { ticketId, session } = await visitorTicket(ctx.api, 'I need help with billing', { email: 'john@example.com' });
    const api = team(ctx.api);
    await api.post(`/tickets/${ticketId}/reply`, { message: 'note to self', is_private: true });
    await api.post(`/tickets/${ticketId}/reply`, { message: 'On it' });
    await api.post(`/tickets/${ticketId}/assign`, { assignee_id: 'user-456' });
    await api.patch(`/tickets/${ticketId}`, { priority: 'high' });
    await api.post(`/tickets/${ticketId}/resolve`);
    await tries('/all', 6);
    await new Promise((resolve) => setTimeout(resolve, 200));
    // First tries only: a first connection slower than the timeout is retried, and says so.
    const all = receiver.at('/all');
    assert.ok(all.filter((r) => r.repeat).every((r) => r.attempt > 1));
    const got = all.filter((r) => !r.repeat);
    assert.deepEqual(
      got.map((r) => r.event),
      [
        'conversation.created',
        'message.received',
        'message.sent',
        'conversation.assigned',
        'conversation.updated',
        'conversation.resolved',
      ],
    );
    assert.ok(
      got.every((r) => r.signed),
      'every signature verifies',
    );
    assert.ok(got.every((r) => r.attempt === 1 && !r.repeat));
    assert.ok(!got.some((r) => JSON.stringify(r.payload).includes('note to self')), 'no note is ever sent');
    const received = got[1].payload;
    assert.equal(received.event, 'message.received');
    assert.match(received.timestamp, /^\d{4}-\d\d-\d\dT/);
    assert.deepEqual(received.conversation, { id: ticketId, status: 'new' });
    assert.equal(received.message.type, 'visitor');
    assert.equal(received.message.content, 'I need help with billing');
    assert.deepEqual(received.visitor, { id: session, email: 'john@example.com' });
    assert.equal(got[2].payload.message.type, 'agent');
    assert.equal(got[5].payload.conversation.status, 'resolved');
    const log = await deliveries(h.id);
    assert.equal(log.length, 6);
    assert.ok(
      log.every(
        (d: { state: string; tries: number; last_status: number }) =>
          d.state === 'delivered' && d.tries === 1 && d.last_status === 200,
      ),
    );
  });

  it('sends only the events asked for', async () => {
    receiver.clear();
    await hook('/resolved-only', ['conversation.resolved']);
    const { ticketId } = await visitorTicket(ctx.api, 'hi');
    await team(ctx.api).post(`/tickets/${ticketId}/resolve`);
    await tries('/resolved-only', 1);
    await new Promise((resolve) => setTimeout(resolve, 200));
    assert.deepEqual(
      receiver.at('/resolved-only').map((r) => r.event),
      ['conversation.resolved'],
    );
  });

  it('retries a failing receiver after 1, 4, 16 and 64 s of store time, 5 tries, the same delivery id and bytes each time', async () => {
    receiver.clear();
    const h = await hook('/down', ['message.received'], () => 503);
    await visitorTicket(ctx.api, 'anyone there?');
    await tries('/down', 1);
    let [d] = await deliveries(h.id);
    assert.equal(d.state, 'pending');
    assert.equal(d.tries, 1);
    assert.equal(d.last_status, 503);
    // Not before its time.
    await new Promise((resolve) => setTimeout(resolve, 300));
    assert.equal(receiver.at('/down').length, 1);
    for (const [n, wait] of [
      [2, 1000],
      [3, 4000],
      [4, 16_000],
      [5, 64_000],
    ] as const) {
      await ctx.api.dev.advanceClock(wait);
      await tries('/down', n);
    }
    await eventually(async () => (await deliveries(h.id))[0].state === 'failed', 3000, 'the delivery to fail');
    [d] = await deliveries(h.id);
    assert.equal(d.tries, 5);
    assert.equal(d.next_attempt_at, null);
    await ctx.api.dev.advanceClock(600_000);
    await new Promise((resolve) => setTimeout(resolve, 300));
    const got = receiver.at('/down');
    assert.equal(got.length, 5, 'no sixth try');
    assert.deepEqual(
      got.map((r) => r.attempt),
      [1, 2, 3, 4, 5],
    );
    assert.equal(new Set(got.map((r) => r.deliveryId)).size, 1);
    assert.deepEqual(
      got.map((r) => r.repeat),
      [false, true, true, true, true],
      'the receiver sees the repeats as repeats',
    );
    assert.equal(new Set(got.map((r) => JSON.stringify(r.payload))).size, 1);
    assert.ok(got.every((r) => r.signed));
  });

  it('stops retrying once a try succeeds, and gives up on a receiver that does not answer in time', async () => {
    receiver.clear();
    const flaky = await hook('/flaky', ['message.received'], (attempt) => (attempt < 3 ? 500 : 204));
    const slow = await hook('/slow', ['message.received'], (attempt) => (attempt === 1 ? 'hang' : 200));
    const started = Date.now();
    await visitorTicket(ctx.api, 'hello');
    assert.ok(Date.now() - started < 250, 'the send did not wait for the receivers');
    await tries('/flaky', 1);
    await eventually(async () => (await deliveries(slow.id))[0].tries === 1, 3000, 'the slow try to time out');
    const [timedOut] = await deliveries(slow.id);
    assert.equal(timedOut.last_status, null);
    assert.match(timedOut.last_error, /no answer in 1000 ms/);
    assert.equal(timedOut.state, 'pending');
    await ctx.api.dev.advanceClock(1000);
    await tries('/flaky', 2);
    await tries('/slow', 2);
    await ctx.api.dev.advanceClock(4000);
    await tries('/flaky', 3);
    await eventually(async () => (await deliveries(flaky.id))[0].state === 'delivered', 3000, 'flaky to deliver');
    const [done] = await deliveries(flaky.id);
    assert.equal(done.tries, 3);
    assert.equal(done.last_status, 204);
    assert.equal((await deliveries(slow.id))[0].state, 'delivered');
    await ctx.api.dev.advanceClock(100_000);
    await new Promise((resolve) => setTimeout(resolve, 300));
    assert.equal(receiver.at('/flaky').length, 3);
    assert.equal(receiver.at('/slow').length, 2);
  });

  it('lists, deletes (with their log and retries), and refuses URLs that are not http(s)', async () => {
    receiver.clear();
    const api = team(ctx.api);
    const h = await hook('/gone', ['message.received'], () => 500);
    const generated = await api.post('/webhooks', { url: 'https://hooks.example.com/x', events: ['message.sent'] });
    assert.match(generated.body.secret, /^whsec_[0-9a-f]{64}$/, 'a secret is made when none is given');
    assert.equal((await api.get('/webhooks')).body.count, 2);
    await visitorTicket(ctx.api, 'hi');
    await tries('/gone', 1);
    assert.equal((await api.delete(`/webhooks/${h.id}`)).status, 204);
    assert.equal((await api.get(`/webhooks/${h.id}/deliveries`)).status, 404);
    await ctx.api.dev.advanceClock(2000);
    await new Promise((resolve) => setTimeout(resolve, 300));
    assert.equal(receiver.at('/gone').length, 1, 'no retry after the delete');
    for (const url of [
      'ftp://127.0.0.1/x',
      'file:///etc/passwd',
      'javascript:alert(1)',
      'data:text/plain,hi',
      '//127.0.0.1/x',
      'http://user:pw@127.0.0.1/',
    ]) {
      const answer = await api.post('/webhooks', { url, events: ['message.sent'] });
      assert.equal(answer.status, 400, url);
      assert.ok(answer.body.details.url, url);
    }
    assert.equal((await api.get('/webhooks')).body.count, 1);
  });

  it("carries a message's attachments, with URLs that download them", async () => {
    receiver.clear();
    await hook('/files', ['message.received', 'message.sent']);
    const me = anonymous();
    const up = await widgetUpload(ctx.server.url, me, PNG, { filename: 'screen.png' });
    const sent = await ctx.api.widget.send({ message: '', ticket_id: null, attachment_ids: [up.body.id], ...me });
    const teamFile = await teamUpload(ctx.server.url, sent.body.ticket_id, PNG, { filename: 'answer.png' });
    await ctx.api.team.reply(sent.body.ticket_id, { content: 'see', attachment_ids: [teamFile.body.id] });
    await tries('/files', 2);
    const [received, replied] = receiver.at('/files');
    assert.deepEqual(
      [received.payload.message.attachments[0].name, replied.payload.message.attachments[0].name],
      ['screen.png', 'answer.png'],
    );
    assert.equal((await download(received.payload.message.attachments[0].url)).status, 200);
  });
});
