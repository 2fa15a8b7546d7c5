import type { Flavor } from '../config.js';
import { attachmentIds } from '../attachments/upload.js';
import { invalid } from '../lib/errors.js';
import type { Store, StoredTicket } from '../store.js';

/** The uploader of a team upload: the ticket it was made for (its replies alone may attach it). */
export const teamUploader = (ticketId: string) => `team:${ticketId}`;

/**
 * `attachment_ids` of a team reply or note: uploads made for this ticket, not yet on a
 * message (400 naming the field otherwise). The production backend has no attachments, so
 * in the `posthog` flavour the field is ignored, as unknown fields are.
 */
export function teamAttachmentIds(store: Store, ticket: StoredTicket, value: unknown, flavor: Flavor): string[] {
  if (flavor === 'posthog') return [];
  const ids = attachmentIds(value);
  const problem = store.attachmentProblem(teamUploader(ticket.id), ids);
  if (problem) throw invalid('attachment_ids', problem);
  return ids;
}
