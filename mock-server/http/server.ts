import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { getResponse, type RequestHandler } from 'msw';
import { CLIENT_ADDRESS_HEADER } from '../handlers/context.js';
import { isStreaming, pipeStream } from './stream-body.js';

const CORS_HEADERS = {
  'Access-Control-Allow-Origin': '*',
  'Access-Control-Allow-Methods': 'GET, POST, PATCH, DELETE, OPTIONS',
  'Access-Control-Allow-Headers': 'Content-Type, X-Conversations-Token, Authorization, Last-Event-ID',
  'Access-Control-Expose-Headers': 'Retry-After',
  'Access-Control-Max-Age': '86400',
};

/** Bodies past this are refused (413) without being kept in memory. */
export const MAX_BODY_BYTES = 1_000_000;

const json = (status: number, body: unknown) => Response.json(body, { status });

/**
 * The standalone HTTP server: plain `node:http` in front of the same MSW handlers the
 * browser and Node tests use (`getResponse` resolves a Request against them), so the
 * three runtimes cannot drift apart. It adds what only a real server has: CORS with
 * preflight, a body size limit, and the client's socket address for per-client limits.
 */
export function createHttpServer(handlers: RequestHandler[]): Server {
  return createServer((req, res) => {
    handle(handlers, req, res).catch((error: unknown) => {
      // A handler bug: logged, and still a JSON answer rather than a hung connection.
      console.error(error);
      if (!res.headersSent) void send(res, json(500, { error: 'Internal server error' }));
      else res.destroy();
    });
  });
}

async function handle(handlers: RequestHandler[], req: IncomingMessage, res: ServerResponse) {
  if (req.method === 'OPTIONS') return send(res, new Response(null, { status: 204 }));

  const body = await readBody(req);
  if (body === 'too-large') return send(res, json(413, { error: `Request body larger than ${MAX_BODY_BYTES} bytes` }));

  let url: URL;
  try {
    url = new URL(req.url ?? '/', `http://${req.headers.host ?? '127.0.0.1'}`);
  } catch {
    return send(res, json(400, { error: 'Malformed request URL' }));
  }
  const headers = new Headers();
  for (const [key, value] of Object.entries(req.headers)) {
    if (key === CLIENT_ADDRESS_HEADER || value === undefined) continue;
    headers.set(key, Array.isArray(value) ? value.join(', ') : value);
  }
  headers.set(CLIENT_ADDRESS_HEADER, req.socket.remoteAddress ?? 'unknown');
  const hasBody = req.method !== 'GET' && req.method !== 'HEAD';
  const request = new Request(url, { method: req.method, headers, body: hasBody ? new Uint8Array(body) : undefined });

  const response = (await getResponse(handlers, request)) ?? json(404, { error: 'Not found' });
  // `HttpResponse.error()` (injected "offline") means a network failure: drop the connection.
  if (response.type === 'error') return void req.socket.destroy();
  await send(res, response);
}

function readBody(req: IncomingMessage): Promise<Buffer | 'too-large'> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    let tooLarge = Number(req.headers['content-length']) > MAX_BODY_BYTES;
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > MAX_BODY_BYTES) tooLarge = true;
      if (!tooLarge) chunks.push(chunk);
    });
    // Read to the end even when too large, so that the client gets our 413 and not a reset.
    req.on('end', () => resolve(tooLarge ? 'too-large' : Buffer.concat(chunks)));
    req.on('error', reject);
  });
}

async function send(res: ServerResponse, response: Response) {
  const headers: Record<string, string> = { ...CORS_HEADERS };
  response.headers.forEach((value, key) => (headers[key] = value));
  if (isStreaming(response)) return pipeStream(response, res, headers);
  res.writeHead(response.status, headers);
  res.end(Buffer.from(await response.arrayBuffer()));
}
