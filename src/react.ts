/**
 * support-chat/react: `<SupportChat>` for React 17–19, made with @lit/react.
 *
 * Why @lit/react rather than React 19's own custom-element support: React 19 does set
 * properties (so `client` and `strings` would work), but it listens to an event named after
 * what follows `on` as written (`onSupportChatReady` → `SupportChatReady`), so our
 * `support-chat-…` events would need props such as `onsupport-chat-ready`, which no React
 * typing or lint rule expects. @lit/react maps `onSupportChatReady` to `support-chat-ready` and
 * works on React 18 too. It is bundled into dist/react.js (about 1 kB), so users install
 * only React; the types below name React only, not @lit/react.
 */
import { createComponent, type EventName } from '@lit/react';
import * as React from 'react';
import type { SupportChatEventName } from './client/events.js';
import type { SupportChatEventHandlers, SupportChatProperties } from './framework-types.js';
// The package's own name, not ./index.js: dist/react.js then shares the page's one element class.
import { SupportChat as SupportChatElement } from 'support-chat';

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
};

const pascal = (name: string) => name.replace(/(^|-)(\w)/g, (_, _dash: string, c: string) => c.toUpperCase());

/** `<SupportChat token="…" onSupportChatOpenChange={(e) => e.detail.open} />`; `ref` is the element. */
export const SupportChat: React.ForwardRefExoticComponent<SupportChatProps> = createComponent({
  react: React,
  tagName: 'support-chat',
  elementClass: SupportChatElement,
  events: Object.fromEntries(Object.keys(EVENTS).map((name) => [`on${pascal(name)}`, name as EventName])),
  displayName: 'SupportChat',
}) as unknown as React.ForwardRefExoticComponent<SupportChatProps>;

export type { SupportChatElement };
