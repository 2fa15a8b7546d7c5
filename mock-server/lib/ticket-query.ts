import { invalid } from './errors.js';
import * as field from './fields.js';
import { MAX_OFFSET, TEAM_PAGE } from '../../contract/limits.js';
import { CHANNELS, PRIORITIES, TICKET_STATUSES } from '../../contract/names.js';
import type { StoredTicket } from '../store.js';

/**
 * The team's ticket list query: every filter and order of the contract, parsed from the
 * query string into a predicate and a comparator. Unknown values are 400s rather than
 * silently ignored, so that a typo in a filter never looks like an empty inbox.
 */

export const ORDERINGS = ['created_at', 'updated_at', 'ticket_number'] as const;

export interface TicketQuery {
  matches(ticket: StoredTicket): boolean;
  compare(a: StoredTicket, b: StoredTicket): number;
  limit: number;
  offset: number;
}

/** Comma-separated enum values: `status=new,open`. */
function enumList<T extends string>(raw: string, name: string, allowed: readonly T[]): T[] {
  const values = raw
    .split(',')
    .map((v) => v.trim())
    .filter(Boolean);
  for (const v of values) field.oneOf(v, name, allowed);
  return values as T[];
}

/** `tags=["billing","vip"]` (as the production API takes them) or `tags=billing,vip`. */
function tagList(raw: string): string[] {
  if (raw.trim().startsWith('[')) {
    let parsed: unknown;
    try {
      parsed = JSON.parse(raw);
    } catch {
      throw invalid('tags', 'must be a JSON array of tag names or a comma-separated list');
    }
    if (!Array.isArray(parsed) || !parsed.every((t) => typeof t === 'string'))
      throw invalid('tags', 'must be a JSON array of strings');
    return parsed.map((t) => t.trim()).filter(Boolean);
  }
  return raw
    .split(',')
    .map((t) => t.trim())
    .filter(Boolean);
}

const RELATIVE = /^-(\d{1,6})([hdw])$/;
const UNIT_MS = { h: 3_600_000, d: 86_400_000, w: 604_800_000 } as const;

/** An ISO date-time, or relative to now: `-24h`, `-7d`, `-2w`. */
export function dateBound(raw: string, name: string, now: number): number {
  const relative = RELATIVE.exec(raw);
  if (relative) return now - Number(relative[1]) * UNIT_MS[relative[2] as keyof typeof UNIT_MS];
  return field.dateTime(raw, name);
}

/** `assignee=unassigned`, `assignee=user:42`, `assignee=role:<id>`. */
function assigneeMatcher(raw: string): (t: StoredTicket) => boolean {
  if (raw === 'unassigned') return (t) => t.assignee === null;
  const match = /^(user|role):(.{1,200})$/.exec(raw);
  if (!match) throw invalid('assignee', 'must be unassigned, user:<id> or role:<id>');
  return (t) => t.assignee?.type === match[1] && t.assignee.id === match[2];
}

export function parseTicketQuery(
  q: Record<string, string>,
  now: number,
  messageText: (ticketId: string) => string[],
): TicketQuery {
  const tests: Array<(t: StoredTicket) => boolean> = [];
  if (q.status) {
    const statuses = enumList(q.status, 'status', TICKET_STATUSES);
    tests.push((t) => statuses.includes(t.status));
  }
  if (q.priority) {
    const priorities = enumList(q.priority, 'priority', PRIORITIES);
    tests.push((t) => priorities.includes(t.priority));
  }
  if (q.channel_source) {
    const channel = field.oneOf(q.channel_source, 'channel_source', CHANNELS);
    tests.push((t) => t.channel_source === channel);
  }
  if (q.assignee) tests.push(assigneeMatcher(q.assignee));
  if (q.tags) {
    const tags = tagList(q.tags);
    if (tags.length) tests.push((t) => t.tags.some((tag) => tags.includes(tag)));
  }
  if (q.date_from && q.date_from !== 'all') {
    const from = dateBound(q.date_from, 'date_from', now);
    tests.push((t) => Date.parse(t.updated_at) >= from);
  }
  if (q.date_to) {
    const to = dateBound(q.date_to, 'date_to', now);
    tests.push((t) => Date.parse(t.updated_at) <= to);
  }
  if (q.search) {
    const search = field.text(q.search, 'search', { max: 200 }).toLowerCase();
    const number = /^\d+$/.test(search) ? Number(search) : undefined;
    tests.push((t) =>
      number !== undefined
        ? t.ticket_number === number
        : [t.traits.name, t.traits.email, ...messageText(t.id)].some(
            (s) => typeof s === 'string' && s.toLowerCase().includes(search),
          ),
    );
  }

  const orderBy = q.order_by || '-updated_at';
  const key = field.oneOf(orderBy.replace(/^-/, ''), 'order_by', ORDERINGS);
  const direction = orderBy.startsWith('-') ? -1 : 1;
  const value = (t: StoredTicket) => (key === 'ticket_number' ? t.ticket_number : Date.parse(t[key]));

  return {
    matches: (t) => tests.every((test) => test(t)),
    // Ties (same time) fall back to the ticket number, so pages never overlap.
    compare: (a, b) => direction * (value(a) - value(b) || a.ticket_number - b.ticket_number),
    limit: field.integer(q.limit, 'limit', TEAM_PAGE),
    offset: field.integer(q.offset, 'offset', { min: 0, max: MAX_OFFSET, fallback: 0 }),
  };
}

/** DRF-style `next` / `previous` links for a page of `count` results. */
export function pageLinks(requestUrl: string, count: number, limit: number, offset: number) {
  const link = (at: number) => {
    const url = new URL(requestUrl);
    url.searchParams.set('limit', String(limit));
    url.searchParams.set('offset', String(at));
    return url.toString();
  };
  return {
    next: offset + limit < count ? link(offset + limit) : null,
    previous: offset > 0 ? link(Math.max(0, offset - limit)) : null,
  };
}
