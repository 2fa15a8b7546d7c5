import { expect, fixture, html } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import { http, HttpResponse } from 'msw';
import type { SetupWorker } from 'msw/browser';
import '../../../demo/inbox/inbox-app.js';
import type { InboxApp } from '../../../demo/inbox/inbox-app.js';
import { TEAM_BASE } from '../../../demo/inbox/api.js';
import { findByRole, getByRole, queryAllByRole, waitFor } from '../helpers/queries.js';
import { startReferenceServer, team, WIDGET_TOKEN } from '../helpers/reference-server.js';
import { defaultConfig } from '../../../mock-server/config.js';

const HOOK_URL = 'https://hooks.example.com/support';
const teamHeaders = { Authorization: `Bearer ${defaultConfig.apiKey}`, 'Content-Type': 'application/json' };
const widgetHeaders = { 'Content-Type': 'application/json', 'X-Conversations-Token': WIDGET_TOKEN };

/** A visitor writes from the widget (their session owns the ticket, so they can rate it later). */
async function visitorWrites(message: string) {
  const session = crypto.randomUUID();
  const response = await fetch('/api/conversations/v1/widget/message', {
    method: 'POST',
    headers: widgetHeaders,
    body: JSON.stringify({
      message,
      widget_session_id: session,
      distinct_id: session,
      traits: { name: 'Mia Jensen', email: 'mia@example.com' },
    }),
  });
  expect(response.status).to.equal(200);
  const { ticket_id } = (await response.json()) as { ticket_id: string };
  return { ticketId: ticket_id, session };
}

async function teamPost(path: string, body: unknown) {
  const response = await fetch(TEAM_BASE + path, { method: 'POST', headers: teamHeaders, body: JSON.stringify(body) });
  if (!response.ok) throw new Error(`${path}: ${response.status}`);
  return response.json();
}

async function inbox() {
  const el = await fixture<HTMLDivElement>(html`<div>
    <link rel="stylesheet" href="/demo/inbox.css" />
    <inbox-app></inbox-app>
  </div>`);
  const app = el.querySelector('inbox-app') as InboxApp;
  await app.updateComplete;
  return app;
}

/** Picks an option of a select as a person does: the value changes, then `change` fires. */
function choose(select: HTMLElement, value: string) {
  (select as HTMLSelectElement).value = value;
  select.dispatchEvent(new Event('change', { bubbles: true }));
}

describe('the demo agent inbox', () => {
  let worker: SetupWorker;
  const hooks: unknown[] = [];
  beforeEach(async () => {
    worker = await startReferenceServer({ live: true });
    hooks.length = 0;
    worker.use(
      http.post(HOOK_URL, async ({ request }) => {
        hooks.push(await request.json());
        return new HttpResponse(null, { status: 204 });
      }),
    );
  });

  it('lists tickets with their last message, time, unread count and assignee', async () => {
    const { ticketId } = await visitorWrites('My Huila beans arrived torn');
    await teamPost(`/tickets/${ticketId}/assign`, { assignee_id: '2' });
    const app = await inbox();
    const ticket = await findByRole(app, 'button', /Mia Jensen/);
    expect(ticket.textContent).to.contain('My Huila beans arrived torn');
    expect(ticket.textContent).to.contain('1 unread');
    expect(ticket.textContent).to.contain('Ben Okafor');
    expect(ticket.querySelector('time')!.textContent).to.equal('just now');
    await expect(app).to.be.accessible();
  });

  it('filters, and saves the filters as a view that can be picked and deleted', async () => {
    const first = await visitorWrites('Where is my order?');
    await visitorWrites('Do you ship to Norway?');
    await teamPost(`/tickets/${first.ticketId}/tags`, { tags: ['shipping'] });
    const app = await inbox();
    await waitFor(() => expect(queryAllByRole(app, 'button', /Mia Jensen/)).to.have.length(2));
    const search = getByRole(app, 'textbox', 'Search') as HTMLInputElement;
    search.value = 'norway';
    search.dispatchEvent(new Event('input', { bubbles: true }));
    await waitFor(() =>
      expect(queryAllByRole(app, 'button', /Mia Jensen/).map((b) => b.textContent)).to.satisfy(
        (texts: string[]) => texts.length === 1 && texts[0].includes('Norway'),
      ),
    );
    search.value = '';
    const tag = getByRole(app, 'textbox', 'Tag') as HTMLInputElement;
    tag.value = 'shipping';
    tag.dispatchEvent(new Event('input', { bubbles: true }));
    await waitFor(() => expect(queryAllByRole(app, 'button', /Mia Jensen/)).to.have.length(1));

    getByRole(app, 'button', 'Save filters as view').click();
    const name = (await findByRole(app, 'textbox', 'View name')) as HTMLInputElement;
    name.value = 'Shipping';
    getByRole(app, 'button', 'Save view').click();
    await waitFor(() =>
      expect((app.querySelector('select[name=view]') as HTMLSelectElement).selectedOptions[0].textContent).to.equal('Shipping'),
    );
    const views = (await (await fetch(`${TEAM_BASE}/views`, { headers: teamHeaders })).json()) as {
      results: Array<{ name: string; filters: unknown }>;
    };
    expect(views.results).to.deep.equal([{ ...views.results[0], name: 'Shipping', filters: { tags: 'shipping' } }]);

    // All tickets again, then the view: its filter comes back.
    choose(app.querySelector('select[name=view]')!, '');
    await waitFor(() => expect(queryAllByRole(app, 'button', /Mia Jensen/)).to.have.length(2));
    choose(app.querySelector('select[name=view]')!, (views.results[0] as unknown as { short_id: string }).short_id);
    await waitFor(() => expect(queryAllByRole(app, 'button', /Mia Jensen/)).to.have.length(1));
    expect((getByRole(app, 'textbox', 'Tag') as HTMLInputElement).value).to.equal('shipping');
    getByRole(app, 'button', 'Delete view').click();
    await waitFor(async () =>
      expect((await (await fetch(`${TEAM_BASE}/views`, { headers: teamHeaders })).json()).count).to.equal(0),
    );
  });

  it('answers a ticket: a canned /shortcut expands, assign, tags, priority, snooze, private note, resolve, then the rating shows', async () => {
    await teamPost('/canned_responses', {
      title: 'Greeting',
      shortcut: 'hello',
      content: 'Hi {{visitor.name}}, {{agent.name}} here.',
    });
    const { ticketId, session } = await visitorWrites('My Huila beans arrived torn');
    const app = await inbox();
    (await findByRole(app, 'button', /Mia Jensen/)).click();
    const box = (await findByRole(app, 'textbox', 'Reply')) as HTMLTextAreaElement;
    await findByRole(app.querySelector('inbox-ticket-view')!, 'listitem', /My Huila beans arrived torn/);

    // The canned response, by keyboard: "/hello" then Tab, rendered for this ticket.
    box.focus();
    await sendKeys({ type: '/hel' });
    await findByRole(app, 'button', /\/hello Greeting/);
    await sendKeys({ type: 'lo' });
    await sendKeys({ press: 'Tab' });
    await waitFor(() => expect(box.value).to.equal('Hi Mia Jensen, Ada Lovelace here.'));
    expect(document.activeElement, 'the focus stays in the reply box').to.equal(box);
    await sendKeys({ type: ' A new bag ships today.' });
    await sendKeys({ down: 'Control' });
    await sendKeys({ press: 'Enter' });
    await sendKeys({ up: 'Control' });
    await findByRole(
      app.querySelector('inbox-ticket-view')!,
      'listitem',
      /Hi Mia Jensen, Ada Lovelace here\. A new bag ships today\./,
    );
    expect((await team.messages(ticketId)).at(-1)).to.include({
      content: 'Hi Mia Jensen, Ada Lovelace here. A new bag ships today.',
      author_type: 'support',
    });

    // A private note.
    (getByRole(app, 'checkbox', /Private note/) as HTMLInputElement).click();
    box.value = 'Refund approved by Ben';
    (await findByRole(app, 'button', 'Add note')).click();
    await findByRole(app.querySelector('inbox-ticket-view')!, 'listitem', /private note.*Refund approved by Ben/s);
    expect((await team.messages(ticketId)).at(-1)).to.include({ content: 'Refund approved by Ben' });

    choose(getByRole(app.querySelector('inbox-ticket-view')!, 'combobox', 'Assignee'), '2');
    await waitFor(async () => expect((await team.ticket(ticketId)) as unknown).to.nested.include({ 'assignee.id': '2' }));
    await waitFor(() => expect(getByRole(app, 'button', /Mia Jensen/).textContent).to.contain('Ben Okafor'));

    const tagBox = getByRole(app, 'textbox', 'Add tag') as HTMLInputElement;
    tagBox.value = 'damaged, vip';
    getByRole(app, 'button', 'Add').click();
    await findByRole(app, 'button', 'Remove tag vip');
    expect(((await team.ticket(ticketId)) as unknown as { tags: string[] }).tags).to.deep.equal(['damaged', 'vip']);
    getByRole(app, 'button', 'Remove tag damaged').click();
    await waitFor(async () =>
      expect(((await team.ticket(ticketId)) as unknown as { tags: string[] }).tags).to.deep.equal(['vip']),
    );

    choose(getByRole(app.querySelector('inbox-ticket-view')!, 'combobox', 'Priority'), 'urgent');
    await waitFor(async () => expect((await team.ticket(ticketId)) as unknown).to.include({ priority: 'urgent' }));
    choose(getByRole(app.querySelector('inbox-ticket-view')!, 'combobox', 'Snooze'), '4');
    await waitFor(async () => expect((await team.ticket(ticketId)) as unknown).to.include({ status: 'on_hold' }));

    getByRole(app, 'button', 'Resolve').click();
    await waitFor(async () => expect((await team.ticket(ticketId)).status).to.equal('resolved'));
    await waitFor(() =>
      expect((getByRole(app.querySelector('inbox-ticket-view')!, 'combobox', 'Status') as HTMLSelectElement).value).to.equal(
        'resolved',
      ),
    );

    // The visitor rates from the widget: the inbox shows it, live.
    const rated = await fetch(`/api/conversations/v1/widget/tickets/${ticketId}/rating`, {
      method: 'POST',
      headers: widgetHeaders,
      body: JSON.stringify({ score: 4, comment: 'Quick and kind', widget_session_id: session }),
    });
    expect(rated.status).to.equal(200);
    const rating = await waitFor(() => {
      const found = app.querySelector('.rating-given');
      if (!found) throw new Error('no rating yet');
      return found;
    });
    expect(rating.textContent).to.contain('Customer rating: 4 of 5');
    expect(rating.textContent).to.contain('Quick and kind');
    await waitFor(() => expect(getByRole(app, 'button', /Mia Jensen/).textContent).to.contain('Rated 4/5'));
    await expect(app).to.be.accessible();
  });

  it('shows the analytics of a date range', async () => {
    const first = await visitorWrites('One');
    await visitorWrites('Two');
    await teamPost(`/tickets/${first.ticketId}/messages`, { content: 'Answer', author_name: 'Ada' });
    await teamPost(`/tickets/${first.ticketId}/resolve`, {});
    await fetch(`/api/conversations/v1/widget/tickets/${first.ticketId}/rating`, {
      method: 'POST',
      headers: widgetHeaders,
      body: JSON.stringify({ score: 5, widget_session_id: first.session }),
    });
    const app = await inbox();
    getByRole(app, 'button', 'Analytics').click();
    const figure = (name: string) => app.querySelector(`[data-figure="${name}"]`)?.textContent;
    await waitFor(() => expect(figure('total')).to.equal('2'));
    expect(figure('open')).to.equal('1');
    expect(figure('resolved-today')).to.equal('1');
    expect(figure('first-response')).to.match(/^\d+ s$/);
    expect(figure('resolution')).to.match(/^\d+ s$/);
    expect(figure('csat')).to.equal('5.0 of 5');
    expect(getByRole(app, 'button', 'Analytics').getAttribute('aria-current')).to.equal('page');
    // A range before any of it: nothing in it.
    const from = app.querySelector<HTMLInputElement>('input[name=from]')!;
    const to = app.querySelector<HTMLInputElement>('input[name=to]')!;
    to.value = '2020-01-31';
    to.dispatchEvent(new Event('change', { bubbles: true }));
    from.value = '2020-01-01';
    from.dispatchEvent(new Event('change', { bubbles: true }));
    await waitFor(() => expect(figure('total')).to.equal('0'));
    expect(figure('csat')).to.equal('—');
    await expect(app).to.be.accessible();
  });

  it('adds a webhook and lists its deliveries: event, status, attempts, retry', async () => {
    const app = await inbox();
    getByRole(app, 'button', 'Webhooks').click();
    const url = (await findByRole(app, 'textbox', 'URL')) as HTMLInputElement;
    url.value = HOOK_URL;
    getByRole(app, 'button', 'Add webhook').click();
    await findByRole(app, 'heading', HOOK_URL);
    await visitorWrites('Hello, anyone there?');
    const table = await waitFor(() => {
      const found = app.querySelector('table.deliveries');
      if (!found?.querySelector('tbody tr td.delivery-delivered')) throw new Error('no delivery yet');
      return found;
    }, 8000);
    const rows = [...table.querySelectorAll('tbody tr')].map((tr) =>
      [...tr.querySelectorAll('td')].map((td) => td.textContent!.trim()),
    );
    expect(rows.map((r) => r[0])).to.include('conversation.created');
    const created = rows.find((r) => r[0] === 'conversation.created')!;
    expect(created.slice(1, 4)).to.deep.equal(['delivered (HTTP 204)', '1', 'no']);
    expect(hooks.length).to.be.greaterThan(0);
    await expect(app).to.be.accessible();
  });
});
