import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { request } from 'node:http';
import { connect } from 'node:net';
import { after, before, beforeEach, describe, it } from 'node:test';
import { anonymous } from './helpers/anonymous.js';
import { RATE_LIMITS } from '../../contract/limits.js';
import { client, type Client } from './helpers/api.js';
import { spawnServer, type RunningServer } from './helpers/spawn-server.js';

// Issue 11, item 10 (server parts), each from the side of whoever sends the request.

const WIDGET = '/api/conversations/v1/widget';
const TEAM = '/api/projects/1/conversations';

describe('request hygiene', () => {
  let server: RunningServer;
  let api: Client;
  let log = '';
  before(async () => {
    server = await spawnServer();
    api = client(server.url);
    server.process.stdout!.on('data', (c) => (log += c));
    server.process.stderr!.on('data', (c) => (log += c));
  });
  beforeEach(async () => {
    await api.dev.reset();
  });
  after(() => server.stop());

  /** A send from a chosen loopback address (the whole of 127.0.0.0/8 is this machine). */
  function sendFrom(localAddress: string) {
    const body = JSON.stringify({ message: 'hi', ticket_id: null, ...anonymous() });
    return new Promise<{ status: number; retryAfter?: string }>((resolve, reject) => {
      const url = new URL(`${server.url}${WIDGET}/message`);
      request(
        url,
        {
          method: 'POST',
          localAddress,
          headers: { 'Content-Type': 'application/json', 'X-Conversations-Token': 'demo-widget-token' },
        },
        (res) => {
          res.resume();
          resolve({ status: res.statusCode!, retryAfter: res.headers['retry-after'] as string | undefined });
        },
      )
        .on('error', reject)
        .end(body);
    });
  }

  it('caps writes per client, not only per session: fresh session ids do not buy more', async () => {
    const answers = [];
    for (let i = 0; i < 100; i++) answers.push(await sendFrom('127.0.0.1'));
    const accepted = answers.filter((a) => a.status === 200).length;
    assert.equal(accepted, RATE_LIMITS.widgetWriteClient.max);
    const refused = answers.filter((a) => a.status === 429);
    assert.equal(refused.length, 100 - accepted);
    assert.ok(
      refused.every((a) => Number(a.retryAfter) >= 1),
      'every 429 says when to come back',
    );
    // Another client is not locked out by the first one.
    assert.equal((await sendFrom('127.0.0.2')).status, 200);
  });

  it('takes the Bearer scheme in any case (RFC 7235), and nothing that only looks like it', async () => {
    for (const scheme of ['Bearer', 'bearer', 'BEARER', 'bEaReR']) {
      const answer = await fetch(`${server.url}${TEAM}/tickets`, { headers: { Authorization: `${scheme} demo-api-key` } });
      assert.equal(answer.status, 200, scheme);
    }
    for (const header of ['Bearerdemo-api-key', 'Basic demo-api-key', 'Bearer demo-api-key extra', 'demo-api-key']) {
      assert.equal((await fetch(`${server.url}${TEAM}/tickets`, { headers: { Authorization: header } })).status, 401, header);
    }
  });

  it('rejects impossible dates with a 400 naming `after`', async () => {
    const session = randomUUID();
    const sent = await api.widget.send({ message: 'hi', ticket_id: null, widget_session_id: session });
    for (const after of [
      '2024-02-30',
      '2023-02-29',
      '2024-04-31',
      '2024-13-01',
      '2024-01-01T24:00:00Z',
      '2024-01-01T10:60:00Z',
    ]) {
      const polled = await api.widget.messages(sent.body.ticket_id, { widget_session_id: session, after });
      assert.equal(polled.status, 400, after);
      assert.ok('after' in polled.body.details, after);
      const events = await api.call('GET', `${TEAM}/events`, {
        query: { after },
        headers: { Authorization: 'Bearer demo-api-key' },
      });
      assert.equal(events.status, 400, after);
      assert.ok('after' in events.body.details, after);
    }
    assert.equal(
      (await api.widget.messages(sent.body.ticket_id, { widget_session_id: session, after: '2024-02-29' })).status,
      200,
    );
  });

  it('refuses bodies not declared JSON with 415 and stores nothing', async () => {
    const body = JSON.stringify({ message: 'smuggled', ticket_id: null, ...anonymous() });
    for (const type of ['text/plain', 'text/plain;charset=UTF-8', 'application/x-www-form-urlencoded', undefined]) {
      const headers: Record<string, string> = {
        'X-Conversations-Token': 'demo-widget-token',
        ...(type ? { 'Content-Type': type } : {}),
      };
      const answer = await fetch(`${server.url}${WIDGET}/message`, {
        method: 'POST',
        headers,
        body: type ? body : new Blob([body]),
      });
      assert.equal(answer.status, 415, String(type));
      assert.match((await answer.json()).error, /application\/json/);
    }
    const team = await fetch(`${server.url}${TEAM}/tickets`, {
      method: 'POST',
      headers: { Authorization: 'Bearer demo-api-key', 'Content-Type': 'text/plain' },
      body: '{}',
    });
    assert.equal(team.status, 415);
    assert.equal((await api.team.tickets()).body.count, 0);
    const withCharset = await api.widget.send(
      { message: 'fine', ticket_id: null, widget_session_id: randomUUID() },
      { headers: { 'Content-Type': 'application/json; charset=utf-8' } },
    );
    assert.equal(withCharset.status, 200);
  });

  it('logs at most one quiet line, and no stack trace, when a client hangs up mid-request', async () => {
    log = '';
    const { port } = new URL(server.url);
    for (let i = 0; i < 3; i++) {
      await new Promise<void>((resolve) => {
        const socket = connect(Number(port), '127.0.0.1', () => {
          socket.write(
            `POST ${WIDGET}/message HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\nContent-Length: 1000\r\n\r\n{"message":`,
          );
          setTimeout(() => {
            socket.destroy();
            resolve();
          }, 50);
        });
      });
    }
    await new Promise((resolve) => setTimeout(resolve, 200));
    assert.doesNotMatch(log, /\n\s+at /, log);
    assert.ok(log.split('\n').filter(Boolean).length <= 3, log);
    // And the server is fine.
    assert.equal((await api.team.tickets()).status, 200);
  });
});
