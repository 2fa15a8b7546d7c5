// Words and numbers of the inbox: who, when, how long.
import type { Assignee, TeamTicket } from './api.js';

/** The demo's team (the reference server has no user directory: ids are the site's own). */
export const AGENTS = [
  { id: '1', name: 'Ada Lovelace' },
  { id: '2', name: 'Ben Okafor' },
  { id: 'role:billing', name: 'Billing team' },
] as const;

/** The agent this inbox writes as. */
export const ME = AGENTS[0];

export const STATUSES = ['new', 'open', 'pending', 'on_hold', 'resolved'] as const;
export const PRIORITIES = ['low', 'normal', 'high', 'urgent'] as const;

export const label = (value: string) => (value.charAt(0).toUpperCase() + value.slice(1)).replace('_', ' ');

export const who = (t: Pick<TeamTicket, 'customer_name' | 'customer_email'>) =>
  t.customer_name ?? t.customer_email ?? 'Anonymous visitor';

/** `assignee_id` of an assignee, as `/assign` takes it (and the `assignee` filter's `user:` / `role:` form). */
export const assigneeId = (a: Assignee) => (a.type === 'role' ? `role:${a.id}` : a.id);
export const assigneeFilter = (agentId: string) => (agentId.startsWith('role:') ? agentId : `user:${agentId}`);

export function assigneeName(a: Assignee | null) {
  if (!a) return 'Unassigned';
  return AGENTS.find((agent) => agent.id === assigneeId(a))?.name ?? (a.type === 'role' ? `Role ${a.id}` : `User ${a.id}`);
}

const relative = new Intl.RelativeTimeFormat('en', { numeric: 'auto' });

/** "3 minutes ago", "yesterday", … */
export function ago(iso: string | null, now = Date.now()) {
  if (!iso) return '';
  const seconds = Math.round((Date.parse(iso) - now) / 1000);
  const units: Array<[Intl.RelativeTimeFormatUnit, number]> = [
    ['day', 86_400],
    ['hour', 3600],
    ['minute', 60],
    ['second', 5],
  ];
  for (const [unit, size] of units)
    if (Math.abs(seconds) >= size) return relative.format(Math.round(seconds / (unit === 'second' ? 1 : size)), unit);
  return 'just now';
}

/** A duration in seconds as "1 h 5 min", "42 s"; null is "—" (nothing to average). */
export function duration(seconds: number | null) {
  if (seconds === null) return '—';
  const s = Math.round(seconds);
  if (s < 60) return `${s} s`;
  const minutes = Math.round(s / 60);
  if (minutes < 60) return `${minutes} min`;
  const hours = Math.floor(minutes / 60);
  return minutes % 60 ? `${hours} h ${minutes % 60} min` : `${hours} h`;
}

/** A rating as stars, for the eye (its number is beside it, for everyone). */
export const stars = (score: number) => '★'.repeat(score) + '☆'.repeat(5 - score);
