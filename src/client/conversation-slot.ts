import type { conversationParts } from './conversation-parts.js';

/**
 * Where the conversation file, once loaded, leaves its builder: a module both halves share
 * (see internal/shared-modules.ts), as `panelSlot` is for the panel file.
 */
export const conversationSlot: { build?: typeof conversationParts } = {};
