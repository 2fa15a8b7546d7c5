import { beside } from '../internal/beside.js';
import { shareModules } from '../internal/shared-modules.js';
import { conversationSlot } from './conversation-slot.js';

let loading: Promise<NonNullable<typeof conversationSlot.build>> | undefined;
let failures = 0;

/**
 * Loads the client's conversation parts (conversation-chunk.ts, built as
 * dist/conversation-chunk.js beside the script), once, as `loadPanel` loads the panel: a
 * runtime URL, so that no bundler inlines it into the one-file build; a failed load is
 * forgotten and the next call asks for another URL (the browser remembers a failed module).
 */
export function loadConversation(): Promise<NonNullable<typeof conversationSlot.build>> {
  if (conversationSlot.build) return Promise.resolve(conversationSlot.build);
  const url = beside('./conversation-chunk.js', import.meta.url);
  shareModules(url);
  loading ??= import(/* @vite-ignore */ failures ? `${url}?retry=${failures}` : url).then(
    () => {
      if (!conversationSlot.build) throw new Error(`support-chat: ${url} did not provide the conversation`);
      return conversationSlot.build;
    },
    (error: unknown) => {
      loading = undefined;
      failures++;
      throw error;
    },
  );
  return loading;
}
