// `npm run bench:live [-- --replies N --seconds S]`: the live stream against polling, on loopback.
//
//  1. Latency: from a team reply's POST returning to its text in the widget's DOM, p50 and p95
//     over N replies (default 20), on the live stream (reference flavour) and by polling
//     (posthog flavour: no capabilities, default 5 s open interval), side by side.
//  2. Requests per minute with the panel open, in one tab and in three (goal: 0 polls, 1 stream).
//  3. Recovery: the standalone server killed with `kill -9` and restarted with the same `--data`;
//     every message sent meanwhile (by the visitor while it was down, by the team at once after)
//     must be shown exactly once.
//
// The standalone server (mock-server/http/main.ts) is spawned on 127.0.0.1; Playwright drives the
// Debian Chromium. The page is the IIFE build (built here), served by routing one URL of the
// server's origin, so the widget talks to the server same-origin. Printed, not asserted.
// Goals: p50 < 150 ms, p95 < 400 ms on loopback.
import { spawn, execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { chromium } from 'playwright';
import { CHROMIUM_ARGS, HOW_TO_GET_A_BROWSER, findChromium } from './find-browser.mjs';

const { values } = parseArgs({
  options: { replies: { type: 'string', default: '20' }, seconds: { type: 'string', default: '30' } },
});
const REPLIES = Number(values.replies);
const SECONDS = Number(values.seconds);
const ROOT = new URL('..', import.meta.url);
const TOKEN = 'demo-widget-token';
const TEAM = { Authorization: 'Bearer demo-api-key', 'Content-Type': 'application/json' };
const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

const executablePath = await findChromium();
if (!executablePath) {
  console.error(HOW_TO_GET_A_BROWSER);
  process.exit(1);
}
// The script tag's file and those it loads beside itself (the panel, the conversation parts,
// formatted messages, other languages), as `npm start` builds them.
for (const mode of ['iife', 'panel', 'conversation', 'locales']) {
  execFileSync(new URL('../node_modules/.bin/vite', import.meta.url).pathname, ['build', '--mode', mode, '--logLevel', 'warn'], {
    cwd: ROOT,
    stdio: 'inherit',
  });
}
const script = readFileSync(new URL('../dist/support-chat.iife.js', import.meta.url), 'utf8');
const BESIDE = /\/(panel|conversation-chunk|rich-content|locales\/[\w-]+)\.js$/;
const dir = mkdtempSync(join(tmpdir(), 'bench-live-'));

const freePort = () =>
  new Promise((resolve) => {
    const probe = createServer().listen(0, '127.0.0.1', () => {
      const { port } = probe.address();
      probe.close(() => resolve(port));
    });
  });

/** The standalone server, resolved once it listens. */
function startServer(port, args = []) {
  const child = spawn(
    process.execPath,
    ['--import', 'tsx', 'mock-server/http/main.ts', '--port', String(port), '--host', '127.0.0.1', ...args],
    {
      cwd: ROOT,
      stdio: ['ignore', 'pipe', 'pipe'],
    },
  );
  return new Promise((resolve, reject) => {
    let out = '';
    const onData = (chunk) => {
      out += chunk;
      if (/listening on/.test(out)) resolve(child);
    };
    child.stdout.on('data', onData);
    child.stderr.on('data', onData);
    child.once('exit', (code) => reject(new Error(`server exited (${code}):\n${out}`)));
  });
}
const kill = (child, signal = 'SIGTERM') =>
  new Promise((resolve) => {
    if (child.exitCode !== null || child.signalCode !== null) return resolve();
    child.once('exit', resolve);
    child.kill(signal);
  });

/** A page of the server's origin with the widget, its panel open, a conversation started. */
async function widgetPage(context, base, { first = true } = {}) {
  await context.route(`${base}bench.html`, (route) =>
    route.fulfill({
      contentType: 'text/html',
      body: `<!doctype html><html lang="en"><body><support-chat token="${TOKEN}"></support-chat><script src="/bench.js"></script></body></html>`,
    }),
  );
  await context.route(`${base}bench.js`, (route) => route.fulfill({ contentType: 'text/javascript', body: script }));
  await context.route(BESIDE, (route) =>
    route.fulfill({ path: new URL(`../dist/${BESIDE.exec(route.request().url())[1]}.js`, import.meta.url).pathname }),
  );
  const page = await context.newPage();
  await page.goto(`${base}bench.html`);
  await page.waitForFunction(() => document.querySelector('support-chat')?.isAvailable?.());
  await page.evaluate(async (first) => {
    const chat = document.querySelector('support-chat');
    chat.openPanel();
    if (first && !chat.getCurrentTicketId()) await chat.sendMessage('Benchmark conversation');
    // Resolves with the epoch time at which `text` is first in the message list's DOM.
    window.benchSeen = (text) =>
      new Promise((resolve) => {
        const list = () => chat.shadowRoot?.querySelector('support-chat-message-list')?.shadowRoot;
        const found = () => list()?.textContent.includes(text);
        if (found()) return resolve(performance.timeOrigin + performance.now());
        const observer = new MutationObserver(() => {
          if (found()) {
            observer.disconnect();
            resolve(performance.timeOrigin + performance.now());
          }
        });
        observer.observe(list() ?? chat.shadowRoot, { subtree: true, childList: true, characterData: true });
      });
  }, first);
  return page;
}

const ticketOf = (page) => page.evaluate(() => document.querySelector('support-chat').getCurrentTicketId());
const channelOf = (page) => page.evaluate(() => document.querySelector('support-chat').getState().channel);
const reply = async (base, ticketId, content) => {
  const response = await fetch(`${base}api/projects/1/conversations/tickets/${ticketId}/messages`, {
    method: 'POST',
    headers: TEAM,
    body: JSON.stringify({ content, author_name: 'Bench' }),
  });
  if (!response.ok) throw new Error(`reply: ${response.status}`);
};
const percentile = (sorted, p) => sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)];

async function latency(browser, flavor) {
  const port = await freePort();
  const base = `http://127.0.0.1:${port}/`;
  const server = await startServer(port, ['--flavor', flavor]);
  const context = await browser.newContext();
  try {
    const page = await widgetPage(context, base);
    const ticketId = await ticketOf(page);
    await sleep(1500);
    const channel = await channelOf(page);
    const times = [];
    for (let i = 0; i < REPLIES; i++) {
      const text = `${flavor} reply ${i} ${Math.random().toString(36).slice(2)}`;
      const seen = page.evaluate((text) => window.benchSeen(text), text);
      await reply(base, ticketId, text);
      const returned = Date.now();
      times.push((await seen) - returned);
      await sleep(100);
    }
    times.sort((a, b) => a - b);
    return { channel, p50: percentile(times, 50), p95: percentile(times, 95) };
  } finally {
    await context.close();
    await kill(server);
  }
}

async function requestsPerMinute(browser, tabs) {
  const port = await freePort();
  const base = `http://127.0.0.1:${port}/`;
  const server = await startServer(port);
  const context = await browser.newContext();
  try {
    let polls = 0;
    let streams = 0;
    let other = 0;
    context.on('request', (request) => {
      const path = new URL(request.url()).pathname;
      if (!path.startsWith('/api/conversations/v1/widget/')) return;
      if (path.endsWith('/stream')) streams++;
      else if (request.method() === 'GET' && /\/(tickets|messages\/)/.test(path)) polls++;
      else other++;
    });
    for (let i = 0; i < tabs; i++) await widgetPage(context, base, { first: i === 0 });
    await sleep(3000); // start-up is not the steady state
    [polls, streams, other] = [0, 0, 0];
    await sleep(SECONDS * 1000);
    return { polls: (polls * 60) / SECONDS, streams: (streams * 60) / SECONDS, other: (other * 60) / SECONDS };
  } finally {
    await context.close();
    await kill(server);
  }
}

async function recovery(browser) {
  const port = await freePort();
  const base = `http://127.0.0.1:${port}/`;
  const data = join(dir, 'state.json');
  let server = await startServer(port, ['--data', data]);
  const context = await browser.newContext();
  try {
    const page = await widgetPage(context, base);
    const ticketId = await ticketOf(page);
    await sleep(1500);
    await kill(server, 'SIGKILL');
    const visitor = ['v1', 'v2', 'v3'].map((v) => `visitor while down ${v}`);
    await page.evaluate((texts) => texts.forEach((t) => void document.querySelector('support-chat').sendMessage(t)), visitor);
    await sleep(3000);
    const restarted = Date.now();
    server = await startServer(port, ['--data', data]);
    const team = ['t1', 't2', 't3'].map((t) => `team after restart ${t}`);
    for (const text of team) await reply(base, ticketId, text);
    const all = [...visitor, ...team];
    await page.waitForFunction(
      (texts) => {
        const state = document.querySelector('support-chat').getState();
        return (
          texts.every((t) => state.messages.some((m) => m.content === t && m.delivery === 'sent')) && state.channel === 'live'
        );
      },
      all,
      { timeout: 60_000, polling: 50 },
    );
    const recovered = Date.now() - restarted;
    await sleep(2000);
    const counts = await page.evaluate((texts) => {
      const messages = document.querySelector('support-chat').getState().messages;
      return texts.map((t) => messages.filter((m) => m.content === t).length);
    }, all);
    return { recovered, exactlyOnce: counts.every((n) => n === 1), counts };
  } finally {
    await context.close();
    await kill(server);
  }
}

const browser = await chromium.launch({ executablePath, args: CHROMIUM_ARGS });
try {
  const live = await latency(browser, 'reference');
  const polled = await latency(browser, 'posthog');
  console.log(
    `\nReply latency, POST returned → text in the widget's DOM, over ${REPLIES} replies (goal p50 < 150 ms, p95 < 400 ms):`,
  );
  console.log(
    `  ${'live stream'.padEnd(28)} p50 ${live.p50.toFixed(0).padStart(6)} ms   p95 ${live.p95.toFixed(0).padStart(6)} ms   (channel: ${live.channel})`,
  );
  // Each reply is posted just after the last was shown, i.e. just after a poll: close to a full 5 s interval.
  console.log(
    `  ${'polling (posthog flavour)'.padEnd(28)} p50 ${polled.p50.toFixed(0).padStart(6)} ms   p95 ${polled.p95.toFixed(0).padStart(6)} ms   (channel: ${polled.channel})`,
  );
  console.log(`\nWidget requests per minute with the panel open (over ${SECONDS} s; goal 0 polls, 1 stream per browser):`);
  for (const tabs of [1, 3]) {
    const r = await requestsPerMinute(browser, tabs);
    console.log(
      `  ${`${tabs} tab(s)`.padEnd(28)} polls ${r.polls.toFixed(1)}   stream (re)connections ${r.streams.toFixed(1)}   other ${r.other.toFixed(1)}`,
    );
  }
  const r = await recovery(browser);
  console.log(
    `\nRecovery after kill -9 and a restart with the same --data: all 6 messages shown ${r.recovered} ms after the restart began; exactly once: ${r.exactlyOnce ? 'yes' : `NO (${r.counts.join(', ')})`}`,
  );
} finally {
  await browser.close();
  rmSync(dir, { recursive: true, force: true });
}
