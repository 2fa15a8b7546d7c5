import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { request } from 'node:http';
import { after, before, describe, it } from 'node:test';
import { anonymous } from './helpers/anonymous.js';
import { spawnServer, type RunningServer } from './helpers/spawn-server.js';

// Issue 11, item 5, from the side of a web page the tester happens to visit: it must not
// read the mailbox's restore links, nor reset, nor inject faults, nor move the clock.

const TEAM = '/api/projects/1/conversations';
const TEAM_AUTH = { Authorization: 'Bearer demo-api-key' };
const EVIL = 'https://evil.example';

const ticketCount = async (server: RunningServer) =>
  (await (await fetch(`${server.url}${TEAM}/tickets`, { headers: TEAM_AUTH })).json()).count as number;

/** A raw request, for headers `fetch` will not send as given (Host). */
function rawGet(url: string, headers: Record<string, string>) {
  return new Promise<number>((resolve, reject) => {
    request(url, { headers }, (res) => {
      res.resume();
      resolve(res.statusCode!);
    })
      .on('error', reject)
      .end();
  });
}

describe('dev endpoints: closed to other origins', () => {
  let server: RunningServer;
  before(async () => {
    server = await spawnServer();
    const sent = await fetch(`${server.url}/api/conversations/v1/widget/message`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', 'X-Conversations-Token': 'demo-widget-token' },
      body: JSON.stringify({ message: 'precious', ticket_id: null, ...anonymous() }),
    });
    assert.equal(sent.status, 200);
  });
  after(() => server.stop());

  it('gives a cross-origin read of the mailbox no Access-Control-Allow-Origin (the page cannot read it)', async () => {
    const read = await fetch(`${server.url}/api/_dev/mailbox`, { headers: { Origin: EVIL } });
    assert.equal(read.headers.get('access-control-allow-origin'), null);
    await read.body?.cancel();
  });

  it('refuses the preflight of a cross-origin JSON POST, with no CORS headers', async () => {
    for (const path of ['/api/_dev/reset', '/api/_dev/chaos', '/api/_dev/clock']) {
      const preflight = await fetch(server.url + path, {
        method: 'OPTIONS',
        headers: { Origin: EVIL, 'Access-Control-Request-Method': 'POST', 'Access-Control-Request-Headers': 'content-type' },
      });
      assert.equal(preflight.status, 403, path);
      assert.equal(preflight.headers.get('access-control-allow-origin'), null, path);
      assert.equal(preflight.headers.get('access-control-allow-methods'), null, path);
    }
  });

  it('refuses the POSTs a page can send without a preflight (text/plain, form, no type) with 415, and the state survives', async () => {
    const before = await ticketCount(server);
    const simple = [
      { 'Content-Type': 'text/plain' },
      { 'Content-Type': 'application/x-www-form-urlencoded' },
      { 'Content-Type': 'multipart/form-data; boundary=x' },
    ];
    for (const headers of simple) {
      for (const path of ['/api/_dev/reset', '/api/_dev/chaos', '/api/_dev/clock']) {
        const answer = await fetch(server.url + path, {
          method: 'POST',
          headers: { Origin: EVIL, ...headers },
          body: '{"offline":true,"advance_ms":1}',
        });
        assert.equal(answer.status, 415, `${path} ${headers['Content-Type']}`);
        assert.equal(answer.headers.get('access-control-allow-origin'), null);
      }
    }
    const bare = await fetch(`${server.url}/api/_dev/reset`, { method: 'POST' });
    assert.equal(bare.status, 415, 'a POST with no body and no type');
    assert.equal(await ticketCount(server), before, 'nothing was reset');
    // Faults were not turned on either.
    const tickets = await fetch(`${server.url}/api/conversations/v1/widget/tickets?widget_session_id=${randomUUID()}`, {
      headers: { 'X-Conversations-Token': 'demo-widget-token' },
    });
    assert.equal(tickets.status, 200);
  });

  it('answers 404 when the Host is not loopback (a DNS-rebound page), while the widget API still answers', async () => {
    assert.equal(await rawGet(`${server.url}/api/_dev/mailbox`, { Host: 'evil.example' }), 404);
    assert.equal(await rawGet(`${server.url}/api/_dev/mailbox`, { Host: 'localhost' }), 200);
    assert.equal(await rawGet(`${server.url}${TEAM}/tickets`, { Host: 'evil.example', ...TEAM_AUTH }), 200);
  });

  it('still works for the tester: JSON reset from the same machine', async () => {
    const reset = await fetch(`${server.url}/api/_dev/reset`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: '{}',
    });
    assert.equal(reset.status, 200);
    assert.equal(await ticketCount(server), 0);
  });
});

describe('dev endpoints: off on a reachable address unless --dev', () => {
  // Bound to every interface, but only ever reached through 127.0.0.1.
  const local = (server: RunningServer) => server.url.replace('0.0.0.0', '127.0.0.1');

  it('answers 404 on a non-loopback --host without --dev', async () => {
    const server = await spawnServer(['--port', '0', '--host', '0.0.0.0']);
    try {
      for (const [method, path] of [
        ['GET', '/api/_dev/mailbox'],
        ['POST', '/api/_dev/reset'],
        ['POST', '/api/_dev/chaos'],
        ['GET', '/api/_dev/clock'],
      ]) {
        const answer = await fetch(local(server) + path, {
          method,
          headers: { 'Content-Type': 'application/json' },
          body: method === 'POST' ? '{}' : undefined,
        });
        assert.equal(answer.status, 404, path);
      }
      const widget = await fetch(`${local(server)}/api/conversations/v1/widget/tickets?widget_session_id=${randomUUID()}`, {
        headers: { 'X-Conversations-Token': 'demo-widget-token' },
      });
      assert.equal(widget.status, 200);
    } finally {
      await server.stop();
    }
  });

  it('serves them there with --dev', async () => {
    const server = await spawnServer(['--port', '0', '--host', '0.0.0.0', '--dev']);
    try {
      assert.equal((await fetch(`${local(server)}/api/_dev/mailbox`)).status, 200);
    } finally {
      await server.stop();
    }
  });
});
