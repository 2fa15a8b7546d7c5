import { expect, fixture, html } from '@open-wc/testing';
import { SupportChatClient } from '../../../src/client/support-chat-client.js';
import { MemoryStorage } from '../../../src/client/storage.js';
import '../../../src/index.js';
import { HttpTransport } from '../../../src/transport/http-transport.js';
import { FakeClock } from '../helpers/fake-clock.js';
import { sleep } from '../helpers/faults.js';
import { WIDGET_TOKEN, startReferenceServer } from '../helpers/reference-server.js';

describe('hardening: an element or client stopped while starting leaves nothing running', () => {
  let widgetRequests: string[] = [];
  let stopCounting = () => {};

  beforeEach(async () => {
    const worker = await startReferenceServer();
    widgetRequests = [];
    const count = ({ request }: { request: Request }) => {
      if (new URL(request.url).pathname.includes('/widget/')) widgetRequests.push(new URL(request.url).pathname);
    };
    worker.events.on('request:start', count);
    stopCounting = () => worker.events.removeListener('request:start', count);
  });
  afterEach(() => stopCounting());

  /** Requests seen while something that would poll is nudged: `online` polls every running poller at once. */
  async function requestsOverWindow() {
    await sleep(500); // what the cycles themselves asked settles
    widgetRequests = [];
    dispatchEvent(new Event('online'));
    await sleep(1000);
    return widgetRequests.length;
  }

  async function cycleElements(keepLast: boolean) {
    const container = await fixture<HTMLDivElement>(html`<div></div>`);
    let last: HTMLElement | undefined;
    for (let i = 0; i < 40; i++) {
      const el = document.createElement('support-chat');
      el.setAttribute('token', WIDGET_TOKEN);
      container.append(el);
      if (keepLast && i === 39) last = el;
      else {
        await sleep(i % 20); // React StrictMode, a router re-rendering: removed within ~20 ms
        el.remove();
      }
    }
    return last;
  }

  it('40 insert/remove cycles of <support-chat>: no requests after the last removal', async () => {
    await cycleElements(false);
    expect(await requestsOverWindow()).to.equal(0);
  });

  it('40 cycles leaving the last one mounted: exactly one client polls', async () => {
    const last = await cycleElements(true);
    expect(await requestsOverWindow(), 'one poll of one client').to.equal(1);
    last!.remove();
  });

  it('40 start/stop cycles of bare clients on a fake clock: nothing polls afterwards, one keeps its pace', async () => {
    const clock = new FakeClock(Date.now());
    const make = () =>
      new SupportChatClient({
        token: `zombie-${Math.random()}`,
        transport: new HttpTransport({ token: WIDGET_TOKEN }),
        storage: new MemoryStorage(),
        clock,
        pollIntervals: { open: 100, closed: 100 },
      });
    const reused = make();
    for (let i = 0; i < 40; i++) {
      const c = i % 2 ? make() : reused; // new clients, and one client started and stopped again and again
      void c.start();
      await sleep(i % 20);
      c.stop();
    }
    const run = async () => {
      await sleep(300);
      widgetRequests = [];
      for (let i = 0; i < 10; i++) {
        await clock.tick(100);
        await sleep(40); // the real request of a poll
      }
      return widgetRequests.length;
    };
    expect(await run(), 'stopped').to.equal(0);
    const alive = make();
    await alive.start();
    expect(await run(), 'one client, a poll per 100 ms').to.be.within(9, 11);
    alive.stop();
  });
});
