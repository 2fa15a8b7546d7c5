import { capabilitiesReader } from '../../../src/client/capabilities.js';
import { expect } from '@open-wc/testing';
import { NEW_TICKET, Outbox, type OutboxEntry } from '../../../src/client/delivery/outbox.js';
import { Reconciler, mayHaveArrived } from '../../../src/client/delivery/reconcile.js';
import { Sender } from '../../../src/client/delivery/sender.js';
import { MemoryStorage } from '../../../src/client/storage.js';
import { TransportError } from '../../../src/transport/transport-error.js';
import type { Capabilities, Message, Ticket } from '../../../src/transport/wire-types.js';
import type { Credentials, GetMessagesRequest, SendMessageRequest, Transport } from '../../../src/transport/transport.js';
import { FakeClock } from '../helpers/fake-clock.js';

/** What the scripted server does with the next send. */
type Outcome = 'ok' | 'stored-answer-lost' | 'never-arrived' | 500 | 429 | 502;

/**
 * A backend like the production one: `client_message_id` ignored (a resend is a second message),
 * its clock `skewMs` off ours, and each send's fate scripted.
 */
class ScriptedServer implements Transport {
  readonly tickets: Array<{ ticket: Ticket; messages: Message[] }> = [];
  readonly calls: string[] = [];
  script: Outcome[] = [];
  #id = 0;

  constructor(
    readonly clock: FakeClock,
    readonly skewMs = 0,
    capabilities?: () => Promise<Capabilities>,
  ) {
    if (capabilities) this.getCapabilities = () => (this.calls.push('capabilities'), capabilities());
  }

  getCapabilities?: () => Promise<Capabilities>;

  now() {
    return new Date(this.clock.now() + this.skewMs).toISOString();
  }

  /** A ticket with one message of the visitor's, written before the tests' sends. */
  seed(content = 'Earlier') {
    const created_at = this.now();
    const ticket: Ticket = {
      id: `t${++this.#id}`,
      ticket_number: 1,
      status: 'open',
      unread_count: 0,
      last_message: content,
      last_message_at: created_at,
      message_count: 1,
      created_at,
    };
    this.tickets.push({
      ticket,
      messages: [{ id: `m${++this.#id}`, content, author_type: 'customer', author_name: null, created_at }],
    });
    return ticket.id;
  }

  copies(content: string) {
    return this.tickets.flatMap((t) => t.messages).filter((m) => m.content === content).length;
  }

  async sendMessage(_: Credentials, r: SendMessageRequest) {
    this.calls.push('send');
    const outcome = this.script.shift() ?? 'ok';
    if (outcome === 'never-arrived') throw new TransportError('network', 'The network is unreachable.');
    if (outcome === 429) throw new TransportError('rate_limit', 'Request was throttled.', 429);
    if (typeof outcome === 'number') throw new TransportError('http', 'Injected', outcome);
    let t = this.tickets.find((x) => x.ticket.id === r.ticketId);
    if (!t) {
      this.seed(r.message);
      t = this.tickets.at(-1)!;
    } else {
      t.messages.push({
        id: `m${++this.#id}`,
        content: r.message,
        author_type: 'customer',
        author_name: null,
        created_at: this.now(),
      });
    }
    const m = t.messages.at(-1)!;
    if (outcome === 'stored-answer-lost') throw new TransportError('network', 'The request timed out.');
    return {
      ticket_id: t.ticket.id,
      message_id: m.id,
      ticket_status: t.ticket.status,
      created_at: m.created_at,
      unread_count: 0,
    };
  }

  async getMessages(_: Credentials, r: GetMessagesRequest) {
    this.calls.push('messages');
    const t = this.tickets.find((x) => x.ticket.id === r.ticketId)!;
    const messages = t.messages.filter((m) => !r.after || Date.parse(m.created_at) > Date.parse(r.after));
    return { ticket_id: r.ticketId, ticket_status: t.ticket.status, messages, has_more: false, unread_count: 0 };
  }

  async getTickets() {
    this.calls.push('tickets');
    const results = [...this.tickets].reverse().map((t) => t.ticket);
    return { count: results.length, results };
  }

  async markAsRead() {
    return { success: true, unread_count: 0 };
  }

  async requestRestoreLink() {}

  async restore() {
    return { status: 'invalid' as const, code: 'token_invalid' };
  }
}

describe('reconciling lost sends against a backend that is not idempotent (fake clock)', () => {
  let clock: FakeClock;
  let server: ScriptedServer;
  let outbox: Outbox;
  let settled: Array<{ content: string; ticket: string; message: string }>;
  let queued = 0;

  /** The delivery part as the client wires it: Sender, Outbox and Reconciler, nothing else. */
  function sender(backend = server) {
    const reconciler = new Reconciler(backend, clock, () => ({ widgetSessionId: 's' }), capabilitiesReader(backend));
    return new Sender({
      outbox,
      clock,
      backoff: { base: 1_000, max: 1_000 },
      send: async (e) => {
        const response = await backend.sendMessage(
          { widgetSessionId: 's' },
          { message: e.content, ticketId: e.ticket.startsWith(NEW_TICKET) ? null : e.ticket },
        );
        reconciler.sent(response);
        return response;
      },
      trying: async (e) => {
        const tried = { ...e, triedAt: clock.now() };
        await outbox.put(tried, true);
        return tried;
      },
      find: (e) => reconciler.find(e),
      sent: async (e, r) => {
        settled.push({ content: e.content, ticket: r.ticket_id, message: r.message_id });
        await outbox.remove(e.clientMessageId, true);
        if (e.ticket.startsWith(NEW_TICKET)) await outbox.retarget(e.ticket, r.ticket_id, true);
      },
      refused: async (e) => void (await outbox.put({ ...e, state: 'failed' }, true)),
      retrying: () => {},
    });
  }

  const queue = (content: string, ticket: string, extra: Partial<OutboxEntry> = {}) =>
    outbox.put(
      {
        clientMessageId: `c${++queued}`,
        content,
        ticket,
        traits: {},
        queuedAt: clock.now() + queued,
        state: 'sending',
        tab: 'tab',
        ...extra,
      },
      true,
    );

  beforeEach(() => {
    clock = new FakeClock(Date.parse('2024-05-01T10:00:00Z'));
    server = new ScriptedServer(clock);
    outbox = new Outbox(new MemoryStorage(), clock);
    settled = [];
  });

  it('settles a send that was stored but whose answer was lost, without sending it again', async () => {
    const ticket = server.seed();
    server.script = ['stored-answer-lost'];
    await queue('Where is my order?', ticket);
    sender().start();
    await clock.tick(5_000);
    expect(server.calls).to.deep.equal(['send', 'messages']);
    expect(server.copies('Where is my order?')).to.equal(1);
    expect(settled).to.deep.equal([{ content: 'Where is my order?', ticket, message: server.tickets[0].messages[1].id }]);
    expect(outbox.entries).to.deep.equal([]);
  });

  it('sends again, once, what never arrived', async () => {
    const ticket = server.seed();
    server.script = ['never-arrived'];
    await queue('Hello?', ticket);
    sender().start();
    await clock.tick(5_000);
    expect(server.calls).to.deep.equal(['send', 'messages', 'send']);
    expect(server.copies('Hello?')).to.equal(1);
    expect(settled.map((s) => s.content)).to.deep.equal(['Hello?']);
  });

  it('sends two identical texts queued in a row as two messages, whatever answers are lost', async () => {
    const ticket = server.seed('yes');
    server.script = ['stored-answer-lost', 'stored-answer-lost', 'ok', 'stored-answer-lost'];
    for (let i = 0; i < 4; i++) await queue('yes', ticket);
    sender().start();
    await clock.tick(20_000);
    expect(server.copies('yes'), 'the earlier "yes" and the four new ones').to.equal(5);
    expect(new Set(settled.map((s) => s.message)).size, 'each settled as a message of its own').to.equal(4);
    expect(settled.map((s) => s.message)).not.to.include(server.tickets[0].messages[0].id);
  });

  it("finds a new ticket's opener in the tickets made since, and sends the rest there", async () => {
    server.seed('An old conversation');
    server.script = ['stored-answer-lost'];
    const draft = `${NEW_TICKET}c1`;
    await queue('A new question', draft);
    await queue('And a detail', draft);
    sender().start();
    await clock.tick(5_000);
    expect(server.calls).to.deep.equal(['send', 'tickets', 'messages', 'send']);
    expect(server.tickets).to.have.length(2);
    const opened = server.tickets[1].ticket.id;
    expect(settled).to.deep.equal([
      { content: 'A new question', ticket: opened, message: server.tickets[1].messages[0].id },
      { content: 'And a detail', ticket: opened, message: server.tickets[1].messages[1].id },
    ]);
  });

  it('resends at once after a 429 or a 500 (nothing was stored), but looks first after a 502', async () => {
    const ticket = server.seed();
    server.script = [429, 500, 502];
    await queue('Through it all', ticket);
    sender().start();
    await clock.tick(10_000);
    expect(server.calls).to.deep.equal(['send', 'send', 'send', 'messages', 'send']);
    expect(server.copies('Through it all')).to.equal(1);
  });

  it('looks for a message another page may have sent (tried before a reload) before sending it', async () => {
    const ticket = server.seed();
    await server.sendMessage({ widgetSessionId: 's' }, { message: 'Sent, then F5', ticketId: ticket });
    server.calls.length = 0;
    await queue('Sent, then F5', ticket, { triedAt: clock.now() - 100 });
    sender().start();
    await clock.tick(0);
    expect(server.calls).to.deep.equal(['messages']);
    expect(server.copies('Sent, then F5')).to.equal(1);
    expect(settled).to.have.length(1);
  });

  it('works with a server clock an hour ahead or behind, learnt from the answers to sends', async () => {
    for (const skewMs of [3_600_000, -3_600_000]) {
      server = new ScriptedServer(clock, skewMs);
      settled = [];
      const ticket = server.seed();
      server.script = ['ok', 'stored-answer-lost'];
      await queue('First', ticket);
      await queue('Second', ticket);
      sender().start();
      await clock.tick(5_000);
      expect([server.copies('First'), server.copies('Second'), settled.length], `skew ${skewMs}`).to.deep.equal([1, 1, 2]);
    }
  });

  it('resends without looking when the backend says its sends are idempotent; a 404 or no getCapabilities means it is not', async () => {
    const idempotent = new ScriptedServer(clock, 0, async () => ({ idempotent_send: true }));
    const ticket = idempotent.seed();
    idempotent.script = ['never-arrived', 'never-arrived'];
    await queue('Once', ticket);
    sender(idempotent).start();
    await clock.tick(5_000);
    expect(idempotent.calls, 'asked once').to.deep.equal(['send', 'capabilities', 'send', 'send']);

    const plain = new ScriptedServer(clock, 0, async () =>
      Promise.reject(new TransportError('http', 'Endpoint not found.', 404)),
    );
    const other = plain.seed();
    plain.script = ['never-arrived'];
    await queue('Twice?', other);
    sender(plain).start();
    await clock.tick(5_000);
    expect(plain.calls).to.deep.equal(['send', 'capabilities', 'messages', 'send']);
  });

  it('says which failures may have stored the message', () => {
    const may = (e: unknown) => mayHaveArrived(e);
    expect(
      [
        new TransportError('network', 'timeout'),
        new TransportError('http', 'x', 502),
        new TransportError('http', 'x', 503),
        new TransportError('http', 'x', 504),
        new TransportError('invalid_response', 'x'),
      ].map(may),
    ).to.deep.equal([true, true, true, true, true]);
    expect(
      [
        new TransportError('rate_limit', 'x', 429),
        new TransportError('http', 'x', 500),
        new TransportError('http', 'x', 400),
        new Error('x'),
      ].map(may),
    ).to.deep.equal([false, false, false, false]);
  });
});
