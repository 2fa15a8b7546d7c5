import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { client } from './helpers/api.js';
import { runServerCli, spawnServer, type RunningServer } from './helpers/spawn-server.js';

const TOKEN = 'demo-widget-token';
const widget = '/api/conversations/v1/widget';
const teamHeaders = { Authorization: 'Bearer demo-api-key', 'Content-Type': 'application/json' };

describe('standalone HTTP server (npm run mock-server)', () => {
  let server: RunningServer;
  before(async () => {
    server = await spawnServer();
  });
  after(() => server.stop());

  const post = (path: string, body: unknown, headers: Record<string, string> = { 'X-Conversations-Token': TOKEN }) =>
    fetch(server.url + path, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', ...headers },
      body: JSON.stringify(body),
    });

  it('creates a ticket, takes a team reply and returns it to the same session', async () => {
    const session = randomUUID();
    const sent = await post(`${widget}/message`, {
      message: 'Hello over HTTP',
      ticket_id: null,
      widget_session_id: session,
      distinct_id: session,
    });
    assert.equal(sent.status, 200);
    const { ticket_id, ticket_status } = await sent.json();
    assert.equal(ticket_status, 'new');

    const reply = await fetch(`${server.url}/api/projects/1/conversations/tickets/${ticket_id}/messages`, {
      method: 'POST',
      headers: teamHeaders,
      body: JSON.stringify({ content: 'Hi from the team', author_name: 'Ada' }),
    });
    assert.equal(reply.status, 201);

    const polled = await fetch(`${server.url}${widget}/messages/${ticket_id}?widget_session_id=${session}`, {
      headers: { 'X-Conversations-Token': TOKEN },
    });
    const body = await polled.json();
    assert.deepEqual(
      body.messages.map((m: { content: string; author_type: string }) => [m.author_type, m.content]),
      [
        ['customer', 'Hello over HTTP'],
        ['support', 'Hi from the team'],
      ],
    );
    assert.equal(body.unread_count, 1);
  });

  it('answers a CORS preflight from any origin', async () => {
    const response = await fetch(`${server.url}${widget}/message`, {
      method: 'OPTIONS',
      headers: {
        Origin: 'https://shop.example',
        'Access-Control-Request-Method': 'POST',
        'Access-Control-Request-Headers': 'content-type, x-conversations-token',
      },
    });
    assert.equal(response.status, 204);
    assert.equal(response.headers.get('access-control-allow-origin'), '*');
    assert.match(response.headers.get('access-control-allow-headers') ?? '', /X-Conversations-Token/);
  });

  it('answers preflights for the team API too, and puts CORS headers on every answer, errors included', async () => {
    const preflight = await fetch(`${server.url}/api/projects/1/conversations/tickets/x`, {
      method: 'OPTIONS',
      headers: {
        Origin: 'http://localhost:5173',
        'Access-Control-Request-Method': 'PATCH',
        'Access-Control-Request-Headers': 'authorization',
      },
    });
    assert.equal(preflight.status, 204);
    assert.match(preflight.headers.get('access-control-allow-methods') ?? '', /PATCH/);
    assert.match(preflight.headers.get('access-control-allow-headers') ?? '', /Authorization/);
    const refused = await client(server.url).widget.tickets(
      { widget_session_id: 'nope' },
      { headers: { Origin: 'https://a.example' } },
    );
    assert.equal(refused.status, 400);
    assert.equal(refused.headers.get('access-control-allow-origin'), '*');
    assert.match(refused.headers.get('access-control-expose-headers') ?? '', /Retry-After/);
  });

  it('refuses a wrong token with 403 and stores nothing', async () => {
    const session = randomUUID();
    const response = await post(
      `${widget}/message`,
      { message: 'x', ticket_id: null, widget_session_id: session },
      {
        'X-Conversations-Token': 'wrong',
      },
    );
    assert.equal(response.status, 403);
    assert.ok((await response.json()).error);
    const list = await fetch(`${server.url}${widget}/tickets?widget_session_id=${session}`, {
      headers: { 'X-Conversations-Token': TOKEN },
    });
    assert.equal((await list.json()).count, 0);
  });
});

describe('mock-server command line', () => {
  it('says clearly when the port is taken', async () => {
    const blocker = createServer();
    await new Promise<void>((resolve) => blocker.listen(0, '127.0.0.1', resolve));
    const port = (blocker.address() as { port: number }).port;
    try {
      const { code, output } = await runServerCli(['--port', String(port)]);
      assert.equal(code, 1);
      assert.match(output, new RegExp(`port ${port} is already in use`));
    } finally {
      blocker.close();
    }
  });

  it('rejects a port that is not a number, and an unknown option, with usage', async () => {
    const { code, output } = await runServerCli(['--port', 'eighty']);
    assert.equal(code, 2);
    assert.match(output, /--port must be a number/);
    const unknown = await runServerCli(['--prot', '80']);
    assert.equal(unknown.code, 2);
    assert.match(unknown.output, /Unknown option '--prot'[\s\S]*Usage: npm run mock-server/);
  });

  for (const signal of ['SIGINT', 'SIGTERM'] as const) {
    it(`shuts down cleanly on ${signal}, even with a keep-alive connection open`, async () => {
      const running = await spawnServer();
      const keepAlive = await fetch(`${running.url}/api/_dev/mailbox`, { keepalive: true });
      assert.equal(keepAlive.status, 200);
      const exited = new Promise<number | null>((resolve) => running.process.once('exit', (code) => resolve(code)));
      running.process.kill(signal);
      assert.equal(await exited, 0);
    });
  }

  it('keeps state across restarts with --data FILE', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'support-chat-data-'));
    const file = join(dir, 'state.json');
    const session = randomUUID();
    try {
      const first = await spawnServer(['--port', '0', '--data', file]);
      const sent = await client(first.url).widget.send({ message: 'remember me', ticket_id: null, widget_session_id: session });
      await first.stop();

      const second = await spawnServer(['--port', '0', '--data', file]);
      try {
        const api = client(second.url);
        const polled = await api.widget.messages(sent.body.ticket_id, { widget_session_id: session });
        assert.deepEqual(
          polled.body.messages.map((m: { content: string }) => m.content),
          ['remember me'],
        );
        const next = await api.widget.send({ message: 'second ticket', ticket_id: null, widget_session_id: session });
        assert.ok(next.body.created_at > sent.body.created_at);
        assert.deepEqual(
          (await api.widget.tickets({ widget_session_id: session })).body.results.map(
            (t: { ticket_number: number }) => t.ticket_number,
          ),
          [2, 1],
        );
      } finally {
        await second.stop();
      }
      assert.equal(JSON.parse(readFileSync(file, 'utf8')).tickets.length, 2);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('refuses to start over a --data file it cannot read, and leaves the file alone', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'support-chat-data-'));
    const file = join(dir, 'state.json');
    writeFileSync(file, '{"tickets": [');
    try {
      const { code, output } = await runServerCli(['--port', '0', '--data', file]);
      assert.equal(code, 1);
      assert.match(output, /cannot read .*state\.json/);
      assert.equal(readFileSync(file, 'utf8'), '{"tickets": [');
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('takes its settings from flags: token, API key, identity secret, project id', async () => {
    const running = await spawnServer(['--port', '0', '--token', 'site-token', '--api-key', 'team-key', '--project-id', '7']);
    try {
      const ok = await fetch(`${running.url}/api/conversations/v1/widget/tickets?widget_session_id=${randomUUID()}`, {
        headers: { 'X-Conversations-Token': 'site-token' },
      });
      assert.equal(ok.status, 200);
      const old = await fetch(`${running.url}/api/conversations/v1/widget/tickets?widget_session_id=${randomUUID()}`, {
        headers: { 'X-Conversations-Token': TOKEN },
      });
      assert.equal(old.status, 403);
      const team = await fetch(`${running.url}/api/projects/7/conversations/tickets`, {
        headers: { Authorization: 'Bearer team-key' },
      });
      assert.equal(team.status, 200);
    } finally {
      await running.stop();
    }
  });
});

describe('fault injection (/api/_dev/chaos)', () => {
  let server: RunningServer;
  before(async () => {
    server = await spawnServer();
  });
  after(() => server.stop());

  const chaos = (body: unknown) =>
    fetch(`${server.url}/api/_dev/chaos`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify(body),
    });
  const listTickets = () =>
    fetch(`${server.url}${widget}/tickets?widget_session_id=${randomUUID()}`, { headers: { 'X-Conversations-Token': TOKEN } });

  it('answers every widget request with the chosen status, with Retry-After on 429, until turned off', async () => {
    await chaos({ error_rate: 1, error_status: 429 });
    const limited = await listTickets();
    assert.equal(limited.status, 429);
    assert.equal(limited.headers.get('retry-after'), '1');

    await chaos({});
    assert.equal((await listTickets()).status, 200);
  });

  it('drops the connection while "offline", like a network failure', async () => {
    await chaos({ offline: true });
    await assert.rejects(listTickets(), TypeError);
    await chaos({});
    assert.equal((await listTickets()).status, 200);
  });

  it('delays widget answers by latency_ms, and refuses settings out of range with 400', async () => {
    await chaos({ latency_ms: 300 });
    const started = performance.now();
    assert.equal((await listTickets()).status, 200);
    assert.ok(performance.now() - started >= 290);
    for (const bad of [{ error_rate: 2 }, { error_status: 200 }, { latency_ms: 'slow' }, { offline: 'yes' }]) {
      const answer = await client(server.url).dev.chaos(bad);
      assert.equal(answer.status, 400, JSON.stringify(bad));
    }
    await chaos({});
  });

  it('leaves the team API alone', async () => {
    await chaos({ error_rate: 1, error_status: 503 });
    const team = await fetch(`${server.url}/api/projects/1/conversations/tickets`, { headers: teamHeaders });
    assert.equal(team.status, 200);
    await chaos({});
  });
});
