import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { getResponse, type RequestHandler } from 'msw';
import { MAX_UPLOAD_BODY_BYTES, tooLarge } from '../attachments/upload.js';
import { CLIENT_ADDRESS_HEADER } from '../handlers/context.js';
import { HttpError } from '../lib/errors.js';
import { isLoopbackHost } from './loopback.js';
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

/** The two upload routes (widget and team): their bodies may be a whole file, up to MAX_UPLOAD_BODY_BYTES. */
const UPLOAD_PATH =
  /^\/api\/(?:conversations\/v1\/widget|projects\/[^/?]+\/conversations\/tickets\/[^/?]+)\/attachments\/?(?:\?|$)/;

/**
 * After an upload's early 413, the rest of its body is read and thrown away (so that the
 * client, still sending, gets to read the answer rather than a reset) up to this much; a
 * client that sends more (a 1 GB file) has its connection closed.
 */
const MAX_DISCARDED_BYTES = 16 * 1024 * 1024;

/** The reference server's own endpoints: live restore links, reset, clock, faults. */
const DEV_PATH = /^\/api\/_dev(\/|$)/;

export interface HttpServerOptions {
  /**
   * Answer `/api/_dev/*` only when the request's `Host` names loopback (else 404): a server
   * on 127.0.0.1 is still reachable from a foreign page through DNS rebinding, and such a
   * request carries the foreign host name. Off with `--dev`.
   */
  devLoopbackHostOnly?: boolean;
  /**
   * Called before a request that may change state (any method but GET and HEAD). Throws an
   * `HttpError` (503 when changes cannot be saved) to answer instead of the handlers, so that
   * no write is acknowledged that was not kept, not even a repeated idempotent send.
   */
  beforeWrite?: () => void;
}

const json = (status: number, body: unknown) => Response.json(body, { status });

/**
 * The standalone HTTP server: plain `node:http` in front of the same MSW handlers the
 * browser and Node tests use (`getResponse` resolves a Request against them), so the
 * three runtimes cannot drift apart. It adds what only a real server has: CORS with
 * preflight (never for the dev endpoints), a body size limit, and the client's socket
 * address for per-client limits.
 *
 * Durability: every store change is journaled synchronously by the persistence subscriber
 * while the handler runs, so by the time `getResponse` resolves and the answer is written,
 * the change is on disk; an `HttpError` thrown by that subscriber (503) becomes the answer.
 */
export function createHttpServer(handlers: RequestHandler[], options: HttpServerOptions = {}): Server {
  return createServer((req, res) => {
    // A late write to a socket the client closed must not become an unhandled 'error'.
    res.on('error', () => {});
    const dev = DEV_PATH.test(req.url ?? '');
    handle(handlers, options, dev, req, res).catch((error: unknown) => {
      if (clientGone(req, res)) {
        // Nobody is listening for the answer: one quiet line, no stack trace.
        return console.warn(`mock-server: ${req.method} ${pathOf(req)}: the client closed the connection before the answer`);
      }
      if (error instanceof HttpError) {
        return void send(
          res,
          json(error.status, error.details ? { error: error.message, details: error.details } : { error: error.message }),
          !dev,
        );
      }
      // A handler bug: logged, and still a JSON answer rather than a hung connection.
      console.error(error);
      if (!res.headersSent) void send(res, json(500, { error: 'Internal server error' }), !dev);
      else res.destroy();
    });
  });
}

async function handle(
  handlers: RequestHandler[],
  options: HttpServerOptions,
  dev: boolean,
  req: IncomingMessage,
  res: ServerResponse,
) {
  if (dev && options.devLoopbackHostOnly && !isLoopbackHost(hostName(req.headers.host))) {
    return send(res, json(404, { error: 'No such endpoint' }), false);
  }
  if (req.method === 'OPTIONS') {
    // No CORS for the dev endpoints: refusing the preflight keeps every other origin out.
    if (dev) return send(res, json(403, { error: 'The dev endpoints take no cross-origin requests' }), false);
    return send(res, new Response(null, { status: 204 }), true);
  }

  if (UPLOAD_PATH.test(req.url ?? '')) {
    const upload = await readUploadBody(req);
    if (upload === 'too-large') {
      const refused = tooLarge();
      res.once('finish', () => discardRest(req));
      return send(res, json(413, { error: refused.message, details: refused.details }), !dev, { Connection: 'close' });
    }
    return answer(handlers, options, dev, req, res, upload);
  }
  const body = await readBody(req);
  if (body === 'too-large') return send(res, json(413, { error: `Request body larger than ${MAX_BODY_BYTES} bytes` }), !dev);
  return answer(handlers, options, dev, req, res, body);
}

/** The request, with its body read, through the handlers. */
async function answer(
  handlers: RequestHandler[],
  options: HttpServerOptions,
  dev: boolean,
  req: IncomingMessage,
  res: ServerResponse,
  body: Buffer,
) {
  let url: URL;
  try {
    url = new URL(req.url ?? '/', `http://${req.headers.host ?? '127.0.0.1'}`);
  } catch {
    return send(res, json(400, { error: 'Malformed request URL' }), !dev);
  }
  const headers = new Headers();
  for (const [key, value] of Object.entries(req.headers)) {
    if (key === CLIENT_ADDRESS_HEADER || value === undefined) continue;
    headers.set(key, Array.isArray(value) ? value.join(', ') : value);
  }
  headers.set(CLIENT_ADDRESS_HEADER, req.socket.remoteAddress ?? 'unknown');
  const hasBody = req.method !== 'GET' && req.method !== 'HEAD';
  if (hasBody) options.beforeWrite?.();
  const request = new Request(url, { method: req.method, headers, body: hasBody ? new Uint8Array(body) : undefined });

  const response = (await getResponse(handlers, request)) ?? json(404, { error: 'Not found' });
  // `HttpResponse.error()` (injected "offline") means a network failure: drop the connection.
  if (response.type === 'error') return void req.socket.destroy();
  await send(res, response, !dev);
}

/**
 * An upload's body, or 'too-large' the moment it is known to pass MAX_UPLOAD_BODY_BYTES (by
 * its Content-Length, or by counting): nothing past the limit is ever kept, and the 413
 * goes out at once instead of after a gigabyte.
 */
function readUploadBody(req: IncomingMessage): Promise<Buffer | 'too-large'> {
  if (Number(req.headers['content-length']) > MAX_UPLOAD_BODY_BYTES) return Promise.resolve('too-large');
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    const onData = (chunk: Buffer) => {
      size += chunk.length;
      if (size <= MAX_UPLOAD_BODY_BYTES) return void chunks.push(chunk);
      req.off('data', onData);
      req.pause();
      chunks.length = 0;
      resolve('too-large');
    };
    req.on('data', onData);
    req.on('end', () => resolve(Buffer.concat(chunks)));
    req.on('error', reject);
    req.on('close', () => {
      if (!req.complete) reject(new Error('aborted'));
    });
  });
}

/** After an early 413: reads what the client still sends, keeping none of it, and hangs up past MAX_DISCARDED_BYTES. */
function discardRest(req: IncomingMessage) {
  if (req.complete) return;
  let discarded = 0;
  req.on('data', (chunk: Buffer) => {
    discarded += chunk.length;
    if (discarded > MAX_DISCARDED_BYTES) req.socket.destroy();
  });
  req.resume();
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
    // Node 20 may end an aborted request with 'close' and no 'error': never leave it hanging.
    req.on('close', () => {
      if (!req.complete) reject(new Error('aborted'));
    });
  });
}

/** The client hung up mid-request (or before the answer): nothing to answer, nothing to log loudly. */
const clientGone = (req: IncomingMessage, res: ServerResponse) =>
  res.destroyed || req.socket.destroyed || (req.destroyed && !req.complete);

const pathOf = (req: IncomingMessage) => (req.url ?? '/').split('?')[0];

/** The host name of a `Host` header, without the port (`[::1]:8787` → `::1`). */
function hostName(host: string | undefined): string {
  if (!host) return '';
  const bracketed = /^\[([^\]]+)\]/.exec(host);
  return bracketed ? bracketed[1] : host.replace(/:\d+$/, '');
}

async function send(res: ServerResponse, response: Response, cors: boolean, extra: Record<string, string> = {}) {
  const headers: Record<string, string> = cors ? { ...CORS_HEADERS, ...extra } : { ...extra };
  response.headers.forEach((value, key) => (headers[key] = value));
  if (isStreaming(response)) return pipeStream(response, res, headers);
  res.writeHead(response.status, headers);
  res.end(Buffer.from(await response.arrayBuffer()));
}
