/**
 * support-chat: the `<support-chat>` element (registered on import), its headless client,
 * and the transport interface for plugging in another backend.
 */
export { SupportChat } from './components/support-chat/support-chat.js';
export { SupportChatClient, type SupportChatClientOptions } from './client/support-chat-client.js';
export type { ChatState, ChatMessage, ChatError, ChatErrorKind, Delivery } from './client/chat-state.js';
export type { SupportChatEventDetails, SupportChatEventMap, SupportChatEventName } from './client/events.js';
export { IndexedDbStorage, MemoryStorage, type KeyValueStorage } from './client/storage.js';
export { HttpTransport, type HttpTransportOptions } from './transport/http-transport.js';
export { TransportError, type TransportErrorKind } from './transport/transport-error.js';
export type * from './transport/transport.js';
export type * from './transport/wire-types.js';
