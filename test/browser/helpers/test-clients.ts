import { SupportChatClient, type SupportChatClientOptions } from '../../../src/client/support-chat-client.js';
import { MemoryStorage } from '../../../src/client/storage.js';
import { HttpTransport } from '../../../src/transport/http-transport.js';
import { WIDGET_TOKEN } from './reference-server.js';

/**
 * Headless clients for the tests of one `describe` (call it there): each its own visitor, on
 * the reference server, in memory, with slow polling unless `defaults` or the call say
 * otherwise; stopped after each test. A token of its own keeps each client out of the others'
 * tab channel (BroadcastChannel and Web Locks are origin-wide, by token).
 */
export function testClients(name: string, defaults: Partial<SupportChatClientOptions> = {}) {
  let made: SupportChatClient[] = [];
  afterEach(() => {
    made.forEach((c) => c.stop());
    made = [];
  });
  return (options: Partial<SupportChatClientOptions> = {}) => {
    const client = new SupportChatClient({
      token: `${name}-${made.length}-${Math.random()}`,
      transport: new HttpTransport({ token: WIDGET_TOKEN }),
      storage: new MemoryStorage(),
      pollIntervals: { open: 60_000, closed: 60_000 },
      ...defaults,
      ...options,
    });
    made.push(client);
    return client;
  };
}
