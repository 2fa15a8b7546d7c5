import assert from 'node:assert/strict';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { anonymous } from './helpers/anonymous.js';
import { client } from './helpers/api.js';
import { download, PDF, PNG, teamUpload, widgetUpload } from './helpers/attachments.js';
import { spawnServer, type RunningServer } from './helpers/spawn-server.js';

// Attachments with --data: the bytes in FILE.files/, named by id only, kept across a
// restart and a kill -9 for every upload answered 201.

const killHard = (server: RunningServer) =>
  new Promise<void>((resolve) => {
    server.process.once('exit', () => resolve());
    server.process.kill('SIGKILL');
  });

const withDir = async (run: (dir: string) => Promise<void>) => {
  const dir = mkdtempSync(join(tmpdir(), 'support-chat-files-'));
  try {
    await run(dir);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
};

/** Every file under `dir`, as paths relative to it. */
const allFiles = (dir: string) =>
  readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((e) => e.isFile())
    .map((e) => join(e.parentPath, e.name).slice(dir.length + 1));

describe('--data: attachments on disk', () => {
  it('keeps the bytes under their ids only, and serves the same URLs after a restart', () =>
    withDir(async (dir) => {
      const file = join(dir, 'state.json');
      const me = anonymous();
      let server = await spawnServer(['--port', '0', '--data', file]);
      const nasty = await widgetUpload(server.url, me, PNG, { filename: '../../etc/passwd.png' });
      const other = await widgetUpload(server.url, me, PDF, { type: 'application/pdf', filename: '..\\evil.pdf' });
      assert.equal(nasty.status, 201);
      const sent = await client(server.url).widget.send({
        message: '',
        ticket_id: null,
        attachment_ids: [nasty.body.id, other.body.id],
        ...me,
      });
      assert.equal(sent.status, 200);
      assert.deepEqual(
        readdirSync(`${file}.files`).sort(),
        [nasty.body.id, other.body.id].sort(),
        'one file per id, nothing else',
      );
      assert.ok(!allFiles(dir).some((f) => /passwd|evil/.test(f)), `no raw name on disk: ${allFiles(dir).join(', ')}`);
      await server.stop();

      server = await spawnServer(['--port', '0', '--data', file]);
      try {
        // The key is saved with the data: a URL handed out before the restart still works (same port or not, the path is signed).
        const before = new URL(nasty.body.url);
        const got = await download(new URL(before.pathname + before.search, server.url).href);
        assert.equal(got.status, 200);
        assert.deepEqual(got.bytes, PNG);
        const thread = await client(server.url).widget.messages(sent.body.ticket_id, me);
        assert.deepEqual(
          thread.body.messages[0].attachments.map((a: { name: string }) => a.name),
          ['....etcpasswd.png', '..evil.pdf'],
        );
        assert.deepEqual((await download(thread.body.messages[0].attachments[1].url)).bytes, PDF);
      } finally {
        await server.stop();
      }
    }));

  it('keeps every upload answered 201, and the send that took it, across kill -9', () =>
    withDir(async (dir) => {
      const file = join(dir, 'state.json');
      const me = anonymous();
      let server = await spawnServer(['--port', '0', '--data', file]);
      const kept = await widgetUpload(server.url, me, PNG);
      const sentWith = await widgetUpload(server.url, me, PDF, { type: 'application/pdf', filename: 'a.pdf' });
      const sent = await client(server.url).widget.send({
        message: 'x',
        ticket_id: null,
        attachment_ids: [sentWith.body.id],
        ...me,
      });
      assert.equal(sent.status, 200);
      await killHard(server);

      server = await spawnServer(['--port', '0', '--data', file]);
      try {
        const api = client(server.url);
        // The upload answered before the crash can still be sent, once.
        const later = await api.widget.send({
          message: '',
          ticket_id: sent.body.ticket_id,
          attachment_ids: [kept.body.id],
          ...me,
        });
        assert.equal(later.status, 200);
        // The one already sent is still taken.
        const again = await api.widget.send({
          message: '',
          ticket_id: sent.body.ticket_id,
          attachment_ids: [sentWith.body.id],
          ...me,
        });
        assert.equal(again.status, 400);
        const thread = await api.widget.messages(sent.body.ticket_id, me);
        const urls = thread.body.messages.map((m: { attachments: Array<{ url: string }> }) => m.attachments[0].url);
        assert.deepEqual((await download(urls[0])).bytes, PDF);
        assert.deepEqual((await download(urls[1])).bytes, PNG);
      } finally {
        await server.stop();
      }
    }));

  it('removes the files of a deleted ticket, and all of them on reset', () =>
    withDir(async (dir) => {
      const file = join(dir, 'state.json');
      const me = anonymous();
      const server = await spawnServer(['--port', '0', '--data', file]);
      try {
        const api = client(server.url);
        const sent = await api.widget.send({ message: 'x', ticket_id: null, ...me });
        const up = await teamUpload(server.url, sent.body.ticket_id, PNG);
        await api.team.reply(sent.body.ticket_id, { content: '', attachment_ids: [up.body.id] });
        const loose = await widgetUpload(server.url, me, PNG);
        assert.deepEqual(readdirSync(`${file}.files`).sort(), [up.body.id, loose.body.id].sort());
        assert.equal((await api.team.remove(sent.body.ticket_id)).status, 204);
        assert.deepEqual(readdirSync(`${file}.files`), [loose.body.id]);
        assert.equal((await download(up.body.url)).status, 404);
        await api.dev.reset();
        assert.deepEqual(readdirSync(`${file}.files`), []);
        assert.equal((await download(loose.body.url)).status, 404);
      } finally {
        await server.stop();
      }
    }));

  it('keeps nothing of a refused upload: no file, no record in the journal', () =>
    withDir(async (dir) => {
      const file = join(dir, 'state.json');
      const me = anonymous();
      const server = await spawnServer(['--port', '0', '--data', file]);
      try {
        const big = new Uint8Array(10_485_761);
        big.set(PNG);
        const answers = [
          await widgetUpload(server.url, me, PNG, { type: 'application/pdf', filename: 'x.pdf' }),
          await widgetUpload(server.url, me, new TextEncoder().encode('<svg onload="alert(1)"/>'), {
            type: 'image/svg+xml',
            filename: 'x.svg',
          }),
          await widgetUpload(server.url, me, big),
          await widgetUpload(server.url, { widget_session_id: 'nope' }, PNG),
          await widgetUpload(server.url, me, PNG, { headers: { 'X-Conversations-Token': 'wrong' } }),
        ];
        assert.deepEqual(
          answers.map((a) => a.status),
          [415, 415, 413, 400, 403],
        );
        const files = allFiles(dir).filter((f) => f.startsWith('state.json.files'));
        assert.deepEqual(files, [], 'no bytes kept');
        assert.doesNotMatch(readFileSync(`${file}.journal`, 'utf8'), /"attachment"/, 'no record journaled');
        assert.deepEqual(JSON.parse(readFileSync(file, 'utf8')).attachments, []);
      } finally {
        await server.stop();
      }
    }));
});
