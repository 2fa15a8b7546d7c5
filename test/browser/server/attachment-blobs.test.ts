import { expect } from '@open-wc/testing';
import { getResponse } from 'msw';
import { IndexedDbBlobs } from '../../../mock-server/attachments/indexeddb-blobs.js';
import { startBrowserServer } from '../../../mock-server/browser.js';
import { defaultConfig } from '../../../mock-server/config.js';
import { createHandlers } from '../../../mock-server/handlers/index.js';
import { STORAGE_KEY, syncWithStorage } from '../../../mock-server/storage-sync.js';
import { store as browserStore, Store } from '../../../mock-server/store.js';
import { waitFor } from '../helpers/queries.js';

/**
 * The browser runtime keeps attachment bytes in IndexedDB (mock-server/attachments/indexeddb-blobs.ts)
 * and their records in localStorage (storage-sync.ts), so that a reloaded demo page still
 * serves the files uploaded before. Each "page" here is what a page load of the demo builds:
 * a fresh store, synced with localStorage, over the IndexedDB blob store of the same name.
 * Its handlers answer through `getResponse`, not a second service worker, so nothing here
 * touches the worker other test files start; every database and storage key is this file's
 * own and is removed afterwards.
 */

const PNG = new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13, 0x49, 0x48, 0x44, 0x52, 1, 2, 3]);
const PDF = new TextEncoder().encode('%PDF-1.4\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n');
const SESSION = { widget_session_id: crypto.randomUUID(), distinct_id: 'visitor-1' };
const TEAM = `/api/projects/${defaultConfig.projectId}/conversations`;
const TEAM_HEADERS = { Authorization: `Bearer ${defaultConfig.apiKey}` };

interface Page {
  store: Store;
  /** Answers a request as the page's service worker would. */
  fetch(path: string, init?: RequestInit): Promise<Response>;
  /** The page goes away (its storage subscription ends; IndexedDB and localStorage stay). */
  close(): void;
}

/** A page load of the browser runtime over the database `db` and the localStorage key `key`. */
function openPage(db: string, key: string): Page {
  const store = new Store();
  store.blobs = new IndexedDbBlobs(db);
  const stopSync = syncWithStorage(store, { storage: localStorage, addEventListener: () => {} }, key);
  const handlers = createHandlers(store, { allowedDomains: [location.hostname] });
  return {
    store,
    async fetch(path, init) {
      const response = await getResponse(handlers, new Request(new URL(path, location.origin), init));
      if (!response) throw new Error(`no handler answered ${init?.method ?? 'GET'} ${path}`);
      return response;
    },
    close: stopSync,
  };
}

async function upload(page: Page, bytes: Uint8Array<ArrayBuffer>, type: string, filename: string) {
  const form = new FormData();
  for (const [k, v] of Object.entries(SESSION)) form.append(k, v);
  form.append('file', new Blob([bytes], { type }), filename);
  const response = await page.fetch('/api/conversations/v1/widget/attachments', {
    method: 'POST',
    headers: { 'X-Conversations-Token': defaultConfig.widgetToken },
    body: form,
  });
  expect(response.status, await response.clone().text()).to.equal(201);
  return (await response.json()) as { id: string; name: string; content_type: string; size: number; url: string };
}

async function send(page: Page, attachmentIds: string[]) {
  const response = await page.fetch('/api/conversations/v1/widget/message', {
    method: 'POST',
    headers: { 'X-Conversations-Token': defaultConfig.widgetToken, 'Content-Type': 'application/json' },
    body: JSON.stringify({ message: '', ticket_id: null, attachment_ids: attachmentIds, ...SESSION }),
  });
  expect(response.status, await response.clone().text()).to.equal(200);
  return ((await response.json()) as { ticket_id: string }).ticket_id;
}

/** The signed URLs of a ticket's files, fresh from the visitor's messages list. */
async function attachmentUrls(page: Page, ticketId: string) {
  const query = new URLSearchParams(SESSION);
  const response = await page.fetch(`/api/conversations/v1/widget/messages/${ticketId}?${query}`, {
    headers: { 'X-Conversations-Token': defaultConfig.widgetToken },
  });
  expect(response.status).to.equal(200);
  const body = (await response.json()) as { messages: Array<{ attachments: Array<{ id: string; url: string }> }> };
  return body.messages.flatMap((m) => m.attachments);
}

async function download(page: Page, url: string) {
  const { pathname, search } = new URL(url);
  const response = await page.fetch(pathname + search);
  return { status: response.status, headers: response.headers, bytes: new Uint8Array(await response.arrayBuffer()) };
}

// ---- IndexedDB, read directly (not through idb-keyval, the code under test) -------------

async function databaseExists(name: string) {
  return (await indexedDB.databases()).some((db) => db.name === name);
}

/** Every blob of the database `name`, by key; its connection is closed at once. */
async function blobsIn(name: string): Promise<Map<string, Uint8Array>> {
  const db = await new Promise<IDBDatabase>((resolve, reject) => {
    const request = indexedDB.open(name);
    request.onsuccess = () => resolve(request.result);
    request.onerror = () => reject(request.error);
  });
  try {
    if (!db.objectStoreNames.contains('blobs')) return new Map();
    const store = db.transaction('blobs', 'readonly').objectStore('blobs');
    const [keys, values] = await Promise.all(
      [store.getAllKeys(), store.getAll()].map(
        (request) =>
          new Promise<unknown[]>((resolve, reject) => {
            request.onsuccess = () => resolve(request.result);
            request.onerror = () => reject(request.error);
          }),
      ),
    );
    return new Map(keys.map((key, i) => [String(key), values[i] as Uint8Array]));
  } finally {
    db.close();
  }
}

/** Starts the deletion; it completes once the store's own connections close (with the page). */
function deleteDatabase(name: string) {
  return new Promise<void>((resolve) => {
    const request = indexedDB.deleteDatabase(name);
    request.onsuccess = request.onerror = request.onblocked = () => resolve();
  });
}

describe('reference server in the browser: attachment bytes in IndexedDB', () => {
  let db: string;
  let key: string;
  const pages: Page[] = [];
  const open = () => {
    const page = openPage(db, key);
    pages.push(page);
    return page;
  };

  beforeEach(() => {
    const run = crypto.randomUUID();
    db = `support-chat-test-blobs-${run}`;
    key = `support-chat-test-server-${run}`;
  });

  afterEach(async () => {
    for (const page of pages.splice(0)) page.close();
    localStorage.removeItem(key);
    await deleteDatabase(db);
  });

  it('keeps an upload in IndexedDB and serves it back with the safe headers', async () => {
    const page = open();
    const up = await upload(page, PNG, 'image/png', 'screen shot.png');
    expect(up.size).to.equal(PNG.length);

    // The bytes are in the database itself, under the attachment's id, not only in memory.
    const kept = await blobsIn(db);
    expect([...kept.keys()]).to.deep.equal([up.id]);
    expect([...kept.get(up.id)!]).to.deep.equal([...PNG]);

    const ticketId = await send(page, [up.id]);
    const [attachment] = await attachmentUrls(page, ticketId);
    expect(attachment.id).to.equal(up.id);
    const got = await download(page, attachment.url);
    expect(got.status).to.equal(200);
    expect([...got.bytes]).to.deep.equal([...PNG]);
    expect(got.headers.get('content-type')).to.equal('image/png');
    expect(got.headers.get('x-content-type-options')).to.equal('nosniff');
    expect(got.headers.get('content-security-policy')).to.equal("default-src 'none'; sandbox");
    expect(got.headers.get('content-disposition')).to.equal(
      `inline; filename="screen shot.png"; filename*=UTF-8''screen%20shot.png`,
    );
  });

  it('serves the same bytes after a page reload: by the old signed URL and by a fresh one', async () => {
    const before = open();
    const picture = await upload(before, PNG, 'image/png', 'shot.png');
    const invoice = await upload(before, PDF, 'application/pdf', 'invoice.pdf');
    const ticketId = await send(before, [picture.id, invoice.id]);
    const oldUrls = await attachmentUrls(before, ticketId);
    expect(oldUrls.map((a) => a.id)).to.deep.equal([picture.id, invoice.id]);
    before.close();

    // The reload: a new store, whose only memory of the files is localStorage and IndexedDB.
    const after = open();
    expect(after.store).not.to.equal(before.store);
    for (const [i, bytes] of [PNG, PDF].entries()) {
      const byOldUrl = await download(after, oldUrls[i].url);
      expect(byOldUrl.status).to.equal(200);
      expect([...byOldUrl.bytes]).to.deep.equal([...bytes]);
    }
    const fresh = await attachmentUrls(after, ticketId);
    const pdf = await download(after, fresh[1].url);
    expect(pdf.status).to.equal(200);
    expect([...pdf.bytes]).to.deep.equal([...PDF]);
    expect(pdf.headers.get('content-type')).to.equal('application/pdf');
    expect(pdf.headers.get('content-disposition')).to.match(/^attachment; filename="invoice.pdf"/);
  });

  it('removes a deleted ticket’s files from IndexedDB, and keeps the others', async () => {
    const page = open();
    const gone = await upload(page, PNG, 'image/png', 'gone.png');
    const goneTicket = await send(page, [gone.id]);
    const [goneUrl] = await attachmentUrls(page, goneTicket);
    const kept = await upload(page, PDF, 'application/pdf', 'kept.pdf');
    await send(page, [kept.id]);
    expect([...(await blobsIn(db)).keys()].sort()).to.deep.equal([gone.id, kept.id].sort());

    const deleted = await page.fetch(`${TEAM}/tickets/${goneTicket}`, { method: 'DELETE', headers: TEAM_HEADERS });
    expect(deleted.status).to.be.lessThan(300);
    // The store deletes the bytes after the records, without waiting: the database follows shortly.
    await waitFor(async () => expect([...(await blobsIn(db)).keys()]).to.deep.equal([kept.id]));
    expect((await download(page, goneUrl.url)).status).to.equal(404);

    // And after a reload the deleted file stays gone.
    page.close();
    const reloaded = open();
    expect((await download(reloaded, goneUrl.url)).status).to.equal(404);
  });

  it('empties IndexedDB on reset; the old URLs then answer 404', async () => {
    const page = open();
    const up = await upload(page, PNG, 'image/png', 'shot.png');
    const [attachment] = await attachmentUrls(page, await send(page, [up.id]));
    expect((await blobsIn(db)).size).to.equal(1);

    const reset = await page.fetch('/api/_dev/reset', {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: '{}',
    });
    expect(reset.ok).to.equal(true);
    await waitFor(async () => expect((await blobsIn(db)).size).to.equal(0));
    expect((await download(page, attachment.url)).status).to.equal(404);
  });

  it('answers 403 to a forged or borrowed signature, before looking the file up', async () => {
    const page = open();
    const a = await upload(page, PNG, 'image/png', 'a.png');
    const b = await upload(page, PDF, 'application/pdf', 'b.pdf');
    const [urlA, urlB] = await attachmentUrls(page, await send(page, [a.id, b.id]));

    const forged = new URL(urlA.url);
    forged.searchParams.set('signature', '0'.repeat(64));
    expect((await download(page, forged.href)).status).to.equal(403);

    // A's signature on B's path: a valid signature, for another file.
    const borrowed = new URL(urlB.url);
    borrowed.search = new URL(urlA.url).search;
    const refused = await download(page, borrowed.href);
    expect(refused.status).to.equal(403);
    expect(new TextDecoder().decode(refused.bytes)).not.to.include('%PDF');

    // A later expiry with the old signature.
    const extended = new URL(urlA.url);
    extended.searchParams.set('expires', String(Number(extended.searchParams.get('expires')) + 86_400));
    expect((await download(page, extended.href)).status).to.equal(403);

    // A file that does not exist, forged: 403 as well, saying nothing about existence.
    const nobody = new URL(urlA.url);
    nobody.pathname = nobody.pathname.replace(a.id, crypto.randomUUID());
    expect((await download(page, nobody.href)).status).to.equal(403);

    // The real URLs still work, and the bytes in IndexedDB are untouched.
    expect((await download(page, urlB.url)).status).to.equal(200);
    expect((await blobsIn(db)).size).to.equal(2);
  });

  it('still serves the files kept before IndexedDB refused a write (a full quota)', async () => {
    const page = open();
    const first = await upload(page, PNG, 'image/png', 'first.png');
    const firstTicket = await send(page, [first.id]);
    const put = Object.getOwnPropertyDescriptor(IDBObjectStore.prototype, 'put')!;
    Object.defineProperty(IDBObjectStore.prototype, 'put', {
      configurable: true,
      value: () => {
        throw new DOMException('The quota has been exceeded.', 'QuotaExceededError');
      },
    });
    let second: Awaited<ReturnType<typeof upload>>;
    try {
      // This page keeps the refused file in memory instead: the upload still succeeds.
      second = await upload(page, PDF, 'application/pdf', 'second.pdf');
    } finally {
      Object.defineProperty(IDBObjectStore.prototype, 'put', put);
    }
    const secondTicket = await send(page, [second.id]);
    const [firstUrl] = await attachmentUrls(page, firstTicket);
    const [secondUrl] = await attachmentUrls(page, secondTicket);
    const old = await download(page, firstUrl.url);
    expect(old.status).to.equal(200);
    expect([...old.bytes]).to.deep.equal([...PNG]);
    expect([...(await download(page, secondUrl.url)).bytes]).to.deep.equal([...PDF]);
    expect([...(await blobsIn(db)).keys()]).to.deep.equal([first.id]);

    // Deleting the first ticket still removes its bytes from the database.
    await page.fetch(`${TEAM}/tickets/${firstTicket}`, { method: 'DELETE', headers: TEAM_HEADERS });
    await waitFor(async () => expect((await blobsIn(db)).size).to.equal(0));
  });

  describe('where IndexedDB refuses', () => {
    afterEach(() => {
      // The stub is an own property of this page's `indexedDB`; the prototype's `open` is back.
      delete (indexedDB as { open?: unknown }).open;
    });

    it('keeps the bytes in memory: uploads and downloads still work, and no database is made', async () => {
      Object.defineProperty(indexedDB, 'open', {
        configurable: true,
        value: () => {
          throw new DOMException('IndexedDB is disabled in this window', 'SecurityError');
        },
      });
      expect(() => indexedDB.open('x')).to.throw('disabled');

      const page = open();
      const up = await upload(page, PNG, 'image/png', 'shot.png');
      const ticketId = await send(page, [up.id]);
      const [attachment] = await attachmentUrls(page, ticketId);
      const got = await download(page, attachment.url);
      expect(got.status).to.equal(200);
      expect([...got.bytes]).to.deep.equal([...PNG]);
      expect(got.headers.get('x-content-type-options')).to.equal('nosniff');

      // Deleting the ticket removes the bytes from memory too.
      const deleted = await page.fetch(`${TEAM}/tickets/${ticketId}`, { method: 'DELETE', headers: TEAM_HEADERS });
      expect(deleted.status).to.be.lessThan(300);
      expect(await page.store.blobs.get(up.id)).to.equal(undefined);

      delete (indexedDB as { open?: unknown }).open;
      expect(await databaseExists(db)).to.equal(false);
    });
  });
});

describe('startBrowserServer', () => {
  const DEFAULT_DB = 'support-chat-reference-server-files';

  after(async () => {
    localStorage.removeItem(STORAGE_KEY);
    await deleteDatabase(DEFAULT_DB);
  });

  it('puts the shared store’s bytes in IndexedDB, and the service worker serves them', async () => {
    const worker = await startBrowserServer({ quiet: true });
    try {
      expect(browserStore.blobs).to.be.instanceOf(IndexedDbBlobs);
      const form = new FormData();
      for (const [k, v] of Object.entries(SESSION)) form.append(k, v);
      form.append('file', new Blob([PNG], { type: 'image/png' }), 'worker.png');
      const response = await fetch('/api/conversations/v1/widget/attachments', {
        method: 'POST',
        headers: { 'X-Conversations-Token': defaultConfig.widgetToken },
        body: form,
      });
      expect(response.status).to.equal(201);
      const up = (await response.json()) as { id: string; url: string };
      expect([...((await blobsIn(DEFAULT_DB)).get(up.id) ?? [])]).to.deep.equal([...PNG]);
      // The upload's own URL, through the worker (a real fetch, as `<img src>` would make).
      const got = await fetch(up.url);
      expect(got.status).to.equal(200);
      expect(got.headers.get('content-security-policy')).to.equal("default-src 'none'; sandbox");
      expect([...new Uint8Array(await got.arrayBuffer())]).to.deep.equal([...PNG]);
    } finally {
      browserStore.reset();
      worker.stop();
    }
  });
});
