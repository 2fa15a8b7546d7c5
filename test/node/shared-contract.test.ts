import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { after, before, describe, it } from 'node:test';
import { setupServer } from 'msw/node';
import { MAX_EMAIL_LENGTH, MAX_MESSAGE_LENGTH, RATE_LIMITS, RATING, RESTORE_TOKEN_LENGTH } from '../../contract/limits.js';
import { AUTHOR_TYPES, CONVERSATION_EVENTS, RESTORE_CODES, RESTORE_PARAM, TICKET_STATUSES } from '../../contract/names.js';
import { codePoints, fitsMessageLimit, isEmail, messageLength, normaliseEmailAddress } from '../../contract/text.js';
import { createHandlers } from '../../mock-server/handlers/index.js';
import { Store } from '../../mock-server/store.js';
import { DEFAULT_RESTORE_PARAM } from '../../src/client/restore.js';
import {
  MAX_MESSAGE_LENGTH as CLIENT_MAX_MESSAGE_LENGTH,
  isEmail as clientIsEmail,
  normaliseEmail,
} from '../../src/client/visitor-input.js';
import { client } from './helpers/api.js';

/** An address of exactly `length` characters. */
const emailOf = (length: number) => `${'a'.repeat(length - '@example.com'.length)}@example.com`;

describe('contract/: the helpers', () => {
  it('counts a message in code points after trimming, so an emoji is one character', () => {
    assert.equal(codePoints('😀'), 1);
    assert.equal(messageLength('  😀a\n'), 2);
    assert.equal(messageLength('👩‍👩‍👧'), 5, 'a family emoji is five code points (three people, two joiners)');
    assert.equal(fitsMessageLimit('😀'.repeat(MAX_MESSAGE_LENGTH)), true, '20,000 UTF-16 units, 10,000 characters');
    assert.equal(fitsMessageLimit('😀'.repeat(MAX_MESSAGE_LENGTH + 1)), false);
    assert.equal(fitsMessageLimit(`  ${'a'.repeat(MAX_MESSAGE_LENGTH)}  `), true, 'white space around does not count');
  });

  it('takes an email address of up to 254 characters', () => {
    assert.equal(MAX_EMAIL_LENGTH, 254);
    assert.equal(isEmail(emailOf(254)), true);
    assert.equal(isEmail(emailOf(255)), false);
    for (const bad of ['', 'mia', 'mia@example', 'mia @example.com', '@example.com', 'mia@@example.com'])
      assert.equal(isEmail(bad), false, bad);
    assert.equal(normaliseEmailAddress('  Mia@Example.COM '), 'mia@example.com');
  });

  it('names what REFERENCE-API.md names', () => {
    assert.deepEqual([...TICKET_STATUSES], ['new', 'open', 'pending', 'on_hold', 'resolved']);
    assert.ok(AUTHOR_TYPES.includes('support'), 'team replies of a production backend');
    assert.equal(RESTORE_PARAM, 'ph_conv_restore');
    assert.deepEqual(Object.values(RESTORE_CODES).sort(), [
      'migration_failed',
      'token_already_used',
      'token_expired',
      'token_invalid',
    ]);
    assert.deepEqual(RATE_LIMITS.restoreRequest, { max: 3, windowMs: 3_600_000 });
    assert.deepEqual(RATING, { minScore: 1, maxScore: 5, maxCommentLength: 1000 });
    assert.equal(CONVERSATION_EVENTS.length, 6);
  });
});

describe('contract/: the widget and the reference server apply the same rules', () => {
  const server = setupServer(...createHandlers(new Store()));
  const api = client('http://in-process.test');
  before(() => server.listen({ onUnhandledRequest: 'error' }));
  after(() => server.close());

  it('the client exports the contract values, not copies', () => {
    assert.equal(CLIENT_MAX_MESSAGE_LENGTH, MAX_MESSAGE_LENGTH);
    assert.equal(clientIsEmail, isEmail);
    assert.equal(DEFAULT_RESTORE_PARAM, RESTORE_PARAM);
  });

  it('a 255-character email: refused by the client and by the server; 254 taken by both', async () => {
    assert.throws(() => normaliseEmail(emailOf(255)), RangeError);
    const refused = await api.widget.restoreRequest({ email: emailOf(255), request_url: 'http://localhost/help' });
    assert.equal(refused.status, 400);
    assert.ok(refused.body.details.email);

    assert.equal(normaliseEmail(` ${emailOf(254).toUpperCase()} `), emailOf(254));
    const taken = await api.widget.restoreRequest({ email: emailOf(254), request_url: 'http://localhost/help' });
    assert.equal(taken.status, 200);
  });

  it('a message of 10,000 emoji: within the limit for both; one more is over it for both', async () => {
    const session = randomUUID();
    for (const [message, fits] of [
      ['😀'.repeat(MAX_MESSAGE_LENGTH), true],
      ['😀'.repeat(MAX_MESSAGE_LENGTH + 1), false],
    ] as const) {
      assert.equal(fitsMessageLimit(message), fits);
      const answer = await api.widget.send({ message, ticket_id: null, widget_session_id: session });
      assert.equal(answer.status, fits ? 200 : 400);
    }
  });

  it("the server's restore tokens are as long as the contract allows, in the link parameter the widget reads", async () => {
    const session = randomUUID();
    await api.widget.send({ message: 'Hi', ticket_id: null, widget_session_id: session, traits: { email: 'mia@example.com' } });
    await api.widget.restoreRequest({ email: 'mia@example.com', request_url: 'http://localhost/help' });
    const token = new URL((await api.dev.mailbox()).body.at(-1).link).searchParams.get(DEFAULT_RESTORE_PARAM)!;
    assert.ok(token.length >= RESTORE_TOKEN_LENGTH.min && token.length <= RESTORE_TOKEN_LENGTH.max, `${token.length} characters`);
    const used = await api.widget.redeem({ restore_token: token, widget_session_id: randomUUID() });
    assert.equal(used.body.status, 'success');
    const again = await api.widget.redeem({ restore_token: token, widget_session_id: randomUUID() });
    assert.deepEqual(again.body, { status: 'used', code: RESTORE_CODES.used });
  });
});
