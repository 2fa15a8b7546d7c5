import { Agent, request } from 'node:http';

/**
 * A visitor's credentials as the widget sends them when the site names no distinct id: the
 * session id as both (the server requires a `distinct_id` with a session). Spread into a
 * body, or into `URLSearchParams` for a read.
 */
export const visitorFields = (session) => ({ widget_session_id: session, distinct_id: session });

/**
 * The benchmarks' client of the widget API over plain HTTP: `call(base, method, path, body)`
 * resolves with the status and body. Reads share kept-alive connections; each write comes from
 * another loopback address (all of 127.0.0.0/8 is this machine), as real visitors would, since
 * the server caps writes per client address (60 a minute) and a kept-alive socket has one.
 * `close()` ends the kept-alive connections, for the process to exit.
 */
export function widgetCaller({ token, concurrency, addresses = 250 }) {
  const agent = new Agent({ keepAlive: true, maxSockets: concurrency });
  let writes = 0;
  function call(base, method, path, body) {
    const payload = body === undefined ? undefined : JSON.stringify(body);
    return new Promise((resolve, reject) => {
      const req = request(
        {
          host: base.hostname,
          port: base.port,
          method,
          path,
          agent: payload ? undefined : agent,
          localAddress: payload ? `127.0.0.${2 + (writes++ % addresses)}` : undefined,
          headers: {
            'X-Conversations-Token': token,
            ...(payload ? { 'Content-Type': 'application/json', 'Content-Length': Buffer.byteLength(payload) } : {}),
          },
        },
        (res) => {
          const chunks = [];
          res.on('data', (c) => chunks.push(c));
          res.on('end', () => resolve({ status: res.statusCode, body: Buffer.concat(chunks).toString() }));
          res.on('error', reject);
        },
      );
      req.on('error', reject);
      req.end(payload);
    });
  }
  return { call, close: () => agent.destroy() };
}
