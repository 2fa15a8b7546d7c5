import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { afterEach, describe, it } from 'node:test';
import { TEAM, TOKEN, WIDGET } from './helpers/api.js';
import { identity } from './helpers/identity.js';
import { useServer } from './helpers/server-suite.js';
import { eventsOf, lastIdOf, openStream, type OpenStream, type SseEventItem } from './helpers/sse.js';

/**
 * The live streams over HTTP, against the standalone server (the runtime whose streaming is
 * its own code): the widget's stream and the team's `live`, their ids, resume and reset,
 * the heartbeat, the checks before a stream starts, and typing both ways.
 */
const ctx = useServer(['--port', '0', '--stream-heartbeat-ms', '200']);

const opened: OpenStream[] = [];
afterEach(() => {
  for (const stream of opened.splice(0)) stream.close();
});

function widgetStream(
  credentials: Record<string, string>,
  headers: Record<string, string> = {},
  extra: Record<string, string> = {},
) {
  const url = new URL(`${WIDGET}/stream`, ctx.server.url);
  for (const [k, v] of Object.entries({ token: TOKEN, ...credentials, ...extra })) url.searchParams.set(k, v);
  return track(openStream(url.href, headers));
}

function liveStream(
  headers: Record<string, string> = { Authorization: 'Bearer demo-api-key' },
  query: Record<string, string> = {},
) {
  const url = new URL(`${TEAM}/live`, ctx.server.url);
  for (const [k, v] of Object.entries(query)) url.searchParams.set(k, v);
  return track(openStream(url.href, headers));
}

async function track(pending: Promise<OpenStream>) {
  const stream = await pending;
  opened.push(stream);
  return stream;
}

const session = () => {
  const id = randomUUID();
  return { widget_session_id: id, distinct_id: id };
};

async function ticketOf(credentials: Record<string, string>, message = 'Hello') {
  const sent = await ctx.api.widget.send({ message, ticket_id: null, ...credentials });
  assert.equal(sent.status, 200);
  return sent.body.ticket_id as string;
}

/** Waits until the position (an id without data) arrived: from then on, the stream hears every change. */
async function ready(stream: OpenStream) {
  await stream.next((item) => item.kind === 'event' && item.event === '' && item.id !== undefined);
  return stream;
}

const ids = (events: SseEventItem[]) => events.map((e) => Number(e.id));

describe('widget stream', () => {
  it('is an event stream that starts with retry: 3000 and a position, then pushes a team reply at once', async () => {
    const visitor = session();
    const ticketId = await ticketOf(visitor);
    const stream = await widgetStream(visitor);
    assert.equal(stream.status, 200);
    assert.match(stream.headers.get('content-type') ?? '', /^text\/event-stream/);
    await ready(stream);
    assert.deepEqual(stream.items[0], { kind: 'retry', ms: 3000 });

    const started = Date.now();
    await ctx.api.team.reply(ticketId, { content: 'Hi from the team', author_name: 'Ada' });
    const message = await stream.nextEvent('message', 1000);
    assert.ok(Date.now() - started < 1000, 'well under a second');
    assert.deepEqual(message.json, {
      ticket_id: ticketId,
      message: {
        ...(message.json as { message: Record<string, unknown> }).message,
        content: 'Hi from the team',
        author_type: 'support',
        author_name: 'Ada',
      },
    });
    const ticket = await stream.nextEvent('ticket');
    assert.deepEqual(ticket.json, { ticket_id: ticketId, status: 'new', unread_count: 1 });

    await ctx.api.team.update(ticketId, { status: 'pending' });
    assert.deepEqual((await stream.nextEvent('ticket')).json, { ticket_id: ticketId, status: 'pending', unread_count: 1 });
    await ctx.api.widget.markRead(ticketId, { widget_session_id: visitor.widget_session_id });
    assert.deepEqual((await stream.nextEvent('ticket')).json, { ticket_id: ticketId, status: 'pending', unread_count: 0 });

    const all = ids(eventsOf(stream));
    assert.deepEqual(
      [...all].sort((a, b) => a - b),
      all,
      'ids increase',
    );
    assert.equal(new Set(all).size, all.length);
  });

  it("tells another device of the same visitor about the visitor's own messages and new tickets", async () => {
    const visitor = session();
    const otherDevice = await ready(await widgetStream(visitor));
    const ticketId = await ticketOf(visitor, 'Sent from my phone');
    assert.deepEqual((await otherDevice.nextEvent('ticket')).json, { ticket_id: ticketId, status: 'new', unread_count: 0 });
    const message = (await otherDevice.nextEvent('message')).json as {
      ticket_id: string;
      message: { content: string; author_type: string };
    };
    assert.equal(message.ticket_id, ticketId);
    assert.equal(message.message.content, 'Sent from my phone');
    assert.equal(message.message.author_type, 'customer');
  });

  it('works for a verified identity, and a restore tells the redeeming browser of its tickets', async () => {
    const user = identity('user-ada');
    const identityStream = await ready(await widgetStream(user));
    const ticketId = await ticketOf(user);
    await ctx.api.team.reply(ticketId, { content: 'For Ada' });
    const reply = await identityStream.next((i) => i.kind === 'event' && i.event === 'message' && i.data.includes('"support"'));
    assert.equal(((reply as SseEventItem).json as { message: { content: string } }).message.content, 'For Ada');

    const oldBrowser = session();
    const emailed = await ctx.api.widget.send({
      message: 'by email',
      ticket_id: null,
      ...oldBrowser,
      traits: { email: 'mia@example.com' },
    });
    const newBrowser = session();
    const stream = await ready(await widgetStream(newBrowser));
    await ctx.api.widget.restoreRequest({ email: 'mia@example.com', request_url: 'http://localhost/help' });
    const token = new URL((await ctx.api.dev.mailbox()).body.at(-1).link).searchParams.get('ph_conv_restore');
    await ctx.api.widget.redeem({ restore_token: token, widget_session_id: newBrowser.widget_session_id });
    assert.deepEqual((await stream.nextEvent('ticket')).json, {
      ticket_id: emailed.body.ticket_id,
      status: 'new',
      unread_count: 0,
    });
  });
});

describe('widget stream: only the caller’s tickets (from the attacker’s side)', () => {
  it('another session hears nothing of a ticket not its own: replies, notes, status, typing', async () => {
    const victim = session();
    const victimTicket = await ticketOf(victim, 'my secret order');
    const attacker = session();
    const attackerTicket = await ticketOf(attacker, 'innocent question');
    const spy = await ready(await widgetStream(attacker));
    const victimStream = await ready(await widgetStream(victim));

    await ctx.api.team.reply(victimTicket, { content: 'your refund is approved' });
    await ctx.api.team.reply(victimTicket, { content: 'PRIVATE: customer is a VIP', is_private: true });
    await ctx.api.team.update(victimTicket, { status: 'pending' });
    await ctx.api.team.typing(victimTicket, { typing: true, author_name: 'Ada' });
    await ctx.api.widget.send({ message: 'thanks', ticket_id: victimTicket, ...victim });
    // Then a marker on the attacker's own ticket: once it arrives, anything before it would have too.
    await ctx.api.team.reply(attackerTicket, { content: 'marker' });
    await spy.nextEvent('message');
    await victimStream.nextEvent('typing');
    await ctx.api.team.reply(victimTicket, { content: 'last' });
    await victimStream.next((i) => i.kind === 'event' && i.data.includes('"last"'));

    const spied = eventsOf(spy)
      .map((e) => e.data)
      .join('\n');
    assert.ok(!spied.includes(victimTicket), `the attacker saw: ${spied}`);
    assert.doesNotMatch(spied, /refund|PRIVATE|secret|thanks/);
    const seen = eventsOf(victimStream)
      .map((e) => e.data)
      .join('\n');
    assert.match(seen, /your refund is approved/);
    assert.doesNotMatch(seen, /PRIVATE|VIP/, 'a private note never reaches the widget stream');
  });

  it('refuses the attacker before any stream: a forged identity, another’s ticket for typing', async () => {
    const victimTicket = await ticketOf(identity('user-victim'));
    const forged = await widgetStream({ identity_distinct_id: 'user-victim', identity_hash: 'f'.repeat(64) });
    assert.equal(forged.status, 403);
    const typing = await ctx.api.widget.typing({ ticket_id: victimTicket, typing: true, ...session() });
    assert.equal(typing.status, 403);
    assert.equal(JSON.stringify(typing.body).includes(victimTicket), false);
  });
});

describe('widget stream: resume and reset', () => {
  it('a reconnect with Last-Event-ID gets the reply it missed, header or query', async () => {
    const visitor = session();
    const ticketId = await ticketOf(visitor);
    const first = await ready(await widgetStream(visitor));
    const position = lastIdOf(first)!;
    first.close();
    await ctx.api.team.reply(ticketId, { content: 'While you were away' });

    for (const resumed of [
      await widgetStream(visitor, { 'Last-Event-ID': position }),
      await widgetStream(visitor, {}, { last_event_id: position }),
    ]) {
      const message = await resumed.nextEvent();
      assert.equal(message.event, 'message');
      assert.equal((message.json as { message: { content: string } }).message.content, 'While you were away');
      assert.ok(Number(message.id) > Number(position));
      assert.equal((await resumed.nextEvent()).event, 'ticket');
      resumed.close();
    }
  });

  it('starts with reset when the id is unknown, from before a restart, or from before a reset of the state', async () => {
    const visitor = session();
    const ticketId = await ticketOf(visitor);
    const live = await ready(await widgetStream(visitor));
    const position = lastIdOf(live)!;

    const garbage = await widgetStream(visitor, { 'Last-Event-ID': 'not-an-id' });
    const reset = await garbage.nextEvent();
    assert.equal(reset.event, 'reset');
    assert.deepEqual(reset.json, { reason: 'unknown_id' });
    assert.ok(Number(reset.id) > Number(position), 'a reset has a fresh id, to resume from');
    garbage.close();

    const future = await widgetStream(visitor, { 'Last-Event-ID': String(Number(position) + 1_000_000_000) });
    assert.deepEqual((await future.nextEvent()).json, { reason: 'unknown_id' });
    future.close();

    const ancient = await widgetStream(visitor, { 'Last-Event-ID': '1' });
    assert.deepEqual((await ancient.nextEvent()).json, { reason: 'too_old' });
    ancient.close();

    await ctx.api.dev.reset();
    assert.deepEqual((await live.nextEvent()).json, { reason: 'state_replaced' }, 'an open stream hears of the reset');
    const afterReset = await widgetStream(visitor, { 'Last-Event-ID': position });
    assert.equal((await afterReset.nextEvent()).event, 'reset');
    void ticketId;
  });

  it('replays from a buffer of at least 500 events per caller, or 10 minutes; past both, reset', async () => {
    const visitor = session();
    const ticketId = await ticketOf(visitor);
    const first = await ready(await widgetStream(visitor));
    const position = lastIdOf(first)!;
    first.close();
    // 260 replies are 520 events (a message and a ticket each).
    for (let i = 0; i < 260; i++) await ctx.api.team.reply(ticketId, { content: `reply ${i}` });
    const resumed = await widgetStream(visitor, { 'Last-Event-ID': position });
    await resumed.next((i) => i.kind === 'event' && i.data.includes('"reply 259"'), 5000);
    const replayed = eventsOf(resumed);
    assert.equal(replayed.length, 520);
    assert.equal(replayed[0].event, 'message');
    resumed.close();

    // Eleven minutes on, and 520 more: the first ones are neither among the last 500 nor recent.
    await ctx.api.dev.advanceClock(11 * 60_000);
    for (let i = 0; i < 260; i++) await ctx.api.team.reply(ticketId, { content: `later ${i}` });
    const tooLate = await widgetStream(visitor, { 'Last-Event-ID': position });
    assert.deepEqual((await tooLate.nextEvent()).json, { reason: 'too_old' });
  });
});

describe('stream plumbing', () => {
  it('sends a : ping comment every --stream-heartbeat-ms', async () => {
    const stream = await widgetStream(session());
    const started = Date.now();
    await stream.next((i) => i.kind === 'comment' && i.text === 'ping', 1000);
    await stream.next((i) => i.kind === 'comment' && i.text === 'ping', 1000);
    assert.ok(Date.now() - started < 1000);
  });

  it('answers 403/400 as JSON before the stream starts', async () => {
    const visitor = session();
    const noToken = await track(
      openStream(new URL(`${WIDGET}/stream?widget_session_id=${visitor.widget_session_id}`, ctx.server.url).href),
    );
    assert.equal(noToken.status, 403);
    assert.equal((await widgetStream(visitor, {}, { token: 'wrong' })).status, 403);
    const noCredentials = await widgetStream({});
    assert.equal(noCredentials.status, 400);
    const badSession = await widgetStream({ widget_session_id: 'not-a-uuid' });
    assert.equal(badSession.status, 400);
    assert.deepEqual(Object.keys((badSession.body as { details: object }).details), ['widget_session_id']);
    assert.equal((await widgetStream({ identity_distinct_id: 'x', identity_hash: 'short' })).status, 400);
    // The header works as well as the query.
    const url = new URL(`${WIDGET}/stream?widget_session_id=${visitor.widget_session_id}`, ctx.server.url).href;
    assert.equal((await track(openStream(url, { 'X-Conversations-Token': TOKEN }))).status, 200);
  });

  it('answers 429 past 5 open streams of one caller, and frees the slot when one closes', async () => {
    const visitor = session();
    const streams = [];
    for (let i = 0; i < 5; i++) streams.push(await widgetStream(visitor));
    assert.ok(streams.every((s) => s.status === 200));
    const sixth = await widgetStream(visitor);
    assert.equal(sixth.status, 429);
    assert.match(sixth.headers.get('retry-after') ?? '', /^\d+$/);
    assert.equal((await widgetStream(session())).status, 200, 'another caller is not affected');
    streams[0].close();
    let again: OpenStream | undefined;
    for (let tries = 0; tries < 20 && again?.status !== 200; tries++) {
      await new Promise((resolve) => setTimeout(resolve, 50));
      again = await widgetStream(visitor);
    }
    assert.equal(again?.status, 200);
  });
});

describe('typing', () => {
  it('a team member typing reaches the widget; true lapses after 6 s on the store clock; a reply ends it', async () => {
    const visitor = session();
    const ticketId = await ticketOf(visitor);
    const stream = await ready(await widgetStream(visitor));
    assert.deepEqual((await ctx.api.team.typing(ticketId, { typing: true, author_name: 'Ada' })).body, { ok: true });
    assert.deepEqual((await stream.nextEvent('typing')).json, { ticket_id: ticketId, author_name: 'Ada', typing: true });
    await ctx.api.team.typing(ticketId, { typing: true, author_name: 'Ada' }); // still typing: no new event
    await ctx.api.dev.advanceClock(5000);
    await ctx.api.team.typing(ticketId, { typing: true, author_name: 'Ada' }); // moves the lapse
    await ctx.api.dev.advanceClock(5000);
    await ctx.api.dev.advanceClock(1500);
    assert.deepEqual((await stream.nextEvent('typing')).json, { ticket_id: ticketId, author_name: 'Ada', typing: false });
    assert.equal(eventsOf(stream).filter((e) => e.event === 'typing').length, 2);

    await ctx.api.team.typing(ticketId, { typing: true, author_name: 'Ada' });
    await stream.nextEvent('typing');
    await ctx.api.team.reply(ticketId, { content: 'Here you go', author_name: 'Ada' });
    await stream.nextEvent('message');
    assert.deepEqual((await stream.nextEvent('typing')).json, { ticket_id: ticketId, author_name: 'Ada', typing: false });
  });

  it('the visitor typing reaches the team’s live stream (never text); explicit stop; 429 past 60 a minute', async () => {
    const visitor = session();
    const ticketId = await ticketOf(visitor);
    const live = await ready(await liveStream());
    const answer = await ctx.api.widget.typing({
      ticket_id: ticketId,
      typing: true,
      widget_session_id: visitor.widget_session_id,
    });
    assert.deepEqual(answer.body, { ok: true });
    assert.deepEqual((await live.nextEvent('typing')).json, { ticket_id: ticketId, typing: true });
    await ctx.api.widget.typing({ ticket_id: ticketId, typing: false, widget_session_id: visitor.widget_session_id });
    assert.deepEqual((await live.nextEvent('typing')).json, { ticket_id: ticketId, typing: false });
    await ctx.api.widget.typing({ ticket_id: ticketId, typing: true, widget_session_id: visitor.widget_session_id });
    await live.nextEvent('typing');
    await ctx.api.dev.advanceClock(6000);
    assert.deepEqual((await live.nextEvent('typing')).json, { ticket_id: ticketId, typing: false });

    assert.equal(
      (await ctx.api.widget.typing({ ticket_id: ticketId, typing: 'yes', widget_session_id: visitor.widget_session_id })).status,
      400,
    );
    assert.equal(
      (await ctx.api.widget.typing({ ticket_id: randomUUID(), typing: true, widget_session_id: visitor.widget_session_id }))
        .status,
      404,
    );
    let last = 200;
    for (let i = 0; i < 60 && last === 200; i++)
      last = (await ctx.api.widget.typing({ ticket_id: ticketId, typing: true, widget_session_id: visitor.widget_session_id }))
        .status;
    assert.equal(last, 429);
    // Apart from the write limit: the visitor can still send.
    assert.equal((await ctx.api.widget.send({ message: 'still here', ticket_id: ticketId, ...visitor })).status, 200);
  });
});

describe('team live stream', () => {
  it('tells the live event names, notes included, with the key as a header or ?api_key=', async () => {
    const live = await ready(await liveStream({}, { api_key: 'demo-api-key' }));
    const visitor = session();
    const ticketId = await ticketOf(visitor, 'Where is my parcel?');
    const created = await live.nextEvent();
    assert.equal(created.event, 'conversation.created');
    assert.equal((created.json as { ticket: { id: string } }).ticket.id, ticketId);
    const received = await live.nextEvent();
    assert.equal(received.event, 'message.received');
    assert.equal((received.json as { message: { content: string } }).message.content, 'Where is my parcel?');

    await ctx.api.team.reply(ticketId, { content: 'internal', is_private: true });
    const note = await live.nextEvent();
    assert.equal(note.event, 'message.sent');
    assert.equal((note.json as { message: { is_private: boolean } }).message.is_private, true);
    await ctx.api.team.update(ticketId, { assignee: { type: 'user', id: '7' } });
    assert.equal((await live.nextEvent()).event, 'conversation.assigned');
    await ctx.api.team.update(ticketId, { priority: 'high' });
    const updated = await live.nextEvent();
    assert.equal(updated.event, 'conversation.updated');
    assert.deepEqual((updated.json as { changes: string[] }).changes, ['priority']);
    await ctx.api.team.update(ticketId, { status: 'resolved' });
    const resolved = await live.nextEvent();
    assert.equal(resolved.event, 'conversation.resolved');
    assert.equal((resolved.json as { ticket: { status: string } }).ticket.status, 'resolved');
    // The visitor's rating reaches the team at once, as its webhook does.
    const rated = await fetch(new URL(`${WIDGET}/tickets/${ticketId}/rating`, ctx.server.url), {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', 'X-Conversations-Token': TOKEN },
      body: JSON.stringify({ score: 4, comment: 'Kind', ...visitor }),
    });
    assert.equal(rated.status, 200);
    const rating = await live.nextEvent();
    assert.equal(rating.event, 'conversation.updated');
    assert.deepEqual((rating.json as { changes: string[] }).changes, ['rating']);
    assert.deepEqual((rating.json as { ticket: { rating: { score: number; comment: string } } }).ticket.rating.score, 4);
  });

  it('refuses a wrong key before the stream; resumes like the widget stream', async () => {
    assert.equal((await liveStream({ Authorization: 'Bearer wrong' })).status, 401);
    assert.equal((await liveStream({}, { api_key: 'wrong' })).status, 401);
    assert.equal((await liveStream({})).status, 401);
    const first = await ready(await liveStream());
    const position = lastIdOf(first)!;
    first.close();
    const ticketId = await ticketOf(session());
    const resumed = await liveStream({ Authorization: 'Bearer demo-api-key', 'Last-Event-ID': position });
    const created = await resumed.nextEvent();
    assert.equal(created.event, 'conversation.created');
    assert.equal((created.json as { ticket_id: string }).ticket_id, ticketId);
  });
});
