import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { describe, it } from 'node:test';
import { identity } from './helpers/identity.js';
import { useServer } from './helpers/server-suite.js';

const ctx = useServer();

// Issue 11, item 4: the team must be able to tell a verified customer from one who only
// claims to be them.
describe('team API: which tickets come from a verified identity', () => {
  it('tells an anonymous send claiming distinct_id "user-42" apart from the verified user-42', async () => {
    const traits = { name: 'Grace Hopper', email: 'grace@example.com' };
    const verified = await ctx.api.widget.send({
      message: 'Where is my order?',
      ticket_id: null,
      traits,
      ...identity('user-42'),
    });
    // The attacker: a fresh session, the victim's id, name and email, no signature.
    const claimed = await ctx.api.widget.send({
      message: 'Where is my order?',
      ticket_id: null,
      widget_session_id: randomUUID(),
      distinct_id: 'user-42',
      traits,
    });
    assert.equal(verified.status, 200);
    assert.equal(claimed.status, 200);

    const real = (await ctx.api.team.get(verified.body.ticket_id)).body;
    const fake = (await ctx.api.team.get(claimed.body.ticket_id)).body;
    // Everything the team saw before is the same...
    for (const key of ['distinct_id', 'customer_name', 'customer_email', 'last_message_text'] as const) {
      assert.deepEqual(fake[key], real[key], key);
    }
    // ...but the field that matters is not.
    assert.equal(real.verified_identity, 'user-42');
    assert.equal(fake.verified_identity, null);
    const listed = (await ctx.api.team.tickets()).body.results;
    assert.deepEqual(
      listed.map((t: { id: string; verified_identity: string | null }) => [t.id, t.verified_identity]).sort(),
      [
        [real.id, 'user-42'],
        [fake.id, null],
      ].sort(),
    );
  });

  it('marks a ticket the team made itself as unverified', async () => {
    const made = await ctx.api.team.create({ distinct_id: 'user-42' });
    assert.equal(made.body.verified_identity, null);
  });
});
