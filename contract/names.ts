// The wire contract's names (REFERENCE-API.md), in one place that the widget (src/) and the reference server (mock-server/) both import, so that the two can never drift apart.

/** A ticket's statuses; a new ticket is `new`, and only the team changes it. */
export const TICKET_STATUSES = ['new', 'open', 'pending', 'on_hold', 'resolved'] as const;
export type TicketStatus = (typeof TICKET_STATUSES)[number];

/** The team API's priorities. */
export const PRIORITIES = ['low', 'normal', 'high', 'urgent'] as const;
export type Priority = (typeof PRIORITIES)[number];

/** Where a ticket came from (`channel_source`). */
export const CHANNELS = ['widget', 'email', 'slack', 'teams', 'github'] as const;
export type ChannelSource = (typeof CHANNELS)[number];

/**
 * Who wrote a message: the visitor, a team member (`support`, as the production backend
 * says) or an AI. `human` is what the reference server still calls a team member until it
 * moves to `support` (a change of its own); both sides accept it meanwhile, and saved data
 * may hold it.
 */
export const AUTHOR_TYPES = ['customer', 'support', 'AI', 'human'] as const;
export type AuthorType = (typeof AUTHOR_TYPES)[number];

/** The query parameter the backend adds to an emailed restore link (the production name). */
export const RESTORE_PARAM = 'ph_conv_restore';

/** `status` of a restore redeem: `success`, or why not. */
export const RESTORE_STATUSES = ['success', 'invalid', 'expired', 'used'] as const;
export type RestoreStatus = (typeof RESTORE_STATUSES)[number];
export const RESTORE_FAILURE_STATUSES = ['invalid', 'expired', 'used'] as const satisfies readonly RestoreStatus[];
export type RestoreFailureStatus = (typeof RESTORE_FAILURE_STATUSES)[number];

/** `code` of a failed redeem, by status; a production backend may also say `migration_failed`. */
export const RESTORE_CODES = {
  invalid: 'token_invalid',
  used: 'token_already_used',
  expired: 'token_expired',
  migrationFailed: 'migration_failed',
} as const;
export type RestoreCode = (typeof RESTORE_CODES)[keyof typeof RESTORE_CODES];

/** What the team's `live` stream and webhooks call their events (REFERENCE-API.md "Team API"); `live` also says `typing`. */
export const CONVERSATION_EVENTS = [
  'conversation.created',
  'conversation.updated',
  'conversation.assigned',
  'conversation.resolved',
  'message.received',
  'message.sent',
] as const;
export type ConversationEvent = (typeof CONVERSATION_EVENTS)[number];
