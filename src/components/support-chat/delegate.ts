import { supportChatApi, type SupportChatApi } from '../../client/api.js';
import type { SupportChatClient } from '../../client/support-chat-client.js';

/** What the queries answer before the element has a client; the other methods throw. */
const unconnected: Partial<Record<keyof SupportChatApi, unknown>> = {
  isAvailable: false,
  getCurrentTicketId: null,
  getWidgetSessionId: null,
  openPanel: undefined,
  closePanel: undefined,
  toggle: undefined,
};

/**
 * Gives the element every method of `SupportChatApi`, each calling its client's: written
 * once from the one list of names, so the element can neither lack one nor drift from it.
 */
export function delegateApi(element: { prototype: object }) {
  for (const name of supportChatApi) {
    (element.prototype as Record<string, unknown>)[name] = function (this: { client?: SupportChatClient }, ...args: unknown[]) {
      const client = this.client;
      if (client) return (client[name] as (...a: unknown[]) => unknown).apply(client, args);
      if (name in unconnected) return unconnected[name];
      throw new Error('support-chat: the element is not connected yet');
    };
  }
}
