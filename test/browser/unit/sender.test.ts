import { expect } from '@open-wc/testing';
import { retryDelay } from '../../../src/client/delivery/backoff.js';
import { Outbox, type OutboxEntry } from '../../../src/client/delivery/outbox.js';
import { Sender } from '../../../src/client/delivery/sender.js';
import { MemoryStorage } from '../../../src/client/storage.js';
import { TransportError } from '../../../src/transport/transport-error.js';
import type { SendMessageResponse } from '../../../src/transport/wire-types.js';
import { FakeClock, settle } from '../helpers/fake-clock.js';

const entry = (id: string, queuedAt: number): OutboxEntry => ({
  clientMessageId: id,
  content: `message ${id}`,
  ticket: 't1',
  traits: {},
  queuedAt,
  state: 'sending',
  tab: 'tab',
});
const answer = (id: string): SendMessageResponse => ({
  ticket_id: 't1',
  message_id: `m-${id}`,
  ticket_status: 'new',
  created_at: new Date(0).toISOString(),
  unread_count: 0,
});

describe('backoff', () => {
  const network = new TransportError('network', 'offline');
  it('doubles from base up to max, with half of it jittered', () => {
    const options = { base: 1_000, max: 8_000 };
    expect([0, 1, 2, 3, 4, 5].map((n) => retryDelay(n, network, options, () => 1))).to.deep.equal([
      1_000, 2_000, 4_000, 8_000, 8_000, 8_000,
    ]);
    expect([0, 1, 2, 3].map((n) => retryDelay(n, network, options, () => 0))).to.deep.equal([500, 1_000, 2_000, 4_000]);
  });
  it("never retries sooner than the server's Retry-After", () => {
    const limited = new TransportError('rate_limit', 'slow down', 429, 7);
    expect(retryDelay(0, limited, { base: 1_000, max: 30_000 }, () => 0)).to.equal(7_000);
    expect(retryDelay(5, limited, { base: 1_000, max: 30_000 }, () => 1)).to.equal(30_000);
  });
});

describe('Sender (fake clock)', () => {
  let clock: FakeClock;
  let outbox: Outbox;
  let sender: Sender;
  let sent: string[];
  let refused: string[];
  let retrying: number;
  let attempts: string[];
  let respond: (entry: OutboxEntry) => Promise<SendMessageResponse>;

  beforeEach(async () => {
    clock = new FakeClock();
    outbox = new Outbox(new MemoryStorage(), clock);
    sent = [];
    refused = [];
    attempts = [];
    retrying = 0;
    respond = async (e) => answer(e.clientMessageId);
    sender = new Sender({
      outbox,
      clock,
      backoff: { base: 1_000, max: 30_000 },
      send: (e) => (attempts.push(e.clientMessageId), respond(e)),
      trying: async (e) => ({ ...e, triedAt: clock.now() }),
      find: async () => null,
      sent: async (e) => {
        sent.push(e.clientMessageId);
        await outbox.remove(e.clientMessageId, true);
      },
      refused: async (e) => {
        refused.push(e.clientMessageId);
        await outbox.put({ ...e, state: 'failed' }, true);
      },
      retrying: () => retrying++,
    });
  });
  afterEach(() => sender.stop());

  it('delivers oldest first, one at a time', async () => {
    await outbox.put(entry('b', 2), true);
    await outbox.put(entry('a', 1), true);
    sender.start();
    await settle();
    expect(sent).to.deep.equal(['a', 'b']);
  });

  it('retries a transient failure after the backoff, and not before', async () => {
    let failures = 2;
    respond = async (e) => {
      if (failures-- > 0) throw new TransportError('http', 'unavailable', 503);
      return answer(e.clientMessageId);
    };
    await outbox.put(entry('a', 1), true);
    sender.start();
    await settle();
    expect(attempts).to.deep.equal(['a']);
    expect(retrying).to.equal(1);
    // First retry after 500–1000 ms (equal jitter), the second after 1000–2000 ms.
    await clock.tick(499);
    expect(attempts, 'not before the shortest first delay').to.have.length(1);
    await clock.tick(501);
    expect(attempts, 'by the longest first delay').to.have.length(2);
    await clock.tick(2_000);
    expect(attempts).to.have.length(3);
    expect(sent).to.deep.equal(['a']);
  });

  it('honours Retry-After, however short the backoff', async () => {
    let limited = true;
    respond = async (e) => {
      if (limited) {
        limited = false;
        throw new TransportError('rate_limit', 'too many', 429, 20);
      }
      return answer(e.clientMessageId);
    };
    await outbox.put(entry('a', 1), true);
    sender.start();
    await clock.tick(19_999);
    expect(sent).to.deep.equal([]);
    await clock.tick(1);
    expect(sent).to.deep.equal(['a']);
  });

  it('a refusal (4xx) is not retried: the entry waits, the next one goes', async () => {
    respond = async (e) => {
      if (e.clientMessageId === 'a') throw new TransportError('http', 'bad', 400);
      return answer(e.clientMessageId);
    };
    await outbox.put(entry('a', 1), true);
    await outbox.put(entry('b', 2), true);
    sender.start();
    await clock.tick(60_000);
    expect(refused).to.deep.equal(['a']);
    expect(sent).to.deep.equal(['b']);
    expect(attempts).to.deep.equal(['a', 'b']);
  });

  it('the network coming back cuts the wait short', async () => {
    let offline = true;
    respond = async (e) => {
      if (offline) throw new TransportError('network', 'offline');
      return answer(e.clientMessageId);
    };
    await outbox.put(entry('a', 1), true);
    sender.start();
    await settle();
    offline = false;
    dispatchEvent(new Event('online'));
    await settle();
    expect(sent).to.deep.equal(['a']);
    expect(clock.pending, 'the backoff timer was cleared').to.equal(0);
  });

  it('stop() ends the loop: nothing more is sent', async () => {
    respond = async () => {
      throw new TransportError('network', 'offline');
    };
    await outbox.put(entry('a', 1), true);
    sender.start();
    await settle();
    sender.stop();
    await clock.tick(120_000);
    expect(attempts).to.deep.equal(['a']);
  });
});
