import { expect } from '@open-wc/testing';
import { HttpResponse, http } from 'msw';
import type { SetupWorker } from 'msw/browser';
import { HttpTransport } from '../../../src/transport/http-transport.js';
import { TransportError } from '../../../src/transport/transport-error.js';
import { SupportChatClient } from '../../../src/client/support-chat-client.js';
import { MemoryStorage } from '../../../src/client/storage.js';
import { chaos } from '../helpers/faults.js';
import { toChatError } from '../../../src/client/chat-error.js';
import { describeError } from '../../../src/i18n/strings.js';
import { MemoryTransport } from '../helpers/memory-transport.js';
import { WIDGET_TOKEN, startReferenceServer } from '../helpers/reference-server.js';

const WIDGET = '*/api/conversations/v1/widget';

async function rejection(promise: Promise<unknown>): Promise<TransportError> {
  try {
    await promise;
  } catch (error) {
    expect(error).to.be.instanceOf(TransportError);
    return error as TransportError;
  }
  throw new Error('expected a rejection');
}

describe('HTTP transport against the reference handlers', () => {
  let worker: SetupWorker;
  const session = { widgetSessionId: crypto.randomUUID() };
  const transport = new HttpTransport({ token: WIDGET_TOKEN, timeoutMs: 300 });

  beforeEach(async () => {
    worker = await startReferenceServer();
  });

  it('sends the token header and exactly one kind of credentials', async () => {
    const seen: Array<{ token: string | null; query: string; body: unknown }> = [];
    worker.events.on('request:start', ({ request }) => {
      if (!request.url.includes('/widget/')) return;
      const body = request.method === 'POST' ? request.clone().json() : Promise.resolve(null);
      void body.then((b) =>
        seen.push({ token: request.headers.get('X-Conversations-Token'), query: new URL(request.url).search, body: b }),
      );
    });
    const sent = await transport.sendMessage(session, { message: 'Hello', ticketId: null });
    await transport
      .getMessages({ identityDistinctId: 'user-1', identityHash: 'ab'.repeat(32) }, { ticketId: sent.ticket_id })
      .catch(() => undefined);
    await new Promise((r) => setTimeout(r, 50));
    worker.events.removeAllListeners();
    expect(seen.every((s) => s.token === WIDGET_TOKEN)).to.be.true;
    const post = seen[0].body as Record<string, unknown>;
    expect(post.widget_session_id).to.equal(session.widgetSessionId);
    expect(post).not.to.have.property('identity_hash');
    expect(seen[1].query)
      .to.contain('identity_distinct_id=user-1')
      .and.contain('identity_hash=')
      .and.not.contain('widget_session_id');
  });

  it('turns each failure into a typed error: http with status and message, rate_limit with retryAfter, network, timeout', async () => {
    const wrongToken = await rejection(new HttpTransport({ token: 'nope' }).getTickets(session, {}));
    expect([wrongToken.kind, wrongToken.status, wrongToken.message]).to.deep.equal(['http', 403, 'Invalid widget token']);

    const unknown = await rejection(transport.getMessages(session, { ticketId: crypto.randomUUID() }));
    expect([unknown.kind, unknown.status, unknown.retryable]).to.deep.equal(['http', 404, false]);

    await chaos({ error_rate: 1, error_status: 429 });
    const limited = await rejection(transport.getTickets(session, {}));
    expect([limited.kind, limited.status, limited.retryAfter, limited.retryable]).to.deep.equal(['rate_limit', 429, 1, true]);

    await chaos({ error_rate: 1, error_status: 503 });
    const down = await rejection(transport.getTickets(session, {}));
    expect([down.kind, down.status, down.retryable]).to.deep.equal(['http', 503, true]);

    await chaos({ offline: true });
    const offline = await rejection(transport.getTickets(session, {}));
    expect([offline.kind, offline.message]).to.deep.equal(['network', 'The network is unreachable.']);

    await chaos({ latency_ms: 1000 });
    const slow = await rejection(transport.getTickets(session, {}));
    expect([slow.kind, slow.message]).to.deep.equal(['network', 'The request timed out.']);
    await chaos({});
  });

  it('reads Retry-After given as an HTTP date', async () => {
    worker.use(
      http.get(`${WIDGET}/tickets`, () =>
        HttpResponse.json(
          { error: 'Slow down' },
          { status: 429, headers: { 'Retry-After': new Date(Date.now() + 5000).toUTCString() } },
        ),
      ),
    );
    const error = await rejection(transport.getTickets(session, {}));
    expect(error.retryAfter).to.be.within(3, 5);
    expect(error.message).to.equal('Slow down');
  });

  it('reads the errors of a production framework: {type, code, detail, attr}, a 429 with no Retry-After', async () => {
    await startReferenceServer({ flavor: 'posthog' });
    const wrongToken = await rejection(new HttpTransport({ token: 'nope' }).getTickets(session, {}));
    expect([wrongToken.kind, wrongToken.status, wrongToken.message]).to.deep.equal([
      'http',
      403,
      'Invalid token or conversations not enabled',
    ]);
    expect(wrongToken.details).to.deep.equal({ code: 'authentication_failed' });

    // The chaos throttles as the flavour does: the framework's body, no Retry-After; the wait is in its words.
    await chaos({ error_rate: 1, error_status: 429 });
    const limited = await rejection(transport.getTickets(session, {}));
    expect([limited.kind, limited.status, limited.retryAfter, limited.message]).to.deep.equal([
      'rate_limit',
      429,
      1,
      'Request was throttled. Expected available in 1 seconds.',
    ]);
    expect(describeError(toChatError(limited)), 'what the visitor reads').to.equal(
      'Too many requests. Please wait a moment and try again.',
    );
    await chaos({});

    worker.use(
      http.post(`${WIDGET}/message`, () =>
        HttpResponse.json(
          { type: 'validation_error', code: 'invalid_input', detail: 'This field is required.', attr: 'distinct_id' },
          { status: 400 },
        ),
      ),
    );
    const invalid = await rejection(transport.sendMessage(session, { message: 'Hi', ticketId: null }));
    expect([invalid.message, invalid.details]).to.deep.equal([
      'This field is required.',
      { code: 'invalid_input', distinct_id: 'This field is required.' },
    ]);

    worker.use(
      http.get(`${WIDGET}/tickets`, () =>
        HttpResponse.json(
          { type: 'throttled_error', code: 'throttled', detail: 'Request was throttled.', attr: null },
          { status: 429 },
        ),
      ),
    );
    const unsaid = await rejection(transport.getTickets(session, {}));
    expect([unsaid.kind, unsaid.retryAfter], 'no wait said: the client backs off on its own').to.deep.equal([
      'rate_limit',
      undefined,
    ]);

    const none = await rejection(transport.getCapabilities());
    expect([none.kind, none.status], 'a production backend has no capabilities').to.deep.equal(['http', 404]);
    await startReferenceServer({ live: true }); // the reference server, advertising what it has
    const { idempotent_send, stream, typing } = await transport.getCapabilities();
    expect({ idempotent_send, stream, typing }).to.deep.equal({ idempotent_send: true, stream: true, typing: true });
  });

  const hostile: Array<[string, unknown]> = [
    ['not JSON at all', '<html>oops</html>'],
    ['null', null],
    ['messages not an array', { ticket_id: 'T', ticket_status: 'open', messages: 'lots', has_more: false, unread_count: 0 }],
    [
      'a bad time',
      {
        ticket_id: 'T',
        ticket_status: 'open',
        messages: [{ id: 'm', content: 'x', author_type: 'human', author_name: null, created_at: 'yesterday' }],
        has_more: false,
        unread_count: 0,
      },
    ],
    [
      'content that is not text',
      {
        ticket_id: 'T',
        ticket_status: 'open',
        messages: [
          {
            id: 'm',
            content: { html: '<img onerror>' },
            author_type: 'human',
            author_name: null,
            created_at: '2024-01-01T00:00:00Z',
          },
        ],
        has_more: false,
        unread_count: 0,
      },
    ],
    ['a negative unread count', { ticket_id: 'T', ticket_status: 'open', messages: [], has_more: false, unread_count: -1 }],
    ['another ticket', { ticket_id: 'other', ticket_status: 'open', messages: [], has_more: false, unread_count: 0 }],
  ];
  for (const [what, body] of hostile) {
    it(`rejects a messages answer with ${what} as invalid_response`, async () => {
      worker.use(
        http.get(`${WIDGET}/messages/:id`, () =>
          typeof body === 'string' ? new HttpResponse(body) : HttpResponse.json(body as never),
        ),
      );
      const error = await rejection(transport.getMessages(session, { ticketId: 'T' }));
      expect(error.kind).to.equal('invalid_response');
    });
  }

  it('accepts any author type, the production backend\'s "support" and unknown ones as the team, and formatting as an object only', async () => {
    const base = { id: 'm', content: 'x', author_name: null, created_at: '2024-01-01T00:00:00Z' };
    const doc = { type: 'doc', content: [{ type: 'paragraph', content: [{ type: 'text', text: 'x' }] }] };
    const messages = [
      { ...base, id: 'a', author_type: 'support', rich_content: doc },
      { ...base, id: 'b', author_type: 'robot', rich_content: '<b>x</b>' },
      { ...base, id: 'c', author_type: 42, rich_content: [doc] },
      { ...base, id: 'd', rich_content: null },
      { ...base, id: 'e', author_type: 'customer' },
      { ...base, id: 'f', author_type: 'AI' },
      { ...base, id: 'g', author_type: 'human' },
    ];
    worker.use(
      http.get(`${WIDGET}/messages/:id`, () =>
        HttpResponse.json({ ticket_id: 'T', ticket_status: 'open', messages, has_more: false, unread_count: 0 }),
      ),
    );
    const answer = await transport.getMessages(session, { ticketId: 'T' });
    expect(answer.messages.map((m) => m.author_type)).to.deep.equal([
      'support',
      'support',
      'support',
      'support',
      'customer',
      'AI',
      'human',
    ]);
    expect(answer.messages[0].rich_content).to.deep.equal(doc);
    for (const m of answer.messages.slice(1)) expect(m).not.to.have.property('rich_content');
  });

  it('keeps its state intact when the server answers garbage, and reports it', async () => {
    const client = new SupportChatClient({
      token: WIDGET_TOKEN,
      storage: new MemoryStorage(),
      pollIntervals: { open: 60_000, closed: 60_000 },
    });
    await client.start();
    await client.sendMessage('Before the garbage');
    client.openPanel();
    await client.refresh();
    const before = client.getState();
    worker.use(
      http.get(`${WIDGET}/messages/:id`, () => HttpResponse.json({ ticket_id: before.currentTicketId, messages: [{ id: 1 }] })),
      http.get(`${WIDGET}/tickets`, () => HttpResponse.json({ count: 'many', results: {} })),
    );
    await client.refresh();
    const after = client.getState();
    expect(after.error?.kind).to.equal('invalid_response');
    expect(after.messages).to.deep.equal(before.messages);
    expect(after.tickets).to.deep.equal(before.tickets);
    client.stop();
  });
});

describe('another backend through the Transport interface', () => {
  it('runs the client on an in-memory transport, no HTTP at all', async () => {
    const transport = new MemoryTransport();
    const client = new SupportChatClient({
      token: 'memory',
      transport,
      storage: new MemoryStorage(),
      pollIntervals: { open: 50, closed: 50 },
    });
    await client.start();
    const sent = await client.sendMessage('Hi from memory');
    expect(sent?.ticket_id).to.equal(client.getCurrentTicketId());
    transport.reply(sent!.ticket_id, 'Hello back');
    client.openPanel();
    client.watch(sent!.ticket_id); // the conversation is on show: its reply is read
    await new Promise((r) => setTimeout(r, 200));
    expect(client.getState().messages.map((m) => m.content)).to.deep.equal(['Hi from memory', 'Hello back']);
    expect(transport.calls).to.include.members(['send', 'messages', 'tickets', 'read']);
    client.stop();
  });
});
