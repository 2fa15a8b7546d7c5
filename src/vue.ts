/**
 * support-chat/vue: template types for `<support-chat>` in Vue 3 (types only, no code).
 * `import type {} from 'support-chat/vue'` once (e.g. in env.d.ts) and vue-tsc / Volar check
 * `<support-chat :client="…" @support-chat-open-change="…">` against the element: Vue names the
 * listener of `@support-chat-open-change` `onSupportChatOpenChange`, as React does.
 * The compiler must also be told it is a custom element (README, "Vue 3": `isCustomElement`).
 */
import type { DefineComponent } from 'vue';
import type { SupportChatEventHandlers, SupportChatProperties } from './framework-types.js';

export type { SupportChatEventHandlers, SupportChatProperties };

declare module 'vue' {
  interface GlobalComponents {
    'support-chat': DefineComponent<SupportChatProperties & SupportChatEventHandlers>;
  }
}
