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

/**
 * A visitor writes from the widget (their session owns the ticket, so they can rate it later),
 * with the files of `attachmentIds` uploaded from that `session`.
 */
async function visitorWrites(
  message: string,
  {
    session = crypto.randomUUID(),
    attachmentIds = undefined as string[] | undefined,
    traits = { name: 'Mia Jensen', email: 'mia@example.com' } as Record<string, string>,
  } = {},
) {
  const response = await fetch('/api/conversations/v1/widget/message', {
    method: 'POST',
    headers: widgetHeaders,
    body: JSON.stringify({
      message,
      widget_session_id: session,
      distinct_id: session,
      attachment_ids: attachmentIds,
      traits,
    }),
  });
  expect(response.status).to.equal(200);
  const { ticket_id } = (await response.json()) as { ticket_id: string };
  return { ticketId: ticket_id, session };
}

const PNG = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13, 0x49, 0x48, 0x44, 0x52, 1, 2, 3];
const png = (name: string) => new File([new Uint8Array(PNG)], name, { type: 'image/png' });
const pdf = (name: string, size: number) => new File(['%PDF-1.7\n', 'x'.repeat(size - 9)], name, { type: 'application/pdf' });

/** A visitor writes with files, uploaded from their session through the widget's upload route. */
async function visitorWritesWith(message: string, files: File[]) {
  const session = crypto.randomUUID();
  const ids: string[] = [];
  for (const file of files) {
    const form = new FormData();
    form.append('file', file);
    form.append('name', file.name);
    form.append('widget_session_id', session);
    const uploaded = await fetch('/api/conversations/v1/widget/attachments', {
      method: 'POST',
      headers: { 'X-Conversations-Token': WIDGET_TOKEN },
      body: form,
    });
    expect(uploaded.status, file.name).to.equal(201);
    ids.push(((await uploaded.json()) as { id: string }).id);
  }
  return (await visitorWrites(message, { session, attachmentIds: ids, traits: { name: 'Mia Jensen' } })).ticketId;
}

interface ListedMessage {
  content: string;
  attachments?: Array<{ name: string; content_type: string; size: number }>;
}
const teamMessages = async (ticketId: string) =>
  (
    (await (await fetch(`${TEAM_BASE}/tickets/${ticketId}/messages`, { headers: teamHeaders })).json()) as {
      results: ListedMessage[];
    }
  ).results;

/** Chooses files with the reply form's file picker, as the browser fills it in. */
function pick(app: HTMLElement, files: File[]) {
  const input = app.querySelector<HTMLInputElement>('inbox-attach-files input[type="file"]')!;
  const transfer = new DataTransfer();
  for (const file of files) transfer.items.add(file);
  input.files = transfer.files;
  input.dispatchEvent(new Event('change'));
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

  it("shows the files of a message and sends the agent's files with a reply; a refused file shows why and sends nothing", async () => {
    // A name that would be markup if it were read as HTML: it must show as typed.
    const pictureName = '<img src=x onerror=alert(1)>.png';
    const ticketId = await visitorWritesWith('Photos of the torn bag', [png(pictureName), pdf('receipt.pdf', 2048)]);
    const app = await inbox();
    (await findByRole(app, 'button', /Mia Jensen/)).click();
    const view = app.querySelector('inbox-ticket-view')!;
    await findByRole(view, 'listitem', /Photos of the torn bag/);

    const picture = await waitFor(() => {
      const found = view.querySelector<HTMLImageElement>('.attachment-image img');
      if (!found) throw new Error('no thumbnail yet');
      return found;
    });
    expect(picture.alt).to.equal(pictureName);
    expect(view.querySelectorAll('.messages img'), 'the name made no element').to.have.length(1);
    expect([picture.getAttribute('width'), picture.getAttribute('height')], 'sized before it loads').to.deep.equal([
      '200',
      '150',
    ]);
    const full = picture.closest('a')!;
    expect(full.getAttribute('target')).to.equal('_blank');
    expect(full.getAttribute('rel')).to.equal('noopener noreferrer');
    expect(full.getAttribute('href')).to.equal(picture.getAttribute('src'));
    const shown = await fetch(picture.src);
    expect([shown.status, shown.headers.get('Content-Type')]).to.deep.equal([200, 'image/png']);
    const download = getByRole(view, 'link', /receipt\.pdf/);
    expect(download.textContent!.replace(/\s+/g, ' ').trim()).to.equal('receipt.pdf 2 kB');
    expect(download.getAttribute('download')).to.equal('receipt.pdf');
    const bytes = await fetch(download.getAttribute('href')!);
    expect([bytes.status, bytes.headers.get('Content-Type')]).to.deep.equal([200, 'application/pdf']);

    // The agent attaches two files, takes one off, and sends.
    const box = (await findByRole(app, 'textbox', 'Reply')) as HTMLTextAreaElement;
    box.value = 'Here is the return label';
    await findByRole(view, 'button', 'Attach a file');
    pick(app, [pdf('return "label".pdf', 1500), png('wrong.png')]);
    (await findByRole(view, 'button', 'Remove wrong.png')).click();
    expect(view.querySelector('ul[aria-label="Files to send"]')?.textContent).to.contain('wrong.png');
    await waitFor(() => expect(queryAllByRole(view, 'button', /^Remove .*\.p/)).to.have.length(1));
    await expect(app).to.be.accessible();
    getByRole(view, 'button', 'Send').click();
    const sent = await findByRole(view, 'listitem', /Here is the return label/);
    await waitFor(() =>
      expect(sent.querySelector('.attachment-file')?.textContent ?? 'no file link').to.contain('return "label".pdf'),
    );
    const last = (await teamMessages(ticketId)).at(-1)!;
    expect(last.content).to.equal('Here is the return label');
    expect(last.attachments).to.have.length(1);
    expect(last.attachments![0]).to.include({ name: 'return "label".pdf', content_type: 'application/pdf', size: 1500 });
    expect(box.value, 'the box is emptied once sent').to.equal('');
    expect(view.querySelector('.chosen-files'), 'the files are taken off the form').to.equal(null);

    // A page is refused by the server: its sentence shows, nothing is sent, the text stays.
    const before = (await teamMessages(ticketId)).length;
    box.value = 'See the attached page';
    pick(app, [new File(['<p>hello</p>'], 'offer.html', { type: 'text/html' })]);
    await findByRole(view, 'button', 'Remove offer.html');
    getByRole(view, 'button', 'Send').click();
    const alert = await findByRole(view, 'alert', /Could not send the reply: offer\.html: /);
    expect(alert.textContent).to.match(/cannot be attached|type/i);
    expect(box.value).to.equal('See the attached page');
    getByRole(view, 'button', 'Remove offer.html');
    expect((await teamMessages(ticketId)).length).to.equal(before);
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
