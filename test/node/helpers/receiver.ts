import { createHmac, timingSafeEqual } from 'node:crypto';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface Received {
  path: string;
  deliveryId: string;
  attempt: number;
  event: string;
  payload: Record<string, any>;
  /** Whether the signature was right for the secret of its path. */
  signed: boolean;
  /** A delivery id seen before: a retry (it says so in its attempt header). */
  repeat: boolean;
}

/** How a path answers the nth try of one delivery (1-based): a status, or 'hang' (never). */
export type Behaviour = (attempt: number) => number | 'hang';

/**
 * A webhook receiver on 127.0.0.1, as a test's node:http server: it verifies every
 * signature against the secret it is told for each path, answers as told, and counts the
 * deliveries it sees twice.
 */
export async function startReceiver() {
  const received: Received[] = [];
  const seen = new Set<string>();
  const secrets = new Map<string, string>();
  const behaviours = new Map<string, Behaviour>();
  const hanging = new Set<ServerResponse>();
  const server = createServer((request: IncomingMessage, response: ServerResponse) => {
    const chunks: Buffer[] = [];
    request.on('data', (c: Buffer) => chunks.push(c));
    request.on('end', () => {
      const raw = Buffer.concat(chunks);
      const path = request.url ?? '/';
      const deliveryId = String(request.headers['x-support-chat-delivery']);
      const expected = `sha256=${createHmac('sha256', secrets.get(path) ?? '')
        .update(raw)
        .digest('hex')}`;
      const given = String(request.headers['x-support-chat-signature'] ?? '');
      const signed = given.length === expected.length && timingSafeEqual(Buffer.from(given), Buffer.from(expected));
      const attempt = Number(request.headers['x-support-chat-attempt']);
      received.push({
        path,
        deliveryId,
        attempt,
        event: String(request.headers['x-support-chat-event']),
        payload: JSON.parse(raw.toString('utf8')),
        signed,
        repeat: seen.has(deliveryId),
      });
      seen.add(deliveryId);
      const answer = (behaviours.get(path) ?? (() => 200))(attempt);
      if (answer === 'hang') return void hanging.add(response);
      response.writeHead(answer, { 'Content-Type': 'text/plain' }).end('ok');
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    received,
    url: (path: string) => `http://127.0.0.1:${port}${path}`,
    on(path: string, secret: string, behaviour: Behaviour = () => 200) {
      secrets.set(path, secret);
      behaviours.set(path, behaviour);
    },
    at: (path: string) => received.filter((r) => r.path === path),
    clear: () => received.splice(0),
    stop: () =>
      new Promise<void>((resolve) => {
        for (const response of hanging) response.destroy();
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
