// The demo's agent inbox: the support team's side, on the team API of the reference server.
// By default that server runs in this tab's service worker, like the shop's widget;
// `?backend=node` uses the one in the dev server instead (for the one-script-tag page).
import { startBrowserServer } from '../mock-server/browser.js';
import { CONVERSATION_EVENTS } from '../contract/names.js';
import { defaultConfig } from '../mock-server/config.js';

interface TeamTicket {
  id: string;
  ticket_number: number;
  status: string;
  customer_name: string | null;
  customer_email: string | null;
  distinct_id: string | null;
  /** Set only when the server checked the identity's signature; older servers leave it out. */
  verified_identity?: string | null;
  updated_at: string;
  created_at: string;
}
interface TeamMessage {
  content: string;
  author_type: string;
  author_name: string | null;
  is_private: boolean;
  created_at: string;
}

const STATUSES = ['new', 'open', 'pending', 'on_hold', 'resolved'];
const inNode = new URLSearchParams(location.search).get('backend') === 'node';
if (!inNode)
  await startBrowserServer({
    quiet: true,
    flavor: new URLSearchParams(location.search).get('flavor') === 'posthog' ? 'posthog' : 'reference',
  });
document.querySelector('#backend')!.textContent = inNode ? 'Backend: dev server (Node)' : 'Backend: in this browser';

const base = `/api/projects/${defaultConfig.projectId}/conversations`;
const headers = { Authorization: `Bearer ${defaultConfig.apiKey}`, 'Content-Type': 'application/json' };
const ticketList = document.querySelector<HTMLUListElement>('#tickets')!;
const conversation = document.querySelector<HTMLElement>('#conversation')!;
const filters = document.querySelector<HTMLFormElement>('#filters')!;
let selected: string | null = null;
/** The list's copy of each ticket, for servers without GET /tickets/{id}. */
const listed = new Map<string, TeamTicket>();
let shownMessages = '';
/** "Visitor is typing…" under the open thread (kept across re-renders, so it is announced once). */
const typingLine = element('p', '', 'hint');
typingLine.setAttribute('role', 'status');
/** Tickets whose visitor types, each with the timer of its 6 s lapse. */
const typing = new Map<string, ReturnType<typeof setTimeout>>();
const showTyping = () => (typingLine.textContent = selected && typing.has(selected) ? 'Visitor is typing…' : '');

async function api<T>(path: string, init?: RequestInit): Promise<T> {
  const response = await fetch(base + path, { ...init, headers });
  if (!response.ok) throw new Error(`${response.status}: ${(await response.text()) || response.statusText}`);
  return response.json() as Promise<T>;
}

/** An element with text (never HTML: the inbox shows customer text too). */
function element<K extends keyof HTMLElementTagNameMap>(tag: K, text = '', className = '') {
  const el = document.createElement(tag);
  el.textContent = text;
  if (className) el.className = className;
  return el;
}

const who = (t: TeamTicket) => t.customer_name ?? t.customer_email ?? 'Anonymous visitor';
const label = (status: string) => status.replace('_', ' ');

/**
 * Whether the customer is who they say: "Verified: user-42" only for a signed identity; a
 * claimed `distinct_id` alone (anyone can send one) is shown as unverified.
 */
function identityMark(t: TeamTicket) {
  if (t.verified_identity) return element('span', `Verified: ${t.verified_identity}`, 'identity identity-verified');
  return element('span', t.distinct_id ? `Unverified: ${t.distinct_id}` : 'Unverified', 'identity identity-unverified');
}

async function renderTickets() {
  const status = (filters.elements.namedItem('status') as HTMLSelectElement).value;
  const search = (filters.elements.namedItem('search') as HTMLInputElement).value.trim();
  const query = new URLSearchParams({ order_by: '-updated_at', ...(status && { status }) });
  const { results } = await api<{ results: TeamTicket[] }>(`/tickets?${query}`);
  // The filters also apply here, so that they work with any reference server; search looks
  // at the customer and every message, private notes included (a demo has few tickets).
  const shown: TeamTicket[] = [];
  for (const ticket of results) {
    listed.set(ticket.id, ticket);
    if (status && ticket.status !== status) continue;
    if (search && !(await matches(ticket, search.toLowerCase()))) continue;
    shown.push(ticket);
  }
  ticketList.replaceChildren(
    ...shown.map((ticket) => {
      const item = element('li');
      const button = element('button');
      button.append(
        element('strong', `#${ticket.ticket_number} ${who(ticket)}`),
        identityMark(ticket),
        element('span', label(ticket.status), `status status-${ticket.status}`),
      );
      button.setAttribute('aria-current', String(ticket.id === selected));
      button.addEventListener('click', () => {
        selected = ticket.id;
        shownMessages = '';
        showTyping();
        void refresh();
      });
      item.append(button);
      return item;
    }),
  );
  if (!shown.length) ticketList.append(element('li', 'No tickets match.', 'hint'));
}

async function matches(ticket: TeamTicket, needle: string) {
  if (`${who(ticket)} ${ticket.customer_email ?? ''}`.toLowerCase().includes(needle)) return true;
  const { results } = await api<{ results: TeamMessage[] }>(`/tickets/${ticket.id}/messages`);
  return results.some((m) => m.content.toLowerCase().includes(needle));
}

async function renderConversation() {
  if (!selected) return;
  const ticketId = selected;
  const [ticket, { results }] = await Promise.all([
    api<TeamTicket>(`/tickets/${ticketId}`).catch(() => listed.get(ticketId) ?? null),
    api<{ results: TeamMessage[] }>(`/tickets/${ticketId}/messages`),
  ]);
  // Re-render only on news, so that a reply being typed is not wiped by the refresh.
  const key = JSON.stringify([ticket?.status, results.length]);
  if (key === shownMessages) return;
  shownMessages = key;

  const title = element('h2', ticket ? `#${ticket.ticket_number} ${who(ticket)}` : 'Conversation');
  title.id = 'conversation-title';
  if (ticket) title.append(' ', identityMark(ticket));
  const messages = element('ol', '', 'messages');
  for (const m of results) {
    const item = element(
      'li',
      '',
      `message ${m.author_type === 'customer' ? 'customer' : 'team'} ${m.is_private ? 'private' : ''}`,
    );
    item.append(
      element(
        'span',
        `${m.author_name ?? m.author_type}${m.is_private ? ' · private note' : ''} · ${new Date(m.created_at).toLocaleTimeString()}`,
        'meta',
      ),
      element('p', m.content),
    );
    messages.append(item);
  }

  const statusSelect = element('select');
  for (const status of STATUSES) {
    const option = element('option', label(status));
    option.value = status;
    option.selected = ticket?.status === status;
    statusSelect.append(option);
  }
  const statusError = element('span', '', 'error');
  statusSelect.addEventListener('change', async () => {
    statusError.textContent = '';
    try {
      await api(`/tickets/${ticketId}`, { method: 'PATCH', body: JSON.stringify({ status: statusSelect.value }) });
      await refresh();
    } catch (error) {
      statusError.textContent = `Could not change the status (${(error as Error).message}).`;
    }
  });
  const toolbar = element('div', '', 'toolbar');
  const statusLabel = element('label', 'Ticket status ');
  statusLabel.append(statusSelect);
  toolbar.append(statusLabel, statusError);

  const form = element('form', '', 'reply');
  const box = element('textarea');
  box.setAttribute('aria-label', 'Reply');
  box.placeholder = 'Write a reply…';
  box.rows = 3;
  const note = element('input');
  note.type = 'checkbox';
  const noteLabel = element('label', ' Private note (the visitor never sees it)');
  noteLabel.prepend(note);
  const send = element('button', 'Send');
  const actions = element('div', '', 'actions');
  actions.append(noteLabel, send);
  form.append(box, actions);
  box.addEventListener('input', () => agentTyping(ticketId, !!box.value.trim() && !note.checked));
  note.addEventListener('change', () => {
    send.textContent = note.checked ? 'Add note' : 'Send';
    form.classList.toggle('private', note.checked);
  });
  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    if (!box.value.trim()) return;
    await api(`/tickets/${ticketId}/messages`, {
      method: 'POST',
      body: JSON.stringify({ content: box.value, author_name: 'Ada (Support)', is_private: note.checked }),
    });
    box.value = '';
    agentTyping(ticketId, false);
    await refresh();
  });
  conversation.replaceChildren(title, toolbar, messages, typingLine, form);
  messages.lastElementChild?.scrollIntoView({ block: 'nearest' });
}

async function refresh() {
  await renderTickets();
  await renderConversation();
}

/** The agent's typing, for the visitor's widget: `true` at most every 3 s while typing, `false` when done. */
let agentTypingAt = 0;
function agentTyping(ticketId: string, on: boolean) {
  if (on && Date.now() - agentTypingAt < 3000) return;
  if (!on && !agentTypingAt) return;
  agentTypingAt = on ? Date.now() : 0;
  const body = JSON.stringify({ typing: on, author_name: 'Ada (Support)' });
  void api(`/tickets/${ticketId}/typing`, { method: 'POST', body }).catch(() => {});
}

// Live: the team stream brings new tickets, messages, status changes and the visitor's typing;
// each re-reads what it touches (the views re-render only on news). EventSource reconnects and
// resumes by itself; polling is only the fallback while it is not open (or on the posthog flavour).
const live = new EventSource(`${base}/live?api_key=${encodeURIComponent(defaultConfig.apiKey)}`);
const refreshSoon = () => void refresh().catch(() => {});
for (const event of [...CONVERSATION_EVENTS, 'reset']) {
  live.addEventListener(event, refreshSoon);
}
live.addEventListener('typing', (event) => {
  const data = JSON.parse((event as MessageEvent<string>).data) as { ticket_id: string; typing: boolean };
  clearTimeout(typing.get(data.ticket_id));
  if (data.typing)
    typing.set(
      data.ticket_id,
      setTimeout(() => (typing.delete(data.ticket_id), showTyping()), 6000),
    );
  else typing.delete(data.ticket_id);
  showTyping();
});
live.addEventListener('message.received', (event) => {
  const { ticket_id } = JSON.parse((event as MessageEvent<string>).data) as { ticket_id: string };
  clearTimeout(typing.get(ticket_id));
  typing.delete(ticket_id);
  showTyping();
});

filters.addEventListener('input', () => void renderTickets());
filters.addEventListener('submit', (event) => event.preventDefault());
await refresh();
setInterval(() => {
  if (live.readyState !== EventSource.OPEN) refreshSoon();
}, 2000);
