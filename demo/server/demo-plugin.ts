import { existsSync, readFileSync } from 'node:fs';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { fileURLToPath } from 'node:url';
import type { Plugin } from 'vite';

const dist = fileURLToPath(new URL('../../dist/', import.meta.url));
const TYPES: Record<string, string> = { '.js': 'text/javascript', '.map': 'application/json' };

/**
 * What the demo needs from the dev server beyond Vite's defaults:
 * - `/dist/…`: the built script, for the page that loads only `support-chat.iife.js`.
 * - `/api/…`: the reference server in Node, for pages that do not run it in the browser
 *   (the IIFE page). Pages that do are answered by their service worker and never get here.
 * - `POST /demo/webhook`: a receiver for the inbox's webhooks page to send to; it answers 204
 *   (and `?fail=1`: 500, to watch the retries).
 * - `….js` that is TypeScript in the sources: the widget loads its locale tables from a URL
 *   computed at run time (`./locales/de.js`), which Vite does not map to `de.ts` by itself.
 */
export function demoPlugin(): Plugin {
  return {
    name: 'support-chat-demo',
    apply: 'serve',
    async configureServer(server) {
      const { handlers } = await import('../../mock-server/handlers/index.js');
      const { createHttpServer } = await import('../../mock-server/http/server.js');
      // Its request listener is the reference server; no port is opened.
      const reference = createHttpServer(handlers);

      server.middlewares.use((req: IncomingMessage, res: ServerResponse, next: () => void) => {
        const path = (req.url ?? '').split('?')[0];
        if (path.startsWith('/api/')) {
          reference.emit('request', req, res);
          return;
        }
        if (path === '/demo/webhook' && req.method === 'POST') {
          req.resume(); // the body is not needed, only read to its end
          res.statusCode = (req.url ?? '').includes('fail=1') ? 500 : 204;
          res.end();
          return;
        }
        if (path.startsWith('/dist/')) {
          const file = dist + path.slice('/dist/'.length);
          if (!file.startsWith(dist) || !existsSync(file)) {
            res.statusCode = 404;
            res.end('Not built: run `npm run build`.');
            return;
          }
          res.setHeader('Content-Type', TYPES[file.slice(file.lastIndexOf('.'))] ?? 'application/octet-stream');
          res.end(readFileSync(file));
          return;
        }
        if (path.startsWith('/@fs/') && path.endsWith('.js')) {
          const ts = path.slice('/@fs'.length).replace(/\.js$/, '.ts');
          if (!existsSync(path.slice('/@fs'.length)) && existsSync(ts)) req.url = `/@fs${ts}`;
        }
        next();
      });
    },
  };
}
