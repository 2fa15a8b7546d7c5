// `npm run bench:history [-- --runs N]`: opening a conversation of 100, 1,000 and 10,000
// messages, served from memory (no network), in <support-chat> (the built script tag, through
// window.SupportChat) and in deep-chat 2.4.2 (dist/deepChat.bundle.js, the same history through
// its `history` property), side by side in one run: the time from creating the element to the
// newest message rendered and two frames later (and when that message was first in the DOM),
// and the JS heap after a garbage collection; median of N runs, each in a fresh page. Then a
// click on the launcher to the panel painted with the panel file not yet fetched, and the sizes
// of what a page loads. Needs `npm run build`.
// Ours twice: in a page past the widget's idle prefetch (its panel and conversation files
// evaluated before the measure, as deep-chat's one script is, and as a page is by the time a
// visitor opens the widget), and with both files fetched ahead (<link rel=modulepreload>) but
// evaluated in the timed part (a widget opened as the page loads). The click on the launcher
// pays for fetching both.
import { existsSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { chromium } from 'playwright';
import { CHROMIUM_ARGS, HOW_TO_GET_A_BROWSER, findChromium } from './find-browser.mjs';
import { pageLoad } from './page-load.mjs';
import { serveStatic } from './static-server.mjs';

const { values } = parseArgs({
  options: { runs: { type: 'string', default: '3' }, counts: { type: 'string', default: '100,1000,10000' } },
});
const runs = Number(values.runs);
/** How long a page has been loaded (and, for ours, past the idle prefetch) when a measure starts. */
const SETTLE_MS = 1000;
/** What the script loads beside itself to open a conversation: the panel's views and the client's conversation parts. */
const LAZY_FILES = ['dist/panel.js', 'dist/conversation-chunk.js'];
for (const file of ['dist/support-chat.iife.js', ...LAZY_FILES, 'node_modules/deep-chat/dist/deepChat.bundle.js']) {
  if (!existsSync(file)) {
    console.error(`bench-history: ${file} is missing; run \`npm ci\` and \`npm run build\` first.`);
    process.exit(1);
  }
}
const executablePath = await findChromium();
if (!executablePath) {
  console.error(HOW_TO_GET_A_BROWSER);
  process.exit(1);
}

/** Of the runs that finished (a crashed page counts as NaN, and is left out). */
const median = (list) => {
  const sorted = list.filter((value) => !Number.isNaN(value)).sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
};

// deep-chat is measured as it ships, so these pages have no CSP (it may need inline styles).
const server = await serveStatic(process.cwd(), { csp: false });
// gc() and exact performance.memory, for the heap after a garbage collection (heapAfterGc()).
const browser = await chromium.launch({
  executablePath,
  args: [...CHROMIUM_ARGS, '--js-flags=--expose-gc', '--enable-precise-memory-info'],
});

/**
 * One measure in a fresh context: its time and the heap used afterwards (after a GC), in MB;
 * NaN for both when the page crashed (seen with deep-chat's 10,000 messages on a loaded machine).
 */
async function measure(pagePath, script, options = {}) {
  try {
    return await measureOnce(pagePath, script, options);
  } catch (error) {
    console.error(`${pagePath} ${script}: failed (${error.message.split('\n')[0]}), counted as no result`);
    return { ms: Number.NaN, shown: Number.NaN, heap: Number.NaN };
  }
}

async function measureOnce(pagePath, script, { pastIdle = false, preloadPanel = false, blockPanelUntilMeasure = false } = {}) {
  const context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
  const page = await context.newPage();
  // Refused until the measure starts: the idle prefetch fails (and is forgotten), so the click
  // pays for the fetch; the route is gone by then, so the fetch is a plain one.
  if (blockPanelUntilMeasure) for (const file of LAZY_FILES) await page.route(`**/${file}`, (route) => route.abort());
  if (preloadPanel)
    await page.addInitScript((files) => {
      document.addEventListener('DOMContentLoaded', () => {
        for (const file of files)
          document.head.append(Object.assign(document.createElement('link'), { rel: 'modulepreload', href: `/${file}` }));
      });
    }, LAZY_FILES);
  await page.goto(server.url(pagePath), { waitUntil: 'load' });
  if (pastIdle) await page.evaluate('pastIdlePrefetch()');
  // Measured in a settled page: in its first second both widgets took about twice as long (the
  // browser's own start-up of a page), which is not what a visitor meets.
  await page.waitForTimeout(SETTLE_MS);
  if (blockPanelUntilMeasure) {
    // The widget in the page, ready, and past its idle prefetch (refused).
    await page.evaluate('prepareOpen()');
    await page.waitForTimeout(500);
    for (const file of LAZY_FILES) await page.unroute(`**/${file}`);
  }
  // The heap is read as the measure ends, in the same task: deep-chat's 10,000-message page
  // keeps its thread busy for minutes afterwards, which a reading from outside would wait for.
  // A page that never finishes is reported, not waited for.
  const { ms, shown, heap } = await Promise.race([
    page.evaluate(`${script}.then((times) => ({ ...times, heap: heapAfterGc() }))`),
    page.waitForTimeout(120_000).then(() => ({ ms: Number.NaN, shown: Number.NaN, heap: Number.NaN })),
  ]);
  if (process.env.BENCH_VERBOSE) console.error(`${pagePath} ${script}: ${ms.toFixed(0)} ms`);
  await context.close();
  return { ms, shown, heap: heap / 1e6 };
}

const rows = [];
try {
  // A first page of each, not counted: the browser's and the server's own warm-up.
  await measure('/scripts/pages/bench-ours.html', 'measureOurs(10)', { preloadPanel: true });
  await measure('/scripts/pages/bench-deep-chat.html', 'measureDeepChat(10)');
  for (const count of values.counts.split(',').map(Number)) {
    const ours = [];
    const oursCold = [];
    const theirs = [];
    for (let i = 0; i < runs; i++) {
      ours.push(await measure('/scripts/pages/bench-ours.html', `measureOurs(${count})`, { pastIdle: true }));
      oursCold.push(await measure('/scripts/pages/bench-ours.html', `measureOurs(${count})`, { preloadPanel: true }));
      theirs.push(await measure('/scripts/pages/bench-deep-chat.html', `measureDeepChat(${count})`));
    }
    const row = {
      count,
      ours: median(ours.map((r) => r.ms)),
      oursHeap: median(ours.map((r) => r.heap)),
      oursShown: median(ours.map((r) => r.shown)),
      oursCold: median(oursCold.map((r) => r.ms)),
      theirs: median(theirs.map((r) => r.ms)),
      theirsHeap: median(theirs.map((r) => r.heap)),
      theirsShown: median(theirs.map((r) => r.shown)),
    };
    rows.push(row);
    console.log(
      `${count} messages: ours ${ours.map((r) => r.ms.toFixed(0)).join(', ')} ms, files evaluated in the measure ${oursCold.map((r) => r.ms.toFixed(0)).join(', ')} ms; deep-chat ${theirs.map((r) => r.ms.toFixed(0)).join(', ')} ms`,
    );
  }
  const opens = [];
  for (let i = 0; i < Math.max(runs, 5); i++)
    opens.push((await measure('/scripts/pages/bench-ours.html', 'measureOpen()', { blockPanelUntilMeasure: true })).ms);
  var open = median(opens);
  console.log(`launcher click → panel painted: ${opens.map((ms) => ms.toFixed(0)).join(', ')} ms`);
} finally {
  await browser.close();
  await server.close();
}

const { first, total } = pageLoad();

console.log(
  `\nOpening a conversation, median of ${runs} (time from creating the element to the messages rendered and two frames later, in a page loaded ${SETTLE_MS} ms before, ours past its idle prefetch but in the last column; JS heap after GC):\n`,
);
console.log(
  '| messages | support-chat | deep-chat 2.4.2 | ratio | heap, support-chat | heap, deep-chat | support-chat, its lazy files evaluated in the measure | ratio |',
);
console.log('|---:|---:|---:|---:|---:|---:|---:|---:|');
for (const r of rows) {
  console.log(
    `| ${r.count.toLocaleString('en')} | ${r.ours.toFixed(0)} ms | ${r.theirs.toFixed(0)} ms | ${(r.ours / r.theirs).toFixed(2)} | ${r.oursHeap.toFixed(1)} MB | ${r.theirsHeap.toFixed(1)} MB | ${r.oursCold.toFixed(0)} ms | ${(r.oursCold / r.theirs).toFixed(2)} |`,
  );
}
console.log(
  `\nNewest message in the DOM, median (the rest of each time above is the two frames the measure waits after it): ${rows
    .map(
      (r) =>
        `${r.count.toLocaleString('en')} messages, ours ${r.oursShown.toFixed(0)} ms, deep-chat ${r.theirsShown.toFixed(0)} ms`,
    )
    .join('; ')}`,
);
console.log(
  `\nLauncher click → panel painted with its message box, panel file not yet fetched (loopback): ${open.toFixed(0)} ms (median)`,
);
console.log(
  `First file (support-chat.iife.js): ${first} B gzip -9; with all one page can load (its language the heaviest): ${total} B`,
);
