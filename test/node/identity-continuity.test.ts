import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { anonymous } from './helpers/anonymous.js';
import { TOKEN, WIDGET, client, type Client } from './helpers/api.js';
import { identity } from './helpers/identity.js';
import { openStream } from './helpers/sse.js';
import { useServer } from './helpers/server-suite.js';
import { spawnServer } from './helpers/spawn-server.js';

// Issue 16, item 4: a visitor who wrote anonymously and then logs in keeps their tickets.
// The server links a session's anonymous tickets to a verified identity on the first verified
// request that carries the session id. The session id is the browser's bearer secret: holding
// it is what owns its tickets; a claimed distinct id proves nothing.

const ctx = useServer();
const posthog = useServer(['--port', '0', '--flavor', 'posthog']);

/** An anonymous visitor's first message; returns the ticket id. */
async function writeAnonymously(api: Client, session: ReturnType<typeof randomUUID>, message = 'Written before logging in') {
  const sent = await api.widget.send({ message, ticket_id: null, ...anonymous(session) });
  assert.equal(sent.status, 200);
  return sent.body.ticket_id as string;
}

const ticketIds = async (api: Client, credentials: Record<string, string>) => {
  const answer = await api.widget.tickets(credentials);
  assert.equal(answer.status, 200);
  return (answer.body.results as Array<{ id: string }>).map((t) => t.id).sort();
};

describe('identity continuity: the session’s anonymous tickets follow the visitor who logs in', () => {
  it('links them on the first verified request that carries the session id, for every device of the identity', async () => {
    const session = randomUUID();
    const first = await writeAnonymously(ctx.api, session);
    const second = await writeAnonymously(ctx.api, session, 'And another question');
    const own = await ctx.api.widget.send({ message: 'Logged in elsewhere', ticket_id: null, ...identity('user-7') });

    // Before: the identity alone (another device) has only its own ticket.
    assert.deepEqual(await ticketIds(ctx.api, identity('user-7')), [own.body.ticket_id]);
    // The browser logs in: identity and its session id together.
    const loggedIn = { ...identity('user-7'), widget_session_id: session };
    assert.deepEqual(await ticketIds(ctx.api, loggedIn), [first, second, own.body.ticket_id].sort());
    // Now every device of the identity sees them, and may read and write them.
    assert.deepEqual(await ticketIds(ctx.api, identity('user-7')), [first, second, own.body.ticket_id].sort());
    const read = await ctx.api.widget.messages(first, identity('user-7'));
    assert.equal(read.status, 200);
    assert.deepEqual(
      read.body.messages.map((m: { content: string }) => m.content),
      ['Written before logging in'],
    );
    const reply = await ctx.api.widget.send({ message: 'From my phone', ticket_id: first, ...identity('user-7') });
    assert.equal(reply.status, 200);
    // The team sees the verified identity, as for the identity's own tickets.
    assert.equal((await ctx.api.team.get(first)).body.verified_identity, 'user-7');
    // The browser that wrote them keeps them (it holds the session id).
    assert.deepEqual(await ticketIds(ctx.api, anonymous(session)), [first, second].sort());
  });

  it('links on a send too, before the ticket is checked: the visitor may answer in the ticket they opened anonymously', async () => {
    const session = randomUUID();
    const ticket = await writeAnonymously(ctx.api, session);
    const sent = await ctx.api.widget.send({
      message: 'Now logged in',
      ticket_id: ticket,
      ...identity('user-8'),
      widget_session_id: session,
    });
    assert.equal(sent.status, 200);
    assert.deepEqual(await ticketIds(ctx.api, identity('user-8')), [ticket]);
  });

  it('links on the live stream too (the first request of a live widget after login), and its stream tells of them', async () => {
    const session = randomUUID();
    const ticket = await writeAnonymously(ctx.api, session);
    const url = new URL(`${WIDGET}/stream`, ctx.server.url);
    for (const [k, v] of Object.entries({ token: TOKEN, ...identity('user-10'), widget_session_id: session }))
      url.searchParams.set(k, v);
    const stream = await openStream(url.href);
    try {
      assert.equal(stream.status, 200);
      assert.deepEqual(await ticketIds(ctx.api, identity('user-10')), [ticket]);
      // A stream opened by the identity alone, elsewhere, hears the linked ticket's news.
      const other = new URL(`${WIDGET}/stream`, ctx.server.url);
      for (const [k, v] of Object.entries({ token: TOKEN, ...identity('user-10') })) other.searchParams.set(k, v);
      const phone = await openStream(other.href);
      try {
        await ctx.api.team.reply(ticket, { content: 'Hello again' });
        const event = await phone.nextEvent('message', 3000);
        assert.equal((event.json as { ticket_id: string }).ticket_id, ticket);
      } finally {
        phone.close();
      }
    } finally {
      stream.close();
    }
  });

  it('never links on an unverified claim of a distinct id', async () => {
    const victim = await ctx.api.widget.send({ message: 'My order', ticket_id: null, ...identity('user-42') });
    // The attacker: their own session, claiming the victim's id as distinct_id, and (second try) a forged hash.
    const session = randomUUID();
    const spam = await writeAnonymously(ctx.api, session, 'Planted in the victim’s list?');
    const claimed = { widget_session_id: session, distinct_id: 'user-42' };
    assert.deepEqual(await ticketIds(ctx.api, claimed), [spam], 'the claim shows none of the victim’s tickets');
    const forged = await ctx.api.widget.tickets({
      widget_session_id: session,
      identity_distinct_id: 'user-42',
      identity_hash: 'a'.repeat(64),
    });
    assert.equal(forged.status, 403);
    assert.equal(JSON.stringify(forged.body).includes(victim.body.ticket_id), false);

    assert.deepEqual(await ticketIds(ctx.api, identity('user-42')), [victim.body.ticket_id], 'nothing was planted');
    assert.equal((await ctx.api.team.get(spam)).body.verified_identity, null);
  });

  it('does not let a verified identity take the tickets of a session it does not present', async () => {
    const victimSession = randomUUID();
    const victims = await writeAnonymously(ctx.api, victimSession, 'Private question');
    // The attacker is a real user of the site, with a valid hash, and their own session.
    const attacker = { ...identity('mallory'), widget_session_id: randomUUID() };
    assert.deepEqual(await ticketIds(ctx.api, attacker), []);
    const peek = await ctx.api.widget.messages(victims, attacker);
    assert.equal(peek.status, 403);
    assert.equal(JSON.stringify(peek.body).includes('Private question'), false);
    const write = await ctx.api.widget.send({ message: 'mine now', ticket_id: victims, ...attacker });
    assert.equal(write.status, 403);
    assert.equal((await ctx.api.team.get(victims)).body.verified_identity, null);
    assert.deepEqual(await ticketIds(ctx.api, anonymous(victimSession)), [victims]);
  });

  it('links once: a second identity presenting the same session takes nothing, and linking again changes nothing', async () => {
    const session = randomUUID();
    const ticket = await writeAnonymously(ctx.api, session);
    await ticketIds(ctx.api, { ...identity('ada'), widget_session_id: session });
    const linked = (await ctx.api.team.get(ticket)).body;
    assert.equal(linked.verified_identity, 'ada');

    // Idempotent: the same login again (every poll carries it) changes nothing.
    await ticketIds(ctx.api, { ...identity('ada'), widget_session_id: session });
    assert.deepEqual((await ctx.api.team.get(ticket)).body, linked);

    // Someone else logs in on the same browser without a reset: ada's ticket stays ada's.
    assert.deepEqual(await ticketIds(ctx.api, { ...identity('bob'), widget_session_id: session }), []);
    assert.equal((await ctx.api.team.get(ticket)).body.verified_identity, 'ada');
    assert.equal((await ctx.api.widget.messages(ticket, identity('bob'))).status, 403);
  });

  it('a fresh anonymous session (after logout) sees none of the identity’s tickets', async () => {
    const session = randomUUID();
    const ticket = await writeAnonymously(ctx.api, session);
    await ticketIds(ctx.api, { ...identity('carol'), widget_session_id: session });
    // The widget's logout (clearIdentity or reset) starts a new session id.
    const fresh = anonymous(randomUUID());
    assert.deepEqual(await ticketIds(ctx.api, fresh), []);
    assert.equal((await ctx.api.widget.messages(ticket, fresh)).status, 403);
  });

  it('keeps a bad request harmless: a malformed session id beside a valid identity is a 400 and links nothing', async () => {
    const session = randomUUID();
    const ticket = await writeAnonymously(ctx.api, session);
    const bad = await ctx.api.widget.tickets({ ...identity('dan'), widget_session_id: `${session}x` });
    assert.equal(bad.status, 400);
    assert.equal((await ctx.api.team.get(ticket)).body.verified_identity, null);
  });
});

describe('identity continuity: what stays as it was', () => {
  it('the posthog flavour links nothing (the production backend’s known complaint)', async () => {
    const session = randomUUID();
    const ticket = await writeAnonymously(posthog.api, session);
    assert.deepEqual(await ticketIds(posthog.api, { ...identity('user-9'), widget_session_id: session }), []);
    assert.equal((await posthog.api.widget.messages(ticket, identity('user-9'))).status, 403);
  });

  it('keeps the link across a kill -9 and a restart with --data', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'support-chat-link-'));
    const args = ['--port', '0', '--data', join(dir, 'state.json')];
    try {
      let server = await spawnServer(args);
      let api = client(server.url);
      const session = randomUUID();
      const ticket = await writeAnonymously(api, session);
      await ticketIds(api, { ...identity('erin'), widget_session_id: session });
      await new Promise<void>((resolve) => {
        server.process.once('exit', () => resolve());
        server.process.kill('SIGKILL');
      });
      server = await spawnServer(args);
      api = client(server.url);
      try {
        assert.deepEqual(await ticketIds(api, identity('erin')), [ticket]);
        assert.equal((await api.team.get(ticket)).body.verified_identity, 'erin');
      } finally {
        await server.stop();
      }
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
