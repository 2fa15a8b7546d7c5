import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { anonymous } from './helpers/anonymous.js';
import { runServerCli, spawnServer, type RunningServer } from './helpers/spawn-server.js';

// Issue 11, item 6, from the unlucky visitor's side: a send the server answered 200 is a
// send the widget forgets; it must still be there after any crash.

const TOKEN = 'demo-widget-token';
const WIDGET = '/api/conversations/v1/widget';
const TEAM = '/api/projects/1/conversations';
const TEAM_AUTH = { Authorization: 'Bearer demo-api-key' };

function send(server: RunningServer, message: string, clientMessageId = randomUUID()) {
  return fetch(`${server.url}${WIDGET}/message`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', 'X-Conversations-Token': TOKEN },
    body: JSON.stringify({ message, ticket_id: null, ...anonymous(), client_message_id: clientMessageId }),
  });
}

async function storedMessages(server: RunningServer): Promise<Set<string>> {
  const tickets = await (await fetch(`${server.url}${TEAM}/tickets?limit=1000`, { headers: TEAM_AUTH })).json();
  const ids = new Set<string>();
  for (const t of tickets.results as { id: string }[]) {
    const messages = await (await fetch(`${server.url}${TEAM}/tickets/${t.id}/messages`, { headers: TEAM_AUTH })).json();
    for (const m of messages.results as { id: string }[]) ids.add(m.id);
  }
  return ids;
}

const killHard = (server: RunningServer) =>
  new Promise<void>((resolve) => {
    server.process.once('exit', () => resolve());
    server.process.kill('SIGKILL');
  });

const withDir = async (run: (dir: string) => Promise<void>) => {
  const dir = mkdtempSync(join(tmpdir(), 'support-chat-durable-'));
  try {
    await run(dir);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
};

describe('--data: no acknowledged write is lost', () => {
  it('keeps every send answered 200 across kill -9, even those answered the moment before', () =>
    withDir(async (dir) => {
      const file = join(dir, 'state.json');
      const acknowledged = new Set<string>();
      for (let life = 0; life < 3; life++) {
        const server = await spawnServer(['--port', '0', '--data', file]);
        // Sends in flight when the kill comes: some answered, some not; none answered and lost.
        // The kill comes right after the first answer (however slow a loaded machine is), or after all of them.
        let firstAnswer = () => {};
        const answered = new Promise<void>((resolve) => (firstAnswer = resolve));
        const inFlight = Array.from({ length: 40 }, (_, i) =>
          send(server, `life ${life} send ${i}`).then(
            async (r) => {
              if (r.status !== 200) return;
              acknowledged.add((await r.json()).message_id);
              firstAnswer();
            },
            () => undefined,
          ),
        );
        await Promise.race([Promise.all(inFlight), answered]);
        await killHard(server);
        await Promise.all(inFlight);
        const again = await spawnServer(['--port', '0', '--data', file]);
        const stored = await storedMessages(again);
        await killHard(again);
        assert.deepEqual(
          [...acknowledged].filter((id) => !stored.has(id)),
          [],
          `answered sends missing after kill ${life}`,
        );
      }
      assert.ok(acknowledged.size > 0, 'some sends were answered before the kill');
    }));

  it('answers 503 instead of 200 while the data cannot be saved, stays up, and saves again once it can', () =>
    withDir(async (dir) => {
      const file = join(dir, 'state.json');
      const server = await spawnServer(['--port', '0', '--data', file]);
      let log = '';
      server.process.stderr!.on('data', (c) => (log += c));
      try {
        const first = await send(server, 'saved');
        assert.equal(first.status, 200);
        const firstId = (await first.json()).message_id;

        // The journal becomes unwritable (a directory in its place: even root cannot append to it).
        rmSync(`${file}.journal`);
        mkdirSync(`${file}.journal`);
        const refusedId = randomUUID();
        const refused = await send(server, 'not saved', refusedId);
        assert.equal(refused.status, 503);
        assert.match((await refused.json()).error, /could not save/);
        // Its retry (same client_message_id, found in memory) is not a 200 either.
        assert.equal((await send(server, 'not saved', refusedId)).status, 503);
        // Still up: reads are answered.
        assert.equal((await fetch(`${server.url}${TEAM}/tickets`, { headers: TEAM_AUTH })).status, 200);

        rmSync(`${file}.journal`, { recursive: true });
        let retried: Response | undefined;
        for (let i = 0; i < 30 && retried?.status !== 200; i++) {
          await new Promise((resolve) => setTimeout(resolve, 100));
          retried = await send(server, 'not saved', refusedId);
        }
        assert.equal(retried?.status, 200);
        const retriedId = (await retried!.json()).message_id;
        assert.equal(log.match(/cannot save/g)?.length, 1, `said once in the log:\n${log}`);
        assert.match(log, /works again/);
        assert.doesNotMatch(log, /\n\s+at /, 'no stack trace');

        await killHard(server);
        const again = await spawnServer(['--port', '0', '--data', file]);
        try {
          const stored = await storedMessages(again);
          assert.ok(stored.has(firstId) && stored.has(retriedId));
        } finally {
          await again.stop();
        }
      } finally {
        await server.stop();
      }
    }));

  it('starts with a data file it cannot write (its folder is missing), says so, and answers 503 to writes (no crash)', () =>
    withDir(async (dir) => {
      const file = join(dir, 'not-yet', 'state.json');
      const server = await spawnServer(['--port', '0', '--data', file]);
      let log = '';
      server.process.stderr!.on('data', (c) => (log += c));
      try {
        assert.equal((await send(server, 'hello')).status, 503);
        assert.equal((await send(server, 'hello')).status, 503);
        assert.equal(server.process.exitCode, null);
        assert.equal((await fetch(`${server.url}${TEAM}/tickets`, { headers: TEAM_AUTH })).status, 200);
        mkdirSync(join(dir, 'not-yet'));
        await new Promise((resolve) => setTimeout(resolve, 1100));
        assert.equal((await send(server, 'hello')).status, 200);
      } finally {
        await server.stop();
      }
      assert.equal(JSON.parse(readFileSync(file, 'utf8')).tickets.length, 1);
    }));

  it('refuses to start over a data file of the wrong shape, naming the field', () =>
    withDir(async (dir) => {
      const file = join(dir, 'state.json');
      const ticket = { id: randomUUID(), ticket_number: 1, status: 'closed' };
      writeFileSync(file, JSON.stringify({ tickets: [ticket] }));
      const { code, output } = await runServerCli(['--port', '0', '--data', file]);
      assert.notEqual(code, 0);
      assert.match(output, /tickets\[0\]\.status must be one of new, open, pending, on_hold, resolved \(it is "closed"\)/);
      assert.doesNotMatch(output, /\n\s+at /, 'a message, not a stack trace');

      writeFileSync(file, JSON.stringify({ tickets: {} }));
      const notList = await runServerCli(['--port', '0', '--data', file]);
      assert.notEqual(notList.code, 0);
      assert.match(notList.output, /tickets must be an array/);
      assert.equal(readFileSync(file, 'utf8'), '{"tickets":{}}', 'the file is left alone');
    }));

  it('refuses a journal with a broken line in the middle, and drops a half-written last line', () =>
    withDir(async (dir) => {
      const file = join(dir, 'state.json');
      const server = await spawnServer(['--port', '0', '--data', file]);
      const kept = (await (await send(server, 'kept')).json()).message_id;
      await killHard(server);
      const journal = readFileSync(`${file}.journal`, 'utf8');

      writeFileSync(`${file}.journal`, `${journal}{"change":"message","tick`);
      const again = await spawnServer(['--port', '0', '--data', file]);
      try {
        assert.ok((await storedMessages(again)).has(kept));
      } finally {
        await killHard(again);
      }

      writeFileSync(`${file}.journal`, `not json\n${journal}`);
      const { code, output } = await runServerCli(['--port', '0', '--data', file]);
      assert.notEqual(code, 0);
      assert.match(output, /state\.json\.journal: line 1: not JSON/);
    }));
});
