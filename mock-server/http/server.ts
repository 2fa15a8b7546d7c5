import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { getResponse, type RequestHandler } from 'msw';

const CORS_HEADERS = {
  'Access-Control-Allow-Origin': '*',
  'Access-Control-Allow-Methods': 'GET, POST, PATCH, DELETE, OPTIONS',
  'Access-Control-Allow-Headers': 'Content-Type, X-Conversations-Token, Authorization',
  'Access-Control-Expose-Headers': 'Retry-After',
  'Access-Control-Max-Age': '86400',
};

/** Bodies past this are refused before they are read to the end. */
const MAX_BODY_BYTES = 1_000_000;

/**
 * The standalone HTTP server: plain `node:http` in front of the same MSW handlers the
 * browser and Node tests use (`getResponse` resolves a Request against them), so the
 * three runtimes cannot drift apart.
 */
export function createHttpServer(handlers: RequestHandler[]): Server {
  return createServer((req, res) => {
    handle(handlers, req, res).catch((error: unknown) => {
      console.error(error);
      send(res, new Response(JSON.stringify({ error: 'Internal server error' }), { status: 500 }));
    });
  });
}

async function handle(handlers: RequestHandler[], req: IncomingMessage, res: ServerResponse) {
  if (req.method === 'OPTIONS') return send(res, new Response(null, { status: 204 }));

  const body = await readBody(req);
  if (body === 'too-large') {
    return send(res, Response.json({ error: 'Request body too large' }, { status: 413 }));
  }
  const url = new URL(req.url ?? '/', `http://${req.headers.host ?? '127.0.0.1'}`);
  const headers = new Headers();
  for (const [key, value] of Object.entries(req.headers)) {
    if (typeof value === 'string') headers.set(key, value);
    else if (Array.isArray(value)) headers.set(key, value.join(', '));
  }
  const request = new Request(url, {
    method: req.method,
    headers,
    body: req.method === 'GET' || req.method === 'HEAD' ? undefined : new Uint8Array(body),
  });
  const response =
    (await getResponse(handlers, request)) ?? Response.json({ error: 'Not found' }, { status: 404 });
  // `HttpResponse.error()` (injected "offline") means a network failure: drop the connection.
  if (response.type === 'error') return void req.socket.destroy();
  await send(res, response);
}

function readBody(req: IncomingMessage): Promise<Buffer | 'too-large'> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > MAX_BODY_BYTES) {
        resolve('too-large');
        req.resume();
        return;
      }
      chunks.push(chunk);
    });
    req.on('end', () => resolve(Buffer.concat(chunks)));
    req.on('error', reject);
  });
}

async function send(res: ServerResponse, response: Response) {
  const headers: Record<string, string> = { ...CORS_HEADERS };
  response.headers.forEach((value, key) => (headers[key] = value));
  res.writeHead(response.status, headers);
  res.end(Buffer.from(await response.arrayBuffer()));
}
