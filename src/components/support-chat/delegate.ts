import { supportChatApi } from '../../client/api.js';
import type { SupportChatClient } from '../../client/support-chat-client.js';

type Methods = Record<string, (...args: unknown[]) => unknown>;

/**
 * Gives the element every method of `SupportChatApi`, each calling its client's: written
 * once from the one list of names, so the element can neither lack one nor drift from it.
 * Before the element has a client (it makes one when connected), `isAvailable()` is false
 * and the others throw.
 */
export function delegateApi(element: { prototype: object }) {
  for (const name of supportChatApi) {
    (element.prototype as Methods)[name] = function (this: { client?: SupportChatClient }, ...args: unknown[]) {
      const client = this.client as unknown as Methods | undefined;
      if (client) return client[name](...args);
      if (name === 'isAvailable') return false;
      throw new Error('support-chat: the element is not connected yet');
    };
  }
}
