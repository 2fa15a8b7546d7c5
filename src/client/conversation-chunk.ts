// The conversation file (dist/conversation-chunk.js): the client's parts beyond the unread
// count, loaded when first needed (conversation-loader.ts). Importing it fills the slot.
import { conversationParts } from './conversation-parts.js';
import { conversationSlot } from './conversation-slot.js';

conversationSlot.build = conversationParts;
