import { after, before, beforeEach } from 'node:test';
import { client, type Client } from './api.js';
import { spawnServer, type RunningServer } from './spawn-server.js';

/**
 * One standalone server for a test file (as `npm run mock-server` starts it), reset before
 * each test so that tests never see each other's state.
 */
export function useServer(args: string[] = ['--port', '0']) {
  const context = {} as { server: RunningServer; api: Client };
  before(async () => {
    context.server = await spawnServer(args);
    context.api = client(context.server.url);
  });
  beforeEach(async () => {
    await context.api.dev.reset();
  });
  after(() => context.server.stop());
  return context;
}
