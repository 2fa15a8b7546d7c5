import type { AuthorType, StoredMessage, StoredTicket } from './data.js';
import type { Messages } from './messages.js';

/** The widget's view of a ticket: no private note ever shows through. */
export function publicTicket(ticket: StoredTicket, messages: Messages) {
  const visible = messages.visible(ticket.id);
  const last = visible.at(-1);
  return {
    id: ticket.id,
    ticket_number: ticket.ticket_number,
    status: ticket.status,
    unread_count: messages.unreadCount(ticket.id),
    last_message: last?.content ?? null,
    last_message_at: last?.created_at ?? null,
    message_count: visible.length,
    created_at: ticket.created_at,
  };
}

/** The team's view of a ticket: everything, including who the customer is. */
export function teamTicket(ticket: StoredTicket, messages: Messages) {
  const visible = publicTicket(ticket, messages);
  return {
    id: ticket.id,
    ticket_number: ticket.ticket_number,
    channel_source: ticket.channel_source,
    distinct_id: ticket.distinct_id,
    // Who the ticket belongs to by a verified signature, or null: `distinct_id` is only what
    // the browser claimed, and anyone can claim "user-42" with user-42's name and email.
    verified_identity: ticket.identity_id,
    status: ticket.status,
    priority: ticket.priority,
    assignee: ticket.assignee,
    tags: ticket.tags,
    snoozed_until: ticket.snoozed_until,
    customer_name: ticket.traits.name ?? null,
    customer_email: ticket.traits.email ?? null,
    anonymous_traits: ticket.traits,
    session_context: ticket.session_context,
    message_count: visible.message_count,
    last_message_text: visible.last_message,
    last_message_at: visible.last_message_at,
    unread_team_count: ticket.unread_team_count,
    unread_customer_count: visible.unread_count,
    subject: ticket.subject ?? null,
    metadata: ticket.metadata ?? {},
    rating: ticket.rating ?? null,
    created_at: ticket.created_at,
    updated_at: ticket.updated_at,
  };
}

/** A team member is `support`, as the production backend says; saved data may still hold `human`. */
export const wireAuthorType = (type: AuthorType): AuthorType => (type === 'human' ? 'support' : type);

/** An attachment as a message carries it: its `url` signed afresh for each answer. */
export interface WireAttachment {
  id: string;
  name: string;
  content_type: string;
  size: number;
  url: string;
}

/** A message's attachments for one answer (`Store.attachmentLinks`); without it, none are shown. */
export type AttachmentLinks = (message: StoredMessage) => WireAttachment[];

const attachmentsPart = (message: StoredMessage, links: AttachmentLinks | undefined) => {
  const attachments = message.attachment_ids?.length && links ? links(message) : [];
  return attachments.length ? { attachments } : {};
};

/** The widget's view of a message (never call it with a private note: the caller filters them). */
export const publicMessage = (message: StoredMessage, links?: AttachmentLinks) => ({
  id: message.id,
  content: message.content,
  ...(message.rich_content ? { rich_content: message.rich_content } : {}),
  author_type: wireAuthorType(message.author_type),
  author_name: message.author_name,
  created_at: message.created_at,
  ...attachmentsPart(message, links),
});

/** The team's view of a message: private notes too, marked as such. */
export const teamMessage = (message: StoredMessage, links?: AttachmentLinks) => ({
  id: message.id,
  ticket_id: message.ticket_id,
  content: message.content,
  ...(message.rich_content ? { rich_content: message.rich_content } : {}),
  author_type: wireAuthorType(message.author_type),
  author_name: message.author_name,
  is_private: message.is_private,
  created_at: message.created_at,
  ...attachmentsPart(message, links),
});
