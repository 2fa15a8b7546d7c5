import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { TEAM, TOKEN, WIDGET, client } from './helpers/api.js';
import { spawnServer } from './helpers/spawn-server.js';
import { lastIdOf, openStream } from './helpers/sse.js';

/**
 * The live streams across the standalone server's life: a stop ends every stream and the
 * process exits promptly; a restart with --data keeps ids increasing, so an old
 * Last-Event-ID gets `reset` (or what it missed), never a silent gap. And the production
 * flavour has none of it.
 */

const streamUrl = (base: string, sessionId: string) =>
  `${base}${WIDGET}/stream?token=${TOKEN}&widget_session_id=${sessionId}&distinct_id=${sessionId}`;

describe('live streams across a stop and a restart', () => {
  it('SIGTERM ends every open stream cleanly and the process exits promptly', async () => {
    const server = await spawnServer(['--port', '0']);
    try {
      const widget = await openStream(streamUrl(server.url, randomUUID()));
      const live = await openStream(`${server.url}${TEAM}/live`, { Authorization: 'Bearer demo-api-key' });
      await widget.next((i) => i.kind === 'retry');
      await live.next((i) => i.kind === 'retry');
      const exited = new Promise<number | null>((resolve) => server.process.once('exit', (code) => resolve(code)));
      const started = Date.now();
      server.process.kill('SIGTERM');
      await widget.ended(1500);
      await live.ended(1500);
      assert.equal(await exited, 0);
      assert.ok(Date.now() - started < 1500, `exited after ${Date.now() - started} ms`);
    } finally {
      await server.stop();
    }
  });

  it('with --data, ids keep increasing across a restart and an old Last-Event-ID gets reset', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'support-chat-live-'));
    const file = join(dir, 'state.json');
    try {
      const sessionId = randomUUID();
      let server = await spawnServer(['--port', '0', '--data', file]);
      const api = client(server.url);
      const sent = await api.widget.send({ message: 'Before the restart', ticket_id: null, widget_session_id: sessionId });
      const stream = await openStream(streamUrl(server.url, sessionId));
      await stream.next((i) => i.kind === 'event' && i.event === '');
      await api.team.reply(sent.body.ticket_id, { content: 'one' });
      await api.team.reply(sent.body.ticket_id, { content: 'two' });
      await stream.next((i) => i.kind === 'event' && i.data.includes('"two"'));
      await stream.nextEvent('ticket');
      const lastBefore = Number(lastIdOf(stream));
      await server.stop();
      await stream.ended();

      server = await spawnServer(['--port', '0', '--data', file]);
      try {
        const again = client(server.url);
        await again.team.reply(sent.body.ticket_id, { content: 'after the restart' });
        const resumed = await openStream(streamUrl(server.url, sessionId), { 'Last-Event-ID': String(lastBefore) });
        const first = await resumed.nextEvent();
        assert.equal(first.event, 'reset', 'the new process cannot know what was missed: reset, not silence');
        assert.ok(Number(first.id) > lastBefore, `${first.id} > ${lastBefore}`);
        await again.team.reply(sent.body.ticket_id, { content: 'live again' });
        const next = await resumed.nextEvent('message');
        assert.ok(Number(next.id) > Number(first.id));
        resumed.close();
      } finally {
        await server.stop();
      }
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('the posthog flavour has no stream and no typing', () => {
  it('answers 404 to both streams and both typing endpoints', async () => {
    const server = await spawnServer(['--port', '0', '--flavor', 'posthog']);
    try {
      const api = client(server.url, { flavor: 'posthog' });
      const sessionId = randomUUID();
      const sent = await api.widget.send({ message: 'Hi', ticket_id: null, widget_session_id: sessionId });
      assert.equal((await openStream(streamUrl(server.url, sessionId))).status, 404);
      assert.equal((await openStream(`${server.url}${TEAM}/live`, { Authorization: 'Bearer demo-api-key' })).status, 404);
      assert.equal(
        (await api.widget.typing({ ticket_id: sent.body.ticket_id, typing: true, widget_session_id: sessionId })).status,
        404,
      );
      assert.equal((await api.team.typing(sent.body.ticket_id, { typing: true })).status, 404);
      assert.equal((await api.widget.capabilities()).status, 404);
    } finally {
      await server.stop();
    }
  });
});
