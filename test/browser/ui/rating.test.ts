import { expect } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import { http, HttpResponse } from 'msw';
import type { SetupWorker } from 'msw/browser';
import type { SupportChat } from '../../../src/index.js';
import { MemoryStorage } from '../../../src/client/storage.js';
import { HttpTransport } from '../../../src/transport/http-transport.js';
import { TransportError } from '../../../src/transport/transport-error.js';
import { findByRole, getByRole, queryAllByRole, waitFor } from '../helpers/queries.js';
import { startReferenceServer, team, WIDGET_TOKEN } from '../helpers/reference-server.js';
import { openPanel, panelReady, send, ticketOf, ui, widget } from './widget.js';

const RATING_PATH = '/api/conversations/v1/widget/tickets/';

/** Counts the widget's rating requests that reach the server. */
function countRatings(worker: SetupWorker) {
  const seen: Request[] = [];
  const listener = ({ request }: { request: Request }) => {
    if (request.method === 'POST' && new URL(request.url).pathname.endsWith('/rating')) seen.push(request);
  };
  worker.events.on('request:start', listener);
  return {
    get count() {
      return seen.length;
    },
    stop: () => worker.events.removeListener('request:start', listener),
  };
}

/** A widget whose visitor wrote once, and whose ticket the team then resolved. */
async function resolvedConversation(attributes: Record<string, string> = {}, storage = new MemoryStorage()) {
  const el = await widget(attributes, storage);
  await openPanel(el, /./);
  await send(el, 'My order never came', attributes.locale === 'de' ? { message: 'Nachricht', send: 'Senden' } : undefined);
  const ticketId = await ticketOf(el);
  await team.resolve(ticketId);
  return { el, ticketId, storage };
}

const group = (el: SupportChat, name = 'Rate this conversation') => findByRole(ui(el), 'group', name);
const choice = (el: SupportChat, score: number) => getByRole(ui(el), 'radio', String(score)) as HTMLInputElement;

/** Picks a score with the mouse and presses the (then enabled) submit button. */
async function rateWith(el: SupportChat, score: number, submit = 'Send rating') {
  choice(el, score).click();
  const button = (await findByRole(ui(el), 'button', submit)) as HTMLButtonElement;
  await waitFor(() => expect(button.disabled).to.equal(false));
  button.click();
}

describe('the rating of a resolved conversation', () => {
  let worker: SetupWorker;
  beforeEach(async () => {
    worker = await startReferenceServer({ live: true });
  });

  it('is offered once the ticket is resolved, as five named choices in a named group, axe-clean', async () => {
    const el = await widget();
    await openPanel(el);
    await send(el, 'Hello');
    const ticketId = await ticketOf(el);
    await findByRole(ui(el), 'listitem', /Hello/);
    expect(queryAllByRole(ui(el), 'group', 'Rate this conversation'), 'not before it is resolved').to.have.length(0);
    await team.resolve(ticketId);
    const rating = await group(el);
    const radios = queryAllByRole(rating, 'radio');
    expect(radios.map((r) => ((r as HTMLInputElement).labels?.[0]?.textContent ?? '').trim())).to.deep.equal([
      '1',
      '2',
      '3',
      '4',
      '5',
    ]);
    for (let score = 1; score <= 5; score++) expect(choice(el, score).name).to.equal('score');
    expect(queryAllByRole(ui(el), 'button', 'Send rating'), 'not until a score is chosen').to.have.length(0);
    await expect(el).to.be.accessible();
    choice(el, 3).click();
    await findByRole(ui(el), 'textbox', 'Comment (optional)');
    getByRole(ui(el), 'button', 'Send rating');
    await expect(el).to.be.accessible();
  });

  it('is never shown by a backend that does not advertise rating', async () => {
    await startReferenceServer({ live: false }); // capabilities answer 404
    const el = await widget();
    await openPanel(el);
    await send(el, 'Hello');
    const ticketId = await ticketOf(el);
    await team.resolve(ticketId);
    await findByRole(ui(el), 'button', 'New conversation');
    expect(await el.client!.ratingOffer()).to.equal('none');
    await el.updateComplete;
    expect(queryAllByRole(ui(el), 'group', 'Rate this conversation')).to.have.length(0);
    expect(queryAllByRole(ui(el), 'radio')).to.have.length(0);
  });

  it('rates with the keyboard alone, with a comment: sent once, shown on the team ticket, then thanks', async () => {
    const requests = countRatings(worker);
    const { el, ticketId } = await resolvedConversation();
    const events: Array<{ ticketId: string; score: number }> = [];
    el.addEventListener('support-chat-rated', (event) => events.push(event.detail));
    await group(el);
    choice(el, 1).focus();
    await sendKeys({ press: ' ' }); // Space checks the focused radio
    await sendKeys({ press: 'ArrowRight' });
    await sendKeys({ press: 'ArrowRight' });
    await sendKeys({ press: 'ArrowRight' });
    await waitFor(() => expect(choice(el, 4).checked).to.equal(true));
    await sendKeys({ press: 'Tab' }); // out of the group: into the comment
    await sendKeys({ type: 'Quick and kind' });
    await sendKeys({ press: 'Tab' });
    await sendKeys({ press: 'Enter' });
    const thanks = await findByRole(ui(el), 'status', 'Thank you for your feedback!');
    expect(thanks.matches(':focus'), 'the thank-you takes the focus of the gone button').to.equal(true);
    expect(events).to.deep.equal([{ ticketId, score: 4 }]);
    const rated = await team.ticket(ticketId);
    expect(rated.rating).to.include({ score: 4, comment: 'Quick and kind' });
    expect(requests.count).to.equal(1);
    expect(queryAllByRole(ui(el), 'group', 'Rate this conversation')).to.have.length(0);
    await expect(el).to.be.accessible();
    requests.stop();
  });

  it('is not offered again after a reload, for the same resolution', async () => {
    const { el, ticketId, storage } = await resolvedConversation();
    await group(el);
    await rateWith(el, 5);
    await findByRole(ui(el), 'status', 'Thank you for your feedback!');
    el.remove();

    const requests = countRatings(worker);
    const again = await widget({}, storage); // the same browser: the same stored session and ticket
    expect(again.getCurrentTicketId()).to.equal(ticketId);
    again.openPanel(); // (stored open: the launcher would close it)
    await panelReady(again);
    await findByRole(ui(again), 'listitem', /My order never came/);
    await findByRole(ui(again), 'status', 'Thank you for your feedback!');
    expect(await again.client!.ratingOffer()).to.equal('rated');
    expect(queryAllByRole(ui(again), 'group', 'Rate this conversation')).to.have.length(0);
    expect(requests.count).to.equal(0);
    requests.stop();
  });

  it('may be rated again once reopened and resolved again', async () => {
    const { el, ticketId } = await resolvedConversation();
    await group(el);
    await rateWith(el, 2);
    await findByRole(ui(el), 'status', 'Thank you for your feedback!');
    await team.setStatus(ticketId, 'open');
    await findByRole(ui(el), 'textbox', 'Message');
    await team.resolve(ticketId);
    await group(el);
    await rateWith(el, 5);
    await findByRole(ui(el), 'status', 'Thank you for your feedback!');
    expect((await team.ticket(ticketId)).rating).to.include({ score: 5 });
  });

  it('takes the server\'s "already rated" (409) as rated: thanks, no error', async () => {
    const { el, ticketId } = await resolvedConversation();
    await group(el);
    // Rated meanwhile from elsewhere (another tab of this visitor, say): the server now answers 409.
    const other = await fetch(`${RATING_PATH}${ticketId}/rating`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', 'X-Conversations-Token': WIDGET_TOKEN },
      body: JSON.stringify({ score: 3, widget_session_id: el.getWidgetSessionId() }),
    });
    expect(other.status).to.equal(200);
    await rateWith(el, 1);
    await findByRole(ui(el), 'status', 'Thank you for your feedback!');
    expect(queryAllByRole(ui(el), 'alert')).to.have.length(0);
    expect((await team.ticket(ticketId)).rating, 'the first rating stands').to.include({ score: 3 });
  });

  it('says a failure in a sentence and keeps the choice for another try', async () => {
    const { el, ticketId } = await resolvedConversation();
    await group(el);
    worker.use(
      http.post('*/api/conversations/v1/widget/tickets/:id/rating', () => HttpResponse.json({ error: 'Boom' }, { status: 500 }), {
        once: true,
      }),
    );
    await rateWith(el, 4);
    const alert = await findByRole(ui(el), 'alert');
    expect(alert.textContent).to.equal('Something went wrong on our side. Please try again in a moment.');
    expect(choice(el, 4).checked).to.equal(true);
    getByRole(ui(el), 'button', 'Send rating').click();
    await findByRole(ui(el), 'status', 'Thank you for your feedback!');
    expect((await team.ticket(ticketId)).rating).to.include({ score: 4 });
  });

  it('refuses a bad score or a too long comment, in the client and on the server, and stores nothing', async () => {
    const { el, ticketId } = await resolvedConversation();
    await group(el);
    const client = el.client!;
    for (const score of [0, 6, 2.5, Number.NaN, '3' as unknown as number]) {
      let refused: unknown;
      await client.rate(score).catch((error: unknown) => (refused = error));
      expect(refused, `score ${String(score)}`).to.be.instanceOf(RangeError);
    }
    let tooLong: unknown;
    await client.rate(3, 'x'.repeat(1001)).catch((error: unknown) => (tooLong = error));
    expect(tooLong).to.be.instanceOf(RangeError);
    // The attacker's side: the transport sends what it is given, and the server refuses it, naming the field.
    const transport = new HttpTransport({ token: WIDGET_TOKEN });
    const credentials = { widgetSessionId: el.getWidgetSessionId()! };
    for (const [score, comment] of [
      [9, undefined],
      [3, 'x'.repeat(1001)],
    ] as const) {
      let refused: unknown;
      await transport.rate(credentials, { ticketId, score, comment }).catch((error: unknown) => (refused = error));
      expect(refused).to.be.instanceOf(TransportError);
      expect((refused as TransportError).status).to.equal(400);
      expect(Object.keys((refused as TransportError).details ?? {})).to.deep.equal([score === 9 ? 'score' : 'comment']);
    }
    // Someone else's session cannot rate this ticket.
    let foreign: unknown;
    await transport
      .rate({ widgetSessionId: crypto.randomUUID() }, { ticketId, score: 1 })
      .catch((error: unknown) => (foreign = error));
    expect((foreign as TransportError).status).to.equal(403);
    expect((await team.ticket(ticketId)).rating).to.equal(null);
    getByRole(ui(el), 'group', 'Rate this conversation');
  });

  it('speaks German with locale="de"', async () => {
    const { el } = await resolvedConversation({ locale: 'de' });
    await group(el, 'Unterhaltung bewerten');
    choice(el, 3).click();
    await findByRole(ui(el), 'textbox', 'Kommentar (optional)');
    await rateWith(el, 3, 'Bewertung senden');
    await findByRole(ui(el), 'status', 'Vielen Dank für Ihr Feedback!');
  });
});
