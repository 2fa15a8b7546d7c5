import { createContext } from '@lit/context';
import type { SupportChatClient } from '../client/support-chat-client.js';

/** The headless client, provided by `<support-chat>` to every UI piece inside it. */
export const clientContext = createContext<SupportChatClient | undefined>(Symbol('support-chat-client'));
