import { expect } from '@open-wc/testing';
import { delay, http } from 'msw';
import { HttpTransport } from '../../../src/transport/http-transport.js';
import { TransportError } from '../../../src/transport/transport-error.js';
import { startReferenceServer, WIDGET_TOKEN } from '../helpers/reference-server.js';
import { checkFiles, limitsOf } from '../../../src/client/attachments/attachment-rules.js';
import { attachmentsOf } from '../../../src/transport/validate-attachments.js';
import { capabilities } from '../../../src/transport/validate.js';
import { message } from '../../../src/transport/validate-conversation.js';

const LIMITS = { max_bytes: 100, max_per_message: 2, types: ['image/png', 'text/plain'] };
const file = (name: string, type: string, size = 10) => ({ name, type, size });

describe('attachment rules', () => {
  it('refuses by type, then size, then count, keeping the order and the rest', () => {
    const result = checkFiles(
      [
        file('a.png', 'image/png'),
        file('b.svg', 'image/svg+xml'),
        file('c.txt', 'text/plain', 101),
        file('d.txt', 'TEXT/PLAIN'),
        file('e.png', 'image/png'),
      ],
      LIMITS,
    );
    expect(result.accepted.map((f) => f.name)).to.deep.equal(['a.png', 'd.txt']);
    expect(result.refused.map((r) => [r.file.name, r.reason])).to.deep.equal([
      ['b.svg', 'attachment_type'],
      ['c.txt', 'attachment_too_large'],
      ['e.png', 'attachment_count'],
    ]);
  });

  it('counts the files already chosen, and refuses everything without limits', () => {
    expect(checkFiles([file('a.png', 'image/png')], LIMITS, 2).refused[0].reason).to.equal('attachment_count');
    expect(checkFiles([file('a.png', 'image/png')], null).refused[0].reason).to.equal('attachment_type');
    expect(checkFiles([file('untyped', '')], LIMITS).refused[0].reason).to.equal('attachment_type');
  });

  it('reads capabilities.attachments only when all three rules are sane', () => {
    expect(limitsOf(LIMITS)).to.deep.equal(LIMITS);
    expect(limitsOf({ ...LIMITS, types: ['IMAGE/PNG', 7, ''] })).to.deep.equal({ ...LIMITS, types: ['image/png'] });
    for (const bad of [
      undefined,
      null,
      true,
      'yes',
      { ...LIMITS, max_bytes: 0 },
      { ...LIMITS, max_per_message: 1.5 },
      { ...LIMITS, types: [] },
    ])
      expect(limitsOf(bad), JSON.stringify(bad)).to.be.null;
    expect(capabilities({ attachments: LIMITS }, 'response').attachments, 'passed on to be read so').to.deep.equal(LIMITS);
  });
});

describe('attachments on the wire', () => {
  const good = { id: 'f1', name: 'a.png', content_type: 'image/png', size: 3, url: 'https://files.example/a?sig=1' };

  it('keeps well-formed files and leaves out broken ones, never a script URL', () => {
    const list = [
      good,
      { ...good, id: 'f2', url: 'javascript:alert(1)' },
      { ...good, id: 'f3', url: 'data:image/png;base64,AAAA' },
      { ...good, id: 'f4', size: -1 },
      { ...good, id: '' },
      'nonsense',
      null,
      { ...good, id: 'f5', name: '<b>x</b>' },
    ];
    expect(attachmentsOf(list).map((a) => a.id)).to.deep.equal(['f1', 'f5']);
    expect(attachmentsOf(undefined)).to.deep.equal([]);
  });

  it('never fails a message for its files: they are checked where shown', () => {
    const m = message(
      {
        id: 'm1',
        content: 'hi',
        author_type: 'support',
        author_name: null,
        created_at: new Date().toISOString(),
        attachments: [{ url: 'javascript:1' }],
      },
      'm',
    );
    expect(m.content).to.equal('hi');
    expect(attachmentsOf(m.attachments)).to.deep.equal([]);
  });
});

describe("the HTTP transport's upload", () => {
  const credentials = () => ({ widgetSessionId: crypto.randomUUID() });
  const file = () => new File(['order 1234'], 'order.txt', { type: 'text/plain' });

  it("uploads and answers the server's file, its name verbatim", async () => {
    await startReferenceServer({ live: true });
    // (Chromium fires upload progress only for bodies that take a while to go; the UI test sees the bar.)
    const named = new File(['order 1234'], '"quoted" name.txt', { type: 'text/plain' });
    const uploaded = await new HttpTransport({ token: WIDGET_TOKEN }).uploadAttachment(named, credentials());
    expect(uploaded.name).to.equal('"quoted" name.txt');
    expect(uploaded.size).to.equal(10);
    expect(uploaded.content_type).to.equal('text/plain');
  });

  it('rejects with an AbortError when cancelled, and as a network failure when it stalls', async () => {
    const worker = await startReferenceServer({ live: true });
    worker.use(http.post('*/api/conversations/v1/widget/attachments', () => delay('infinite')));
    const controller = new AbortController();
    const cancelled = new HttpTransport({ token: WIDGET_TOKEN }).uploadAttachment(file(), credentials(), {
      signal: controller.signal,
    });
    setTimeout(() => controller.abort(), 50);
    const abort = await cancelled.catch((error: unknown) => error);
    expect((abort as DOMException).name).to.equal('AbortError');
    const stalled = await new HttpTransport({ token: WIDGET_TOKEN, timeoutMs: 200 })
      .uploadAttachment(file(), credentials())
      .catch((error: unknown) => error);
    expect(stalled).to.be.instanceOf(TransportError);
    expect((stalled as TransportError).kind).to.equal('network');
    expect((stalled as TransportError).retryable).to.be.true;
  });

  it("says 413 and 415 as typed errors, with the server's words", async () => {
    await startReferenceServer({ live: true });
    const svg = new File(['<svg onload="alert(1)"/>'], 'logo.svg', { type: 'image/svg+xml' });
    const refused = await new HttpTransport({ token: WIDGET_TOKEN })
      .uploadAttachment(svg, credentials())
      .catch((e: unknown) => e);
    expect(refused).to.be.instanceOf(TransportError);
    expect((refused as TransportError).status).to.equal(415);
    expect((refused as TransportError).retryable).to.be.false;
  });
});
