import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { setupServer } from 'msw/node';
import { createHandlers } from '../../mock-server/handlers/index.js';
import { syncWithStorage } from '../../mock-server/storage-sync.js';
import { MemoryBlobs, Store } from '../../mock-server/store.js';
import { anonymous } from './helpers/anonymous.js';
import { client } from './helpers/api.js';
import { download, PDF, PNG, teamUpload, widgetUpload } from './helpers/attachments.js';
import { fakeBrowser, inBothRuntimes } from './helpers/runtimes.js';

/** The same attachment requests get the same answers from the standalone server and from `setupServer`. */

const SESSION = { widget_session_id: '11111111-1111-4111-8111-111111111111', distinct_id: 'd-1' };

async function script(baseUrl: string) {
  const api = client(baseUrl);
  const seen: unknown[] = [];
  await api.dev.reset();
  const up = await widgetUpload(baseUrl, SESSION, PNG, { filename: '../shot.png' });
  seen.push(up.status, up.body);
  seen.push((await widgetUpload(baseUrl, SESSION, PNG, { type: 'application/pdf', filename: 'x.pdf' })).body);
  const sent = await api.widget.send({ message: '', ticket_id: null, attachment_ids: [up.body.id], ...SESSION });
  seen.push(sent.status, sent.body);
  seen.push((await api.widget.send({ message: '', ticket_id: null, attachment_ids: [up.body.id], ...SESSION })).body);
  const team = await teamUpload(baseUrl, sent.body.ticket_id, PDF, { type: 'application/pdf', filename: 'invoice.pdf' });
  seen.push(team.status, team.body);
  seen.push((await api.team.reply(sent.body.ticket_id, { content: 'here', attachment_ids: [team.body.id] })).body);
  const thread = await api.widget.messages(sent.body.ticket_id, SESSION);
  seen.push(thread.body);
  for (const message of thread.body.messages) {
    const got = await download(message.attachments[0].url);
    seen.push(
      got.status,
      Object.fromEntries(
        ['content-type', 'content-disposition', 'content-security-policy', 'x-content-type-options', 'cache-control'].map((h) => [
          h,
          got.headers.get(h),
        ]),
      ),
      [...got.bytes],
    );
  }
  const forged = new URL(thread.body.messages[0].attachments[0].url);
  forged.searchParams.set('signature', '0'.repeat(64));
  seen.push((await download(forged.href)).status);
  return seen;
}

const normalise = (value: unknown) =>
  JSON.parse(
    JSON.stringify(value)
      .replace(/[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}/g, (id) =>
        id === SESSION.widget_session_id ? id : '<uuid>',
      )
      .replace(/\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z/g, '<time>')
      .replace(/signature=[0-9a-f]{64}/g, 'signature=<sig>')
      .replace(/expires=\d+/g, 'expires=<s>')
      .replace(/http:\/\/(127\.0\.0\.1:\d+|in-process\.test)/g, '<origin>'),
  );

describe('attachments in every runtime', () => {
  it('answers alike over HTTP and under setupServer', async () => {
    const { overHttp, underMsw } = await inBothRuntimes(script);
    assert.deepEqual(normalise(underMsw), normalise(overHttp));
    assert.ok(JSON.stringify(overHttp).includes('"....shot.png"') === false && JSON.stringify(overHttp).includes('"..shot.png"'));
  });
});

describe('attachments in the browser runtime (two tabs, one storage)', () => {
  it('serves in one tab a file uploaded in another, by the URL the first tab signed, and after a reload', async () => {
    const storage = new Map<string, string>();
    // The tabs share their records through localStorage and their bytes through IndexedDB
    // (here one BlobStore for both, as the one database is).
    const bytes = new MemoryBlobs();
    const tab = (browser: ReturnType<typeof fakeBrowser>) => {
      const store = new Store();
      store.blobs = bytes;
      syncWithStorage(store, browser.host);
      return store;
    };
    const firstTab = fakeBrowser(storage);
    const first = tab(firstTab);
    const secondTab = fakeBrowser(storage);
    const second = tab(secondTab);
    assert.notEqual(first.data.attachmentSecret, second.data.attachmentSecret, 'before any save, each tab has its own key');

    const base = 'http://in-process.test';
    const me = anonymous();
    let url: string;
    const one = setupServer(...createHandlers(first));
    one.listen({ onUnhandledRequest: 'error' });
    try {
      const up = await widgetUpload(base, me, PNG);
      assert.equal(up.status, 201);
      url = up.body.url;
      const sent = await client(base).widget.send({ message: '', ticket_id: null, attachment_ids: [up.body.id], ...me });
      assert.equal(sent.status, 200);
    } finally {
      one.close();
    }
    secondTab.fireStorage('support-chat-reference-server');
    assert.equal(second.data.attachmentSecret, first.data.attachmentSecret, 'the key came with the records');

    for (const store of [second, tab(fakeBrowser(storage))]) {
      const other = setupServer(...createHandlers(store));
      other.listen({ onUnhandledRequest: 'error' });
      try {
        const got = await download(url);
        assert.equal(got.status, 200);
        assert.deepEqual(got.bytes, PNG);
      } finally {
        other.close();
      }
    }
  });
});
