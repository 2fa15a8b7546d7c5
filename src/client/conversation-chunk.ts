// The conversation file (dist/conversation-chunk.js): the client's parts beyond the unread
// count, and the HTTP transport's requests they make, loaded when first needed
// (conversation-loader.ts). Importing it fills the slot.
import { httpConversationRequests } from '../transport/http-conversation-requests.js';
import { conversationParts } from './conversation-parts.js';
import { conversationSlot } from './conversation-slot.js';

conversationSlot.build = conversationParts;
conversationSlot.httpRequests = httpConversationRequests;
