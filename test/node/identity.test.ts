import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { describe, it } from 'node:test';
import { snapshot } from './helpers/api.js';
import { identity, identityHash } from './helpers/identity.js';
import { useServer } from './helpers/server-suite.js';

const ctx = useServer();

describe('widget API: verified identities', () => {
  it('accepts a valid hash on every endpoint and links the ticket to the identity', async () => {
    const ada = identity('user-ada');
    const sent = await ctx.api.widget.send({ message: 'Hi, I am Ada', ticket_id: null, ...ada });
    assert.equal(sent.status, 200);
    const ticketId = sent.body.ticket_id;
    await ctx.api.team.reply(ticketId, { content: 'Hello Ada' });

    const polled = await ctx.api.widget.messages(ticketId, ada);
    assert.equal(polled.body.messages.length, 2);
    assert.equal(polled.body.unread_count, 1);
    assert.equal((await ctx.api.widget.markRead(ticketId, ada)).status, 200);
    const list = await ctx.api.widget.tickets(ada);
    assert.deepEqual(
      list.body.results.map((t: { id: string }) => t.id),
      [ticketId],
    );
    assert.equal(list.body.results[0].unread_count, 0);
    assert.equal((await ctx.api.team.get(ticketId)).body.distinct_id, 'user-ada');
  });

  it('follows the identity to any browser: the same identity sees its tickets without any session', async () => {
    const sent = await ctx.api.widget.send({ message: 'from the laptop', ticket_id: null, ...identity('user-bo') });
    const elsewhere = await ctx.api.widget.tickets(identity('user-bo'));
    assert.deepEqual(
      elsewhere.body.results.map((t: { id: string }) => t.id),
      [sent.body.ticket_id],
    );
  });

  it('answers 403 to a wrong hash (well-formed, but for another id or secret) and stores nothing', async () => {
    const before = await snapshot(ctx.api);
    const forged = [
      { identity_distinct_id: 'user-ada', identity_hash: identityHash('user-eve') },
      { identity_distinct_id: 'user-ada', identity_hash: identityHash('user-ada', 'guessed-secret') },
      { identity_distinct_id: 'user-ada', identity_hash: '0'.repeat(64) },
    ];
    for (const credentials of forged) {
      assert.equal((await ctx.api.widget.send({ message: 'x', ticket_id: null, ...credentials })).status, 403);
      assert.equal((await ctx.api.widget.tickets(credentials)).status, 403);
    }
    assert.deepEqual(await snapshot(ctx.api), before);
  });

  it('answers 400 naming the field to a malformed hash or half an identity', async () => {
    const cases: Array<[Record<string, unknown>, string]> = [
      [{ identity_distinct_id: 'user-ada', identity_hash: 'abc' }, 'identity_hash'],
      [{ identity_distinct_id: 'user-ada' }, 'identity_hash'],
      [{ identity_hash: identityHash('user-ada') }, 'identity_distinct_id'],
      [{ identity_distinct_id: '', identity_hash: identityHash('') }, 'identity_distinct_id'],
      [{ identity_distinct_id: 42, identity_hash: identityHash('42') }, 'identity_distinct_id'],
    ];
    for (const [credentials, fieldName] of cases) {
      const answer = await ctx.api.widget.send({ message: 'x', ticket_id: null, ...credentials });
      assert.equal(answer.status, 400, JSON.stringify(credentials));
      assert.ok(fieldName in answer.body.details, `${JSON.stringify(answer.body)} names ${fieldName}`);
    }
  });

  it('lets the identity win when both kinds of credentials are sent, and answers 400 to neither', async () => {
    const session = randomUUID();
    const both = await ctx.api.widget.send({
      message: 'x',
      ticket_id: null,
      widget_session_id: session,
      ...identity('user-ada'),
    });
    assert.equal(both.status, 200);
    assert.equal((await ctx.api.widget.tickets(identity('user-ada'))).body.count, 1, 'the ticket is the identity’s');
    assert.equal((await ctx.api.widget.tickets({ widget_session_id: session })).body.count, 0, 'not the session’s');
    const neither = await ctx.api.widget.send({ message: 'x', ticket_id: null });
    assert.equal(neither.status, 400);
    assert.ok(neither.body.details.widget_session_id);
    const neitherGet = await ctx.api.widget.tickets({});
    assert.equal(neitherGet.status, 400);
  });

  it("keeps two identities apart: another user's ticket is a 403 with nothing of it", async () => {
    const ada = identity('user-ada');
    const eve = identity('user-eve');
    const { body } = await ctx.api.widget.send({ message: 'Ada private matter', ticket_id: null, ...ada });
    const before = await snapshot(ctx.api);
    const answers = [
      await ctx.api.widget.messages(body.ticket_id, eve),
      await ctx.api.widget.markRead(body.ticket_id, eve),
      await ctx.api.widget.send({ message: 'eve writes', ticket_id: body.ticket_id, ...eve }),
    ];
    for (const answer of answers) {
      assert.equal(answer.status, 403);
      assert.deepEqual(Object.keys(answer.body), ['error']);
      assert.doesNotMatch(JSON.stringify(answer.body), /Ada private matter/);
    }
    assert.equal((await ctx.api.widget.tickets(eve)).body.count, 0);
    assert.deepEqual(await snapshot(ctx.api), before);
  });

  it('keeps identities and anonymous sessions apart in both directions', async () => {
    const session = randomUUID();
    const anonymous = await ctx.api.widget.send({ message: 'anon', ticket_id: null, widget_session_id: session });
    const verified = await ctx.api.widget.send({ message: 'verified', ticket_id: null, ...identity('user-ada') });
    assert.equal((await ctx.api.widget.messages(anonymous.body.ticket_id, identity('user-ada'))).status, 403);
    assert.equal((await ctx.api.widget.messages(verified.body.ticket_id, { widget_session_id: session })).status, 403);
  });

  it('rate-limits each identity separately', async () => {
    const ada = identity('user-ada');
    for (let i = 0; i < 30; i++)
      assert.equal((await ctx.api.widget.send({ message: `m${i}`, ticket_id: null, ...ada })).status, 200);
    const limited = await ctx.api.widget.send({ message: 'one more', ticket_id: null, ...ada });
    assert.equal(limited.status, 429);
    assert.ok(Number(limited.headers.get('retry-after')) >= 1);
    assert.equal((await ctx.api.widget.send({ message: 'eve is fine', ticket_id: null, ...identity('user-eve') })).status, 200);
  });
});
