import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { describe, it } from 'node:test';
import { setupServer } from 'msw/node';
import { createHandlers } from '../../mock-server/handlers/index.js';
import { liveHub } from '../../mock-server/live/hub.js';
import { Store } from '../../mock-server/store.js';
import { TEAM, TOKEN, WIDGET, client } from './helpers/api.js';
import { openStream } from './helpers/sse.js';

/**
 * The second runtime: `setupServer` in this process streams too (the same handlers, the
 * Response body read as it is written), and a client that goes away detaches its stream
 * from the hub, so nothing leaks. Typing lapses on the store's own clock here as well.
 */
describe('live stream under setupServer', () => {
  it('streams a reply, lapses typing on the store clock, and detaches an aborted stream', async () => {
    const store = new Store();
    let now = Date.parse('2030-01-01T00:00:00Z');
    store.clock = () => now;
    const server = setupServer(...createHandlers(store, { streamHeartbeatMs: 60_000 }));
    server.listen({ onUnhandledRequest: 'error' });
    try {
      const base = 'http://in-process.test';
      const api = client(base);
      const session = randomUUID();
      const sent = await api.widget.send({ message: 'Hi', ticket_id: null, widget_session_id: session });
      const stream = await openStream(`${base}${WIDGET}/stream?token=${TOKEN}&widget_session_id=${session}`);
      const live = await openStream(`${base}${TEAM}/live?api_key=demo-api-key`);
      await stream.next((i) => i.kind === 'event' && i.event === '');
      assert.equal(liveHub(store).openStreams, 2);

      await api.team.reply(sent.body.ticket_id, { content: 'In process' });
      assert.match((await stream.nextEvent('message')).data, /In process/);

      await api.team.typing(sent.body.ticket_id, { typing: true, author_name: 'Ada' });
      assert.equal(((await stream.nextEvent('typing')).json as { typing: boolean }).typing, true);
      now += 6000;
      // The next request sees the present (as every request does): the lapse is told.
      await api.widget.tickets({ widget_session_id: session });
      assert.deepEqual((await stream.nextEvent('typing')).json, {
        ticket_id: sent.body.ticket_id,
        author_name: 'Ada',
        typing: false,
      });

      stream.close();
      live.close();
      for (let tries = 0; tries < 50 && liveHub(store).openStreams > 0; tries++)
        await new Promise((resolve) => setTimeout(resolve, 10));
      assert.equal(liveHub(store).openStreams, 0);
    } finally {
      server.close();
    }
  });
});
