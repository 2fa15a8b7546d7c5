import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { ATTACHMENTS_CAPABILITY } from '../../contract/attachments.js';
import { anonymous } from './helpers/anonymous.js';
import { download, JPEG, PDF, PNG, teamUpload, TEXT, widgetUpload } from './helpers/attachments.js';
import { useServer } from './helpers/server-suite.js';

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

  it('takes JPEG and text files too', async () => {
    const me = anonymous();
    assert.equal((await widgetUpload(ctx.server.url, me, JPEG, { type: 'image/jpeg', filename: 'a.jpg' })).status, 201);
    assert.equal((await widgetUpload(ctx.server.url, me, TEXT, { type: 'text/csv', filename: 'orders.csv' })).status, 201);
  });
});
