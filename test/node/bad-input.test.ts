import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { describe, it } from 'node:test';
import { snapshot, TEAM, WIDGET, withRawValue } from './helpers/api.js';
import { PNG, teamUpload, upload, WIDGET_UPLOAD, widgetUpload } from './helpers/attachments.js';
import { identity } from './helpers/identity.js';
import { useServer } from './helpers/server-suite.js';

/**
 * Hostile and clumsy input on every field: always a clear 4xx naming what is wrong (never a
 * 500: the client helper fails any 5xx), and nothing stored by a request that was refused.
 */
const ctx = useServer();
const widgetHeaders = { 'X-Conversations-Token': 'demo-widget-token' };
/** A restore must come from a page (Origin) on an allowed domain. */
const pageHeaders = { ...widgetHeaders, Origin: 'http://localhost' };
const teamHeaders = { Authorization: 'Bearer demo-api-key' };

/** Text that must be stored and returned exactly as sent. */
const UNICODE = [
  '👩‍👩‍👧 family',
  'e\u0301 combining',
  'مرحبا بالعالم',
  '中文 テスト',
  '𝔘𝔫𝔦𝔠𝔬𝔡𝔢',
  'zero\u200dwidth',
  '<script>alert(1)</script>',
];
/** Text that cannot be stored: control characters and lone surrogates (as JSON escapes). */
const BAD_TEXT = [
  { label: 'NUL', json: '"a\\u0000b"' },
  { label: 'BEL', json: '"a\\u0007b"' },
  { label: 'ESC', json: '"a\\u001bb"' },
  { label: 'DEL', json: '"a\\u007fb"' },
  { label: 'lone high surrogate', json: '"a\\ud800b"' },
  { label: 'lone low surrogate', json: '"a\\udc00b"' },
];

/** Every text field of every writing endpoint: the body around it, and the field named in `details`. */
async function textFields() {
  const session = randomUUID();
  const own = await ctx.api.widget.send({ message: 'mine', ticket_id: null, widget_session_id: session });
  const ticketId = own.body.ticket_id;
  const base = { message: 'hi', ticket_id: null, widget_session_id: session, distinct_id: session };
  return [
    { path: `${WIDGET}/message`, method: 'POST', headers: widgetHeaders, body: base, at: ['message'], field: 'message' },
    {
      path: `${WIDGET}/message`,
      method: 'POST',
      headers: widgetHeaders,
      body: { ...base, traits: {} },
      at: ['traits', 'name'],
      field: 'traits.name',
    },
    {
      path: `${WIDGET}/message`,
      method: 'POST',
      headers: widgetHeaders,
      body: { ...base, traits: {} },
      at: ['traits', 'email'],
      field: 'traits.email',
    },
    { path: `${WIDGET}/message`, method: 'POST', headers: widgetHeaders, body: base, at: ['distinct_id'], field: 'distinct_id' },
    {
      path: `${WIDGET}/message`,
      method: 'POST',
      headers: widgetHeaders,
      body: { ...base, session_context: {} },
      at: ['session_context', 'current_url'],
      field: 'session_context.current_url',
    },
    {
      path: `${WIDGET}/message`,
      method: 'POST',
      headers: widgetHeaders,
      body: { message: 'hi', ticket_id: null, identity_hash: identity('x').identity_hash },
      at: ['identity_distinct_id'],
      field: 'identity_distinct_id',
    },
    {
      path: `${WIDGET}/restore/request`,
      method: 'POST',
      headers: pageHeaders,
      body: { request_url: 'http://localhost/' },
      at: ['email'],
      field: 'email',
    },
    {
      path: `${WIDGET}/restore/request`,
      method: 'POST',
      headers: pageHeaders,
      body: { email: 'a@example.com' },
      at: ['request_url'],
      field: 'request_url',
    },
    {
      path: `${WIDGET}/restore`,
      method: 'POST',
      headers: pageHeaders,
      body: { widget_session_id: session },
      at: ['restore_token'],
      field: 'restore_token',
    },
    {
      path: `${WIDGET}/restore`,
      method: 'POST',
      headers: pageHeaders,
      body: { restore_token: 'a'.repeat(43), widget_session_id: session },
      at: ['distinct_id'],
      field: 'distinct_id',
    },
    {
      path: `${TEAM}/tickets/${ticketId}/messages`,
      method: 'POST',
      headers: teamHeaders,
      body: {},
      at: ['content'],
      field: 'content',
    },
    {
      path: `${TEAM}/tickets/${ticketId}/messages`,
      method: 'POST',
      headers: teamHeaders,
      body: { content: 'x' },
      at: ['author_name'],
      field: 'author_name',
    },
    {
      path: `${TEAM}/tickets/${ticketId}`,
      method: 'PATCH',
      headers: teamHeaders,
      body: { tags: ['ok'] },
      at: ['tags', '1'],
      field: 'tags[1]',
    },
    {
      path: `${TEAM}/tickets/${ticketId}`,
      method: 'PATCH',
      headers: teamHeaders,
      body: { assignee: { type: 'user' } },
      at: ['assignee', 'id'],
      field: 'assignee.id',
    },
    {
      path: `${TEAM}/tickets`,
      method: 'POST',
      headers: teamHeaders,
      body: { anonymous_traits: {} },
      at: ['anonymous_traits', 'name'],
      field: 'anonymous_traits.name',
    },
    { path: `${TEAM}/tickets`, method: 'POST', headers: teamHeaders, body: {}, at: ['distinct_id'], field: 'distinct_id' },
  ];
}

describe('bad input: text fields', () => {
  it('refuses control characters and lone surrogates in every text field with 400 naming it, storing nothing', async () => {
    const fields = await textFields();
    const before = await snapshot(ctx.api);
    for (const f of fields) {
      for (const bad of BAD_TEXT) {
        const answer = await ctx.api.call(f.method, f.path, { raw: withRawValue(f.body, f.at, bad.json), headers: f.headers });
        assert.equal(answer.status, 400, `${f.field} with ${bad.label}: ${JSON.stringify(answer.body)}`);
        assert.ok(
          f.field in (answer.body.details ?? {}),
          `${f.field} with ${bad.label} is named: ${JSON.stringify(answer.body)}`,
        );
      }
    }
    assert.deepEqual(await snapshot(ctx.api), before);
  });

  it('stores and returns any valid Unicode exactly, in messages, names, notes and tags', async () => {
    const session = randomUUID();
    let ticketId: string | null = null;
    for (const text of UNICODE) {
      const sent = await ctx.api.widget.send({
        message: text,
        ticket_id: ticketId,
        widget_session_id: session,
        traits: { name: text },
      });
      assert.equal(sent.status, 200, text);
      ticketId = sent.body.ticket_id;
      assert.equal((await ctx.api.team.reply(ticketId!, { content: text, author_name: text })).status, 201);
    }
    const polled = (await ctx.api.widget.messages(ticketId!, { widget_session_id: session })).body.messages;
    assert.deepEqual(
      polled.filter((m: { author_type: string }) => m.author_type === 'customer').map((m: { content: string }) => m.content),
      UNICODE,
    );
    assert.deepEqual(
      polled
        .filter((m: { author_type: string }) => m.author_type === 'support')
        .map((m: { author_name: string }) => m.author_name),
      UNICODE,
    );
    const updated = await ctx.api.team.update(ticketId!, { tags: UNICODE });
    assert.deepEqual(updated.body.tags, UNICODE);
    assert.equal(updated.body.customer_name, UNICODE.at(-1));
    const found = await ctx.api.team.tickets({ search: 'مرحبا' });
    assert.equal(found.body.count, 1);
  });

  it('keeps tabs and line breaks in messages, but not in single-line fields', async () => {
    const session = randomUUID();
    const sent = await ctx.api.widget.send({ message: 'line 1\n\tline 2\r\n', ticket_id: null, widget_session_id: session });
    const [message] = (await ctx.api.widget.messages(sent.body.ticket_id, { widget_session_id: session })).body.messages;
    assert.equal(message.content, 'line 1\n\tline 2');
    const newlineName = await ctx.api.team.reply(sent.body.ticket_id, { content: 'x', author_name: 'Ada\nBo' });
    assert.equal(newlineName.status, 400);
    assert.ok(newlineName.body.details.author_name);
  });

  it('counts the 10,000-character limit in characters (code points), after trimming', async () => {
    const session = randomUUID();
    const emoji = await ctx.api.widget.send({ message: '😀'.repeat(10_000), ticket_id: null, widget_session_id: session });
    assert.equal(emoji.status, 200, '10,000 emoji are 20,000 UTF-16 units but 10,000 characters');
    const padded = await ctx.api.widget.send({
      message: `  ${'a'.repeat(10_000)}  `,
      ticket_id: null,
      widget_session_id: session,
    });
    assert.equal(padded.status, 200);
    const before = await snapshot(ctx.api);
    for (const message of ['a'.repeat(10_001), '', '   \n\t ']) {
      const answer = await ctx.api.widget.send({ message, ticket_id: null, widget_session_id: session });
      assert.equal(answer.status, 400);
      assert.ok(answer.body.details.message);
    }
    assert.deepEqual(await snapshot(ctx.api), before);
  });
});

describe('bad input: types, JSON and size', () => {
  it('refuses wrong types with 400 naming the field', async () => {
    const session = randomUUID();
    const base = { message: 'hi', ticket_id: null, widget_session_id: session };
    const cases: Array<[Record<string, unknown>, string]> = [
      [{ ...base, message: 42 }, 'message'],
      [{ ...base, message: null }, 'message'],
      [{ ...base, message: ['hi'] }, 'message'],
      [{ ...base, message: { text: 'hi' } }, 'message'],
      [{ ...base, ticket_id: 123 }, 'ticket_id'],
      [{ ...base, ticket_id: 'not-a-uuid' }, 'ticket_id'],
      [{ ...base, traits: 'Ada' }, 'traits'],
      [{ ...base, traits: ['Ada'] }, 'traits'],
      [{ ...base, session_context: 5 }, 'session_context'],
      [{ ...base, client_message_id: 'abc' }, 'client_message_id'],
      [{ ...base, client_message_id: 7 }, 'client_message_id'],
      [{ ...base, distinct_id: { id: 1 } }, 'distinct_id'],
      [{ ...base, distinct_id: 'd'.repeat(401) }, 'distinct_id'],
      [{ ...base, widget_session_id: 123 }, 'widget_session_id'],
      [{ ...base, widget_session_id: '' }, 'widget_session_id'],
      [{ ...base, widget_session_id: `${session}x` }, 'widget_session_id'],
      [{ ...base, attachment_ids: 'abc' }, 'attachment_ids'],
      [{ ...base, attachment_ids: {} }, 'attachment_ids'],
      [{ ...base, attachment_ids: [7] }, 'attachment_ids'],
      [{ ...base, attachment_ids: ['not-a-uuid'] }, 'attachment_ids'],
      [{ ...base, attachment_ids: Array.from({ length: 6 }, () => randomUUID()) }, 'attachment_ids'],
      [{ ...base, attachment_ids: [randomUUID()] }, 'attachment_ids'],
      [{ ...base, message: '', attachment_ids: [] }, 'message'],
    ];
    const before = await snapshot(ctx.api);
    for (const [body, fieldName] of cases) {
      const answer = await ctx.api.widget.send(body);
      assert.equal(answer.status, 400, JSON.stringify(body).slice(0, 100));
      assert.ok(fieldName in answer.body.details, `${JSON.stringify(answer.body)} names ${fieldName}`);
    }
    const markRead = await ctx.api.widget.markRead(randomUUID(), { widget_session_id: 5 });
    assert.equal(markRead.status, 400);
    assert.deepEqual(await snapshot(ctx.api), before);
  });

  it('refuses bad query parameters with 400 naming them', async () => {
    const session = randomUUID();
    const { body } = await ctx.api.widget.send({ message: 'hi', ticket_id: null, widget_session_id: session });
    const cases: Array<[Promise<{ status: number; body: any }>, string]> = [
      [ctx.api.widget.messages(body.ticket_id, { widget_session_id: session, after: 'yesterday' }), 'after'],
      [ctx.api.widget.messages(body.ticket_id, { widget_session_id: session, limit: 0 }), 'limit'],
      [ctx.api.widget.messages(body.ticket_id, { widget_session_id: session, limit: 501 }), 'limit'],
      [ctx.api.widget.messages(body.ticket_id, { widget_session_id: session, limit: '1e3' }), 'limit'],
      [ctx.api.widget.tickets({ widget_session_id: session, status: 'closed' }), 'status'],
      [ctx.api.widget.tickets({ widget_session_id: session, offset: -1 }), 'offset'],
      [ctx.api.widget.tickets({ widget_session_id: session, limit: 'all' }), 'limit'],
      [ctx.api.widget.tickets({ widget_session_id: 'x' }), 'widget_session_id'],
      [ctx.api.team.tickets({ search: 's'.repeat(201) }), 'search'],
      [ctx.api.team.events({ after: 'soon' }), 'after'],
      [ctx.api.team.events({ ticket_id: 'abc' }), 'ticket_id'],
    ];
    for (const [pending, fieldName] of cases) {
      const answer = await pending;
      assert.equal(answer.status, 400, fieldName);
      assert.ok(fieldName in answer.body.details, `${JSON.stringify(answer.body)} names ${fieldName}`);
    }
  });

  it('answers 400 to malformed JSON, or JSON that is not an object, on every writing endpoint', async () => {
    const ticketId = randomUUID();
    // The team's endpoints on a ticket, and on settings, need them to exist (else 404 first).
    const own = (await ctx.api.widget.send({ message: 'mine', ticket_id: null, widget_session_id: randomUUID() })).body.ticket_id;
    const canned = (
      await ctx.api.call('POST', `${TEAM}/canned_responses`, {
        body: { title: 't', shortcut: '/t', content: 'c' },
        headers: teamHeaders,
      })
    ).body.id;
    const endpoints: Array<[string, string, Record<string, string>]> = [
      ['POST', `${WIDGET}/message`, widgetHeaders],
      ['POST', `${WIDGET}/messages/${ticketId}/read`, widgetHeaders],
      ['POST', `${WIDGET}/restore/request`, pageHeaders],
      ['POST', `${WIDGET}/restore`, pageHeaders],
      ['POST', `${WIDGET}/tickets/${own}/rating`, widgetHeaders],
      ['POST', `${TEAM}/tickets`, teamHeaders],
      ['POST', `${TEAM}/tickets/${own}/assign`, teamHeaders],
      ['POST', `${TEAM}/tickets/${own}/tags`, teamHeaders],
      ['POST', `${TEAM}/tickets/${own}/reply`, teamHeaders],
      ['POST', `${TEAM}/views`, teamHeaders],
      ['POST', `${TEAM}/canned_responses`, teamHeaders],
      ['PATCH', `${TEAM}/canned_responses/${canned}`, teamHeaders],
      ['POST', `${TEAM}/canned_responses/${canned}/render`, teamHeaders],
      ['POST', `${TEAM}/webhooks`, teamHeaders],
      ['POST', `${TEAM}/automations`, teamHeaders],
      ['POST', '/api/_dev/chaos', {}],
      ['POST', '/api/_dev/clock', {}],
    ];
    const before = await snapshot(ctx.api);
    for (const [method, path, headers] of endpoints) {
      for (const raw of ['{', '', '{"message": "hi",}', "{'a': 1}", 'null', '[]', '"text"', '42', '\u0000']) {
        const answer = await ctx.api.call(method, path, { raw, headers });
        assert.equal(answer.status, 400, `${method} ${path} with ${JSON.stringify(raw)}`);
        assert.ok(answer.body.error);
      }
    }
    assert.deepEqual(await snapshot(ctx.api), before);
  });

  it('reads bytes that are not UTF-8 as replacement characters, never as a 500', async () => {
    const session = randomUUID();
    const body = Buffer.concat([
      Buffer.from(`{"message":"`),
      Buffer.from([0xff, 0xfe, 0xc3]),
      Buffer.from(`","ticket_id":null,"widget_session_id":"${session}","distinct_id":"${session}"}`),
    ]);
    const response = await fetch(`${ctx.server.url}${WIDGET}/message`, {
      method: 'POST',
      headers: { ...widgetHeaders, 'Content-Type': 'application/json' },
      body,
    });
    assert.equal(response.status, 200);
    const { ticket_id } = await response.json();
    const [message] = (await ctx.api.widget.messages(ticket_id, { widget_session_id: session })).body.messages;
    assert.match(message.content, /^\uFFFD+$/);
  });

  it('answers 413 to a body over 1 MB and stores nothing', async () => {
    const before = await snapshot(ctx.api);
    const huge = JSON.stringify({ message: 'x'.repeat(2_000_000), ticket_id: null, widget_session_id: randomUUID() });
    const answer = await ctx.api.call('POST', `${WIDGET}/message`, { raw: huge, headers: widgetHeaders });
    assert.equal(answer.status, 413);
    const hugeTraits = JSON.stringify({
      message: 'x',
      ticket_id: null,
      widget_session_id: randomUUID(),
      traits: { bio: 'y'.repeat(1_100_000) },
    });
    assert.equal((await ctx.api.call('POST', `${WIDGET}/message`, { raw: hugeTraits, headers: widgetHeaders })).status, 413);
    const deep = '['.repeat(400_000) + ']'.repeat(400_000);
    assert.equal((await ctx.api.call('POST', `${TEAM}/tickets`, { raw: deep, headers: teamHeaders })).status, 400);
    assert.deepEqual(await snapshot(ctx.api), before);
  });

  it('survives odd paths: encoded control characters, very long ids', async () => {
    const session = randomUUID();
    for (const id of ['%00', '..%2F..%2Fetc', 'a'.repeat(5000), '%F0%9F%98%80']) {
      const answer = await ctx.api.call('GET', `${WIDGET}/messages/${id}`, {
        query: { widget_session_id: session },
        headers: widgetHeaders,
      });
      assert.equal(answer.status, 404, id.slice(0, 20));
      const team = await ctx.api.call('GET', `${TEAM}/tickets/${id}`, { headers: teamHeaders });
      assert.equal(team.status, 404, id.slice(0, 20));
    }
  });
});

describe('bad input: attachments', () => {
  it('answers 403, never a 500, to odd download paths and queries', async () => {
    const sig = 'a'.repeat(64);
    for (const id of ['%00', '..%2F..%2Fetc%2Fpasswd', 'a'.repeat(5000), '%F0%9F%98%80', randomUUID()]) {
      for (const query of [
        { expires: '9999999999', signature: sig },
        { expires: '-1', signature: sig },
        { expires: '1e10' },
        {},
      ]) {
        const answer = await ctx.api.call('GET', `${WIDGET}/attachments/${id}`, { query });
        assert.equal(answer.status, 403, `${id.slice(0, 20)} ${JSON.stringify(query)}`);
      }
    }
  });

  it('refuses bad credential fields in an upload with 400 naming them, and keeps nothing', async () => {
    const session = randomUUID();
    const before = await snapshot(ctx.api);
    const cases: Array<[Record<string, string>, string]> = [
      [{ widget_session_id: 'x' }, 'widget_session_id'],
      [{ widget_session_id: `${session}\u0000` }, 'widget_session_id'],
      [{ identity_distinct_id: 'a\u0007b', identity_hash: 'f'.repeat(64) }, 'identity_distinct_id'],
      [{ identity_distinct_id: 'user', identity_hash: 'xyz' }, 'identity_hash'],
    ];
    for (const [fields, name] of cases) {
      const answer = await widgetUpload(ctx.server.url, fields, PNG);
      assert.equal(answer.status, 400, JSON.stringify(fields));
      assert.ok(name in answer.body.details, `${JSON.stringify(answer.body)} names ${name}`);
    }
    assert.deepEqual(await snapshot(ctx.api), before);
  });

  it('reads a file name that is not UTF-8 as replacement characters, never as a 500', async () => {
    const session = randomUUID();
    const boundary = 'b0undary';
    const head = Buffer.from(
      `--${boundary}\r\nContent-Disposition: form-data; name="widget_session_id"\r\n\r\n${session}\r\n` +
        `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="`,
    );
    const tail = Buffer.from(`.png"\r\nContent-Type: image/png\r\n\r\n`);
    const end = Buffer.from(`\r\n--${boundary}--\r\n`);
    const body = Buffer.concat([head, Buffer.from([0xff, 0xfe, 0xc3]), tail, Buffer.from(PNG), end]);
    const response = await fetch(new URL(WIDGET_UPLOAD, ctx.server.url), {
      method: 'POST',
      headers: { ...widgetHeaders, 'Content-Type': `multipart/form-data; boundary=${boundary}` },
      body,
    });
    assert.ok(response.status < 500, `answered ${response.status}`);
    const answer = (await response.json()) as { name?: string };
    if (response.status === 201) assert.match(answer.name!, /^\uFFFD+\.png$/);
  });

  it('refuses bad attachment_ids on team replies with 400 naming the field, and a bodiless upload', async () => {
    const { body } = await ctx.api.widget.send({ message: 'hi', ticket_id: null, widget_session_id: randomUUID() });
    for (const ids of ['x', [1], [randomUUID()], Array.from({ length: 6 }, () => randomUUID())]) {
      const answer = await ctx.api.team.reply(body.ticket_id, { content: 'x', attachment_ids: ids });
      assert.equal(answer.status, 400, JSON.stringify(ids));
      assert.ok('attachment_ids' in answer.body.details);
    }
    assert.equal((await ctx.api.team.reply(body.ticket_id, { content: '' })).status, 400);
    const none = await upload(ctx.server.url, `${TEAM}/tickets/${body.ticket_id}/attachments`, PNG, {
      headers: teamHeaders,
      type: '',
    });
    assert.equal(none.status, 415);
    const ok = await teamUpload(ctx.server.url, body.ticket_id, PNG);
    assert.equal(ok.status, 201);
  });
});
