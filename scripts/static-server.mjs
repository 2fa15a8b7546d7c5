// A static file server on loopback for the scripts that drive the built files in Chromium
// (check-bundle.mjs, bench-history.mjs): the repository's files as they are, each page under
// the strict Content-Security-Policy of test/browser/ui/csp.test.ts (unless told otherwise), so
// the built script is proved to need neither inline code nor eval.
import { createReadStream, existsSync, statSync } from 'node:fs';
import { createServer } from 'node:http';
import { extname, join, normalize } from 'node:path';

const TYPES = { '.js': 'text/javascript', '.html': 'text/html', '.map': 'application/json', '.css': 'text/css' };
export const STRICT_CSP =
  "default-src 'self'; script-src 'self'; style-src 'self'; connect-src 'self'; img-src 'self' data:; worker-src 'self'; object-src 'none'; base-uri 'none'";

/** Serves `root` (under the strict CSP unless `csp: false`); resolves with `url(path)` and `close()`. */
export async function serveStatic(root = process.cwd(), { csp = true } = {}) {
  const server = createServer((req, res) => {
    const path = normalize(decodeURIComponent((req.url ?? '/').split('?')[0]));
    const file = join(root, path);
    if (!file.startsWith(root) || !existsSync(file) || !statSync(file).isFile()) {
      res.writeHead(404).end();
      return;
    }
    const headers = { 'Content-Type': TYPES[extname(file)] ?? 'application/octet-stream', 'Cache-Control': 'no-store' };
    if (csp) headers['Content-Security-Policy'] = STRICT_CSP;
    res.writeHead(200, headers);
    createReadStream(file).pipe(res);
  });
  await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address();
  return { url: (path) => `http://127.0.0.1:${port}${path}`, close: () => new Promise((resolve) => server.close(resolve)) };
}
