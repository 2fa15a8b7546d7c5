// The demo's agent inbox: the support team's side, on the team API of the reference
// server running in this tab's service worker (same origin as the demo site).
import { startBrowserServer } from '../mock-server/browser.js';
import { defaultConfig } from '../mock-server/config.js';

interface TeamTicket {
  id: string;
  ticket_number: number;
  status: string;
  customer_name: string | null;
  customer_email: string | null;
}
interface TeamMessage {
  content: string;
  author_type: string;
  author_name: string | null;
  is_private: boolean;
}

await startBrowserServer({ quiet: true });

const base = `/api/projects/${defaultConfig.projectId}/conversations`;
const headers = { Authorization: `Bearer ${defaultConfig.apiKey}`, 'Content-Type': 'application/json' };
const ticketList = document.querySelector<HTMLUListElement>('#tickets')!;
const conversation = document.querySelector<HTMLElement>('#conversation')!;
let selected: string | null = null;

async function api<T>(path: string, init?: RequestInit): Promise<T> {
  const response = await fetch(base + path, { ...init, headers });
  if (!response.ok) throw new Error(`${response.status} ${await response.text()}`);
  return response.json() as Promise<T>;
}

function element<K extends keyof HTMLElementTagNameMap>(tag: K, text = '', className = '') {
  const el = document.createElement(tag);
  el.textContent = text;
  if (className) el.className = className;
  return el;
}

async function renderTickets() {
  const { results } = await api<{ results: TeamTicket[] }>('/tickets');
  ticketList.replaceChildren(
    ...results.map((ticket) => {
      const item = element('li');
      const button = element('button', `#${ticket.ticket_number} ${ticket.customer_name ?? ticket.customer_email ?? 'Anonymous'} · ${ticket.status}`);
      button.setAttribute('aria-current', String(ticket.id === selected));
      button.addEventListener('click', () => {
        selected = ticket.id;
        void refresh();
      });
      item.append(button);
      return item;
    }),
  );
}

async function renderConversation() {
  if (!selected) return;
  const ticketId = selected;
  const { results } = await api<{ results: TeamMessage[] }>(`/tickets/${ticketId}/messages`);
  const form = element('form');
  const box = element('textarea');
  box.setAttribute('aria-label', 'Reply');
  box.rows = 3;
  const send = element('button', 'Send reply');
  form.append(box, send);
  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    if (!box.value.trim()) return;
    await api(`/tickets/${ticketId}/messages`, {
      method: 'POST',
      body: JSON.stringify({ content: box.value, author_name: 'Ada (Support)' }),
    });
    box.value = '';
    await refresh();
  });
  conversation.replaceChildren(
    ...results.map((m) =>
      element('p', `${m.author_name ?? m.author_type}: ${m.content}`, `message ${m.is_private ? 'private' : ''}`),
    ),
    form,
  );
}

async function refresh() {
  await renderTickets();
  await renderConversation();
}

await refresh();
setInterval(() => void renderTickets(), 3000);
