import type { Traits } from '../transport/wire-types.js';
import type { KeyValueStorage } from './storage.js';

/** A verified user of the site (see `setIdentity`). */
export interface Identity {
  distinctId: string;
  hash: string;
  /**
   * Tickets a restore link moved to this browser while this identity was set. A redeem gives
   * tickets to the browser session (the contract has no way to give them to an identity), so
   * these are read and written with the session's credentials, beside the identity's own.
   */
  sessionTickets?: string[];
}

/** The shared fields that are stored, and their keys. */
export const STORED = {
  sessionId: 'session-id',
  currentTicketId: 'current-ticket',
  open: 'open',
  traits: 'traits',
  identity: 'identity',
} as const;

type StoredField = keyof typeof STORED;

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
export const isUuid = (value: unknown): value is string => typeof value === 'string' && UUID.test(value);

/**
 * The stored fields, each checked: storage may hold anything (an old version, a tampered
 * value). A session id is made, and stored, the first time.
 */
export async function loadStored(storage: KeyValueStorage) {
  const [sessionId, currentTicketId, open, traits, identity] = await Promise.all(
    Object.values(STORED).map((key) => storage.get<unknown>(key)),
  );
  const session = isUuid(sessionId) ? sessionId : crypto.randomUUID();
  if (session !== sessionId) await storage.set(STORED.sessionId, session);
  return {
    sessionId: session,
    currentTicketId: typeof currentTicketId === 'string' ? currentTicketId : null,
    open: open === true,
    traits: isTraits(traits) ? traits : {},
    identity: isIdentity(identity) ? identity : null,
  };
}

/** Writes the stored fields of a change (a null value deletes its key). */
export function persist(storage: KeyValueStorage, patch: Partial<Record<StoredField, unknown>>) {
  return Promise.all(
    Object.entries(STORED).map(([field, key]) => {
      if (!(field in patch)) return;
      const value = patch[field as StoredField];
      return value == null ? storage.delete(key) : storage.set(key, value);
    }),
  );
}

function isIdentity(value: unknown): value is Identity {
  const o = value as Identity | undefined;
  const tickets = o?.sessionTickets;
  return (
    !!o &&
    typeof o.distinctId === 'string' &&
    typeof o.hash === 'string' &&
    (tickets === undefined || (Array.isArray(tickets) && tickets.every((t) => typeof t === 'string')))
  );
}

function isTraits(value: unknown): value is Traits {
  return !!value && typeof value === 'object' && !Array.isArray(value);
}
