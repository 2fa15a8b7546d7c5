// The team API of the reference server (REFERENCE-API.md "Team API"), as the inbox uses it.
import { defaultConfig } from '../../mock-server/config.js';
import type { Analytics } from '../../mock-server/lib/analytics.js';

export interface Assignee {
  type: 'user' | 'role';
  id: string;
}

export interface TeamTicket {
  id: string;
  ticket_number: number;
  status: string;
  priority: string;
  assignee: Assignee | null;
  tags: string[];
  snoozed_until: string | null;
  channel_source: string;
  customer_name: string | null;
  customer_email: string | null;
  distinct_id: string | null;
  /** Set only when the server checked the identity's signature; older servers leave it out. */
  verified_identity?: string | null;
  subject?: string | null;
  last_message_text: string | null;
  last_message_at: string | null;
  unread_team_count: number;
  rating: { score: number; comment: string | null; created_at: string } | null;
  created_at: string;
  updated_at: string;
}

export interface TeamMessage {
  id: string;
  content: string;
  author_type: string;
  author_name: string | null;
  is_private: boolean;
  created_at: string;
  /** Files sent with the message, as the server lists them (checked where they are shown: attachments.ts). */
  attachments?: unknown[];
}

/** A file kept by the server: the answer to an upload, and each entry of a message's `attachments`. */
export interface TeamAttachment {
  id: string;
  name: string;
  content_type: string;
  size: number;
  url: string;
}

export interface SavedView {
  short_id: string;
  name: string;
  filters: Record<string, string>;
}

export interface CannedResponse {
  id: string;
  title: string;
  shortcut: string;
  content: string;
}

/** The answer of `GET /analytics`, as the reference server computes it. */
export type { Analytics } from '../../mock-server/lib/analytics.js';

export interface Webhook {
  id: string;
  url: string;
  events: string[];
}

export interface Delivery {
  id: string;
  webhook_id: string;
  event: string;
  state: 'pending' | 'delivered' | 'failed';
  tries: number;
  last_status: number | null;
  last_error: string | null;
  next_attempt_at: string | null;
  created_at: string;
}

export interface Page<T> {
  count: number;
  results: T[];
}

/** The ticket-list filters the inbox offers (each a query parameter of `GET /tickets`, and a saved view's filter). */
export interface TicketFilters {
  status?: string;
  priority?: string;
  assignee?: string;
  tags?: string;
  search?: string;
}

/** The server's refusal, with its sentence (`error`) and the fields it named. */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    message: string,
  ) {
    super(message);
  }
}

export const TEAM_BASE = `/api/projects/${defaultConfig.projectId}/conversations`;
const auth = { Authorization: `Bearer ${defaultConfig.apiKey}` };
const headers = { ...auth, 'Content-Type': 'application/json' };

async function call<T>(path: string, init: RequestInit = {}): Promise<T> {
  const response = await fetch(TEAM_BASE + path, { headers, ...init });
  if (!response.ok) {
    const body = (await response.json().catch(() => ({}))) as { error?: string; details?: Record<string, string> };
    const error = body.error ?? response.statusText;
    // A field's reason already in the sentence (a refused file's, say) is not said twice.
    const named = Object.entries(body.details ?? {}).filter(([, v]) => !error.includes(v));
    const details = named.length ? ` (${named.map(([k, v]) => `${k} ${v}`).join(', ')})` : '';
    throw new ApiError(response.status, `${error}${details}`);
  }
  return (response.status === 204 ? undefined : await response.json()) as T;
}

const post = <T>(path: string, body: unknown) => call<T>(path, { method: 'POST', body: JSON.stringify(body) });
const patch = <T>(path: string, body: unknown) => call<T>(path, { method: 'PATCH', body: JSON.stringify(body) });
const del = (path: string) => call<void>(path, { method: 'DELETE' });
const id = encodeURIComponent;

export const api = {
  tickets(filters: TicketFilters & { view?: string }) {
    const query = new URLSearchParams({ order_by: '-updated_at', limit: '200' });
    for (const [key, value] of Object.entries(filters)) if (value) query.set(key, value);
    return call<Page<TeamTicket>>(`/tickets?${query}`);
  },
  ticket: (ticketId: string) => call<TeamTicket>(`/tickets/${id(ticketId)}`),
  messages: (ticketId: string) => call<Page<TeamMessage>>(`/tickets/${id(ticketId)}/messages`),
  reply: (ticketId: string, content: string, isPrivate: boolean, authorName: string, attachmentIds: string[] = []) =>
    post<TeamMessage>(`/tickets/${id(ticketId)}/messages`, {
      content,
      is_private: isPrivate,
      author_name: authorName,
      ...(attachmentIds.length ? { attachment_ids: attachmentIds } : {}),
    }),
  /**
   * Uploads a file for a reply or note of this ticket (its `attachment_ids` then). The exact
   * name goes in a `name` field too: a part's filename cannot carry every name. No
   * Content-Type header: the browser writes the multipart one, with its boundary.
   */
  upload(ticketId: string, file: File) {
    const form = new FormData();
    form.append('file', file);
    form.append('name', file.name);
    return call<TeamAttachment>(`/tickets/${id(ticketId)}/attachments`, { method: 'POST', headers: auth, body: form });
  },
  update: (ticketId: string, changes: Partial<Pick<TeamTicket, 'status' | 'priority' | 'snoozed_until'>>) =>
    patch<TeamTicket>(`/tickets/${id(ticketId)}`, changes),
  resolve: (ticketId: string) => post<TeamTicket>(`/tickets/${id(ticketId)}/resolve`, {}),
  assign: (ticketId: string, assigneeId: string | null) =>
    post<TeamTicket>(`/tickets/${id(ticketId)}/assign`, { assignee_id: assigneeId }),
  addTags: (ticketId: string, tags: string[]) => post<TeamTicket>(`/tickets/${id(ticketId)}/tags`, { tags }),
  removeTag: (ticketId: string, tag: string) =>
    call<TeamTicket>(`/tickets/${id(ticketId)}/tags/${id(tag)}`, { method: 'DELETE' }),
  typing: (ticketId: string, typing: boolean, authorName: string) =>
    post<unknown>(`/tickets/${id(ticketId)}/typing`, { typing, author_name: authorName }),

  views: () => call<Page<SavedView>>('/views'),
  createView: (name: string, filters: TicketFilters) => post<SavedView>('/views', { name, filters }),
  deleteView: (shortId: string) => del(`/views/${id(shortId)}`),

  canned: () => call<Page<CannedResponse>>('/canned_responses'),
  renderCanned: (cannedId: string, ticketId: string, agentName: string) =>
    post<{ content: string }>(`/canned_responses/${id(cannedId)}/render`, { ticket_id: ticketId, agent_name: agentName }),

  analytics(dateFrom: string, dateTo: string) {
    const query = new URLSearchParams();
    if (dateFrom) query.set('date_from', dateFrom);
    if (dateTo) query.set('date_to', dateTo);
    return call<Analytics>(`/analytics?${query}`);
  },

  webhooks: () => call<Page<Webhook>>('/webhooks'),
  createWebhook: (url: string, events: string[]) => post<Webhook>('/webhooks', { url, events }),
  deleteWebhook: (webhookId: string) => del(`/webhooks/${id(webhookId)}`),
  deliveries: (webhookId: string) => call<Page<Delivery>>(`/webhooks/${id(webhookId)}/deliveries`),

  /** The team's live stream (Server-Sent Events); `EventSource` cannot set headers, so the key is in the query. */
  live: () => new EventSource(`${TEAM_BASE}/live?api_key=${encodeURIComponent(defaultConfig.apiKey)}`),
};
