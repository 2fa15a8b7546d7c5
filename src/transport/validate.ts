import { array, count, id, nullableString, nullableTime, object, status, time, type Guard } from './guards.js';
import type { Capabilities, GetTicketsResponse, Ticket } from './wire-types.js';

/**
 * Checks that an answer has the shape the contract promises before anything trusts it.
 * A hostile or broken backend must produce a typed error, never a corrupted state, so
 * every field the client reads is checked. Here: the answers a page asks for before the
 * visitor opens the widget (the ticket list, for the unread count; the capabilities); the
 * conversation's are in validate-conversation.ts, with the requests that get them.
 */

const ticket: Guard<Ticket> = (v, p) => {
  const o = object(v, p);
  return {
    id: id(o.id, `${p}.id`),
    ticket_number: count(o.ticket_number, `${p}.ticket_number`),
    status: status(o.status, `${p}.status`),
    unread_count: count(o.unread_count, `${p}.unread_count`),
    last_message: nullableString(o.last_message, `${p}.last_message`),
    last_message_at: nullableTime(o.last_message_at, `${p}.last_message_at`),
    message_count: count(o.message_count, `${p}.message_count`),
    created_at: time(o.created_at, `${p}.created_at`),
  };
};

export const getTicketsResponse: Guard<GetTicketsResponse> = (v, p) => {
  const o = object(v, p);
  return { count: count(o.count, `${p}.count`), results: array(ticket)(o.results, `${p}.results`) };
};

/** Only a `true` flag turns an extension on: anything else in an answer means "not here". */
export const capabilities: Guard<Capabilities> = (v, p) => {
  const o = object(v, p);
  return {
    stream: o.stream === true,
    typing: o.typing === true,
    idempotent_send: o.idempotent_send === true,
    rating: o.rating === true,
    attachments: o.attachments,
  };
};
