import type { httpConversationRequests } from '../transport/http-conversation-requests.js';
import type { conversationParts } from './conversation-parts.js';

/**
 * Where the conversation file, once loaded, leaves what it provides: the client's builder of
 * its conversation parts, and `HttpTransport`'s conversation requests. A module both halves
 * share (see internal/shared-modules.ts), as `panelSlot` is for the panel file.
 */
export const conversationSlot: {
  build?: typeof conversationParts;
  httpRequests?: typeof httpConversationRequests;
} = {};
