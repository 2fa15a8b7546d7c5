import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { persistTo } from '../../mock-server/http/persistence.js';
import { syncWithStorage } from '../../mock-server/storage-sync.js';
import { Store, type StoreChange } from '../../mock-server/store.js';

const SESSION = { kind: 'session', id: '7d3c1a52-0b1e-4a8e-9c55-2f0c3a1d9e01' } as const;

function recorder(store: Store) {
  const seen: StoreChange[] = [];
  const stop = store.feed.subscribe((change) => seen.push(change));
  return { seen, types: () => seen.map((c) => c.type), stop };
}

const send = (store: Store, content: string) =>
  store.sendCustomerMessage({
    owner: SESSION,
    ticket: null,
    content,
    traits: {},
    distinctId: null,
    sessionContext: {},
    clientMessageId: null,
  });

describe('the store change feed', () => {
  it('gives every subscriber typed records of each change, in order', () => {
    const store = new Store();
    const a = recorder(store);
    const b = recorder(store);
    const { ticket, message } = send(store, 'Hello');
    const reply = store.addTeamMessage(ticket, { content: 'Hi', author_type: 'support', author_name: 'Sam', is_private: false });
    store.markRead(ticket);
    store.updateTicket(ticket, { status: 'pending', priority: 'high', tags: ['vip'] });
    store.markSeenByTeam(ticket);
    store.deleteTicket(ticket);
    store.reset();

    assert.deepEqual(a.types(), ['ticket-created', 'message', 'message', 'read', 'ticket', 'read', 'ticket-deleted', 'reset']);
    assert.deepEqual(b.seen, a.seen);
    assert.deepEqual(a.seen[1], { type: 'message', ticket, message });
    assert.equal((a.seen[2] as Extract<StoreChange, { type: 'message' }>).message, reply);
    assert.deepEqual(a.seen[3], { type: 'read', ticket, by: 'customer' });
    assert.deepEqual((a.seen[4] as Extract<StoreChange, { type: 'ticket' }>).changes, {
      status: 'pending',
      priority: 'high',
      tags: ['vip'],
    });
    assert.deepEqual(a.seen[5], { type: 'read', ticket, by: 'team' });
  });

  it('says only what changed: a snooze, its wake-up, an unchanged field', () => {
    const store = new Store();
    let now = Date.parse('2030-01-01T00:00:00Z');
    store.clock = () => now;
    const { ticket } = send(store, 'Hello');
    const feed = recorder(store);
    const until = new Date(now + 60_000).toISOString();
    store.updateTicket(ticket, { snoozed_until: until, priority: 'normal' });
    now += 61_000;
    store.wakeSnoozed();
    assert.deepEqual(
      feed.seen.map((c) => (c.type === 'ticket' ? c.changes : c.type)),
      [
        { status: 'on_hold', snoozed_until: until },
        { status: 'open', snoozed_until: null },
      ],
    );
  });

  it('stops calling a subscriber that unsubscribed; an idempotent repeat changes nothing', () => {
    const store = new Store();
    const feed = recorder(store);
    const input = {
      owner: SESSION,
      ticket: null,
      content: 'Once',
      traits: {},
      distinctId: null,
      sessionContext: {},
      clientMessageId: 'b7a4f0d2-3c1e-4f5a-8b9c-0d1e2f3a4b5c',
    };
    store.sendCustomerMessage(input);
    store.sendCustomerMessage(input);
    assert.deepEqual(feed.types(), ['ticket-created', 'message']);
    feed.stop();
    send(store, 'Unheard');
    assert.equal(feed.seen.length, 2);
    assert.equal(store.feed.size, 0);
  });

  it('tells the other subscribers even when one throws, then reports the error', () => {
    const store = new Store();
    store.feed.subscribe(() => {
      throw new Error('disk full');
    });
    const feed = recorder(store);
    assert.throws(() => store.reset(), /disk full/);
    assert.deepEqual(feed.types(), ['reset']);
  });

  it('a restore says which tickets moved; a load says the state was replaced', async () => {
    const store = new Store();
    store.sendCustomerMessage({
      owner: SESSION,
      ticket: null,
      content: 'Hi',
      traits: { email: 'mia@example.com' },
      distinctId: null,
      sessionContext: {},
      clientMessageId: null,
    });
    const feed = recorder(store);
    await store.requestRestore('Mia@Example.com', new URL('http://localhost/shop'));
    const token = new URL(store.data.mailbox[0].link).searchParams.get('ph_conv_restore')!;
    const newSession = '0f9e8d7c-6b5a-4493-8271-605f4e3d2c1b';
    await store.redeemRestore(token, newSession, null);
    await store.redeemRestore(token, newSession, null); // used: no change
    store.load(JSON.parse(JSON.stringify(store.data)));
    assert.deepEqual(feed.types(), ['mail', 'restored', 'loaded']);
    const restored = feed.seen[1] as Extract<StoreChange, { type: 'restored' }>;
    assert.equal(restored.session_id, newSession);
    assert.deepEqual(
      restored.tickets.map((t) => t.session_id),
      [newSession],
    );
  });

  it('persistence and the storage sync are subscribers side by side, and neither saves a load', () => {
    const dir = mkdtempSync(join(tmpdir(), 'support-chat-feed-'));
    try {
      const store = new Store();
      const file = join(dir, 'data.json');
      const persistence = persistTo(store, file, { idleFoldMs: 60_000 });
      const saved = new Map<string, string>();
      const stopSync = syncWithStorage(store, {
        storage: {
          getItem: (k) => saved.get(k) ?? null,
          setItem: (k, v) => void saved.set(k, v),
          removeItem: (k) => void saved.delete(k),
        },
        addEventListener: () => {},
      });
      assert.equal(store.feed.size, 2);

      store.load({ nextTicketNumber: 7 });
      assert.equal(saved.size, 0, 'a load is not written back');
      send(store, 'Saved twice');
      persistence.flush();
      assert.deepEqual(JSON.parse(readFileSync(file, 'utf8')), store.data);
      assert.deepEqual(JSON.parse(saved.get('support-chat-reference-server')!), store.data);

      stopSync();
      persistence.stop();
      assert.equal(store.feed.size, 0);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
