import type { StoreData, StoredTicket } from '../store.js';

export interface Analytics {
  totalConversations: number;
  openConversations: number;
  resolvedToday: number;
  avgFirstResponseTime: number | null;
  avgResolutionTime: number | null;
  csat: number | null;
}

const DAY_MS = 86_400_000;
const mean = (values: number[]) => (values.length ? values.reduce((a, b) => a + b, 0) / values.length : null);
const seconds = (ms: number | null) => (ms === null ? null : Math.round(ms / 1000));

/**
 * Seed 003's conversation metrics, from the stored state at the store's `now` (so the dev
 * clock moves them). Conversations count when they were created within `[from, to]`;
 * `resolvedToday` is today's resolutions (UTC) whatever the range; `csat` is the mean of
 * the ratings given within the range. Averages over nothing are null, not a false 0.
 */
export function analytics(data: StoreData, now: number, from: number, to: number): Analytics {
  const inRange = (iso: string) => {
    const t = Date.parse(iso);
    return t >= from && t <= to;
  };
  const tickets = data.tickets.filter((t) => inRange(t.created_at));
  const startOfDay = Math.floor(now / DAY_MS) * DAY_MS;
  const resolvedAt = (t: StoredTicket) => Date.parse(t.resolved_at ?? t.updated_at);

  // First response: the first visible team or AI reply after the customer's first message.
  const firstCustomer = new Map<string, number>();
  const firstReply = new Map<string, number>();
  for (const m of data.messages) {
    const at = Date.parse(m.created_at);
    if (m.author_type === 'customer') {
      if (!firstCustomer.has(m.ticket_id)) firstCustomer.set(m.ticket_id, at);
    } else if (!m.is_private && firstCustomer.has(m.ticket_id) && !firstReply.has(m.ticket_id)) firstReply.set(m.ticket_id, at);
  }
  const responseTimes = tickets.filter((t) => firstReply.has(t.id)).map((t) => firstReply.get(t.id)! - firstCustomer.get(t.id)!);
  const resolved = tickets.filter((t) => t.status === 'resolved');
  const scores = data.events
    .filter((e) => e.event === '$conversation_ticket_rated' && inRange(e.timestamp))
    .map((e) => Number(e.properties.score))
    .filter((score) => Number.isFinite(score));
  const csat = mean(scores);

  return {
    totalConversations: tickets.length,
    openConversations: tickets.filter((t) => t.status !== 'resolved').length,
    resolvedToday: data.tickets.filter((t) => t.status === 'resolved' && resolvedAt(t) >= startOfDay && resolvedAt(t) <= now)
      .length,
    avgFirstResponseTime: seconds(mean(responseTimes)),
    avgResolutionTime: seconds(mean(resolved.map((t) => resolvedAt(t) - Date.parse(t.created_at)))),
    csat: csat === null ? null : Math.round(csat * 100) / 100,
  };
}
