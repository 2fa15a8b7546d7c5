import assert from 'node:assert/strict';
import { cpSync, existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { persistTo } from '../../mock-server/http/persistence.js';
import { Store, type Owner } from '../../mock-server/store.js';

// In-process checks of the --data journal: that what is on disk at any instant, folds in
// the middle included, loads back into exactly the state that was acknowledged.

const owner = (n: number): Owner => ({ kind: 'session', id: `00000000-0000-4000-8000-${String(n).padStart(12, '0')}` });
const quiet = () => {};

/** A store driven through every kind of change the feed has. */
async function exercise(store: Store, rounds: number) {
  for (let i = 0; i < rounds; i++) {
    const sent = store.sendCustomerMessage({
      owner: owner(i % 7),
      ticket: null,
      content: `hello ${i}`,
      traits: { name: `V${i}`, email: `v${i % 5}@example.com` },
      distinctId: null,
      sessionContext: { current_url: 'http://localhost/' },
      clientMessageId: null,
    });
    // An upload and the message that takes it; another that waits unsent.
    const file = () => ({ id: crypto.randomUUID(), name: `f${i}.png`, content_type: 'image/png', size: 8, ticket_id: null });
    const upload = store.addAttachment({ ...file(), uploader: `session:${owner(i % 7).id}` });
    store.addAttachment({ ...file(), uploader: `session:${owner(i % 7).id}` });
    store.sendCustomerMessage({
      owner: owner(i % 7),
      ticket: sent.ticket,
      content: '',
      traits: {},
      distinctId: null,
      sessionContext: {},
      clientMessageId: null,
      attachmentIds: [upload.id],
    });
    store.addTeamMessage(sent.ticket, {
      content: `reply ${i}`,
      author_type: 'support',
      author_name: 'Ada',
      is_private: i % 3 === 0,
    });
    store.updateTicket(sent.ticket, { status: 'pending', tags: [`t${i}`], priority: 'high' });
    store.markRead(sent.ticket);
    store.markSeenByTeam(sent.ticket);
    // The team's settings and a rating: saved, changed and removed records.
    store.settings.save('savedViews', {
      short_id: `v${i}`,
      name: `View ${i}`,
      filters: { status: 'open' },
      created_at: store.stamp(),
    });
    store.settings.save('savedViews', { short_id: `v${i}`, name: `View ${i}, renamed`, filters: {}, created_at: store.stamp() });
    if (i % 2) store.settings.remove('savedViews', `v${i - 1}`);
    const rule = {
      id: `a${i}`,
      name: null,
      trigger: 'message.received',
      conditions: [],
      actions: [{ type: 'addTag', tag: 'x' }],
    } as const;
    store.settings.save('automations', { ...rule, conditions: [], actions: [...rule.actions], created_at: store.stamp() });
    store.updateTicket(sent.ticket, { status: 'resolved' });
    store.rateTicket(sent.ticket, 1 + (i % 5), i % 2 ? 'fine' : null);
    if (i % 4 === 3) store.deleteTicket(sent.ticket);
    if (i % 5 === 2) {
      await store.requestRestore(`v${i % 5}@example.com`, new URL('http://localhost/shop'));
      const link = store.data.mailbox.at(-1)?.link;
      if (link) await store.redeemRestore(new URL(link).searchParams.get('ph_conv_restore')!, owner(100 + i).id, `user-${i}`);
    }
    if (i === Math.floor(rounds / 2)) store.reset();
  }
}

function loadCopy(dir: string, copy: string) {
  rmSync(copy, { recursive: true, force: true });
  cpSync(dir, copy, { recursive: true });
  const again = new Store();
  persistTo(again, join(copy, 'data.json'), { log: quiet }).stop();
  return again.data;
}

describe('--data journal', () => {
  it('loads back exactly the acknowledged state from the files as they are at any instant, mid-fold included', async () => {
    const root = mkdtempSync(join(tmpdir(), 'support-chat-journal-'));
    const dir = join(root, 'live');
    const copy = join(root, 'copy');
    cpSync(mkdtempSync(join(tmpdir(), 'x-')), dir, { recursive: true });
    try {
      const store = new Store();
      // Tiny folds: the journal is rotated and folded over and over while changes go on.
      const persistence = persistTo(store, join(dir, 'data.json'), { foldBytes: 2_000, log: quiet });
      for (let round = 0; round < 12; round++) {
        await exercise(store, 9);
        // As a kill -9 would leave the files right now (a fold may be half done).
        assert.deepEqual(loadCopy(dir, copy), JSON.parse(JSON.stringify(store.data)), `round ${round}`);
        if (round % 3 === 0) await new Promise((resolve) => setImmediate(resolve));
      }
      await persistence.settled();
      assert.deepEqual(loadCopy(dir, copy), JSON.parse(JSON.stringify(store.data)));
      persistence.flush();
      persistence.stop();
      assert.deepEqual(
        readdirSync(dir).sort(),
        ['data.json', 'data.json.journal'],
        'a flush leaves the file and an empty journal',
      );
    } finally {
      rmSync(root, { recursive: true, force: true });
    }
  });

  it('replays an old journal left beside a newer file (a crash between the rename and the delete)', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'support-chat-journal-'));
    try {
      const store = new Store();
      const file = join(dir, 'data.json');
      const persistence = persistTo(store, file, { foldBytes: Infinity, idleFoldMs: 60_000, log: quiet });
      await exercise(store, 6);
      // Keep a copy of the journal as it was, fold, then put it back as the "old" one.
      cpSync(`${file}.journal`, join(dir, 'kept'));
      persistence.flush();
      await exercise(store, 3);
      persistence.stop();
      cpSync(join(dir, 'kept'), `${file}.journal.old`);
      rmSync(join(dir, 'kept'));
      const again = new Store();
      persistTo(again, file, { log: quiet }).stop();
      assert.deepEqual(again.data, JSON.parse(JSON.stringify(store.data)));
      assert.equal(existsSync(`${file}.journal.old`), false, 'start-up folds what it replayed');
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
