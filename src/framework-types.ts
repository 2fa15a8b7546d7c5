/**
 * The element's properties and event handlers as framework props, shared by support-chat/react
 * and support-chat/vue. Derived from the class and from SupportChatEventMap, so a new property
 * or event shows up in both without an edit here.
 */
import type { LitElement } from 'lit';
import type { SupportChatApi } from './client/api.js';
import type { SupportChatEventMap, SupportChatEventName } from './client/events.js';
import type { SupportChat } from './components/support-chat/support-chat.js';

/** `support-chat-open-change` → `SupportChatOpenChange`. */
export type Pascal<S extends string> = S extends `${infer Head}-${infer Tail}`
  ? `${Capitalize<Head>}${Pascal<Tail>}`
  : Capitalize<S>;

/** One typed handler per event: `onSupportChatOpenChange(event)`, … (React and Vue both name them so). */
export type SupportChatEventHandlers = {
  [K in SupportChatEventName as `on${Pascal<K>}`]?: (event: SupportChatEventMap[K]) => void;
};

/** Every property of the element (each attribute has one), without LitElement's or the methods. */
type Own = Omit<SupportChat, keyof LitElement | keyof SupportChatApi>;
export type SupportChatProperties = {
  // eslint-disable-next-line @typescript-eslint/no-unsafe-function-type -- any method is left out
  [K in keyof Own as Own[K] extends Function ? never : K]?: Own[K];
};
