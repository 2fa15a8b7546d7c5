/**
 * support-chat/react: `<SupportChat>` for React 19, on React's own custom-element support.
 *
 * Why not @lit/react: it sets properties in a layout effect, after React has put the element in
 * the page, so `connectedCallback` made the client with an empty `token` and every request
 * failed ("Authentication required"). React 19 sets each prop the element has as a property
 * before inserting it (`client`, `strings` included), and listens to `onX` props as event `X`,
 * case kept. So this wrapper only renames `onSupportChatOpenChange` to
 * `onsupport-chat-open-change`: typed camel-case handlers, no dependency beyond React 19.
 */
import * as React from 'react';
import type { SupportChatEventName } from './client/events.js';
import type { SupportChatEventHandlers, SupportChatProperties } from './framework-types.js';
// The package's own name, not ./index.js: dist/react.js then shares the page's one element class
// (and importing it registers <support-chat> before React creates one).
import type { SupportChat as SupportChatElement } from 'support-chat';
import 'support-chat';

export type { SupportChatEventHandlers, SupportChatProperties };

export type SupportChatProps = SupportChatProperties &
  SupportChatEventHandlers &
  Omit<React.HTMLAttributes<SupportChatElement>, keyof SupportChatProperties | keyof SupportChatEventHandlers> &
  React.RefAttributes<SupportChatElement>;

// A record, not a list: leaving an event of SupportChatEventMap out fails type-checking.
const EVENTS: Record<SupportChatEventName, true> = {
  'support-chat-ready': true,
  'support-chat-open-change': true,
  'support-chat-unread-change': true,
  'support-chat-message-sent': true,
  'support-chat-message-received': true,
  'support-chat-identified': true,
  'support-chat-restore-requested': true,
  'support-chat-restored': true,
  'support-chat-error': true,
  'support-chat-typing': true,
  'support-chat-rated': true,
};

/** `onSupportChatOpenChange` → `onsupport-chat-open-change`, the prop React 19 listens to as that event. */
const EVENT_PROPS: Record<string, string> = Object.fromEntries(
  Object.keys(EVENTS).map((name) => [
    `on${name.replace(/(^|-)(\w)/g, (_, _dash: string, c: string) => c.toUpperCase())}`,
    `on${name}`,
  ]),
);

/** `<SupportChat token="…" onSupportChatOpenChange={(e) => e.detail.open} />`; `ref` is the element. */
export const SupportChat = React.forwardRef<SupportChatElement, Omit<SupportChatProps, 'ref'>>(function SupportChat(props, ref) {
  const mapped: Record<string, unknown> = { ref };
  for (const [key, value] of Object.entries(props)) mapped[EVENT_PROPS[key] ?? key] = value;
  return React.createElement('support-chat', mapped);
});

export type { SupportChatElement };
