import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { setupServer } from 'msw/node';
import { cleanAttachmentName, MAX_ATTACHMENT_NAME_LENGTH } from '../../contract/attachments.js';
import { contentDisposition } from '../../mock-server/attachments/download.js';
import { IndexedDbBlobs } from '../../mock-server/attachments/indexeddb-blobs.js';
import { checkFileType } from '../../mock-server/attachments/file-type.js';
import { checkSignature, expiryFor, signedPath } from '../../mock-server/attachments/signed-url.js';
import { createHandlers } from '../../mock-server/handlers/index.js';
import { hmacSha256Hex } from '../../mock-server/lib/crypto.js';
import { hmacSha256HexSync, sha256 } from '../../mock-server/lib/hmac-sync.js';
import { Store } from '../../mock-server/store.js';
import { anonymous } from './helpers/anonymous.js';
import { client } from './helpers/api.js';
import { GIF, PDF, PNG, TEXT, WEBP, widgetUpload } from './helpers/attachments.js';

describe('attachment units', () => {
  it('signs with HMAC-SHA256 exactly as Web Crypto does, for keys and messages of every length class', async () => {
    for (const [key, message] of [
      ['demo', 'hello'],
      ['k'.repeat(64), ''],
      ['k'.repeat(65), 'm'.repeat(55)],
      ['é', 'm'.repeat(56)],
      ['s', 'm'.repeat(64)],
      ['s', 'm'.repeat(1000)],
    ]) {
      assert.equal(hmacSha256HexSync(key, message), await hmacSha256Hex(key, message), `${key.length}/${message.length}`);
    }
    const digest = await crypto.subtle.digest('SHA-256', new Uint8Array(200_000).fill(7));
    assert.deepEqual(sha256(new Uint8Array(200_000).fill(7)), new Uint8Array(digest));
  });

  it('signs URLs that expire one to two hours ahead, the same within the hour, and refuses any change', () => {
    const now = Date.parse('2026-01-01T10:20:00Z');
    const path = signedPath('secret', 'abc', now);
    const query = Object.fromEntries(new URL(path, 'http://x').searchParams);
    assert.equal(Number(query.expires), Date.parse('2026-01-01T12:00:00Z') / 1000);
    assert.equal(signedPath('secret', 'abc', now + 39 * 60_000), path, 'stable within the hour: images stay cached');
    assert.ok(expiryFor(now + 40 * 60_000) * 1000 - (now + 40 * 60_000) >= 3_600_000);
    assert.equal(checkSignature('secret', 'abc', query, now), 'ok');
    assert.equal(checkSignature('other', 'abc', query, now), 'forged');
    assert.equal(checkSignature('secret', 'abd', query, now), 'forged');
    assert.equal(checkSignature('secret', 'abc', { ...query, expires: String(Number(query.expires) + 1) }, now), 'forged');
    assert.equal(checkSignature('secret', 'abc', { expires: query.expires }, now), 'forged');
    assert.equal(checkSignature('secret', 'abc', query, Number(query.expires) * 1000), 'expired');
  });

  it('checks types against first bytes, names and markup', () => {
    const ok = (bytes: Uint8Array, type: string, name: string) =>
      assert.deepEqual(checkFileType(type, name, bytes), { type: type.split(';')[0].toLowerCase() }, `${type} ${name}`);
    const no = (bytes: Uint8Array, type: string, name: string) =>
      assert.ok('problem' in checkFileType(type, name, bytes), `${type} ${name}`);
    ok(PNG, 'image/png', 'a.png');
    ok(PNG, 'IMAGE/PNG', 'a.PNG');
    ok(GIF, 'image/gif', 'a.gif');
    ok(WEBP, 'image/webp', 'a.webp');
    ok(PDF, 'application/pdf', 'a.pdf');
    ok(TEXT, 'text/csv; charset=utf-8', 'a.csv');
    ok(TEXT, 'text/plain', 'passwd');
    ok(new TextEncoder().encode('a < b, and <bold> claims'), 'text/plain', 'notes.md');
    no(WEBP.subarray(0, 8), 'image/webp', 'a.webp');
    no(GIF, 'image/png', 'a');
    no(TEXT, 'image/svg+xml', 'a');
    no(TEXT, 'text/html', 'a');
    no(TEXT, 'text/plain', 'a.SVG');
    no(TEXT, 'text/plain', 'a.txt.html');
    no(new TextEncoder().encode('\uFEFF  <?xml version="1.0"?><svg/>'), 'text/plain', 'a.txt');
    no(new TextEncoder().encode('\n<script>alert(1)</script>'), 'text/plain', 'a.txt');
    no(new Uint8Array([0x61, 0, 0x62]), 'text/plain', 'a.txt');
  });

  it('cleans names: separators and controls out, 255 code points, a short extension kept', () => {
    assert.equal(cleanAttachmentName('a/b\\c\u0000\u001f\u007f\u009fd'), 'abcd');
    assert.equal(cleanAttachmentName('   '), 'file');
    assert.equal(cleanAttachmentName('\u202Egnp.exe'), '\u202Egnp.exe', 'bidi controls are text, shown verbatim');
    const long = cleanAttachmentName(`${'x'.repeat(400)}.pdf`);
    assert.equal(Array.from(long).length, MAX_ATTACHMENT_NAME_LENGTH);
    assert.ok(long.endsWith('.pdf'));
    assert.equal(Array.from(cleanAttachmentName('𝒳'.repeat(300))).length, MAX_ATTACHMENT_NAME_LENGTH);
  });

  it('writes Content-Disposition with an ASCII filename and the exact name in filename*', () => {
    assert.equal(contentDisposition('inline', 'a.png'), `inline; filename="a.png"; filename*=UTF-8''a.png`);
    assert.equal(
      contentDisposition('attachment', 'Grüße "x" 100%\'s (1).pdf'),
      `attachment; filename="Gr__e _x_ 100_'s (1).pdf"; filename*=UTF-8''Gr%C3%BC%C3%9Fe%20%22x%22%20100%25%27s%20%281%29.pdf`,
    );
    assert.doesNotMatch(contentDisposition('attachment', '日本語\u2028.txt'), /[^\x20-\x7e]/);
  });
});

describe('the browser runtime’s blob store', () => {
  it('keeps bytes in memory where there is no IndexedDB (as here, in Node), and still deletes and clears', async () => {
    assert.equal(typeof indexedDB, 'undefined');
    const blobs = new IndexedDbBlobs();
    await blobs.put('a', PNG);
    await blobs.put('b', PDF);
    assert.deepEqual(await blobs.get('a'), PNG);
    await blobs.delete(['a']);
    assert.equal(await blobs.get('a'), undefined);
    await blobs.clear();
    assert.equal(await blobs.get('b'), undefined);
  });
});

describe('attachments in the posthog flavour', () => {
  it('has none: no capability, the upload and download paths are 404s, attachment_ids is ignored', async () => {
    const server = setupServer(...createHandlers(new Store(), { flavor: 'posthog' }));
    server.listen({ onUnhandledRequest: 'error' });
    try {
      const base = 'http://in-process.test';
      const api = client(base, { flavor: 'posthog' });
      assert.equal((await api.widget.capabilities()).status, 404);
      const me = anonymous();
      const up = await widgetUpload(base, me, PNG, { check: false });
      assert.equal(up.status, 404);
      const sent = await api.widget.send({
        message: 'hi',
        ticket_id: null,
        attachment_ids: ['00000000-0000-4000-8000-000000000000'],
        ...me,
      });
      assert.equal(sent.status, 200);
      const thread = await api.widget.messages(sent.body.ticket_id, me);
      assert.equal(thread.body.messages[0].attachments, undefined);
      assert.equal((await api.widget.send({ message: '', ticket_id: null, attachment_ids: [], ...me })).status, 400);
    } finally {
      server.close();
    }
  });
});
