import assert from 'node:assert/strict';
import { createHash, randomUUID } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { client } from './helpers/api.js';
import { useServer } from './helpers/server-suite.js';
import { spawnServer } from './helpers/spawn-server.js';

const ctx = useServer(['--port', '0', '--allowed-domains', 'shop.example,localhost']);
const HOUR = 3_600_000;

/** A visitor who wrote with their email, in some browser. */
async function ticketFor(email: string, session = randomUUID()) {
  const sent = await ctx.api.widget.send({
    message: `I am ${email}`,
    ticket_id: null,
    widget_session_id: session,
    traits: { email },
  });
  assert.equal(sent.status, 200);
  return { session, ticketId: sent.body.ticket_id as string };
}

/** Requests a link and returns the token mailed for it. */
async function mailedToken(email: string, requestUrl = 'https://shop.example/help') {
  const answer = await ctx.api.widget.restoreRequest({ email, request_url: requestUrl });
  assert.deepEqual(answer.body, { ok: true });
  const mail = (await ctx.api.dev.mailbox()).body.at(-1);
  return new URL(mail.link).searchParams.get('ph_conv_restore')!;
}

describe('restore by email: the request', () => {
  it('mails a link: request_url with the token added, other parameters kept, fragment dropped', async () => {
    await ticketFor('ada@example.com');
    await ctx.api.widget.restoreRequest({
      email: 'ada@example.com',
      request_url: 'https://shop.example/account?tab=orders&lang=de#chat',
    });
    const mailbox = (await ctx.api.dev.mailbox()).body;
    assert.equal(mailbox.length, 1);
    const [mail] = mailbox;
    assert.equal(mail.to, 'ada@example.com');
    const link = new URL(mail.link);
    assert.equal(link.origin + link.pathname, 'https://shop.example/account');
    assert.equal(link.hash, '');
    assert.equal(link.searchParams.get('tab'), 'orders');
    assert.equal(link.searchParams.get('lang'), 'de');
    assert.match(link.searchParams.get('ph_conv_restore')!, /^[A-Za-z0-9_-]{43}$/);
    assert.ok(mail.text.includes(mail.link));
  });

  it('answers exactly the same whether or not the email is known, and mails only a known one', async () => {
    await ticketFor('known@example.com');
    const known = await ctx.api.widget.restoreRequest({ email: 'known@example.com', request_url: 'https://shop.example/' });
    const unknown = await ctx.api.widget.restoreRequest({ email: 'nobody@example.com', request_url: 'https://shop.example/' });
    assert.equal(unknown.status, known.status);
    assert.deepEqual(unknown.body, known.body);
    assert.equal(unknown.headers.get('content-type'), known.headers.get('content-type'));
    assert.deepEqual(
      (await ctx.api.dev.mailbox()).body.map((m: { to: string }) => m.to),
      ['known@example.com'],
    );
  });

  it('matches the email case-insensitively and trimmed', async () => {
    await ticketFor('  Ada@Example.COM ');
    await ctx.api.widget.restoreRequest({ email: 'ada@example.com', request_url: 'https://shop.example/' });
    assert.equal((await ctx.api.dev.mailbox('ada@example.com')).body.length, 1);
  });

  it('allows 3 requests an hour per email, known or not; the fourth is a 429 with Retry-After', async () => {
    for (const email of ['known@example.com', 'unknown@example.com']) {
      if (email.startsWith('known')) await ticketFor(email);
      for (let i = 0; i < 3; i++) {
        assert.equal((await ctx.api.widget.restoreRequest({ email, request_url: 'https://shop.example/' })).status, 200);
      }
      const fourth = await ctx.api.widget.restoreRequest({ email: email.toUpperCase(), request_url: 'https://shop.example/' });
      assert.equal(fourth.status, 429);
      const retryAfter = Number(fourth.headers.get('retry-after'));
      assert.ok(retryAfter > 3000 && retryAfter <= 3600, `Retry-After ${retryAfter}`);
    }
    assert.equal((await ctx.api.dev.mailbox()).body.length, 3, 'the refused request mailed nothing');
    assert.equal(
      (await ctx.api.widget.restoreRequest({ email: 'other@example.com', request_url: 'https://shop.example/' })).status,
      200,
    );
    await ctx.api.dev.advanceClock(HOUR);
    assert.equal(
      (await ctx.api.widget.restoreRequest({ email: 'known@example.com', request_url: 'https://shop.example/' })).status,
      200,
    );
  });

  it('refuses a bad email or URL with 400 naming the field, and a link to another origin with 403', async () => {
    const cases: Array<[Record<string, unknown>, string]> = [
      [{ email: 'not-an-email', request_url: 'https://shop.example/' }, 'email'],
      [{ request_url: 'https://shop.example/' }, 'email'],
      [{ email: 'ada@example.com', request_url: 'javascript:alert(1)' }, 'request_url'],
      [{ email: 'ada@example.com', request_url: '/relative' }, 'request_url'],
      [{ email: 'ada@example.com', request_url: 'https://user:pw@shop.example/' }, 'request_url'],
      [{ email: 'ada@example.com' }, 'request_url'],
      [{ email: ['ada@example.com'], request_url: 'https://shop.example/' }, 'email'],
    ];
    for (const [body, fieldName] of cases) {
      const answer = await ctx.api.widget.restoreRequest(body);
      assert.equal(answer.status, 400, JSON.stringify(body));
      assert.ok(fieldName in answer.body.details, JSON.stringify(answer.body));
    }
    await ticketFor('ada@example.com');
    const phishing = await ctx.api.widget.restoreRequest(
      { email: 'ada@example.com', request_url: 'https://evil.example/steal' },
      { headers: { Origin: 'https://shop.example' } },
    );
    assert.equal(phishing.status, 403);
    assert.equal((await ctx.api.dev.mailbox()).body.length, 0);
  });
});

describe('restore by email: redeeming', () => {
  it('moves every ticket of the email to the redeeming session; the old browsers lose them', async () => {
    const first = await ticketFor('ada@example.com');
    const second = await ticketFor('ADA@example.com');
    const unrelated = await ticketFor('bo@example.com');
    const token = await mailedToken('ada@example.com');

    const newBrowser = randomUUID();
    const result = await ctx.api.widget.redeem({
      restore_token: token,
      widget_session_id: newBrowser,
      distinct_id: 'ph-distinct-1',
    });
    assert.equal(result.body.status, 'success');
    assert.equal(result.body.widget_session_id, newBrowser);
    assert.deepEqual([...result.body.migrated_ticket_ids].sort(), [first.ticketId, second.ticketId].sort());

    const mine = await ctx.api.widget.tickets({ widget_session_id: newBrowser });
    assert.equal(mine.body.count, 2);
    assert.equal((await ctx.api.widget.messages(first.ticketId, { widget_session_id: newBrowser })).status, 200);
    assert.equal((await ctx.api.widget.messages(first.ticketId, { widget_session_id: first.session })).status, 403);
    assert.equal((await ctx.api.widget.messages(unrelated.ticketId, { widget_session_id: newBrowser })).status, 403);
    assert.equal((await ctx.api.team.get(first.ticketId)).body.distinct_id, 'ph-distinct-1');
  });

  it('answers `used` to a second redeem of the same token', async () => {
    await ticketFor('ada@example.com');
    const token = await mailedToken('ada@example.com');
    assert.equal((await ctx.api.widget.redeem({ restore_token: token, widget_session_id: randomUUID() })).body.status, 'success');
    const again = await ctx.api.widget.redeem({ restore_token: token, widget_session_id: randomUUID() });
    assert.equal(again.status, 200);
    assert.deepEqual(again.body, { status: 'used', code: 'token_already_used' });
  });

  it("uses up the email's other tokens when one is redeemed", async () => {
    await ticketFor('ada@example.com');
    const older = await mailedToken('ada@example.com');
    const newer = await mailedToken('ada@example.com');
    assert.notEqual(older, newer);
    assert.equal((await ctx.api.widget.redeem({ restore_token: newer, widget_session_id: randomUUID() })).body.status, 'success');
    assert.equal((await ctx.api.widget.redeem({ restore_token: older, widget_session_id: randomUUID() })).body.status, 'used');
  });

  it('honours a token for 60 minutes and answers `expired` after', async () => {
    await ticketFor('ada@example.com');
    const early = await mailedToken('ada@example.com');
    await ctx.api.dev.advanceClock(59 * 60_000);
    assert.equal((await ctx.api.widget.redeem({ restore_token: early, widget_session_id: randomUUID() })).body.status, 'success');

    const late = await mailedToken('ada@example.com');
    await ctx.api.dev.advanceClock(HOUR);
    const answer = await ctx.api.widget.redeem({ restore_token: late, widget_session_id: randomUUID() });
    assert.equal(answer.status, 200);
    assert.deepEqual(answer.body, { status: 'expired', code: 'token_expired' });
  });

  it('answers `invalid` to anything else, with HTTP 200', async () => {
    for (const token of ['A'.repeat(40), 'A'.repeat(43), 'x'.repeat(50)]) {
      const answer = await ctx.api.widget.redeem({ restore_token: token, widget_session_id: randomUUID() });
      assert.equal(answer.status, 200);
      assert.deepEqual(answer.body, { status: 'invalid', code: 'token_invalid' });
    }
  });

  it('refuses a redeem without a token or a valid session with 400 naming the field', async () => {
    const cases: Array<[Record<string, unknown>, string]> = [
      [{ widget_session_id: randomUUID() }, 'restore_token'],
      [{ restore_token: 123, widget_session_id: randomUUID() }, 'restore_token'],
      [{ restore_token: 'a'.repeat(43) }, 'widget_session_id'],
      [{ restore_token: 'a'.repeat(43), widget_session_id: 'not-a-uuid' }, 'widget_session_id'],
      [{ restore_token: 'a'.repeat(39), widget_session_id: randomUUID() }, 'restore_token'],
      [{ restore_token: 'a'.repeat(51), widget_session_id: randomUUID() }, 'restore_token'],
    ];
    for (const [body, fieldName] of cases) {
      const answer = await ctx.api.widget.redeem(body);
      assert.equal(answer.status, 400);
      assert.ok(fieldName in answer.body.details);
    }
  });

  it('allows 10 redeems a minute per client; the 11th is a 429 with Retry-After', async () => {
    for (let i = 0; i < 10; i++) {
      assert.equal(
        (await ctx.api.widget.redeem({ restore_token: `guess-${i}`.padEnd(43, 'x'), widget_session_id: randomUUID() })).status,
        200,
      );
    }
    const limited = await ctx.api.widget.redeem({ restore_token: 'guess-10'.padEnd(43, 'x'), widget_session_id: randomUUID() });
    assert.equal(limited.status, 429);
    assert.ok(Number(limited.headers.get('retry-after')) >= 1);
    await ctx.api.dev.advanceClock(60_000);
    assert.equal(
      (await ctx.api.widget.redeem({ restore_token: 'guess-11'.padEnd(43, 'x'), widget_session_id: randomUUID() })).status,
      200,
    );
  });
});

describe('restore by email: what is stored', () => {
  it('keeps only a SHA-256 hash of the token (the --data file never holds it outside the dev mailbox)', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'support-chat-restore-'));
    const file = join(dir, 'state.json');
    const server = await spawnServer(['--port', '0', '--data', file, '--allowed-domains', 'shop.example']);
    try {
      const api = client(server.url);
      await api.widget.send({
        message: 'hi',
        ticket_id: null,
        widget_session_id: randomUUID(),
        traits: { email: 'ada@example.com' },
      });
      await api.widget.restoreRequest({ email: 'ada@example.com', request_url: 'https://shop.example/' });
      const token = new URL((await api.dev.mailbox()).body[0].link).searchParams.get('ph_conv_restore')!;
      await server.stop();

      const saved = JSON.parse(readFileSync(file, 'utf8'));
      assert.equal(saved.restoreTokens.length, 1);
      assert.equal(saved.restoreTokens[0].token_hash, createHash('sha256').update(token).digest('hex'));
      const { mailbox, ...rest } = saved;
      assert.ok(mailbox.length === 1);
      assert.ok(!JSON.stringify(rest).includes(token), 'the raw token is nowhere but in the mailed link');
    } finally {
      await server.stop();
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
