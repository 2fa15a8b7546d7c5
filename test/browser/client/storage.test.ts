import { expect } from '@open-wc/testing';
import { SupportChatClient } from '../../../src/client/support-chat-client.js';
import { IndexedDbStorage, MemoryStorage } from '../../../src/client/storage.js';
import { deleteDatabase } from '../helpers/faults.js';
import { WIDGET_TOKEN, startReferenceServer, team } from '../helpers/reference-server.js';

const DB = `support-chat-${WIDGET_TOKEN}`;
const UUID_V4 = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;
const quiet = { pollIntervals: { open: 60_000, closed: 60_000 } };
const databaseExists = async () => (await indexedDB.databases()).some((db) => db.name === DB);

describe('storage: IndexedDB per widget token, memory when it fails', () => {
  let clients: SupportChatClient[] = [];
  const client = (options: Partial<ConstructorParameters<typeof SupportChatClient>[0]> = {}) => {
    const made = new SupportChatClient({ token: WIDGET_TOKEN, ...quiet, ...options });
    clients.push(made);
    return made;
  };

  beforeEach(async () => {
    await startReferenceServer();
    await deleteDatabase(DB);
  });
  afterEach(() => {
    clients.forEach((c) => c.stop());
    clients = [];
  });

  it('keeps session (a UUID v4 made once), ticket, open state and traits across a reload', async () => {
    const first = client();
    await first.start();
    const sessionId = first.getWidgetSessionId()!;
    expect(sessionId).to.match(UUID_V4);
    await first.identify({ name: 'Ada', email: 'ada@example.com' });
    await first.sendMessage('Kept');
    first.openPanel();
    first.stop();

    const again = client(); // what a reload does: a new client over the same database
    await again.start();
    const state = again.getState();
    expect([state.sessionId, state.currentTicketId, state.open]).to.deep.equal([sessionId, first.getCurrentTicketId(), true]);
    expect(state.traits).to.deep.equal({ name: 'Ada', email: 'ada@example.com' });
  });

  it('uses one database per token', async () => {
    const a = new IndexedDbStorage('token-a');
    const b = new IndexedDbStorage('token-b');
    await a.set('k', 'a');
    expect(await b.get('k')).to.equal(undefined);
    expect(await a.get('k')).to.equal('a');
    await a.clear();
    await deleteDatabase('support-chat-token-a');
    await deleteDatabase('support-chat-token-b');
  });

  it('keeps working in memory when IndexedDB is missing', async () => {
    const original = Object.getOwnPropertyDescriptor(window, 'indexedDB')!;
    Object.defineProperty(window, 'indexedDB', { configurable: true, value: undefined });
    try {
      const storage = new IndexedDbStorage(WIDGET_TOKEN);
      const c = client({ storage });
      await c.start();
      const sent = await c.sendMessage('No IndexedDB here');
      expect(storage.inMemory).to.be.true;
      expect(c.getState().messages.map((m) => [m.content, m.delivery])).to.deep.equal([['No IndexedDB here', 'sent']]);
      expect((await team.messages(sent!.ticket_id)).map((m) => m.content)).to.deep.equal(['No IndexedDB here']);
    } finally {
      Object.defineProperty(window, 'indexedDB', original);
    }
  });

  it('keeps working in memory when opening the database throws', async () => {
    const open = indexedDB.open;
    indexedDB.open = () => {
      throw new DOMException('The user denied permission to access the database.', 'SecurityError');
    };
    try {
      const storage = new IndexedDbStorage(WIDGET_TOKEN);
      const c = client({ storage });
      await c.start();
      await c.sendMessage('Storage throws');
      expect(storage.inMemory).to.be.true;
      expect(c.getState().messages[0].delivery).to.equal('sent');
    } finally {
      indexedDB.open = open;
    }
  });

  it('tells the visitor once, as a storage error, when IndexedDB is broken from the start', async () => {
    const open = indexedDB.open;
    indexedDB.open = () => {
      throw new DOMException('The user denied permission to access the database.', 'SecurityError');
    };
    try {
      const c = client();
      const errors: unknown[] = [];
      c.addEventListener('support-chat-error', (e) =>
        errors.push({ kind: e.detail.kind, code: e.detail.code, message: e.detail.message }),
      );
      await c.start();
      expect(c.getState().error).to.deep.equal({ kind: 'storage', code: 'storage_unavailable' });
      await c.sendMessage('Still chatting');
      expect(c.getState().messages[0].delivery).to.equal('sent');
      expect(errors).to.have.length(1);
      expect(errors[0]).to.include({ kind: 'storage', code: 'storage_unavailable' });
      expect((errors[0] as { message: string }).message).to.be.a('string').and.not.empty;
    } finally {
      indexedDB.open = open;
    }
  });

  it('reports a storage error when a later write fails, and keeps working in memory', async () => {
    const c = client();
    await c.start();
    expect(c.getState().error, 'IndexedDB works at first').to.equal(null);
    const put = IDBObjectStore.prototype.put;
    IDBObjectStore.prototype.put = function () {
      throw new DOMException('The quota has been exceeded.', 'QuotaExceededError');
    };
    try {
      const sent = await c.sendMessage('Written after the disk filled up');
      expect(c.getState().error).to.deep.equal({ kind: 'storage', code: 'storage_unavailable' });
      expect((await team.messages(sent!.ticket_id)).map((m) => m.content)).to.deep.equal(['Written after the disk filled up']);
    } finally {
      IDBObjectStore.prototype.put = put;
    }
  });

  it('reports no storage error while IndexedDB works, nor for consent mode holding writes in memory', async () => {
    const plain = client();
    await plain.start();
    await plain.sendMessage('Fine');
    const held = client({ token: `${WIDGET_TOKEN}-consent`, consentRequired: true, storage: new MemoryStorage() });
    await held.start();
    expect([plain.getState().error, held.getState().error]).to.deep.equal([null, null]);
  });

  it('keeps working in memory when the database is blocked', async function () {
    this.timeout(10_000);
    // An old connection that ignores `versionchange` blocks a deletion, and every open queues behind it.
    const holder = await new Promise<IDBDatabase>((resolve) => {
      const request = indexedDB.open(DB);
      request.onupgradeneeded = () => request.result.createObjectStore('state');
      request.onsuccess = () => resolve(request.result);
    });
    const deletion = indexedDB.deleteDatabase(DB);
    try {
      const storage = new IndexedDbStorage(WIDGET_TOKEN, { openTimeoutMs: 1_000 });
      const c = client({ storage });
      await c.start();
      expect(storage.inMemory).to.be.true;
      expect(c.getWidgetSessionId()).to.match(UUID_V4);
      await c.sendMessage('Blocked database, still chatting');
      expect(c.getState().messages[0].delivery).to.equal('sent');
    } finally {
      holder.close();
      await new Promise((resolve) => (deletion.onsuccess = resolve));
    }
  });

  it('reset() clears everything stored, the outbox included, and starts a new session', async () => {
    const c = client();
    await c.start();
    const old = c.getWidgetSessionId();
    await c.identify({ email: 'x@example.com' });
    await c.sendMessage('Before reset');
    await c.reset();
    expect(c.getWidgetSessionId()).to.match(UUID_V4).and.not.equal(old);
    const state = c.getState();
    expect([state.currentTicketId, state.messages, state.traits, state.unreadCount]).to.deep.equal([null, [], {}, 0]);
    const storage = new IndexedDbStorage(WIDGET_TOKEN);
    expect((await storage.keys()).sort()).to.deep.equal(['session-id']);
    expect(await storage.get('session-id')).to.equal(c.getWidgetSessionId());
  });

  describe('consent-required mode', () => {
    it('writes nothing until the visitor first interacts, then stores what happened so far', async () => {
      const c = client({ consentRequired: true });
      await c.start();
      await c.refresh();
      expect(await databaseExists(), 'no database before any interaction').to.be.false;
      const sessionId = c.getWidgetSessionId();

      c.openPanel(); // the first interaction
      await new Promise((r) => setTimeout(r, 100));
      expect(await databaseExists()).to.be.true;
      const storage = new IndexedDbStorage(WIDGET_TOKEN);
      expect(await storage.get('session-id')).to.equal(sessionId);
      expect(await storage.get('open')).to.equal(true);
    });

    for (const [what, act] of [
      ['sendMessage', (c: SupportChatClient) => c.sendMessage('Hello')],
      ['identify', (c: SupportChatClient) => c.identify({ name: 'Ada' })],
      ['selectTicket', (c: SupportChatClient) => c.selectTicket(null).then(() => c.identify({}))],
    ] as const) {
      it(`counts ${what} as the first interaction`, async () => {
        const c = client({ consentRequired: true });
        await c.start();
        expect(await databaseExists()).to.be.false;
        await act(c);
        expect(await databaseExists()).to.be.true;
      });
    }

    it('treats data from an earlier visit as consent given', async () => {
      const first = client({ consentRequired: true });
      await first.start();
      await first.identify({ name: 'Ada' });
      first.stop();
      const next = client({ consentRequired: true });
      await next.start();
      expect(next.getWidgetSessionId()).to.equal(first.getWidgetSessionId());
      expect(next.getState().traits).to.deep.equal({ name: 'Ada' });
    });

    it('holds writes in memory with a custom storage too', async () => {
      const storage = new MemoryStorage();
      const c = client({ consentRequired: true, storage });
      await c.start();
      expect(await storage.keys()).to.deep.equal([]);
      await c.identify({ email: 'ada@example.com' });
      expect((await storage.keys()).sort()).to.deep.equal(['session-id', 'traits']);
    });
  });
});
