import { SupportChatClient } from '../../client/support-chat-client.js';

type Methods = Record<string, (...args: unknown[]) => unknown>;

/**
 * The client's methods the element does not have: the lifecycle (`start`, `stop`: the
 * element runs its client) and `watch` (the views inside call it). The client implements
 * `SupportChatApi`, and a test checks that the others are its names exactly.
 */
export const notDelegated = /^(constructor|start|stop|watch)$/;

/**
 * Gives the element every method of `SupportChatApi`, each calling its client's: derived
 * from the client itself, so the element can neither lack one nor drift from it. Before the
 * element has a client (it makes one when connected), `isAvailable()` is false and the
 * others throw.
 */
export function delegateApi(element: { prototype: object }) {
  for (const name of Object.getOwnPropertyNames(SupportChatClient.prototype)) {
    if (notDelegated.test(name)) continue;
    (element.prototype as Methods)[name] = function (this: { client?: SupportChatClient }, ...args: unknown[]) {
      const client = this.client as unknown as Methods | undefined;
      if (client) return client[name](...args);
      if (name === 'isAvailable') return false;
      throw new Error('support-chat: the element is not connected yet');
    };
  }
}
