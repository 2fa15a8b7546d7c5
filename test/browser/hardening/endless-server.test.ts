import { expect } from '@open-wc/testing';
import { http, HttpResponse } from 'msw';
import { MAX_MESSAGE_LENGTH } from '../../../contract/limits.js';
import { SupportChatClient } from '../../../src/client/support-chat-client.js';
import { MemoryStorage } from '../../../src/client/storage.js';
import { HttpTransport } from '../../../src/transport/http-transport.js';
import { FakeClock } from '../helpers/fake-clock.js';
import { sleep } from '../helpers/faults.js';
import { WIDGET_TOKEN, startReferenceServer } from '../helpers/reference-server.js';

const MESSAGES = '*/api/conversations/v1/widget/messages/:ticketId';

describe('hardening: a backend that never stops talking', () => {
  it('answering has_more forever: pages stay bounded over time, and the tab responsive', async () => {
    const worker = await startReferenceServer();
    const clock = new FakeClock(Date.now());
    const c = new SupportChatClient({
      token: `endless-${Math.random()}`,
      transport: new HttpTransport({ token: WIDGET_TOKEN }),
      storage: new MemoryStorage(),
      clock,
      pollIntervals: { open: 5_000, closed: 30_000 },
    });
    await c.sendMessage('Hello');
    let pages = 0;
    let n = 0;
    worker.use(
      http.get(MESSAGES, ({ params }) => {
        pages++;
        const messages = Array.from({ length: 500 }, () => ({
          id: `m-${++n}`,
          content: 'more',
          author_type: 'support',
          author_name: 'Bot',
          created_at: new Date(Date.UTC(2030, 0, 1) + n).toISOString(),
        }));
        return HttpResponse.json({
          ticket_id: params.ticketId,
          ticket_status: 'open',
          messages,
          has_more: true,
          unread_count: 0,
        });
      }),
    );
    let worst = 0;
    let last = performance.now();
    const lag = setInterval(() => ((worst = Math.max(worst, performance.now() - last - 20)), (last = performance.now())), 20);
    c.openPanel();
    // Two minutes of polls every 5 s, each page's request a real one.
    for (let t = 0; t < 120_000; t += 1_000) {
      await clock.tick(1_000);
      await sleep(60);
    }
    clearInterval(lag);
    c.stop();
    // Each poll's own page (24 in two minutes) and at most 30 more a minute; 10 per poll alone would be 240.
    expect(pages, 'pages over two minutes').to.be.within(24, 84);
    expect(worst, 'no long stall of the main thread (ms)').to.be.below(1_000);
  });

  it('cuts a 100,000-character word at the contract limit', async () => {
    const worker = await startReferenceServer();
    const c = new SupportChatClient({
      token: `long-${Math.random()}`,
      transport: new HttpTransport({ token: WIDGET_TOKEN }),
      storage: new MemoryStorage(),
      pollIntervals: { open: 60_000, closed: 60_000 },
    });
    await c.sendMessage('Hello');
    worker.use(
      http.get(MESSAGES, ({ params }) =>
        HttpResponse.json({
          ticket_id: params.ticketId,
          ticket_status: 'open',
          has_more: false,
          unread_count: 1,
          messages: [
            {
              id: 'long',
              content: '😀'.repeat(100_000),
              author_type: 'support',
              author_name: 'Bot',
              created_at: new Date(Date.UTC(2030, 0, 1)).toISOString(),
            },
          ],
        }),
      ),
    );
    c.openPanel();
    await c.refresh();
    const long = c.getState().messages.find((m) => m.id === 'long')!;
    expect([...long.content].length).to.equal(MAX_MESSAGE_LENGTH);
    expect(long.content.endsWith('😀'), 'no half of a surrogate pair').to.be.true;
    c.stop();
  });
});
