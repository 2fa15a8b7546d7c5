// The widget embedded the ways users embed it, each loaded in Chromium against the reference
// server (in this process, over HTTP), `embeds: N passed, N failed` last:
// - the CDN tag: dist/ served from another origin, the IIFE with `integrity` and
//   `crossorigin`; the panel opens, German and a formatted reply load their lazy files; then
//   the same with an import map pinning the lazy files, and with a wrong pin, which must block.
// - a React 19 app (support-chat/react under StrictMode) and a Vue 3 app (an SFC with
//   isCustomElement), built here with Vite into a temp folder from the built dist/: they render,
//   set a property, receive events, and after unmount/remount cycles leave one client alive
//   (then none): counted as Web Locks held or waited for, and as requests in a short window.
// Run with `node --import tsx scripts/check-embeds.mjs` (the reference server is TypeScript),
// after `npm run build`.
import react from '@vitejs/plugin-react';
import vue from '@vitejs/plugin-vue';
import { cpSync, existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createServer } from 'node:http';
import { tmpdir } from 'node:os';
import { extname, join, normalize } from 'node:path';
import { chromium } from 'playwright';
import { build } from 'vite';
import { createHandlers } from '../mock-server/handlers/index.js';
import { createHttpServer } from '../mock-server/http/server.js';
import { CHROMIUM_ARGS, HOW_TO_GET_A_BROWSER, findChromium } from './find-browser.mjs';
import { integrityOf } from './integrity.mjs';
import { checkReport } from './check-report.mjs';

const root = new URL('..', import.meta.url).pathname;
const dist = join(root, 'dist');
const TYPES = { '.js': 'text/javascript', '.html': 'text/html', '.json': 'application/json', '.map': 'application/json' };
const started = Date.now();
const checks = checkReport('embeds', { suffix: () => ` [${((Date.now() - started) / 1000).toFixed(1)} s]` });
const { report } = checks;

/** A static file server for `dir`; `extra` answers first (the API, generated pages). */
function serve(dir, { cors = false, extra } = {}) {
  const server = createServer((req, res) => {
    if (extra?.(req, res)) return;
    const path = normalize(decodeURIComponent((req.url ?? '/').split('?')[0]));
    const file = join(dir, path.endsWith('/') ? `${path}index.html` : path);
    if (!file.startsWith(dir) || !existsSync(file)) {
      res.writeHead(404).end('not found');
      return;
    }
    res.writeHead(200, {
      'Content-Type': TYPES[extname(file)] ?? 'application/octet-stream',
      ...(cors ? { 'Access-Control-Allow-Origin': '*' } : {}),
    });
    res.end(readFileSync(file));
  });
  return new Promise((resolve) => server.listen(0, '127.0.0.1', () => resolve(server)));
}
const portOf = (server) => server.address().port;

if (!existsSync(join(dist, 'support-chat.iife.js')) || !existsSync(join(dist, 'react.js'))) {
  console.error('check-embeds: dist/ is not built; run `npm run build` first.');
  process.exit(1);
}
const executablePath = await findChromium();
if (!executablePath) {
  console.error(HOW_TO_GET_A_BROWSER);
  process.exit(1);
}

// The framework apps, built as a user's bundler would, from dist/ (what npm ships).
const out = mkdtempSync(join(tmpdir(), 'support-chat-frameworks-'));
const alias = [
  { find: /^support-chat\/react$/, replacement: join(dist, 'react.js') },
  { find: /^support-chat$/, replacement: join(dist, 'support-chat.js') },
];
const apps = {
  react: [react()],
  // The documented setting: without it Vue tries to resolve <support-chat> as a Vue component.
  vue: [vue({ template: { compilerOptions: { isCustomElement: (tag) => tag === 'support-chat' } } })],
};
const buildStart = Date.now();
for (const [name, plugins] of Object.entries(apps)) {
  await build({
    configFile: false,
    root: join(root, 'test/frameworks', name),
    base: `/${name}/`,
    logLevel: 'warn',
    // Development React: StrictMode's mount, unmount, mount happens only there.
    mode: 'development',
    define: { 'process.env.NODE_ENV': '"development"' },
    plugins,
    resolve: { alias },
    build: { outDir: join(out, name), emptyOutDir: true, minify: false, target: 'es2022' },
  });
  // As the README says for bundlers: the files loaded on demand go beside the bundle's script.
  for (const lazy of ['panel.js', 'conversation-chunk.js', 'rich-content.js', 'locales']) {
    cpSync(join(dist, lazy), join(out, name, 'assets', lazy), { recursive: true });
  }
}
console.log(`built the React and Vue apps in ${Date.now() - buildStart} ms`);

// The site: pages, apps and /api (the reference server) on 127.0.0.1; the "CDN": dist/ on localhost.
const reference = createHttpServer(createHandlers());
const pages = new Map();
const site = await serve(out, {
  extra(req, res) {
    const path = (req.url ?? '').split('?')[0];
    if (path.startsWith('/api/')) {
      reference.emit('request', req, res);
      return true;
    }
    if (path === '/favicon.ico') {
      res.writeHead(204).end();
      return true;
    }
    if (pages.has(path)) {
      res.writeHead(200, { 'Content-Type': 'text/html' }).end(pages.get(path));
      return true;
    }
    return false;
  },
});
const cdnServer = await serve(dist, { cors: true });
const siteOrigin = `http://127.0.0.1:${portOf(site)}`;
const cdn = `http://localhost:${portOf(cdnServer)}/`;
const hashes = integrityOf(dist);

const browser = await chromium.launch({ executablePath, args: CHROMIUM_ARGS });

/** A fresh page (own storage) that records every request and console error. */
async function openPage() {
  const context = await browser.newContext();
  const page = await context.newPage();
  // The widgets here poll, as against a plain backend (no extensions said): the checks count
  // polls, and add the formatted reply to a polled answer.
  await page.route('**/api/conversations/v1/widget/capabilities', (route) => route.fulfill({ json: {} }));
  const requests = [];
  const errors = [];
  page.on('request', (r) => requests.push(r));
  page.on('console', (m) => m.type() === 'error' && errors.push(m.text()));
  page.on('pageerror', (e) => errors.push(String(e)));
  return { context, page, requests, errors };
}

const greeting = (page) => page.locator('support-chat [part~=greeting]').first();
const RICH_REPLY = {
  id: 'rich-1',
  content: 'plain fallback',
  rich_content: {
    type: 'doc',
    content: [{ type: 'paragraph', content: [{ type: 'text', text: 'bold', marks: [{ type: 'bold' }] }] }],
  },
  author_type: 'support',
  author_name: 'Ada',
  created_at: '2030-01-01T00:00:01.000Z',
};

/** Opens the panel, switches to German, sends, and shows a formatted reply (added to the real answer). */
async function cdnFlow(page, { expectGerman = true } = {}) {
  await page.route('**/api/conversations/v1/widget/messages/*', async (route) => {
    const response = await route.fetch();
    const json = await response.json();
    json.messages = [...(json.messages ?? []), RICH_REPLY];
    await route.fulfill({ response, json });
  });
  await page.locator('support-chat').evaluate((el) => customElements.whenDefined('support-chat').then(() => el.updateComplete));
  await page.locator('support-chat [part~=launcher]').click();
  await greeting(page).waitFor({ timeout: 5000 });
  const english = await greeting(page).textContent();
  await page.locator('support-chat').evaluate((el) => el.setAttribute('locale', 'de'));
  let german = '';
  try {
    await page.waitForFunction(
      (before) => {
        const el = document.querySelector('support-chat');
        const deep = (n) => [n, ...[...(n.shadowRoot?.querySelectorAll('*') ?? []), ...n.querySelectorAll('*')].flatMap(deep)];
        return deep(el).some(
          (n) => n.getAttribute?.('part')?.split(' ').includes('greeting') && n.textContent.trim() !== before.trim(),
        );
      },
      english,
      { timeout: expectGerman ? 5000 : 1500 },
    );
    german = (await greeting(page).textContent()).trim();
  } catch {
    // stays English: the check says so
  }
  if (!expectGerman) return { english, german };
  await page.locator('support-chat [part~=input]').fill('Hi');
  const sent = page.waitForResponse((r) => r.url().endsWith('/widget/message') && r.request().method() === 'POST');
  await page.locator('support-chat [part~=send-button]').click();
  // The reply comes with the next poll (5 s while open); `online` polls at once.
  await sent;
  await page.evaluate(() => dispatchEvent(new Event('online')));
  await page.locator('support-chat li[part~=message-team] .rich').first().waitFor({ timeout: 8000 });
  return { english, german };
}

const scriptTag = (sri) =>
  `<script src="${cdn}support-chat.iife.js" integrity="${sri}" crossorigin="anonymous"></script>\n<support-chat token="demo-widget-token"></support-chat>`;
const importMap = (integrity) => `<script type="importmap">${JSON.stringify({ integrity })}</script>`;
const page = (body) =>
  `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>CDN</title></head><body>${body}</body></html>`;
const lazyFiles = Object.keys(hashes).filter((f) => f !== 'support-chat.iife.js');

try {
  // 1. The README's tag: integrity on the script, crossorigin; lazy files load beside it.
  pages.set('/cdn.html', page(scriptTag(hashes['support-chat.iife.js'])));
  {
    const { context, page: p, requests, errors } = await openPage();
    await p.goto(`${siteOrigin}/cdn.html`);
    const { german } = await cdnFlow(p);
    const fromCdn = requests.filter((r) => r.url().startsWith(cdn));
    const loaded = await Promise.all(fromCdn.map(async (r) => [r.url().slice(cdn.length), (await r.response())?.status()]));
    report(german.startsWith('Hallo'), `CDN tag with integrity + crossorigin: panel opens, German loads ("${german}")`);
    report(
      loaded.some(([f]) => f === 'rich-content.js'),
      'CDN tag: a formatted reply loads rich-content.js',
    );
    report(
      loaded.every(([, status]) => status === 200),
      `CDN tag: every file from the CDN loaded (${loaded.map(([f, s]) => `${f} ${s}`).join(', ')})`,
    );
    report(errors.length === 0, `CDN tag: no console errors${errors.length ? `: ${errors.join(' | ')}` : ''}`);
    await context.close();
  }

  // 2. A wrong hash on the tag: the browser refuses the script (so the attribute is really checked).
  pages.set('/cdn-bad.html', page(scriptTag(`sha384-${'A'.repeat(64)}`)));
  {
    const { context, page: p } = await openPage();
    await p.goto(`${siteOrigin}/cdn-bad.html`);
    const defined = await p.evaluate(() => !!customElements.get('support-chat'));
    report(!defined, 'CDN tag: a wrong integrity hash blocks the script');
    await context.close();
  }

  // 3. A strict site pins the lazy files too: an import map's "integrity", from the printed hashes.
  const pinned = Object.fromEntries(lazyFiles.map((f) => [`${cdn}${f}`, hashes[f]]));
  pages.set('/cdn-pinned.html', page(importMap(pinned) + scriptTag(hashes['support-chat.iife.js'])));
  {
    const { context, page: p, errors } = await openPage();
    await p.goto(`${siteOrigin}/cdn-pinned.html`);
    const { german } = await cdnFlow(p);
    report(
      german.startsWith('Hallo') && errors.length === 0,
      `import map integrity: pinned lazy files load (${lazyFiles.join(', ')})`,
    );
    await context.close();
  }
  const wrong = { ...pinned, [`${cdn}locales/de.js`]: `sha384-${'A'.repeat(64)}` };
  pages.set('/cdn-pinned-bad.html', page(importMap(wrong) + scriptTag(hashes['support-chat.iife.js'])));
  {
    const { context, page: p } = await openPage();
    await p.goto(`${siteOrigin}/cdn-pinned-bad.html`);
    const { german } = await cdnFlow(p, { expectGerman: false });
    report(
      !german.startsWith('Hallo'),
      'import map integrity: a wrong pin for locales/de.js blocks it (the widget stays English)',
    );
    await context.close();
  }

  // 4. The framework apps.
  for (const name of Object.keys(apps)) {
    const { context, page: p, requests, errors } = await openPage();
    await p.goto(`${siteOrigin}/${name}/`);
    const el = p.locator('support-chat');
    await el.evaluate((e) => customElements.whenDefined('support-chat').then(() => e.updateComplete));
    const title = `Help from ${name === 'react' ? 'React' : 'Vue'}`;
    await p.waitForFunction(() => window.app.events.includes('ready'));
    const position = await el.getAttribute('position');
    await p.locator('support-chat [part~=launcher]').click();
    await p.locator('support-chat [part~=title]').first().waitFor();
    const shownTitle = (await p.locator('support-chat [part~=title]').first().textContent()).trim();
    report(
      position === 'bottom-left' && shownTitle === title,
      `${name}: renders with an attribute and a property (title "${shownTitle}")`,
    );
    await p.waitForFunction(() => window.app.events.includes('open:true'));
    await p.waitForSelector('[data-open=true]');
    await el.evaluate((e) => e.sendMessage(`Hi from the app`));
    await p.waitForFunction(() => window.app.events.some((e) => e.startsWith('sent:')));
    report(true, `${name}: receives typed events (${await p.evaluate(() => window.app.events.join(', '))})`);

    /** Clients alive: each started client holds or waits for its tab-leader lock. */
    const clients = () => p.evaluate(async () => ((q) => q.held.length + q.pending.length)(await navigator.locks.query()));
    /** Requests to /api/ in `ms` after `online` (every polling client polls at once on it). */
    const requestsAfterOnline = async (ms) => {
      // Quiet first: a poll in flight at `online` is followed by one more (never two at once).
      for (let seen = -1; seen !== requests.length;) {
        seen = requests.length;
        await p.waitForTimeout(300);
      }
      const from = requests.length;
      await p.evaluate(() => dispatchEvent(new Event('online')));
      await p.waitForTimeout(ms);
      return requests
        .slice(from)
        .filter((r) => r.url().includes('/api/'))
        .map((r) => `${r.method()} ${new URL(r.url()).pathname}`);
    };
    for (let cycle = 1; cycle <= 3; cycle++) {
      await p.evaluate(() => window.app.unmount());
      await p.evaluate(() => window.app.mount());
      await p.waitForFunction(() => document.querySelector('support-chat')?.isAvailable?.());
    }
    const alive = await clients();
    const polls = await requestsAfterOnline(700);
    report(
      alive === 1 && polls.length > 0 && new Set(polls).size === polls.length,
      `${name}: after 3 unmount/remount cycles one client is alive (${alive}; on 'online': ${polls.join(', ') || 'no request'})`,
    );
    await p.evaluate(() => window.app.unmount());
    await p.waitForTimeout(100);
    const left = await clients();
    const after = await requestsAfterOnline(1200);
    report(
      left === 0 && after.length === 0,
      `${name}: after the final unmount no client and no request (${left} clients; ${after.length} requests in 1.2 s)`,
    );
    report(errors.length === 0, `${name}: no console errors${errors.length ? `: ${errors.join(' | ')}` : ''}`);
    await context.close();
  }
} catch (error) {
  report(false, `embeds: ${error.stack ?? error}`);
} finally {
  await browser.close();
  site.close();
  cdnServer.close();
  rmSync(out, { recursive: true, force: true });
}
console.log(`took ${((Date.now() - started) / 1000).toFixed(1)} s`);
console.log(checks.summary());
process.exit(checks.failed ? 1 : 0);
