import { expect } from '@open-wc/testing';
import { Outbox, type OutboxEntry } from '../../../src/client/delivery/outbox.js';
import { MemoryStorage } from '../../../src/client/storage.js';
import { FakeClock } from '../helpers/fake-clock.js';

const entry = (id: string, queuedAt: number, ticket = 't1'): OutboxEntry => ({
  clientMessageId: id,
  content: id,
  ticket,
  traits: {},
  queuedAt,
  state: 'sending',
  tab: 'tab',
});

describe('Outbox', () => {
  it('stamps strictly increasing times, even when the clock stands still or goes back', () => {
    const clock = new FakeClock(1_000);
    const outbox = new Outbox(new MemoryStorage(), clock);
    const first = outbox.stamp();
    const second = outbox.stamp();
    expect([first, second]).to.deep.equal([1_000, 1_001]);
    const later = new FakeClock(500);
    const other = new Outbox(new MemoryStorage(), later);
    other.stamp();
    expect(other.stamp()).to.equal(501);
  });

  it('keeps entries in delivery order and stores one key per message', async () => {
    const storage = new MemoryStorage();
    const outbox = new Outbox(storage, new FakeClock());
    await outbox.put(entry('b', 2), true);
    await outbox.put(entry('a', 1), true);
    await outbox.put(entry('c', 3), false); // another tab's: mirrored, not stored here
    expect(outbox.entries.map((e) => e.clientMessageId)).to.deep.equal(['a', 'b', 'c']);
    expect((await storage.keys()).sort()).to.deep.equal(['outbox:a', 'outbox:b']);
    await outbox.remove('a', true);
    expect(await storage.keys()).to.deep.equal(['outbox:b']);
    expect(outbox.next()?.clientMessageId).to.equal('b');
  });

  it('loads only sound entries from storage, once each', async () => {
    const storage = new MemoryStorage();
    await storage.set('outbox:a', entry('a', 1));
    await storage.set('outbox:bad', { clientMessageId: 'bad', content: 42 });
    await storage.set('session-id', 'not an entry');
    const outbox = new Outbox(storage, new FakeClock());
    await outbox.load();
    await outbox.load();
    expect(outbox.entries.map((e) => e.clientMessageId)).to.deep.equal(['a']);
  });

  it('skips failed entries when choosing the next, and retargets a new ticket’s queue', async () => {
    const outbox = new Outbox(new MemoryStorage(), new FakeClock());
    await outbox.put({ ...entry('a', 1, 'new:a'), state: 'failed' }, false);
    await outbox.put(entry('b', 2, 'new:a'), false);
    expect(outbox.next()?.clientMessageId).to.equal('b');
    await outbox.retarget('new:a', 't9', false);
    expect(outbox.entries.map((e) => e.ticket)).to.deep.equal(['t9', 't9']);
  });
});
