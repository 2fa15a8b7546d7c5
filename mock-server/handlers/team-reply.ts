import { HttpResponse } from 'msw';
import type { Flavor } from '../config.js';
import * as field from '../lib/fields.js';
import { richContent } from '../lib/rich-content.js';
import { messageText } from '../lib/team-fields.js';
import { teamMessage, type Store, type StoredTicket, type TeamMessage } from '../store.js';
import { originOf } from './context.js';
import { teamAttachmentIds } from './team-attachments.js';

/**
 * A reply or private note from the team, as both routes take it (`/messages` names its text
 * `content`, PostHog's `/reply` names it `message`): its files, text (empty only with files),
 * formatting, visibility and then the author (`author` is read last, as the body's own
 * `author_name` is checked there), checked in that order; answered 201 with the stored message.
 */
export function postTeamMessage(
  store: Store,
  request: Request,
  ticket: StoredTicket,
  body: Record<string, unknown>,
  {
    flavor,
    text,
    author,
  }: { flavor: Flavor; text: 'content' | 'message'; author: () => Pick<TeamMessage, 'author_type' | 'author_name'> },
) {
  const attachments = teamAttachmentIds(store, ticket, body.attachment_ids, flavor);
  const message = store.addTeamMessage(ticket, {
    content: messageText(body[text], text, { allowEmpty: attachments.length > 0 }),
    attachment_ids: attachments,
    origin: originOf(request),
    rich_content: richContent(body.rich_content, 'rich_content'),
    is_private: field.boolean(body.is_private, 'is_private', false),
    ...author(),
  });
  return HttpResponse.json(teamMessage(message, store.attachmentLinks(originOf(request))), { status: 201 });
}
