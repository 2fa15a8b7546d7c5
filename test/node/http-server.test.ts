import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { createServer } from 'node:net';
import { after, before, describe, it } from 'node:test';
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
    fetch(server.url + path, { method: 'POST', headers: { 'Content-Type': 'application/json', ...headers }, body: JSON.stringify(body) });

  it('creates a ticket, takes a team reply and returns it to the same session', async () => {
    const session = randomUUID();
    const sent = await post(`${widget}/message`, { message: 'Hello over HTTP', ticket_id: null, widget_session_id: session });
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
        ['human', 'Hi from the team'],
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

  it('refuses a wrong token with 403 and stores nothing', async () => {
    const session = randomUUID();
    const response = await post(`${widget}/message`, { message: 'x', ticket_id: null, widget_session_id: session }, {
      'X-Conversations-Token': 'wrong',
    });
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

  it('rejects a port that is not a number', async () => {
    const { code, output } = await runServerCli(['--port', 'eighty']);
    assert.equal(code, 2);
    assert.match(output, /--port must be a number/);
  });
});

describe('fault injection (/api/_dev/chaos)', () => {
  let server: RunningServer;
  before(async () => {
    server = await spawnServer();
  });
  after(() => server.stop());

  const chaos = (body: unknown) =>
    fetch(`${server.url}/api/_dev/chaos`, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(body) });
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

  it('leaves the team API alone', async () => {
    await chaos({ error_rate: 1, error_status: 503 });
    const team = await fetch(`${server.url}/api/projects/1/conversations/tickets`, { headers: teamHeaders });
    assert.equal(team.status, 200);
    await chaos({});
  });
});
