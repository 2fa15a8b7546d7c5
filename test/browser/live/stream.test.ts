import { expect } from '@open-wc/testing';
import { WIDGET_TOKEN, startReferenceServer, team } from '../helpers/reference-server.js';

/**
 * The service-worker runtime streams: a real EventSource in the page, answered by the
 * reference server in the MSW worker, hears a team reply without any polling. (The Node
 * tests cover the stream's rules over HTTP; this proves the third runtime delivers it.)
 */
describe('live stream through the service worker', () => {
  let source: EventSource | undefined;
  beforeEach(async () => {
    await startReferenceServer({ live: true });
  });
  afterEach(() => source?.close());

  const nextEvent = (es: EventSource, type: string, timeoutMs = 5000) =>
    new Promise<MessageEvent>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`no ${type} event within ${timeoutMs} ms`)), timeoutMs);
      es.addEventListener(
        type,
        (event) => {
          clearTimeout(timer);
          resolve(event as MessageEvent);
        },
        { once: true },
      );
    });

  it('an EventSource receives a message event after a team reply', async () => {
    const session = crypto.randomUUID();
    const sent = await fetch('/api/conversations/v1/widget/message', {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', 'X-Conversations-Token': WIDGET_TOKEN },
      body: JSON.stringify({ message: 'Hello from the page', ticket_id: null, widget_session_id: session, distinct_id: session }),
    });
    const { ticket_id } = await sent.json();

    source = new EventSource(
      `/api/conversations/v1/widget/stream?token=${WIDGET_TOKEN}&widget_session_id=${session}&distinct_id=${session}`,
    );
    await new Promise<void>((resolve, reject) => {
      source!.onopen = () => resolve();
      source!.onerror = () => reject(new Error('the stream did not open'));
    });
    // Both listeners first: the two events may come in one chunk.
    const message = nextEvent(source, 'message');
    const ticket = nextEvent(source, 'ticket');
    const started = performance.now();
    await team.reply(ticket_id, 'Hi from the worker');
    const event = await message;
    expect(performance.now() - started).to.be.below(1000);
    const data = JSON.parse(event.data);
    expect(data.ticket_id).to.equal(ticket_id);
    expect(data.message.content).to.equal('Hi from the worker');
    expect(data.message.author_type).to.equal('support');
    expect(Number(event.lastEventId)).to.be.greaterThan(0);

    expect(JSON.parse((await ticket).data)).to.deep.equal({ ticket_id, status: 'new', unread_count: 1 });
  });

  it('capabilities advertise the stream and typing', async () => {
    const answer = await fetch('/api/conversations/v1/widget/capabilities', {
      headers: { 'X-Conversations-Token': WIDGET_TOKEN },
    });
    const body = await answer.json();
    expect(body.stream).to.equal(true);
    expect(body.typing).to.equal(true);
  });
});
