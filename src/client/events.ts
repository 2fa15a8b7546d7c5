import type { ChatErrorCode, ChatErrorKind } from './chat-state.js';
import type { Message } from '../transport/wire-types.js';

/** The detail of each event, by name. One place so that the element, the client and users agree. */
export interface SupportChatEventDetails {
  'support-chat-ready': Record<string, never>;
  'support-chat-open-change': { open: boolean };
  'support-chat-unread-change': { count: number };
  'support-chat-message-sent': { ticketId: string; messageId: string; isNewTicket: boolean };
  'support-chat-message-received': { ticketId: string; message: Message };
  'support-chat-identified': { hasName: boolean; hasEmail: boolean };
  'support-chat-restore-requested': Record<string, never>;
  'support-chat-restored': { ticketIds: string[] };
  /** A team member started or stopped typing (or their typing lapsed, or their message came). */
  'support-chat-typing': { ticketId: string; authorName: string | null; typing: boolean };
  /** The visitor rated a resolved conversation (or found it already rated). */
  'support-chat-rated': { ticketId: string; score: number };
  /** `message` is the sentence of `code` in the widget's locale (English for a bare client). */
  'support-chat-error': { kind: ChatErrorKind; code: ChatErrorCode; message: string };
}

export type SupportChatEventName = keyof SupportChatEventDetails;

export type SupportChatEventMap = {
  [K in SupportChatEventName]: CustomEvent<SupportChatEventDetails[K]>;
};

declare global {
  // Typed `addEventListener('support-chat-…')` on any element and on the document.
  interface HTMLElementEventMap extends SupportChatEventMap {}
  interface DocumentEventMap extends SupportChatEventMap {}
}

export function dispatch<K extends SupportChatEventName>(target: EventTarget, name: K, detail: SupportChatEventDetails[K]): void {
  target.dispatchEvent(new CustomEvent(name, { detail, bubbles: true, composed: true }));
}

/** A typed listener of a `support-chat-*` event on the client (`this` is the client). */
export type ClientListener<This, K extends keyof SupportChatEventMap> = (this: This, event: SupportChatEventMap[K]) => unknown;
