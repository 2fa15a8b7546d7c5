import type { TicketStatus } from '../transport/wire-types.js';
import type { TextKey } from './locales/en.js';

/**
 * The word for each ticket status, by its key in the locale tables. Only the ticket list (in
 * the panel) reads it: kept out of strings.ts, which the first file carries.
 */
export const statusKeys: Record<TicketStatus, TextKey> = {
  new: 'statusNew',
  open: 'statusOpen',
  pending: 'statusPending',
  on_hold: 'statusOnHold',
  resolved: 'statusResolved',
};
